"""How long the comparison diagram takes per entry, inline and standalone, on the benchmark corpus.

    python -m bench.diagram_speed                      # 500 entries, written to /tmp/glossator-diagram-corpus
    python -m bench.diagram_speed --entries 2000 --passes 5
    python -m bench.diagram_speed --profile            # cProfile one cold pass; prints the top costs

A build renders each comparison twice, inline and standalone, so one "diagram"
below is both calls.  *Cold* starts with every diagram and text-measuring cache
empty (the fonts stay loaded, as they would after the first entry of a build):
what a fresh `glossator build` pays.  *Warm* repeats the same pass with the
caches as the cold pass left them: what a rebuild in `glossator serve` pays.
Times are CPU time of this process per diagram (both variants), best of `--passes`: CPU time,
not wall time, so that other work on a shared machine disturbs the figures less.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from bench.corpus import write_corpus
from glossator.build.pipeline import Project, check, load_config
from glossator.content.model import Comparison
from glossator.diagram import svg as diagram
from glossator.diagram import textfit

Job = tuple[Comparison, str, dict[str, str]]


def load(entries: int, out: Path) -> list[Job]:
    root = out / "glossator"
    if not (root / "content").is_dir() or len(list((root / "content").glob("*.md"))) != entries:
        write_corpus(entries, out)
    project = Project.at(root)
    config = load_config(project)
    glossary = check(project, config).glossary
    assert glossary is not None
    return [
        (e.comparison, config.credit_line, config.labels) for e in glossary.entries.values() if e.comparison is not None
    ]


def clear_caches() -> None:
    """Empty every cache the diagram keeps, except the loaded fonts."""
    modules: list[ModuleType] = [diagram, textfit]
    if "glossator.diagram.layout" in sys.modules:  # not there before the layout was split out
        modules.append(sys.modules["glossator.diagram.layout"])
    for module in modules:
        for name, value in vars(module).items():
            if name != "_face" and hasattr(value, "cache_clear"):
                value.cache_clear()


def one_pass(jobs: list[Job]) -> float:
    start = time.process_time()
    for comparison, credit, labels in jobs:
        diagram.render_svg(comparison, credit=credit, standalone=False, id_prefix="d", labels=labels)
        diagram.render_svg(comparison, credit=credit, standalone=True, labels=labels)
    return time.process_time() - start


def best(jobs: list[Job], passes: int, before: Callable[[], None]) -> float:
    times = []
    for _ in range(passes):
        before()
        times.append(one_pass(jobs))
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--out", type=Path, default=Path("/tmp/glossator-diagram-corpus"))
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    jobs = load(args.entries, args.out)
    diagram.render_svg(jobs[0][0], credit="x", standalone=True)  # load the fonts
    if args.profile:
        clear_caches()
        profiler = cProfile.Profile()
        profiler.enable()
        one_pass(jobs)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return 0

    cold = best(jobs, args.passes, clear_caches)
    warm = best(jobs, args.passes, lambda: None)

    def per(seconds: float) -> float:
        return seconds / len(jobs) * 1000

    print(f"{len(jobs)} diagrams (inline + standalone each), best of {args.passes} passes")
    print(f"cold: {per(cold):7.3f} ms per diagram   ({cold:.2f} s in all)")
    print(f"warm: {per(warm):7.3f} ms per diagram   ({warm:.2f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
