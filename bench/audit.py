"""Lighthouse scores of the built glossary: the home page and an entry page.

    python -m bench.audit [--root .] [--entry fine-tuning] [--preset mobile|desktop|both]
    python -m bench.audit --corpus 10000 [--preset mobile]    # the benchmark corpus of that many entries

With `--corpus N` the project is the benchmark's generated corpus of N entries
(bench/out/corpus-N, written first if need be), the entry is its first, and a
category listing's first and second pages and an A–Z letter's page are audited too.

Builds the project into a temporary folder with base_url set to a local
address, serves it the way a static host does (gzip for text, long cache
lifetimes for fingerprinted assets), and runs Lighthouse 12.2.3 from npm
(`npx`) against Debian's Chromium (`CHROME_PATH`, default /usr/bin/chromium).
Prints the four category scores per page.  Needs Node.js with npm; the first
run downloads Lighthouse into npm's cache.

This is an audit, not a test: Lighthouse's performance score depends on the
machine it runs on.  The README's "Quality" section records a run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt")


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves a folder like a typical static host: gzip for text, immutable caching for /assets/."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not self.path.split("?")[0].endswith("/") and Path(self.translate_path(self.path)).is_dir():
            return super().send_head()  # the redirect to the trailing slash
        if not path.is_file() or path.suffix not in COMPRESSIBLE or not accepts_gzip:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", self._cache_control())
        self.end_headers()
        return _Body(body)

    def end_headers(self) -> None:
        if not any(line.startswith(b"Cache-Control") for line in getattr(self, "_headers_buffer", [])):
            self.send_header("Cache-Control", self._cache_control())
        super().end_headers()

    def _cache_control(self) -> str:
        return "public, max-age=31536000, immutable" if "/assets/" in self.path else "public, max-age=600"


class _Body:
    """A file-like body for SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build(root: Path, out: Path, base_url: str) -> None:
    from glossator.cli import main as glossator

    if glossator(["build", "--root", str(root), "--out", str(out), "--base-url", base_url]) != 0:
        raise SystemExit("audit: the build failed")


def lighthouse(url: str, preset: str, report: Path) -> dict[str, int]:
    npx = shutil.which("npx")
    if npx is None:
        raise SystemExit("audit: npx is missing; install Node.js with npm")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    command = [
        npx,
        "--yes",
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    result = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, check=False, timeout=600
    )
    if result.returncode != 0 or not report.is_file():
        raise SystemExit(f"audit: lighthouse failed on {url}:\n{result.stderr[-4000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failing = [
        f"    {audit['id']}: {audit['title']}"
        for audit in data["audits"].values()
        if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"
    ]
    if failing:
        print("  failing audits:\n" + "\n".join(failing), file=sys.stderr)
    return scores


def listing_pages(site: Path, base: str) -> dict[str, str]:
    """A category's first page, its second when it has one, and the first A–Z letter's page when there are such."""
    found: dict[str, str] = {}
    category = min(p.parent for p in site.glob("category/*/index.html"))
    found["category"] = f"{base}{category.relative_to(site).as_posix()}/"
    if (category / "page" / "2" / "index.html").is_file():
        found["page 2"] = f"{found['category']}page/2/"
    letters = sorted(p.parent for p in site.glob("a-z/*/index.html"))
    if letters:
        found["a-z"] = f"{base}{letters[0].relative_to(site).as_posix()}/"
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--entry", default="fine-tuning", help="the entry page to audit (a slug)")
    parser.add_argument("--preset", choices=("mobile", "desktop", "both"), default="both")
    parser.add_argument("--corpus", type=int, metavar="N", help="audit the benchmark corpus of N entries instead")
    parser.add_argument("--seed", type=int, default=1, help="the corpus's seed (with --corpus)")
    args = parser.parse_args(argv)
    if args.corpus:
        from bench.run import ensure_corpus

        args.root = ensure_corpus(args.corpus, args.seed) / "glossator"
        args.entry = sorted(args.root.glob("content/*.md"))[0].stem

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="glossator-audit-") as tmp:
        site = Path(tmp) / "site"
        build(args.root, site, base)
        handler = functools.partial(StaticHost, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            presets = ("mobile", "desktop") if args.preset == "both" else (args.preset,)
            pages = {"home": base, "entry": f"{base}glossary/{args.entry}/"}
            if args.corpus:
                pages.update(listing_pages(site, base))
            print(f"{'page':<8} {'preset':<8} " + " ".join(f"{c:>14}" for c in CATEGORIES))
            worst = 100
            for preset in presets:
                for name, url in pages.items():
                    scores = lighthouse(url, preset, Path(tmp) / f"{name}-{preset}.json")
                    worst = min(worst, *scores.values())
                    print(f"{name:<8} {preset:<8} " + " ".join(f"{scores[c]:>14}" for c in CATEGORIES), flush=True)
        finally:
            server.shutdown()
            server.server_close()
    return 0 if worst >= 95 else 1


if __name__ == "__main__":
    raise SystemExit(main())
