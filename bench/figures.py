"""The benchmark's figures: medians per measure and column, the tables, the saved results and their recording.

Three columns: Glossator, Hugo + Pagefind (each Hugo build with Pagefind run
over its output straight after, as one figure) and Hugo alone.  A size's
measured samples look like this:

    {"builds": {"glossator": {"first": [...], "cold": [...], "rebuild": [...], "edit": [...]},
                "hugo": {"cold": [...], "rebuild": [...], "edit": [...]},
                "pagefind": {"cold": [...], "rebuild": [...], "edit": [...]}},   # over those Hugo builds, run for run
     "check": {"cold": [...], "edit": [...]},
     "serve": {"glossator": {...}, "hugo": {...}},
     "pages": {"home": {"pages": 1, "median_gzip": ..., "most_elements": ..., "heaviest": {...}}, ...}}

`pages` (what a reader downloads, from bench/weights.py) is missing from results recorded before it.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from bench import chart, weights
from bench.measure import Sample, in_turn

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
FIGURES_START, FIGURES_END = "<!-- figures:start -->", "<!-- figures:end -->"
GLOSSATOR, STACK, HUGO = "glossator", "stack", "hugo"
COLUMNS = (GLOSSATOR, STACK, HUGO)
NAMES = {GLOSSATOR: "Glossator", STACK: "Hugo + Pagefind", HUGO: "Hugo"}

Medians = dict[str, dict[str, float | None]]


def median(samples: Sequence[Sample], field: str) -> float:
    return float(statistics.median(getattr(s, field) for s in samples))


def columns(size: Mapping[str, Any]) -> dict[str, dict[str, list[Sample]]]:
    """Each column's builds by kind.

    Hugo + Pagefind's builds are Hugo's with the Pagefind run that followed each.  Hugo keeps nothing that a
    fresh clone lacks once its cache and `resources/` are gone, so its first build is its cold build.
    """
    builds = size["builds"]
    hugo = dict(builds[HUGO])
    pagefind = builds.get("pagefind", {})
    stack = {
        kind: [in_turn(h, p) for h, p in zip(samples, pagefind[kind], strict=True)]
        for kind, samples in hugo.items()
        if pagefind.get(kind)
    }
    for made in (hugo, stack):
        if "cold" in made:
            made.setdefault("first", made["cold"])
    return {GLOSSATOR: builds[GLOSSATOR], STACK: stack, HUGO: hugo}


def summary(size: Mapping[str, Any]) -> Medians:
    """Medians per column and measure: seconds, bytes; None where a column has no such measure."""
    check = size["check"]
    out: Medians = {}
    for column, builds in columns(size).items():

        def of(kind: str, field: str, builds: dict[str, list[Sample]] = builds) -> float | None:
            return median(builds[kind], field) if builds.get(kind) else None

        def checked(kind: str, field: str, column: str = column) -> float | None:
            return median(check[kind], field) if column == GLOSSATOR and check[kind] else None

        serve = size["serve"].get(column)
        out[column] = {
            "first_wall": of("first", "wall"),
            "first_cpu": of("first", "cpu"),
            "first_peak": of("first", "peak_rss"),
            "cold_wall": of("cold", "wall"),
            "cold_cpu": of("cold", "cpu"),
            "cold_peak": of("cold", "peak_rss"),
            "rebuild_wall": of("rebuild", "wall"),
            "edit_wall": of("edit", "wall"),
            "check_wall": checked("cold", "wall"),
            "check_cpu": checked("cold", "cpu"),
            "check_edit_wall": checked("edit", "wall"),
            "serve_edit": statistics.median(serve["latencies"]) if serve else None,
            "serve_start": serve["startup"] if serve else None,
        }
    return out


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:,.0f} ms" if value < 1 else f"{value:,.1f} s"


def fmt_bytes(value: float | None) -> str:
    return "–" if value is None else f"{value / 2**20:,.0f} MiB"


def ratio(ours: float | None, theirs: float | None) -> str:
    return f"{ours / theirs:.2f}×" if ours is not None and theirs else "–"


FRESH = "**First build of a fresh clone** (no `.glossator-cache/`, no output; every share card drawn, search indexed)"
CARDS_KEPT = "Cold build, share cards kept from an earlier build (no other cache, no output)"
CHANGED = "`build` again after one entry's prose changed (with the cache the previous build left)"
MEASURES: tuple[tuple[str, str, Callable[[float | None], str]], ...] = (
    ("first_wall", f"{FRESH}, wall", fmt_seconds),
    ("first_cpu", "First build of a fresh clone, CPU (user+sys)", fmt_seconds),
    ("first_peak", "First build of a fresh clone, peak memory", fmt_bytes),
    ("cold_wall", f"{CARDS_KEPT}, wall", fmt_seconds),
    ("cold_cpu", "Cold build, share cards kept, CPU (user+sys)", fmt_seconds),
    ("cold_peak", "Cold build, share cards kept, peak memory", fmt_bytes),
    ("rebuild_wall", "`build` again with nothing changed, wall", fmt_seconds),
    ("edit_wall", f"{CHANGED}, wall", fmt_seconds),
    ("check_wall", "`check` with no cache, wall", fmt_seconds),
    ("check_cpu", "`check` with no cache, CPU", fmt_seconds),
    ("check_edit_wall", "`check` again after one entry's prose changed (with its cache), wall", fmt_seconds),
    ("serve_edit", "Preview: save to new page served, median", fmt_seconds),
    ("serve_start", "Preview: start to first page", fmt_seconds),
)


def by_size(results: Mapping[str, Any]) -> list[tuple[int, Medians]]:
    return sorted((int(n), summary(size)) for n, size in results["sizes"].items())


def table(results: Mapping[str, Any]) -> str:
    lines = [
        "| entries | measure | Glossator | Hugo + Pagefind | Hugo | Glossator ÷ (Hugo + Pagefind) | Glossator ÷ Hugo |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for entries, m in by_size(results):
        g, s, h = (m[c] for c in COLUMNS)
        for i, (key, label, fmt) in enumerate(MEASURES):
            lines.append(
                f"| {f'{entries:,}' if i == 0 else ''} | {label} | {fmt(g[key])} | {fmt(s[key])} | {fmt(h[key])} "
                f"| {ratio(g[key], s[key])} | {ratio(g[key], h[key])} |"
            )
        for key, what in (("cold_wall", "wall"), ("cold_cpu", "CPU")):
            per = [m[c][key] for c in COLUMNS]
            shown = " | ".join("–" if v is None else f"{v / entries * 1000:.1f} ms" for v in per)
            lines.append(f"| | Cold build (share cards kept) per entry, {what} | {shown} | | |")
    return "\n".join(lines)


def headline(results: Mapping[str, Any]) -> str:
    """The first build of a fresh clone at each size, against Hugo + Pagefind and against Hugo alone."""
    lines = []
    for entries, m in by_size(results):
        g, s, h = (m[c]["first_wall"] for c in COLUMNS)
        if g is None:
            continue
        stack = f"Hugo + Pagefind {fmt_seconds(s)} ({ratio(g, s)})" if s is not None else "Hugo + Pagefind not measured"
        lines.append(
            f"First build of a fresh clone, {entries:,} entries: Glossator {fmt_seconds(g)}; {stack}; "
            f"Hugo alone {fmt_seconds(h)} ({ratio(g, h)})."
        )
    return "\n".join(lines)


def targets(results: Mapping[str, Any]) -> str:
    """The targets, each against the largest corpus where what it needs was measured."""
    medians = dict(by_size(results))
    rows = ["| target | measured | at | met? |", "|---|---|---:|---|"]

    def row(
        name: str,
        needs: Sequence[tuple[str, str]],
        measured: Callable[[Medians], str],
        met: Callable[[Medians], bool],
    ) -> None:
        found = [n for n, m in medians.items() if all(m[column][key] is not None for column, key in needs)]
        if not found:
            rows.append(f"| {name} | not measured | | – |")
            return
        n = max(found)
        rows.append(f"| {name} | {measured(medians[n])} | {n:,} | {'yes' if met(medians[n]) else '**no**'} |")

    def value(m: Medians, column: str, key: str) -> float:
        found = m[column][key]
        assert found is not None  # `row` picks only sizes where it was measured
        return found

    def no_slower(name: str, kind: str) -> None:
        wall, cpu = f"{kind}_wall", f"{kind}_cpu"

        def measured(m: Medians) -> str:
            return (
                f"{ratio(m[GLOSSATOR][wall], m[STACK][wall])} Hugo + Pagefind's wall time "
                f"({ratio(m[GLOSSATOR][cpu], m[STACK][cpu])} its CPU; {ratio(m[GLOSSATOR][wall], m[HUGO][wall])} "
                f"Hugo alone's wall time)"
            )

        row(
            f"{name} no slower than Hugo + Pagefind (aim: half its time)",
            [(c, k) for c in COLUMNS for k in (wall, cpu)],
            measured,
            lambda m: value(m, GLOSSATOR, wall) <= value(m, STACK, wall),
        )

    no_slower("First build of a fresh clone", "first")
    no_slower("Cold build, share cards kept,", "cold")
    row(
        "`build` again with nothing changed: at most 0.1× Hugo's build",
        [(GLOSSATOR, "rebuild_wall"), (HUGO, "cold_wall")],
        lambda m: f"{ratio(m[GLOSSATOR]['rebuild_wall'], m[HUGO]['cold_wall'])} Hugo's build",
        lambda m: value(m, GLOSSATOR, "rebuild_wall") <= 0.1 * value(m, HUGO, "cold_wall"),
    )
    row(
        "`build` after one entry's prose changed: at most 1 s",
        [(GLOSSATOR, "edit_wall")],
        lambda m: (
            fmt_seconds(m[GLOSSATOR]["edit_wall"])
            + (f" (Hugo + Pagefind {fmt_seconds(m[STACK]['edit_wall'])})" if m[STACK]["edit_wall"] else "")
        ),
        lambda m: value(m, GLOSSATOR, "edit_wall") <= 1,
    )
    row(
        "Edit while serving: new page within 100 ms of the save, median",
        [(GLOSSATOR, "serve_edit")],
        lambda m: (
            fmt_seconds(m[GLOSSATOR]["serve_edit"])
            + (f" (Hugo {fmt_seconds(m[HUGO]['serve_edit'])})" if m[HUGO]["serve_edit"] else "")
        ),
        lambda m: value(m, GLOSSATOR, "serve_edit") <= 0.1,
    )
    row(
        "`check` with no cache: at most 10 s",
        [(GLOSSATOR, "check_wall")],
        lambda m: fmt_seconds(m[GLOSSATOR]["check_wall"]),
        lambda m: value(m, GLOSSATOR, "check_wall") <= 10,
    )
    row(
        "`check` after one entry's prose changed, with its cache: at most 1 s",
        [(GLOSSATOR, "check_edit_wall")],
        lambda m: fmt_seconds(m[GLOSSATOR]["check_edit_wall"]),
        lambda m: value(m, GLOSSATOR, "check_edit_wall") <= 1,
    )
    row(
        "Peak memory of the cold build at most 0.25× Hugo's",
        [(GLOSSATOR, "cold_peak"), (HUGO, "cold_peak")],
        lambda m: (
            f"{ratio(m[GLOSSATOR]['cold_peak'], m[HUGO]['cold_peak'])} Hugo's, "
            f"{ratio(m[GLOSSATOR]['cold_peak'], m[STACK]['cold_peak'])} Hugo + Pagefind's "
            f"({fmt_bytes(m[GLOSSATOR]['cold_peak'])})"
        ),
        lambda m: value(m, GLOSSATOR, "cold_peak") <= 0.25 * value(m, HUGO, "cold_peak"),
    )
    large = [n for n in medians if n >= 1000]  # below that, start-up costs hide the cost per entry
    if len(large) < 2:
        rows.append(
            "| Cost per entry flat from 1,000 to 10,000 entries | not measured (needs two sizes ≥ 1,000) | | – |"
        )
    else:
        lo, hi = large[0], large[-1]
        for key, what in (("cold_wall", "wall"), ("cold_cpu", "CPU")):
            growth = (value(medians[hi], GLOSSATOR, key) / hi) / (value(medians[lo], GLOSSATOR, key) / lo)
            rows.append(
                f"| Cost per entry flat from {lo:,} to {hi:,} entries ({what}) | "
                f"{growth:.2f}× the per-entry cost at {lo:,} | {hi:,} | {'yes' if growth <= 1.2 else '**no**'} |"
            )
    return "\n".join(rows)


def load_note(results: Mapping[str, Any]) -> str:
    busy = [
        s.busy_before
        for size in results["sizes"].values()
        for builds in size["builds"].values()
        for samples in builds.values()
        for s in samples
    ]
    cores = results["machine"]["cores"]
    return (
        f"other processes kept a median {statistics.median(busy):.1f} of the {cores} cores busy just before each "
        f"build (from {min(busy):.1f} to {max(busy):.1f})"
    )


def to_json(results: Mapping[str, Any]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, Sample):
            return value.as_dict()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    data: dict[str, Any] = plain(results)
    data["medians"] = {entries: summary(size) for entries, size in results["sizes"].items()}
    return data


def from_json(data: dict[str, Any]) -> dict[str, Any]:
    """The results `to_json` wrote, with their samples as Sample objects again (also from earlier layouts)."""
    for size in data["sizes"].values():
        for builds in size["builds"].values():
            for kind, samples in builds.items():
                builds[kind] = [Sample(**s) for s in samples]
        check = size["check"]
        if isinstance(check, list):  # recorded before `check` was also timed after a change
            check = {"cold": check, "edit": []}
        size["check"] = {kind: [Sample(**s) for s in samples] for kind, samples in check.items()}
    data.pop("medians", None)
    return data


def figures_markdown(results: Mapping[str, Any]) -> str:
    m, v = results["machine"], results["versions"]
    pagefind = f", Pagefind {v['pagefind']}" if "pagefind" in v else ""
    return "\n".join(
        [
            f"Measured {results['date']} on {m['cores']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, {m['system']}; "
            f"Python {v['python']}, Hugo {v['hugo'].split('-')[0]}{pagefind}, Glossator at {v['glossator']}. "
            f"Builds per tool and size: {results['runs']} (medians shown); preview edits per tool: {results['edits']}; "
            f"{load_note(results)}.",
            "",
            headline(results),
            "",
            "![Glossator, Hugo + Pagefind and Hugo on the benchmark corpus, measure by measure](results.svg)",
            "",
            table(results),
            "",
            "Against the targets, each at the largest corpus where it was measured:",
            "",
            targets(results),
            *reader(results),
        ]
    )


def reader(results: Mapping[str, Any]) -> list[str]:
    """What each kind of page of Glossator's build weighs, at each size where it was weighed."""
    weighed = {int(n): size["pages"] for n, size in results["sizes"].items() if size.get("pages")}
    if not weighed:
        return []
    return [
        "",
        "What a reader downloads: each kind of page of Glossator's build, the heaviest by gzipped HTML "
        "(targets: at most 60 KB gzipped and about 1,500 elements; ⚠ marks a kind over either):",
        "",
        weights.table(weighed),
    ]


def record(results: Mapping[str, Any]) -> None:
    """Write results.json, results.svg and the figures section of the README."""
    (HERE / "results.json").write_text(json.dumps(to_json(results), indent=1) + "\n")
    largest = max(results["sizes"], key=int)
    medians = summary(results["sizes"][largest])
    (HERE / "results.svg").write_text(chart.draw(medians, int(largest), results["date"], results.get("note", "")))
    text = README.read_text()
    start, end = text.index(FIGURES_START) + len(FIGURES_START), text.index(FIGURES_END)
    README.write_text(text[:start] + "\n" + figures_markdown(results) + "\n" + text[end:])
