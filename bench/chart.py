"""The benchmark chart: one group of horizontal bars per measure, Glossator beside Hugo + Pagefind and Hugo.

Drawn in the site's own style (the theme's accent and greys, its system font
stack, light and dark), as plain SVG with a title and a description that say
every number the bars show.  Each group has its own scale; a dashed line marks
the target where there is one.  A column with no such measure gets no bar.

    python -m bench.chart [results.json] [out.svg]     # redraw from recorded figures
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from xml.sax.saxutils import escape

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif'
WIDTH = 760
LABEL_W = 124  # the column names left of the bars
BAR_X = 24 + LABEL_W
BAR_MAX = WIDTH - BAR_X - 150  # room on the right for the value
BAR_H = 18
GROUP_GAP = 26
COLUMNS = (("glossator", "Glossator"), ("stack", "Hugo + Pagefind"), ("hugo", "Hugo"))
LEGEND_X = {"glossator": WIDTH - 330, "stack": WIDTH - 232, "hugo": WIDTH - 82}

Medians = Mapping[str, Mapping[str, float | None]]


def seconds(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 1 else f"{value:,.1f} s"


def mebibytes(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB"


def _times(column: str, key: str, factor: float = 1.0) -> Callable[[Medians], float | None]:
    def target(medians: Medians) -> float | None:
        value = medians.get(column, {}).get(key)
        return None if value is None else factor * value

    return target


def _fixed(value: float) -> Callable[[Medians], float | None]:
    return lambda medians: value


# key, heading, format, target (from every column's medians) and how the target reads
MEASURES: tuple[tuple[str, str, Callable[[float], str], Callable[[Medians], float | None] | None, str], ...] = (
    (
        "first_wall",
        "First build of a fresh clone, wall time",
        seconds,
        _times("stack", "first_wall"),
        "target: no slower than Hugo + Pagefind",
    ),
    ("first_cpu", "First build of a fresh clone, CPU time (user + system)", seconds, None, ""),
    (
        "cold_wall",
        "Cold build, share cards kept, wall time",
        seconds,
        _times("stack", "cold_wall"),
        "target: no slower than Hugo + Pagefind",
    ),
    (
        "cold_peak",
        "Cold build, peak memory (process tree)",
        mebibytes,
        _times("hugo", "cold_peak", 0.25),
        "target: a quarter of Hugo's",
    ),
    (
        "rebuild_wall",
        "Build again with nothing changed, wall time",
        seconds,
        _times("hugo", "cold_wall", 0.1),
        "target: a tenth of Hugo's build",
    ),
    ("edit_wall", "Build again after one entry's prose changed, wall time", seconds, _fixed(1.0), "target: 1 s"),
    ("check_wall", "Check with no cache, wall time", seconds, _fixed(10.0), "target: 10 s"),
    ("check_edit_wall", "Check after one entry changed, wall time", seconds, _fixed(1.0), "target: 1 s"),
    ("serve_edit", "Preview: save to new page served (median)", seconds, _fixed(0.1), "target: 100 ms"),
)

STYLE = f"""
  text {{ font-family: {FONT}; fill: #1c1e24; }}
  .bg {{ fill: #faf9f6; }}
  .muted {{ fill: #5a606c; }}
  .glossator {{ fill: #3442c2; }}
  .stack {{ fill: #4f5561; }}
  .hugo {{ fill: #8c919b; }}
  .rule {{ stroke: #e4e2dc; }}
  .target {{ stroke: #a35a00; stroke-dasharray: 4 3; }}
  .target-text {{ fill: #a35a00; }}
  @media (prefers-color-scheme: dark) {{
    text {{ fill: #e7e8eb; }}
    .bg {{ fill: #14161b; }}
    .muted {{ fill: #a5aab5; }}
    .glossator {{ fill: #9aa5ff; }}
    .stack {{ fill: #b6bbc5; }}
    .hugo {{ fill: #7c828e; }}
    .rule {{ stroke: #2f333c; }}
    .target {{ stroke: #f0a64a; }}
    .target-text {{ fill: #f0a64a; }}
  }}
"""


def draw(medians: Medians, entries: int, date: str, note: str = "") -> str:
    """The chart as SVG text, from the medians `bench.figures.summary` gives for one corpus size."""
    parts: list[str] = []
    said: list[str] = []
    y = 84
    for key, heading, fmt, target_of, target_text in MEASURES:
        bars = [(c, name, v) for c, name in COLUMNS if (v := medians.get(c, {}).get(key)) is not None]
        if not bars:
            continue
        if len(bars) == 1:
            heading += f" ({bars[0][1]} only)"
        target = target_of(medians) if target_of else None
        scale = max([v for _, _, v in bars] + ([target] if target is not None else [])) or 1.0
        parts.append(f'<text x="24" y="{y}" font-size="14" font-weight="600">{escape(heading)}</text>')
        if target is not None:
            parts.append(
                f'<text x="{WIDTH - 24}" y="{y}" font-size="12" text-anchor="end" class="target-text">'
                f"{escape(target_text)}</text>"
            )
        y += 10
        top = y
        for column, name, value in bars:
            parts.append(f'<text x="24" y="{y + 13}" font-size="13" class="muted">{name}</text>')
            width = max(2.0, BAR_MAX * value / scale)
            parts.append(f'<rect x="{BAR_X}" y="{y}" width="{width:.1f}" height="{BAR_H}" rx="3" class="{column}"/>')
            parts.append(f'<text x="{BAR_X + width + 8:.1f}" y="{y + 13}" font-size="13">{escape(fmt(value))}</text>')
            said.append(f"{heading}: {name} {fmt(value)}")
            y += BAR_H + 6
        if target is not None:
            x = BAR_X + BAR_MAX * target / scale
            parts.append(
                f'<line x1="{x:.1f}" y1="{top - 3}" x2="{x:.1f}" y2="{y - 3}" class="target" stroke-width="1.5"/>'
            )
            said.append(f"{heading}: {target_text} ({fmt(target)})")
        y += GROUP_GAP
    height = y
    title = f"Glossator, Hugo + Pagefind and Hugo, the same {entries:,}-entry glossary"
    desc = f"Medians measured {date}; shorter bars are better. {note} " + "; ".join(said) + "."
    legend = [
        item
        for column, name in COLUMNS
        for item in (
            f'<rect x="{LEGEND_X[column]}" y="46" width="12" height="12" rx="2" class="{column}"/>',
            f'<text x="{LEGEND_X[column] + 18}" y="56" font-size="13">{name}</text>',
        )
    ]
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(desc)}</desc>',
        f"<style>{STYLE}</style>",
        f'<rect class="bg" width="{WIDTH}" height="{height}" rx="12"/>',
        f'<text x="24" y="34" font-size="18" font-weight="700">{escape(title)}</text>',
        f'<text x="24" y="56" font-size="13" class="muted">Medians, {escape(date)}. Shorter is better.'
        f"{' ' + escape(note) if note else ''}</text>",
        *legend,
        f'<line x1="24" y1="68" x2="{WIDTH - 24}" y2="68" class="rule"/>',
    ]
    return "\n".join([*head, *parts, "</svg>"]) + "\n"


def main(argv: list[str] | None = None) -> int:
    from bench.figures import from_json, summary  # the figures draw the chart, so not at the top

    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else Path(__file__).parent / "results.json"
    target = Path(args[1]) if len(args) > 1 else Path(__file__).parent / "results.svg"
    data = from_json(json.loads(source.read_text()))
    largest = max(data["sizes"], key=int)
    target.write_text(draw(summary(data["sizes"][largest]), int(largest), data["date"], data.get("note", "")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
