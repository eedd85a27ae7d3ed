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
conservatively instead (see `glossator.diagram.textfit`) and get no `textLength`.

Measured in Debian's Chromium (tests/browser/test_diagram_fit.py): exact lines
render within 0.76 px of their measured width, never wider (the one gap is
Liberation 1.x's narrower middle dot; the measurement takes the wider Arial
advance).  Estimates over actual: CJK 1.00 (one em is exact), Arabic and Hebrew
1.07 (bold 1.25-1.36), Korean 1.10, emoji 1.4-1.8 and up to 3.6 for ZWJ
sequences (counted per person, in case a platform cannot join them).

Narrow screens: inline, the SVG scales down with its container to `MIN_SCALE`
of its natural width and no further; the page's <figure> is expected to scroll
horizontally (`overflow-x: auto`) below that.

Where things go is `glossator.diagram.layout`; this module writes the SVG.  A
build asks for every diagram twice, inline and standalone, and the two differ
only in their opening tag, ids and style sheet: the layout and everything drawn
inside the card are made once and kept (`_drawing`, a bounded LRU cache), so
the second call only joins strings.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from glossator.content.model import MARK_KINDS, Comparison
from glossator.diagram.layout import (
    BODY,
    CELL_X,
    CELL_Y,
    CREDIT,
    HEAD,
    HINT,
    LABEL,
    LABEL_DEFAULTS,
    MARK_R,
    MARKER,
    MIN_WIDTH,
    STAR,
    STAR_GAP,
    TITLE,
    Box,
    Layout,
    Text,
    format_label,
    layout,
)
from glossator.diagram.textfit import clean

__all__ = ["DEFAULT_WIDTH", "FONT_STACK", "render_svg"]

FONT_STACK = 'Arial, "Liberation Sans", Arimo, Helvetica, sans-serif'
DEFAULT_WIDTH = 720
MIN_SCALE = 0.86  # inline: shrink no further than this (14 px text stays 12 px); the figure scrolls instead

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
_LABEL_KEYS = tuple(sorted(LABEL_DEFAULTS.items()))  # the labels a diagram shows, with their fallbacks


def render_svg(
    comparison: Comparison,
    *,
    credit: str,
    standalone: bool,
    id_prefix: str = "d",
    max_width: int = DEFAULT_WIDTH,
    labels: Mapping[str, str] | None = None,
    paper: bool = False,
) -> str:
    """The comparison as SVG: a standalone document, or an element to inline in an HTML page.

    With `paper`, the inline element keeps its light colours whatever the page or the reader's
    settings (a print document): plain colours, no dark variant, no custom properties.
    """
    if not _ID.match(id_prefix):
        raise ValueError(f"id_prefix must be a letter then letters, digits, '-' or '_' (got {id_prefix!r})")
    given = labels or {}
    wanted = tuple((k, given.get(k, default)) for k, default in _LABEL_KEYS)
    drawing = _drawing(comparison, credit, max(max_width, MIN_WIDTH), wanted)
    w, h = drawing.width, drawing.height
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    if standalone:
        opening = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" class="gd-svg"'
        sheet = _sheet(standalone=True)
    else:
        opening = f'<svg class="gd-svg" id="{id_prefix}"'
        sizing = f"#{id_prefix}{{max-width:100%;height:auto;min-width:{drawing.min_width}px}}"
        sheet = sizing + _sheet(standalone=paper, dark=not paper)
    return (
        f'{opening} width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{title_id} {desc_id}"'
        f"{_FONT_ATTR}>"
        f'<title id="{title_id}">{drawing.title}</title>'
        f'<desc id="{desc_id}">{drawing.desc}</desc>'
        f"<style>{sheet}</style>"
        f"{drawing.body}</svg>{_END[standalone]}"
    )


@dataclass(frozen=True, slots=True)
class _Drawing:
    """What the inline and standalone SVG share: sizes, escaped title and description, and the card's contents."""

    width: str
    height: str
    min_width: str  # inline: the narrowest the SVG may be scaled to
    title: str
    desc: str
    body: str


@functools.lru_cache(maxsize=256)
def _drawing(
    comparison: Comparison, credit: str, max_width: int, labels_items: tuple[tuple[str, str], ...]
) -> _Drawing:
    labels = dict(labels_items)
    placed = layout(comparison, clean(credit), max_width, labels)
    return _Drawing(
        _n(placed.width),
        _n(placed.height),
        _n(math.floor(placed.width * MIN_SCALE)),
        escape(clean(comparison.title)),
        escape(_desc(comparison, labels)),
        _body(placed),
    )


@functools.lru_cache(maxsize=1 << 15)
def _n(value: float) -> str:
    """A coordinate or length: at most two decimals, no trailing zeros, never "-0".

    Cached: a diagram writes a few hundred numbers, and most are the same from one diagram to the next.  (The
    cache takes 2 and 2.0, or 0.0 and -0.0, for the same key; they are written the same, so no harm done.)
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_FONT_ATTR = f" font-family={quoteattr(FONT_STACK)}"
_END = {True: "\n", False: ""}


def _desc(comparison: Comparison, labels: dict[str, str]) -> str:
    def join(items: list[str]) -> str:
        items = [i for i in map(clean, items) if i]
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {labels['diagram_and']} {items[-1]}"

    first, *others = list(comparison.columns) or [""]
    fields = {"first": clean(first), "others": join(others), "aspects": join([r.label for r in comparison.rows])}
    return format_label(labels, "diagram_desc", **fields)


@functools.cache
def _sheet(*, standalone: bool, dark: bool = True) -> str:
    """The style sheet; inline, the rule sizing the SVG by its id goes in front of it.

    Standalone, colours are plain; inline, a page may set them (`--gd-card`...).  Without `dark`,
    the light colours alone.
    """

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
        for kind in MARK_KINDS:
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
    scoped = base + rules(False) + ("@media (prefers-color-scheme:dark){" + rules(True) + "}" if dark else "")
    # Every selector under .gd-svg: in a page, the diagram's rules then outrank the page's element rules.
    return scoped.replace(".gd-", ".gd-svg .gd-").replace(".gd-svg .gd-svg", ".gd-svg")


# The star's ten points around its centre, outer and inner in turn, starting at the top.
_STAR_POINTS = tuple(
    (
        (STAR / 2 if k % 2 == 0 else STAR / 2 * 0.48) * math.cos(math.pi / 5 * k - math.pi / 2),
        (STAR / 2 if k % 2 == 0 else STAR / 2 * 0.48) * math.sin(math.pi / 5 * k - math.pi / 2),
    )
    for k in range(10)
)


@functools.lru_cache(maxsize=1024)
def _star_path_at(x: float) -> str:
    """The path of a star whose box starts at `x`, with a `{}` for each y coordinate (str.format fills them in)."""
    cx = x + STAR / 2
    return "M" + "L".join(f"{_n(cx + dx)} {{}}" for dx, _ in _STAR_POINTS) + "Z"


@functools.lru_cache(maxsize=1024)
def _star_ys(cy: float) -> tuple[str, ...]:
    top = cy + 0.6
    return tuple(_n(top + dy) for _, dy in _STAR_POINTS)


def _star_path(x: float, cy: float) -> str:
    return _star_path_at(x).format(*_star_ys(cy))


def _mark(kind: str, cx: float, cy: float) -> str:
    if kind == "yes":
        icon = f"M{_n(cx - 3.7)} {_n(cy + 0.1)}l2.6 2.6 4.9-5.3"
    elif kind == "no":
        icon = f"M{_n(cx - 2.8)} {_n(cy - 2.8)}l5.6 5.6m0-5.6-5.6 5.6"
    else:
        icon = f"M{_n(cx - 3.8)} {_n(cy + 0.6)}c1.3-2.5 2.7-2.5 3.8-.6s2.5 1.9 3.8-.6"
    return f'<circle class="gd-{kind}" cx="{_n(cx)}" cy="{_n(cy)}" r="{MARK_R}"/><path class="gd-{kind}-i" d="{icon}"/>'


def _text_lines(out: list[str], text: Text) -> None:
    style = text.style
    rtl = text.block.rtl
    x = _n(text.x + text.width if rtl else text.x)
    if rtl:  # the class beats page rules; the attribute serves where the style sheet is stripped
        start, end = f'<text class="{text.cls} gd-rtl" x="{x}" y="', '" direction="rtl"'
    else:
        start, end = f'<text class="{text.cls}" x="{x}" y="', '"'
    # The baseline: Liberation Sans (Arial) ascent .905 em, descent .212 em, that box centred in the line box.
    line_height, centring, ascent = style.line_height, (style.line_height - 1.117 * style.size) / 2, 0.905 * style.size
    for k, line in enumerate(text.block.lines):
        y = _n(text.top + k * line_height + centring + ascent)  # added in this order, as they always were
        shown = line.text
        if "&" in shown or "<" in shown or ">" in shown:
            shown = escape(shown)
        if line.exact and line.text.strip():
            out.append(f'{start}{y}{end} textLength="{_n(line.width)}" lengthAdjust="spacingAndGlyphs">{shown}</text>')
        else:
            out.append(f"{start}{y}{end}>{shown}</text>")


def _box(out: list[str], box: Box) -> None:
    # The invisible cell rect and the data-cell markers let a browser test check every line against its cell.
    key = f' data-cell="{box.key}"'
    out.append(f'<rect{key} x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" height="{_n(box.h)}" fill="none"/>')
    out.append(f"<g{key}>")
    if box.tooltip:
        out.append(f"<title>{escape(box.tooltip)}</title>")
    cell = box.cell
    if cell is not None and cell.kind in MARK_KINDS:
        rtl = bool(box.texts) and box.texts[0].block.rtl
        cx = box.x + box.w - CELL_X - MARK_R if rtl else box.x + CELL_X + MARK_R
        out.append(_mark(cell.kind, cx, box.y + CELL_Y + BODY.line_height / 2))
    if cell is not None and cell.kind == "rating":
        cy = box.y + CELL_Y + BODY.line_height / 2
        for k in range(max(cell.of, 1)):
            cls = "gd-star" if k < cell.rating else "gd-star0"
            out.append(f'<path class="{cls}" d="{_star_path(box.x + CELL_X + k * (STAR + STAR_GAP), cy)}"/>')
    for text in box.texts:
        _text_lines(out, text)
    out.append("</g>")


def _body(placed: Layout) -> str:
    """Everything inside the card, which the inline and standalone SVG share."""
    card_w, card_h = _n(placed.width - 1), _n(placed.height - 1)
    out = [f'<rect class="gd-card" x="0.5" y="0.5" width="{card_w}" height="{card_h}" rx="14"/>']
    for x, y, sw, sh in placed.stripes:
        out.append(f'<rect class="gd-stripe" x="{_n(x)}" y="{_n(y)}" width="{_n(sw)}" height="{_n(sh)}" rx="8"/>')
    if placed.band is not None:
        x, y, bw, bh = placed.band
        out.append(f'<rect class="gd-band" x="{_n(x)}" y="{_n(y)}" width="{_n(bw)}" height="{_n(bh)}" rx="10"/>')
    x1, x2, ry = placed.rule
    out.append(f'<path class="gd-rule" d="M{_n(x1)} {_n(ry - 0.5)}H{_n(x2)}" stroke-width="1"/>')
    for box in placed.boxes:
        _box(out, box)
    return "".join(out)
