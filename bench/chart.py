"""The benchmark chart: one group of horizontal bars per measure, Glossator beside Hugo.

Drawn in the site's own style (the theme's accent and greys, its system font
stack, light and dark), as plain SVG with a title and a description that say
every number the bars show.  Each group has its own scale; a dashed line marks
the target where the issue sets one.

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
LABEL_W = 92  # the tool names left of the bars
BAR_X = 24 + LABEL_W
BAR_MAX = WIDTH - BAR_X - 150  # room on the right for the value
BAR_H = 18
GROUP_GAP = 26

Medians = Mapping[str, Mapping[str, float | None]]


def seconds(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 1 else f"{value:,.1f} s"


def mebibytes(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB"


# key, heading, format, target (from Hugo's medians) and how the target reads
MEASURES: tuple[
    tuple[str, str, Callable[[float], str], Callable[[Mapping[str, float | None]], float | None], str], ...
] = (
    ("cold_wall", "Cold build, wall time", seconds, lambda h: h["cold_wall"], "target: no slower than Hugo"),
    ("cold_cpu", "Cold build, CPU time (user + system)", seconds, lambda h: None, ""),
    (
        "peak_rss",
        "Cold build, peak memory (process tree)",
        mebibytes,
        lambda h: 0.25 * h["peak_rss"],
        "target: a quarter of Hugo's",
    ),
    (
        "rebuild_wall",
        "Rebuild with nothing changed, wall time",
        seconds,
        lambda h: 0.1 * h["cold_wall"],
        "target: a tenth of Hugo's build",
    ),
    ("serve_edit", "Preview: save to new page served (median)", seconds, lambda h: 0.1, "target: 100 ms"),
    ("check_wall", "Check over the corpus (Glossator only), wall time", seconds, lambda h: 2.0, "target: under 2 s"),
)

STYLE = f"""
  text {{ font-family: {FONT}; fill: #1c1e24; }}
  .bg {{ fill: #faf9f6; }}
  .muted {{ fill: #5a606c; }}
  .glossator {{ fill: #3442c2; }}
  .hugo {{ fill: #8c919b; }}
  .rule {{ stroke: #e4e2dc; }}
  .target {{ stroke: #a35a00; stroke-dasharray: 4 3; }}
  .target-text {{ fill: #a35a00; }}
  @media (prefers-color-scheme: dark) {{
    text {{ fill: #e7e8eb; }}
    .bg {{ fill: #14161b; }}
    .muted {{ fill: #a5aab5; }}
    .glossator {{ fill: #9aa5ff; }}
    .hugo {{ fill: #7c828e; }}
    .rule {{ stroke: #2f333c; }}
    .target {{ stroke: #f0a64a; }}
    .target-text {{ fill: #f0a64a; }}
  }}
"""


def draw(medians: Medians, entries: int, date: str, note: str = "") -> str:
    """The chart as SVG text, from the medians `bench.run.summary` gives for one corpus size."""
    g, h = medians["glossator"], medians["hugo"]
    parts: list[str] = []
    said: list[str] = []
    y = 84
    for key, heading, fmt, target_of, target_text in MEASURES:
        gv, hv = g.get(key), h.get(key)
        if gv is None and hv is None:
            continue
        try:
            target = target_of(h)
        except (TypeError, KeyError):
            target = None
        scale = max(v for v in (gv, hv, target) if v is not None) or 1.0
        parts.append(f'<text x="24" y="{y}" font-size="14" font-weight="600">{escape(heading)}</text>')
        if target_text and target is not None:
            parts.append(
                f'<text x="{WIDTH - 24}" y="{y}" font-size="12" text-anchor="end" class="target-text">'
                f"{escape(target_text)}</text>"
            )
        y += 10
        top = y
        for tool, name, value in (("glossator", "Glossator", gv), ("hugo", "Hugo", hv)):
            parts.append(f'<text x="24" y="{y + 13}" font-size="13" class="muted">{name}</text>')
            if value is None:
                parts.append(f'<text x="{BAR_X}" y="{y + 13}" font-size="13" class="muted">no equivalent</text>')
                said.append(f"{heading}: {name}, no equivalent")
            else:
                width = max(2.0, BAR_MAX * value / scale)
                parts.append(f'<rect x="{BAR_X}" y="{y}" width="{width:.1f}" height="{BAR_H}" rx="3" class="{tool}"/>')
                parts.append(
                    f'<text x="{BAR_X + width + 8:.1f}" y="{y + 13}" font-size="13">{escape(fmt(value))}</text>'
                )
                said.append(f"{heading}: {name} {fmt(value)}")
            y += BAR_H + 6
        if target is not None and target_text:
            x = BAR_X + BAR_MAX * target / scale
            parts.append(
                f'<line x1="{x:.1f}" y1="{top - 3}" x2="{x:.1f}" y2="{y - 3}" class="target" stroke-width="1.5"/>'
            )
            said.append(f"{heading}: {target_text} ({fmt(target)})")
        y += GROUP_GAP
    height = y
    title = f"Glossator and Hugo, the same {entries:,}-entry glossary"
    desc = f"Medians measured {date}; shorter bars are better. {note} " + "; ".join(said) + "."
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
        f'<rect x="{WIDTH - 180}" y="46" width="12" height="12" rx="2" class="glossator"/>',
        f'<text x="{WIDTH - 162}" y="56" font-size="13">Glossator</text>',
        f'<rect x="{WIDTH - 82}" y="46" width="12" height="12" rx="2" class="hugo"/>',
        f'<text x="{WIDTH - 64}" y="56" font-size="13">Hugo</text>',
        f'<line x1="24" y1="68" x2="{WIDTH - 24}" y2="68" class="rule"/>',
    ]
    return "\n".join([*head, *parts, "</svg>"]) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else Path(__file__).parent / "results.json"
    target = Path(args[1]) if len(args) > 1 else Path(__file__).parent / "results.svg"
    data = json.loads(source.read_text())
    largest = max(data["medians"], key=int)
    target.write_text(draw(data["medians"][largest], int(largest), data["date"], data.get("note", "")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
