"""What a reader downloads: the weight of every kind of page of a built glossary.

    python -m bench.weights --entries 2000,10000     # build the bench corpus at each size, then weigh its pages
    python -m bench.weights --site site/             # weigh a site already built

For each kind of page (home, entry, category, level, tag, A–Z letter, their
later parts, search, 404) it reports how many there are and, for the
heaviest of them by gzipped size, the HTML's bytes, its gzipped bytes (level
6, what a static host that compresses sends) and its element count (every
start tag the HTML parser meets, the figure `document.querySelectorAll('*')`
gives to within a few elements the parser would add, such as `<tbody>`).
The stylesheet and script are shared by every page and cached after the
first; they are not counted here.

The runner (`python -m bench`) records the same figures for each corpus it
builds; the issue's targets are at most 60 KB gzipped and about 1,500
elements for every page.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

GZIP_BUDGET = 60 * 1024
ELEMENT_BUDGET = 1500
# Top folders of a site and the kind of page each holds; an nth part (`.../page/N/`) is a kind of its own.
KINDS = {"glossary": "entry", "category": "category", "level": "level", "tag": "tag", "a-z": "letter"}
ORDER = ("home", "entry", "category", "level", "tag", "letter", "search", "404")
NAMES = {
    "home": "Home",
    "entry": "Entry",
    "category": "Category",
    "level": "Level",
    "tag": "Tag",
    "letter": "A–Z letter",
    "search": "Search",
    "404": "Not found (404)",
}


class _Counter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1


def elements(html: str) -> int:
    """How many elements the page's HTML holds (inline SVG included)."""
    counter = _Counter()
    counter.feed(html)
    counter.close()
    return counter.elements


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass(frozen=True, slots=True)
class Weight:
    """One page: where it is and what it weighs."""

    path: str
    html: int  # bytes
    gzip: int  # bytes
    elements: int


def weigh(site: Path, file: Path) -> Weight:
    data = file.read_bytes()
    path = file.relative_to(site).as_posix().removesuffix("index.html")
    return Weight(path, len(data), gzipped(data), elements(data.decode("utf-8")))


def kind_of(path: str, languages: Iterable[str] = ()) -> str:
    """The kind of page at a site path ('category/x/page/2/' -> 'category, later parts')."""
    parts = path.strip("/").split("/") if path.strip("/") else []
    if parts and parts[0] in set(languages):
        parts = parts[1:]
    if not parts:
        return "home"
    if parts == ["404.html"]:
        return "404"
    if parts[0] == "search":
        return "search"
    kind = KINDS.get(parts[0], "other")
    return f"{kind} part" if len(parts) >= 4 and parts[-2] == "page" else kind


def weigh_site(site: Path) -> dict[str, dict[str, Any]]:
    """Per kind of page: how many, the median gzipped size and the heaviest page (by gzipped size) in full."""
    languages = [p.name for p in site.iterdir() if (p / "glossary").is_dir()]  # other languages' roots
    found: dict[str, list[Weight]] = {}
    for file in sorted(site.rglob("*.html")):
        if "pagefind" in file.relative_to(site).parts:
            continue
        weight = weigh(site, file)
        found.setdefault(kind_of(weight.path, languages), []).append(weight)
    out: dict[str, dict[str, Any]] = {}
    for kind in sorted(found, key=_order):
        pages = found[kind]
        heaviest = max(pages, key=lambda w: (w.gzip, w.elements, w.path))
        out[kind] = {
            "pages": len(pages),
            "median_gzip": statistics.median(w.gzip for w in pages),
            "most_elements": max(w.elements for w in pages),
            "heaviest": asdict(heaviest),
        }
    return out


def _order(kind: str) -> tuple[int, str]:
    base = kind.removesuffix(" part")
    return (ORDER.index(base) if base in ORDER else len(ORDER), kind)


def kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def table(by_size: Mapping[int, Mapping[str, Mapping[str, Any]]]) -> str:
    """The weights as a Markdown table: a row per corpus size and kind of page."""
    lines = [
        "| entries | page | pages | heaviest | HTML | gzipped | elements | median gzipped | most elements |",
        "|---:|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for entries in sorted(by_size):
        for i, (kind, w) in enumerate(by_size[entries].items()):
            base = kind.removesuffix(" part")
            name = NAMES.get(base, base) + (", later parts" if kind.endswith(" part") else "")
            h = w["heaviest"]
            over = " ⚠" if h["gzip"] > GZIP_BUDGET or w["most_elements"] > ELEMENT_BUDGET else ""
            lines.append(
                f"| {f'{entries:,}' if i == 0 else ''} | {name}{over} | {w['pages']:,} | `/{h['path']}` "
                f"| {kb(h['html'])} | {kb(h['gzip'])} | {h['elements']:,} | {kb(w['median_gzip'])} "
                f"| {w['most_elements']:,} |"
            )
    return "\n".join(lines)


def summary(weights: Mapping[str, Mapping[str, Any]]) -> str:
    """One line: each kind's heaviest page, gzipped, and the most elements on a page of that kind."""
    return "; ".join(
        f"{kind} {kb(w['heaviest']['gzip'])} ({w['most_elements']:,} elements)" for kind, w in weights.items()
    )


def over_budget(weights: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The kinds of page whose heaviest page is over 60 KB gzipped or holds over 1,500 elements."""
    return [
        kind
        for kind, w in weights.items()
        if w["heaviest"]["gzip"] > GZIP_BUDGET or w["most_elements"] > ELEMENT_BUDGET
    ]


def build_corpus(entries: int, seed: int) -> Path:
    """The bench corpus of `entries`, built by the Glossator in this tree into bench/out/sites/weights-N."""
    from bench.run import OUT, ensure_corpus
    from glossator.cli import main as glossator

    root = ensure_corpus(entries, seed)
    out = OUT / "sites" / f"weights-{entries}"
    if glossator(["build", "--root", str(root / "glossator"), "--out", str(out)]) != 0:
        raise SystemExit(f"weights: building the {entries:,}-entry corpus failed")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.weights", description=__doc__.splitlines()[0])
    parser.add_argument("--entries", default="2000,10000", help="corpus sizes, comma-separated (default 2000,10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site", type=Path, help="weigh this built site instead of building the corpus")
    args = parser.parse_args(argv)
    if args.site:
        entries = sum(1 for _ in args.site.glob("glossary/*/index.html"))
        results = {entries: weigh_site(args.site)}
    else:
        results = {n: weigh_site(build_corpus(n, args.seed)) for n in (int(x) for x in args.entries.split(","))}
    print(table(results))
    over = {n: over_budget(w) for n, w in results.items() if over_budget(w)}
    for n, kinds in over.items():
        print(f"over the budget at {n:,} entries: {', '.join(kinds)}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
