"""Where everything in the comparison diagram goes; `glossator.diagram.svg` writes it out as SVG.

Columns share the width the way an HTML auto table does (each between the
widest word it holds and its text set on one line, data columns equal when
they can be), every text is wrapped to its cell with `glossator.diagram.textfit`, and
each row is as tall as its tallest cell.  The layout depends on the comparison,
the credit line, the maximum width and the labels, never on whether the SVG is
inline or standalone, so a build lays a diagram out once for both.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from glossator.content.model import MARK_KINDS, Cell, Comparison
from glossator.core.labels import DEFAULT_LABELS
from glossator.diagram.textfit import Block, TextStyle, clean, extent, measure, wrap

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
# The labels a diagram prints, with the English text used where a translation's placeholders are broken.
LABEL_DEFAULTS = {
    key: DEFAULT_LABELS[key]
    for key in ("diagram_this_term", "diagram_desc", "diagram_and", "rating", "diagram_row_header")
}


# NamedTuples rather than frozen dataclasses: a diagram makes about a hundred of them, and a frozen dataclass
# takes several times as long to make.


class Text(NamedTuple):
    """A block of set text placed at `x` (its start edge) with its first line box at `top`."""

    block: Block
    style: TextStyle
    cls: str
    x: float
    top: float
    width: float


class Box(NamedTuple):
    """One cell of the grid and what is drawn in it."""

    key: str
    x: float
    y: float
    w: float
    h: float
    texts: tuple[Text, ...]
    cell: Cell | None = None
    tooltip: str = ""


class Layout(NamedTuple):
    """The whole diagram: its size, its boxes, and the stripes, band and rule drawn under them."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    stripes: tuple[tuple[float, float, float, float], ...]
    band: tuple[float, float, float, float] | None
    rule: tuple[float, float, float]


def format_label(labels: dict[str, str], key: str, **fields: object) -> str:
    """A label with its placeholders filled in; the English one where a translation's placeholders are broken."""
    try:
        return labels[key].format(**fields)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return LABEL_DEFAULTS[key].format(**fields)


def _cell_extra(cell: Cell) -> float:
    if cell.kind == "rating":
        return _stars_width(cell)
    return MARK_INDENT if cell.kind in MARK_KINDS else 0.0


def _stars_width(cell: Cell) -> float:
    count = max(cell.of, 1)
    return count * STAR + (count - 1) * STAR_GAP


def _extent(text: str, style: TextStyle) -> tuple[float, float]:
    """The width of the widest word of `text` (at most WORD_CAP), and of all of it on one line."""
    least, most = extent(text, style)
    return min(least, WORD_CAP), most


def _columns(comparison: Comparison, labels: dict[str, str]) -> list[tuple[float, float]]:
    """(min, max) content width of the label column and of each data column, padding included."""
    label_texts = [(r.label, LABEL) for r in comparison.rows] + [(r.hint, HINT) for r in comparison.rows]
    label_texts.append((labels["diagram_row_header"], HEAD))
    extents = [_extent(t, s) for t, s in label_texts]
    cols = [(max(lo for lo, _ in extents), max(hi for _, hi in extents))]
    marker = labels["diagram_this_term"].upper()
    for j, name in enumerate(comparison.columns):
        lo, hi = _extent(name, HEAD)
        if j == 0:
            marker_lo, marker_hi = _extent(marker, MARKER)
            lo, hi = max(lo, marker_lo), max(hi, marker_hi)
        for row in comparison.rows:
            cell = row.cells[j] if j < len(row.cells) else Cell("text")
            extra = _cell_extra(cell)
            cell_lo, cell_hi = _extent(cell.text if cell.kind != "rating" else "", BODY)
            lo = max(lo, extra + cell_lo)
            hi = max(hi, extra + cell_hi)
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


def layout(comparison: Comparison, credit: str, max_width: int, labels: dict[str, str]) -> Layout:
    """Every box of the diagram and what it holds; `credit` is cleaned text, `labels` has every LABEL_DEFAULTS key."""
    avail = max_width - 2 * PAD
    natural_title = min(measure(clean(comparison.title), TITLE).width, avail)
    natural_credit = min(measure(credit, CREDIT).width + 2 * CELL_X, avail)
    cols = _preferred(_columns(comparison, labels), avail)
    widths = _widths(cols, avail, max(natural_title, natural_credit, MIN_WIDTH - 2 * PAD))
    table_w = sum(widths)
    total_w = table_w + 2 * PAD
    xs = [PAD + sum(widths[:j]) for j in range(len(widths))]
    boxes: list[Box] = []

    y = float(PAD)
    title = wrap(comparison.title, TITLE, table_w, MAX_LINES["title"])
    title_h = title.height(TITLE)
    boxes.append(Box("title", PAD, y, table_w, title_h, (Text(title, TITLE, "gd-ttl", PAD, y, table_w),)))
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
            texts.append(Text(block, style, cls, xs[j] + CELL_X, top, widths[j] - 2 * CELL_X))
            top += block.height(style) + MARKER_GAP
        boxes.append(Box(f"h{j}", xs[j], table_top, widths[j], head_h, tuple(texts)))
    y = table_top + head_h
    rule = (xs[0], xs[0] + table_w, y)

    stripes = []
    for i, row in enumerate(comparison.rows):
        inner = widths[0] - 2 * CELL_X
        label = wrap(row.label, LABEL, inner, MAX_LINES["label"])
        texts = [Text(label, LABEL, "gd-l", xs[0] + CELL_X, y + CELL_Y, inner)]
        height = label.height(LABEL)
        tooltip = label.text if label.truncated else ""
        if clean(row.hint):
            hint = wrap(row.hint, HINT, inner, MAX_LINES["hint"])
            texts.append(Text(hint, HINT, "gd-hint", xs[0] + CELL_X, y + CELL_Y + height + HINT_GAP, inner))
            height += HINT_GAP + hint.height(HINT)
            if hint.truncated:
                tooltip = f"{label.text} — {hint.text}"
        drawn: list[tuple[tuple[Text, ...], Cell | None, str]] = [(tuple(texts), None, tooltip)]  # column by column
        heights = [height]
        for j in range(1, len(widths)):
            cell = row.cells[j - 1] if j - 1 < len(row.cells) else Cell("text")
            extra = _cell_extra(cell)
            inner = widths[j] - 2 * CELL_X - extra
            cell_texts: tuple[Text, ...] = ()
            tooltip = ""
            if cell.kind == "rating":
                heights.append(BODY.line_height)
                tooltip = format_label(labels, "rating", n=cell.rating, of=cell.of)
            else:
                block = wrap(cell.text, BODY, inner, MAX_LINES["cell"])
                start = xs[j] + CELL_X + (0.0 if block.rtl else extra)
                cell_texts = (Text(block, BODY, "gd-c", start, y + CELL_Y, inner),)
                heights.append(max(block.height(BODY), BODY.line_height))
                tooltip = block.text if block.truncated else ""
            drawn.append((cell_texts, cell, tooltip))
        row_h = max(heights) + 2 * CELL_Y
        for j, (in_box, cell_or_none, tip) in enumerate(drawn):
            boxes.append(Box(f"r{i}c{j}", xs[j], y, widths[j], row_h, in_box, cell_or_none, tip))
        if i % 2 == 0:
            stripes.append((xs[0], y, table_w, row_h))
        y += row_h
    table_bottom = y
    band = (xs[1], table_top, widths[1], table_bottom - table_top) if len(widths) > 1 else None

    y += CREDIT_GAP
    if credit:
        block = wrap(credit, CREDIT, table_w - 2 * CELL_X, MAX_LINES["credit"])
        boxes.append(
            Box(
                "credit",
                PAD,
                y,
                table_w,
                block.height(CREDIT),
                (Text(block, CREDIT, "gd-cr", PAD + CELL_X, y, table_w - 2 * CELL_X),),
            )
        )
        y += block.height(CREDIT)
    else:
        y -= CREDIT_GAP
    return Layout(total_w, math.ceil(y + PAD), tuple(boxes), tuple(stripes), band, rule)
