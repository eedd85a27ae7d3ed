"""How long a share card takes to draw, on the benchmark corpus's cards.

    python -m bench.card_speed                         # 400 entries, written to /tmp/glossator-card-corpus
    python -m bench.card_speed --entries 2000 --passes 5
    python -m bench.card_speed --profile               # cProfile 200 cards; the costs by kind, then the top ones

Every card of the corpus (one per entry, and the site's) is drawn `--passes`
times in this process, with no card cache.  *First cards* is what the first 20
cost with every face, backdrop and row cache empty: what each worker of a first
build pays once.  The median is over all the other draws.  Times are CPU time
of this process, so that other work on a shared machine disturbs them less.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from bench.corpus import write_corpus
from glossator.build.pipeline import Project, check, load_config
from glossator.pages.cards import CardSpec, card_specs, draw_card

FIRST = 20
LAYOUT, DRAWING, PNG, CONVERSION = (
    "text layout and measurement",
    "drawing and rasterising",
    "PNG filtering and zlib",
    "image mode conversion",
)
# Python functions by what they are for (anything else is drawing) ...
LAYOUT_FUNCTIONS = {"wrap", "_split_long", "_ellipsize", "_title_font", "_title_face", "_one_line", "_clean"}
FILES = {"png.py": PNG, "ImageFont.py": LAYOUT}
CONVERSION_FUNCTIONS = {"tobytes", "crop", "_getencoder"}  # in Image.py: reading pixels out as bytes
# ... and Pillow's and the standard library's C functions; others count for whoever calls them.
BUILTINS = {
    "compress": PNG,
    "flush": PNG,
    "adler32": PNG,
    "crc32": PNG,
    "getlength": LAYOUT,
    "category": LAYOUT,
    "normalize": LAYOUT,
    "render": DRAWING,
    "draw_bitmap": DRAWING,
    "encode": CONVERSION,
}


def load(entries: int, out: Path) -> list[CardSpec]:
    root = out / "glossator"
    if not (root / "content").is_dir() or len(list((root / "content").glob("*.md"))) != entries:
        write_corpus(entries, out)
    project = Project.at(root)
    glossary = check(project, load_config(project)).glossary
    assert glossary is not None
    return [spec for _, spec in sorted(card_specs(glossary).items())]


def timed(spec: CardSpec) -> tuple[float, int]:
    start = time.process_time()
    size = len(draw_card(spec))
    return time.process_time() - start, size


def profile(specs: list[CardSpec]) -> None:
    for spec in specs[-FIRST:]:
        draw_card(spec)  # fill the caches with other cards than the profiled ones
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for spec in specs[:200]:
        draw_card(spec)
    profiler.disable()
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]
    owners = _enclosing_functions()
    kinds: Counter[str] = Counter()

    def kind_of(key: tuple[str, int, str]) -> str | None:
        path, line, name = key
        if path == "~":
            match = re.match(r"<(?:built-in method (?:[\w.]+\.)?|method ')(\w+)", name)
            return BUILTINS.get(match.group(1) if match else name)
        function = owners.get((path, line), name)
        if path.endswith("Image.py") and function in CONVERSION_FUNCTIONS:
            return CONVERSION
        if function == "encode_png" or FILES.get(Path(path).name) == PNG:
            return PNG
        if function in LAYOUT_FUNCTIONS or (path.endswith("glyphs.py") and function not in ("draw", "_glyph")):
            return LAYOUT
        return FILES.get(Path(path).name, DRAWING)

    for key, (_, _, own, _, callers) in entries.items():
        kind = kind_of(key)
        if kind is not None:
            kinds[kind] += own
        else:  # a C function with no kind of its own: its time goes to its callers' kinds
            for caller, (_, _, caller_own, _) in callers.items():
                kinds[kind_of(caller) or DRAWING] += caller_own
    cards = min(200, len(specs))
    total = sum(kinds.values())
    print(f"{cards} cards under cProfile: {total / cards * 1000:.2f} ms of CPU a card")
    for kind, seconds in kinds.most_common():
        print(f"  {kind:30s} {seconds / cards * 1000:6.2f} ms  {seconds / total:4.0%}")
    stats.sort_stats("tottime").print_stats(20)


def _enclosing_functions() -> dict[tuple[str, int], str]:
    """(file, line) of each comprehension in the card modules -> the function it is in."""
    found: dict[tuple[str, int], str] = {}
    names = ("glossator.pages.cards", "glossator.pages.glyphs", "glossator.pages.png")
    for module in (sys.modules[name] for name in names if name in sys.modules):
        for function in vars(module).values():
            code = getattr(getattr(function, "__wrapped__", function), "__code__", None)
            if code is None or code.co_filename != module.__file__:
                continue
            for inner in code.co_consts:
                if hasattr(inner, "co_firstlineno"):
                    found[(code.co_filename, inner.co_firstlineno)] = code.co_name
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=400)
    parser.add_argument("--out", type=Path, default=Path("/tmp/glossator-card-corpus"))
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    specs = load(args.entries, args.out)
    if args.profile:
        profile(specs)
        return 0
    first = [timed(spec)[0] for spec in specs[:FIRST]]
    rest = [timed(spec) for spec in specs[FIRST:]]
    for _ in range(args.passes - 1):
        rest += [timed(spec) for spec in specs]
    times = [seconds for seconds, _ in rest]
    sizes = [size for _, size in rest]
    print(f"{len(specs)} cards, {args.passes} passes")
    print(f"first cards: {sum(first) / FIRST * 1000:7.2f} ms a card, caches empty")
    print(f"median:      {statistics.median(times) * 1000:7.2f} ms a card (p90 {quantile(times, 0.9) * 1000:.2f} ms)")
    print(f"size:        {statistics.median(sizes) / 1000:7.1f} KB median, {max(sizes) / 1000:.1f} KB largest")
    return 0


def quantile(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * q))]


if __name__ == "__main__":
    raise SystemExit(main())
