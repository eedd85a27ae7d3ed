"""The comparison diagram: an entry's `comparison` drawn as a calm, accessible SVG table.

`render_svg` is pure and deterministic: the same comparison gives byte-identical
SVG, inline (inside an HTML page, scoped so it cannot restyle the page and
themable through `--gd-*` custom properties) or standalone (the file behind
`/glossary/<slug>/diagram.svg`, with its credit line so a shared copy keeps its
source).

Font decision.  The diagram declares `Arial, "Liberation Sans", Arimo,
Helvetica, sans-serif` and measures every line with HarfBuzz against the
metrics of Liberation Sans (vendored, metrics only, in `glossator/fonts/`).
Liberation Sans and Arimo were drawn to Arial's advance widths, and Arial to
Helvetica's, so one measurement is exact on Windows, macOS, iOS, ChromeOS and
Linux with Liberation (a dependency of Chrome's Debian package; CI's Chromium
uses it).  A web font would cost more than the whole entry page's budget, and
the system UI stacks (San Francisco, Segoe UI, Roboto, Cantarell, ...) have
different widths on every platform and cannot be measured at build time.
Where none of those fonts exist the browser falls back to a sans-serif whose
widths differ: measured on a sample corpus, Roboto is -4% to +10%, Noto Sans
+3% to +16%, DejaVu Sans +9% to +25%.  So every line that is measured exactly
carries `textLength` with `lengthAdjust="spacingAndGlyphs"`: in the declared
fonts that changes nothing, and in any fallback it squeezes or stretches the
line to the measured width instead of letting it leave its cell.  Lines with
scripts the primary font lacks (CJK, Arabic, emoji, ...) are estimated
conservatively instead (see `glossator.textfit`) and get no `textLength`.

Measured in Debian's Chromium (tests/browser/test_diagram_fit.py): exact lines
render within 0.76 px of their measured width, never wider (the one gap is
Liberation 1.x's narrower middle dot; the measurement takes the wider Arial
advance).  Estimates over actual: CJK 1.00 (one em is exact), Arabic and Hebrew
1.07 (bold 1.25-1.36), Korean 1.10, emoji 1.4-1.8 and up to 3.6 for ZWJ
sequences (counted per person, in case a platform cannot join them).

Narrow screens: inline, the SVG scales down with its container to `MIN_SCALE`
of its natural width and no further; the page's <figure> is expected to scroll
horizontally (`overflow-x: auto`) below that.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from glossator.labels import DEFAULT_LABELS
from glossator.model import Cell, Comparison
from glossator.textfit import Block, TextStyle, clean, measure, min_content, wrap

__all__ = ["DEFAULT_WIDTH", "FONT_STACK", "render_svg"]

FONT_STACK = 'Arial, "Liberation Sans", Arimo, Helvetica, sans-serif'
DEFAULT_WIDTH = 720
MIN_SCALE = 0.86  # inline: shrink no further than this (14 px text stays 12 px); the figure scrolls instead

TITLE = TextStyle(size=17, line_height=24, bold=True)
HEAD = TextStyle(size=14, line_height=21, bold=True)
MARKER = TextStyle(size=10, line_height=14, bold=True, letter_spacing=0.8)
LABEL = TextStyle(size=14, line_height=21, bold=True)
HINT = TextStyle(size=12.5, line_height=18)
BODY = TextStyle(size=14, line_height=21)
CREDIT = TextStyle(size=12, line_height=17)

PAD = 24  # around everything, inside the card
CELL_X = 12
CELL_Y = 11
TITLE_GAP = 14
CREDIT_GAP = 14
MARKER_GAP = 3
HINT_GAP = 2
MARK_R = 8  # the ✓ ✗ ~ badge
MARK_INDENT = 2 * MARK_R + 7
STAR = 14
STAR_GAP = 3
MIN_COLUMN = 76
WORD_CAP = 150  # a longer word does not widen its column: it is hyphenated
MIN_WIDTH = 320
LABEL_SHARE = 0.2  # of the available width: what the label column gets before others grow, if it needs it
DATA_SHARE = 0.13
MAX_LINES = {"title": 3, "head": 3, "label": 4, "hint": 3, "cell": 4, "credit": 2}
LABEL_DEFAULTS = {
    "diagram_this_term": "this term",
    "diagram_desc": "Compares {first} with {others} on {aspects}.",
    "diagram_and": "and",
    "rating": "{n} of {of}",
    "diagram_row_header": "Aspect",
}

# name: (light, dark).  Text colours pass WCAG AA (4.5:1) on the card, stripe and band; marks and stars 3:1.
PALETTE: dict[str, tuple[str, str]] = {
    "card": ("#ffffff", "#1b1c20"),
    "rule": ("#e4e1da", "#33353c"),
    "stripe": ("#1d1f24", "#ffffff"),
    "ink": ("#1d1f24", "#e9eaee"),
    "muted": ("#5d636e", "#a4a9b4"),
    "accent": ("#3b57c9", "#9db0ff"),
    "yes": ("#1a7f37", "#5bd47a"),
    "no": ("#c0312b", "#ff8a80"),
    "partial": ("#9a6200", "#eab54a"),
    "star": ("#a86a00", "#f0bd4f"),
}
STRIPE_OPACITY = (0.035, 0.035)  # stripes are ink laid thinly, so they darken the band as they darken the card
BAND_OPACITY = (0.075, 0.16)
MARK_OPACITY = (0.13, 0.2)

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def render_svg(
    comparison: Comparison,
    *,
    credit: str,
    standalone: bool,
    id_prefix: str = "d",
    max_width: int = DEFAULT_WIDTH,
    labels: Mapping[str, str] | None = None,
) -> str:
    """The comparison as SVG: a standalone document, or an element to inline in an HTML page."""
    if not _ID.match(id_prefix):
        raise ValueError(f"id_prefix must be a letter then letters, digits, '-' or '_' (got {id_prefix!r})")
    merged = {**LABEL_DEFAULTS, **DEFAULT_LABELS, **(labels or {})}
    wanted = tuple(sorted((k, v) for k, v in merged.items() if k in LABEL_DEFAULTS))
    return _render(comparison, credit, standalone, id_prefix, max(max_width, MIN_WIDTH), wanted)


@dataclass(frozen=True, slots=True)
class _Text:
    """A block of set text placed at `x` (its start edge) with its first line box at `top`."""

    block: Block
    style: TextStyle
    cls: str
    x: float
    top: float
    width: float


@dataclass(frozen=True, slots=True)
class _Box:
    """One cell of the grid and what is drawn in it."""

    key: str
    x: float
    y: float
    w: float
    h: float
    texts: tuple[_Text, ...]
    cell: Cell | None = None
    tooltip: str = ""


@functools.lru_cache(maxsize=256)
def _render(
    comparison: Comparison,
    credit: str,
    standalone: bool,
    prefix: str,
    max_width: int,
    labels_items: tuple[tuple[str, str], ...],
) -> str:
    labels = dict(labels_items)
    layout = _layout(comparison, clean(credit), max_width, labels)
    return "".join(_svg(comparison, layout, standalone, prefix, labels))


@dataclass(frozen=True, slots=True)
class _Layout:
    width: float
    height: float
    boxes: tuple[_Box, ...]
    stripes: tuple[tuple[float, float, float, float], ...]
    band: tuple[float, float, float, float] | None
    rule: tuple[float, float, float]


def _cell_extra(cell: Cell) -> float:
    if cell.kind == "rating":
        return _stars_width(cell)
    return MARK_INDENT if cell.kind in ("yes", "no", "partial") else 0.0


def _stars_width(cell: Cell) -> float:
    count = max(cell.of, 1)
    return count * STAR + (count - 1) * STAR_GAP


def _capped_min(text: str, style: TextStyle) -> float:
    return min(min_content(text, style), WORD_CAP)


def _one_line(text: str, style: TextStyle) -> float:
    return measure(clean(text), style).width


def _columns(comparison: Comparison, labels: dict[str, str]) -> list[tuple[float, float]]:
    """(min, max) content width of the label column and of each data column, padding included."""
    label_texts = [(r.label, LABEL) for r in comparison.rows] + [(r.hint, HINT) for r in comparison.rows]
    label_texts.append((labels["diagram_row_header"], HEAD))
    cols = [(max(_capped_min(t, s) for t, s in label_texts), max(_one_line(t, s) for t, s in label_texts))]
    marker = labels["diagram_this_term"].upper()
    for j, name in enumerate(comparison.columns):
        lo, hi = _capped_min(name, HEAD), _one_line(name, HEAD)
        if j == 0:
            lo, hi = max(lo, _capped_min(marker, MARKER)), max(hi, _one_line(marker, MARKER))
        for row in comparison.rows:
            cell = row.cells[j] if j < len(row.cells) else Cell("text")
            extra = _cell_extra(cell)
            text = cell.text if cell.kind != "rating" else ""
            lo = max(lo, extra + _capped_min(text, BODY))
            hi = max(hi, extra + _one_line(text, BODY))
        cols.append((lo, hi))
    return [(max(lo + 2 * CELL_X, MIN_COLUMN), max(hi + 2 * CELL_X, lo + 2 * CELL_X, MIN_COLUMN)) for lo, hi in cols]


def _preferred(cols: list[tuple[float, float]], avail: float) -> list[tuple[float, float]]:
    """Raise each column's minimum towards a fair share, so no column is squeezed to a sliver of text."""
    shares = [LABEL_SHARE * avail] + [DATA_SHARE * avail] * (len(cols) - 1)
    return [(min(hi, max(lo, share)), hi) for (lo, hi), share in zip(cols, shares, strict=True)]


def _widths(cols: list[tuple[float, float]], avail: float, at_least: float) -> list[float]:
    """Column widths the way an HTML auto table shares space, data columns equal when they can be."""
    lows = [lo for lo, _ in cols]
    highs = [hi for _, hi in cols]
    if sum(highs) <= avail:
        widths = list(highs)
        equal = max(highs[1:], default=0.0)
        if highs[0] + equal * (len(cols) - 1) <= avail:
            widths = [highs[0]] + [equal] * (len(cols) - 1)
    elif sum(lows) <= avail:
        share = (avail - sum(lows)) / (sum(highs) - sum(lows))
        widths = [lo + (hi - lo) * share for lo, hi in cols]
    else:
        widths = [lo * avail / sum(lows) for lo in lows]
    spare = max(at_least - sum(widths), 0.0)
    if spare and len(widths) > 1:
        widths = [widths[0]] + [w + spare / (len(widths) - 1) for w in widths[1:]]
    # Whole pixels, rounded up so the text that set a column's width still fits it; any excess over the
    # available width comes off the widest column, which has the most room to wrap.
    whole = [float(math.ceil(w - 1e-6)) for w in widths]
    excess = sum(whole) - max(avail, math.floor(sum(widths)))
    if excess > 0:
        widest = whole.index(max(whole))
        whole[widest] -= excess
    return whole


def _layout(comparison: Comparison, credit: str, max_width: int, labels: dict[str, str]) -> _Layout:
    avail = max_width - 2 * PAD
    natural_title = min(_one_line(comparison.title, TITLE), avail)
    natural_credit = min(_one_line(credit, CREDIT) + 2 * CELL_X, avail)
    cols = _preferred(_columns(comparison, labels), avail)
    widths = _widths(cols, avail, max(natural_title, natural_credit, MIN_WIDTH - 2 * PAD))
    table_w = sum(widths)
    total_w = table_w + 2 * PAD
    xs = [PAD + sum(widths[:j]) for j in range(len(widths))]
    boxes: list[_Box] = []

    y = float(PAD)
    title = wrap(comparison.title, TITLE, table_w, MAX_LINES["title"])
    title_h = title.height(TITLE)
    boxes.append(_Box("title", PAD, y, table_w, title_h, (_Text(title, TITLE, "gd-ttl", PAD, y, table_w),)))
    y += title_h + TITLE_GAP
    table_top = y

    heads: list[tuple[int, list[tuple[Block, TextStyle, str]]]] = []
    row_header = wrap(labels["diagram_row_header"], HEAD, widths[0] - 2 * CELL_X, MAX_LINES["head"])
    heads.append((0, [(row_header, HEAD, "gd-rh")]))
    for j, name in enumerate(comparison.columns, start=1):
        inner = widths[j] - 2 * CELL_X
        parts = [(wrap(name, HEAD, inner, MAX_LINES["head"]), HEAD, "gd-h")]
        if j == 1:
            marker = wrap(labels["diagram_this_term"].upper(), MARKER, inner, 1)
            parts.insert(0, (marker, MARKER, "gd-mk"))
        heads.append((j, parts))
    stack_h = [sum(b.height(s) for b, s, _ in parts) + MARKER_GAP * (len(parts) - 1) for _, parts in heads]
    head_h = max(stack_h) + 2 * CELL_Y
    for (j, parts), h in zip(heads, stack_h, strict=True):
        top = table_top + head_h - CELL_Y - h  # bottom-aligned, so the column names share a baseline
        texts = []
        for block, style, cls in parts:
            texts.append(_Text(block, style, cls, xs[j] + CELL_X, top, widths[j] - 2 * CELL_X))
            top += block.height(style) + MARKER_GAP
        boxes.append(_Box(f"h{j}", xs[j], table_top, widths[j], head_h, tuple(texts)))
    y = table_top + head_h
    rule = (xs[0], xs[0] + table_w, y)

    stripes = []
    for i, row in enumerate(comparison.rows):
        row_boxes: list[_Box] = []
        inner = widths[0] - 2 * CELL_X
        label = wrap(row.label, LABEL, inner, MAX_LINES["label"])
        texts = [_Text(label, LABEL, "gd-l", xs[0] + CELL_X, y + CELL_Y, inner)]
        height = label.height(LABEL)
        tooltip = label.text if label.truncated else ""
        if clean(row.hint):
            hint = wrap(row.hint, HINT, inner, MAX_LINES["hint"])
            texts.append(_Text(hint, HINT, "gd-hint", xs[0] + CELL_X, y + CELL_Y + height + HINT_GAP, inner))
            height += HINT_GAP + hint.height(HINT)
            if hint.truncated:
                tooltip = f"{label.text} — {hint.text}"
        row_boxes.append(_Box(f"r{i}c0", xs[0], y, widths[0], 0, tuple(texts), tooltip=tooltip))
        heights = [height]
        for j in range(1, len(widths)):
            cell = row.cells[j - 1] if j - 1 < len(row.cells) else Cell("text")
            extra = _cell_extra(cell)
            inner = widths[j] - 2 * CELL_X - extra
            cell_texts: tuple[_Text, ...] = ()
            tooltip = ""
            if cell.kind == "rating":
                heights.append(BODY.line_height)
                tooltip = _format(labels, "rating", n=cell.rating, of=cell.of)
            else:
                block = wrap(cell.text, BODY, inner, MAX_LINES["cell"])
                start = xs[j] + CELL_X + (0.0 if block.rtl else extra)
                cell_texts = (_Text(block, BODY, "gd-c", start, y + CELL_Y, inner),)
                heights.append(max(block.height(BODY), BODY.line_height))
                tooltip = block.text if block.truncated else ""
            row_boxes.append(_Box(f"r{i}c{j}", xs[j], y, widths[j], 0, cell_texts, cell, tooltip))
        row_h = max(heights) + 2 * CELL_Y
        boxes.extend(_Box(b.key, b.x, b.y, b.w, row_h, b.texts, b.cell, b.tooltip) for b in row_boxes)
        if i % 2 == 0:
            stripes.append((xs[0], y, table_w, row_h))
        y += row_h
    table_bottom = y
    band = (xs[1], table_top, widths[1], table_bottom - table_top) if len(widths) > 1 else None

    y += CREDIT_GAP
    if credit:
        block = wrap(credit, CREDIT, table_w - 2 * CELL_X, MAX_LINES["credit"])
        boxes.append(
            _Box(
                "credit",
                PAD,
                y,
                table_w,
                block.height(CREDIT),
                (_Text(block, CREDIT, "gd-cr", PAD + CELL_X, y, table_w - 2 * CELL_X),),
            )
        )
        y += block.height(CREDIT)
    else:
        y -= CREDIT_GAP
    return _Layout(total_w, math.ceil(y + PAD), tuple(boxes), tuple(stripes), band, rule)


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attr(value: str) -> str:
    return quoteattr(value, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _desc(comparison: Comparison, labels: dict[str, str]) -> str:
    def join(items: list[str]) -> str:
        items = [clean(i) for i in items if clean(i)]
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {labels['diagram_and']} {items[-1]}"

    first, *others = list(comparison.columns) or [""]
    fields = {"first": clean(first), "others": join(others), "aspects": join([r.label for r in comparison.rows])}
    return _format(labels, "diagram_desc", **fields)


def _format(labels: dict[str, str], key: str, **fields: object) -> str:
    try:
        return labels[key].format(**fields)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return LABEL_DEFAULTS[key].format(**fields)


def _css(standalone: bool, prefix: str, width: float) -> str:
    def colour(name: str, dark: bool) -> str:
        value = PALETTE[name][int(dark)]
        return value if standalone else f"var(--gd-{name},{value})"

    def rules(dark: bool) -> str:
        c = functools.partial(colour, dark=dark)
        mark_opacity = MARK_OPACITY[int(dark)]
        parts = [
            f".gd-card{{fill:{c('card')};stroke:{c('rule')}}}",
            f".gd-stripe{{fill:{c('stripe')};fill-opacity:{STRIPE_OPACITY[int(dark)]}}}",
            f".gd-band{{fill:{c('accent')};fill-opacity:{BAND_OPACITY[int(dark)]}}}",
            f".gd-rule{{stroke:{c('rule')}}}",
            f".gd-ttl,.gd-h,.gd-l,.gd-c{{fill:{c('ink')}}}",
            f".gd-rh,.gd-hint,.gd-cr{{fill:{c('muted')}}}",
            f".gd-mk{{fill:{c('accent')}}}",
            f".gd-star{{fill:{c('star')};stroke:{c('star')}}}",
            f".gd-star0{{fill:none;stroke:{c('star')}}}",
        ]
        for kind in ("yes", "no", "partial"):
            parts.append(f".gd-{kind}{{fill:{c(kind)};fill-opacity:{mark_opacity}}}")
            parts.append(f".gd-{kind}-i{{fill:none;stroke:{c(kind)}}}")
        return "".join(parts)

    # Reset on every text too, so no page rule (even `* {...}`) changes what was measured.
    reset = (
        f"font-family:{FONT_STACK};font-style:normal;font-variant:normal;font-stretch:normal;"
        "font-feature-settings:normal;font-variation-settings:normal;font-size-adjust:none;font-kerning:none;"
        "font-variant-ligatures:none;letter-spacing:0;word-spacing:0;text-transform:none;"
        "text-rendering:geometricPrecision;"
    )
    base = (
        f".gd-svg,.gd-svg text{{{reset}direction:ltr;unicode-bidi:normal;writing-mode:horizontal-tb}}"
        ".gd-svg text{white-space:pre;text-anchor:start;dominant-baseline:alphabetic}"
        ".gd-rtl{direction:rtl}"
        f".gd-ttl{{font-size:{_n(TITLE.size)}px;font-weight:700}}"
        f".gd-h,.gd-rh{{font-size:{_n(HEAD.size)}px;font-weight:700}}"
        f".gd-mk{{font-size:{_n(MARKER.size)}px;font-weight:700;letter-spacing:{_n(MARKER.letter_spacing)}px}}"
        f".gd-l{{font-size:{_n(LABEL.size)}px;font-weight:700}}"
        f".gd-hint{{font-size:{_n(HINT.size)}px;font-weight:400}}"
        f".gd-c{{font-size:{_n(BODY.size)}px;font-weight:400}}"
        f".gd-cr{{font-size:{_n(CREDIT.size)}px;font-weight:400}}"
        ".gd-yes-i,.gd-no-i,.gd-partial-i{stroke-width:1.9px;stroke-linecap:round;stroke-linejoin:round}"
        ".gd-star,.gd-star0{stroke-width:1.2px;stroke-linejoin:round}"
    )
    if not standalone:
        base = f"#{prefix}{{max-width:100%;height:auto;min-width:{_n(math.floor(width * MIN_SCALE))}px}}" + base
    scoped = base + rules(False) + "@media (prefers-color-scheme:dark){" + rules(True) + "}"
    # Every selector under .gd-svg: in a page, the diagram's rules then outrank the page's element rules.
    return scoped.replace(".gd-", ".gd-svg .gd-").replace(".gd-svg .gd-svg", ".gd-svg")


def _star_path(x: float, cy: float) -> str:
    cx, outer, inner = x + STAR / 2, STAR / 2, STAR / 2 * 0.48
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = math.pi / 5 * k - math.pi / 2
        points.append(f"{_n(cx + radius * math.cos(angle))} {_n(cy + 0.6 + radius * math.sin(angle))}")
    return "M" + "L".join(points) + "Z"


_ICONS = {
    "yes": "M{a} {b}l2.6 2.6 4.9-5.3",
    "no": "M{c} {d}l5.6 5.6m0-5.6-5.6 5.6",
    "partial": "M{e} {f}c1.3-2.5 2.7-2.5 3.8-.6s2.5 1.9 3.8-.6",
}


def _mark(kind: str, cx: float, cy: float) -> str:
    icon = _ICONS[kind].format(
        a=_n(cx - 3.7), b=_n(cy + 0.1), c=_n(cx - 2.8), d=_n(cy - 2.8), e=_n(cx - 3.8), f=_n(cy + 0.6)
    )
    return f'<circle class="gd-{kind}" cx="{_n(cx)}" cy="{_n(cy)}" r="{MARK_R}"/><path class="gd-{kind}-i" d="{icon}"/>'


def _baseline(style: TextStyle, top: float) -> float:
    # Liberation Sans (Arial) ascent .905 em, descent .212 em: centre that box in the line box.
    return top + (style.line_height - 1.117 * style.size) / 2 + 0.905 * style.size


def _text_lines(text: _Text) -> Iterator[str]:
    rtl = text.block.rtl
    for k, line in enumerate(text.block.lines):
        y = _baseline(text.style, text.top + k * text.style.line_height)
        x = text.x + text.width if rtl else text.x
        if rtl:  # the class beats page rules; the attribute serves where the style sheet is stripped
            attrs = f'class="{text.cls} gd-rtl" x="{_n(x)}" y="{_n(y)}" direction="rtl"'
        else:
            attrs = f'class="{text.cls}" x="{_n(x)}" y="{_n(y)}"'
        if line.exact and line.text.strip():
            attrs += f' textLength="{_n(line.width)}" lengthAdjust="spacingAndGlyphs"'
        yield f"<text {attrs}>{escape(line.text)}</text>"


def _box(box: _Box) -> Iterator[str]:
    # The invisible cell rect and the data-cell markers let a browser test check every line against its cell.
    key = f' data-cell="{box.key}"'
    yield f'<rect{key} x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" height="{_n(box.h)}" fill="none"/>'
    yield f"<g{key}>"
    if box.tooltip:
        yield f"<title>{escape(box.tooltip)}</title>"
    cell = box.cell
    if cell is not None and cell.kind in ("yes", "no", "partial"):
        rtl = bool(box.texts) and box.texts[0].block.rtl
        cx = box.x + box.w - CELL_X - MARK_R if rtl else box.x + CELL_X + MARK_R
        yield _mark(cell.kind, cx, box.y + CELL_Y + BODY.line_height / 2)
    if cell is not None and cell.kind == "rating":
        cy = box.y + CELL_Y + BODY.line_height / 2
        for k in range(max(cell.of, 1)):
            cls = "gd-star" if k < cell.rating else "gd-star0"
            yield f'<path class="{cls}" d="{_star_path(box.x + CELL_X + k * (STAR + STAR_GAP), cy)}"/>'
    for text in box.texts:
        yield from _text_lines(text)
    yield "</g>"


def _svg(
    comparison: Comparison, layout: _Layout, standalone: bool, prefix: str, labels: dict[str, str]
) -> Iterator[str]:
    w, h = _n(layout.width), _n(layout.height)
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    if standalone:
        yield '<?xml version="1.0" encoding="UTF-8"?>\n'
        yield '<svg xmlns="http://www.w3.org/2000/svg" class="gd-svg"'
    else:
        yield f'<svg class="gd-svg" id="{prefix}"'
    yield f' width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{title_id} {desc_id}"'
    yield f" font-family={_attr(FONT_STACK)}>"
    yield f'<title id="{title_id}">{escape(clean(comparison.title))}</title>'
    yield f'<desc id="{desc_id}">{escape(_desc(comparison, labels))}</desc>'
    yield f"<style>{_css(standalone, prefix, layout.width)}</style>"
    card_w, card_h = _n(layout.width - 1), _n(layout.height - 1)
    yield f'<rect class="gd-card" x="0.5" y="0.5" width="{card_w}" height="{card_h}" rx="14"/>'
    for x, y, sw, sh in layout.stripes:
        yield f'<rect class="gd-stripe" x="{_n(x)}" y="{_n(y)}" width="{_n(sw)}" height="{_n(sh)}" rx="8"/>'
    if layout.band is not None:
        x, y, bw, bh = layout.band
        yield f'<rect class="gd-band" x="{_n(x)}" y="{_n(y)}" width="{_n(bw)}" height="{_n(bh)}" rx="10"/>'
    x1, x2, ry = layout.rule
    yield f'<path class="gd-rule" d="M{_n(x1)} {_n(ry - 0.5)}H{_n(x2)}" stroke-width="1"/>'
    for box in layout.boxes:
        yield from _box(box)
    yield "</svg>\n" if standalone else "</svg>"
