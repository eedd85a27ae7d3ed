"""What the header's search box fetches on the first keystroke: the name index's manifest and one chunk.

    python -m bench.corpus --entries 2000 --out /tmp/corpus-2000
    python build.py build --root /tmp/corpus-2000/glossator --out /tmp/site-2000 --base-url http://127.0.0.1/
    python -m bench.keystroke /tmp/site-2000

serves the built site over http on 127.0.0.1, and for each letter a to z
opens the home page in headless Chromium (/usr/bin/chromium, or CHROME_PATH),
focuses the box, types the letter and waits for the list.  It counts the
requests for the name index and their bytes as served (this server does not
compress), and what a host sending gzip would transfer for the same files.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import statistics
import string
import sys
import threading
from pathlib import Path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path) -> list[tuple[str, int, int, int]]:
    """For each letter: requests for the index, bytes served, bytes a gzip host would send."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        with sync_playwright() as p:
            chromium = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"], headless=True)
            for letter in string.ascii_lowercase:
                page = browser.new_page()
                asked: list[str] = []
                page.on("request", lambda r, asked=asked: asked.append(r.url) if "/search/names/" in r.url else None)
                page.goto(base)
                box = page.locator("#site-search-input")
                box.focus()
                box.press_sequentially(letter)
                page.locator("#site-search-list [role=option]").first.wait_for()
                page.wait_for_load_state("networkidle")
                files = [(site / url.removeprefix(base)).read_bytes() for url in asked]
                rows.append(
                    (letter, len(asked), sum(map(len, files)), sum(len(gzip.compress(f, 6, mtime=0)) for f in files))
                )
                page.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.keystroke", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site served at its root")
    args = parser.parse_args(argv)
    rows = measure(args.site)
    for letter, requests, raw, packed in rows:
        print(f"{letter}: {requests} requests, {raw / 1000:.1f} KB served, {packed / 1000:.1f} KB gzipped")
    raws, packs = [r[2] for r in rows], [r[3] for r in rows]
    print(f"largest {max(raws) / 1000:.1f} KB ({max(packs) / 1000:.1f} KB gzipped); ", end="")
    print(f"median {statistics.median(raws) / 1000:.1f} KB ({statistics.median(packs) / 1000:.1f} KB gzipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
