"""Measuring and line-breaking text for the diagram, with real shaping.

Widths come from HarfBuzz (uharfbuzz) shaping against metrics-only copies of
the fonts the diagram declares (see `glossator/fonts/README.md`):

- text the primary font covers (Latin, Greek, Cyrillic, Hebrew, ...) is shaped
  with Liberation Sans metrics, which are Arial's and Helvetica's metrics; such a
  line is *exact*, and the SVG pins it with `textLength` so even a fallback
  font with other widths renders it at exactly the measured length;
- everything else is a conservative estimate: scripts the fallback font covers
  (Arabic, Armenian, symbols, ...) are shaped with DejaVu Sans metrics plus
  `FALLBACK_MARGIN`; CJK is one em per character (every CJK font's ideographs
  are one em); emoji are `EMOJI_EM` per visible code point; anything else one
  em per grapheme; and the primary-font parts of such a line are widened by
  `WIDEST_FALLBACK`, the worst ratio measured between Arial metrics and the
  common fallback sans fonts (DejaVu Sans, Noto Sans, Roboto).

Line breaking follows what a browser would do, simplified: break at spaces,
after hyphens and slashes inside words, and between CJK characters (but not
before closing or after opening punctuation); a word longer than the line is
split between grapheme clusters, with a hyphen where the script uses one.

Speed.  A build sets every diagram's text, so the common case is kept cheap
without changing a single width.  Kerning and ligatures are off, and the
primary font has no other layout feature a browser applies by default (its
GSUB holds only `subs` and `sups`, its GPOS only `kern`), so text made only of
*simple* characters -- in the primary font, one character per cluster, not a
mark, format or control character, not right-to-left, CJK or emoji -- is
exactly as wide as the sum of its characters' advances.  Such text is measured
from a table of advances in font units, and `wrap` sums the integer widths of a
line's pieces instead of shaping each candidate line; the float arithmetic from
font units to px is the same as after shaping, so widths are bit-identical
(tests/test_diagram.py checks the table against HarfBuzz).  Everything else is
shaped as described above.  What a text needs whatever the width (its widest
word, its width on one line, and that one line ready to hand back when it
fits), multi-line wraps and shaped widths are kept in bounded LRU caches keyed
by text and style; ASCII text (most of it) takes shortcuts in `clean`,
`clusters`, `pieces` and `is_rtl` that give what the general code gives.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

import uharfbuzz as hb

FONT_DIR = Path(__file__).resolve().parents[1] / "fonts"
FONT_FILES = {
    (False, False): "glossator-measure-sans-regular.ttf",
    (True, False): "glossator-measure-sans-bold.ttf",
    (False, True): "glossator-measure-fallback-regular.ttf",
    (True, True): "glossator-measure-fallback-bold.ttf",
}

FALLBACK_MARGIN = 1.05  # DejaVu Sans was the widest Arabic measured (Noto Sans/Naskh Arabic are 4-16% narrower)
WIDEST_FALLBACK = 1.26  # DejaVu Sans vs Arial metrics: +8.5% to +25.1% on the sample corpus
EMOJI_EM = 1.3  # Noto Color Emoji advances 1.245 em
SYNTHETIC_BOLD_EM = 0.06  # allowance per estimated cluster for a browser's synthetic bold
HYPHEN = "-"
ELLIPSIS = "…"

# Kerning and ligature tables differ between Arial, Helvetica and the Liberation versions, while their advance
# widths are identical by design: the diagram turns both off (font-kerning, font-variant-ligatures) and so
# does the measurement.
_FEATURES = {"kern": False, "liga": False, "clig": False, "calt": False}
_ZERO_WIDTH_CATEGORIES = {"Mn", "Me", "Mc", "Cf"}
_NOT_SIMPLE_CATEGORIES = frozenset({"Mn", "Me", "Mc", "Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp"})
_NO_BREAK_BEFORE = frozenset(
    "、。，．,.:;!?！？：；)]}）」』】〕〉》〙〗〟’”ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻…‥・゠〜"
)
_NO_BREAK_AFTER = frozenset("([{（「『【〔〈《〘〖〝‘“")
_BREAK_AFTER_IN_WORD = frozenset("-/‐–—")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = re.compile(r"[\s\u2028\u2029]+")
# Inside an ASCII word the only break is after a hyphen or slash that a letter or digit follows (see
# `_breaks_between`: no ASCII character is CJK or emoji, and none in _NO_BREAK_BEFORE is alphanumeric).
_ASCII_BREAK = re.compile(r"(?<=[-/])(?=[A-Za-z0-9])")


# Values are NamedTuples: immutable like frozen dataclasses, and much quicker to make and to hash, which counts
# when a build sets every diagram's text.


class TextStyle(NamedTuple):
    """How a piece of text is set: size and line height in px, letter spacing in px."""

    size: float
    line_height: float
    bold: bool = False
    letter_spacing: float = 0.0


class Line(NamedTuple):
    """One line of set text: its width in px, and whether that width is exact."""

    text: str
    width: float
    exact: bool


class Block(NamedTuple):
    """Text broken into lines; `truncated` when it was cut short with an ellipsis."""

    text: str
    lines: tuple[Line, ...]
    truncated: bool
    rtl: bool

    def height(self, style: TextStyle) -> float:
        return len(self.lines) * style.line_height


class _Face:
    def __init__(self, path: Path) -> None:
        face = hb.Face(hb.Blob.from_file_path(str(path)))
        self.font = hb.Font(face)
        self.upem: int = face.upem
        self.cmap: frozenset[int] = frozenset(face.unicodes)


@functools.cache
def _face(bold: bool, fallback: bool) -> _Face:
    return _Face(FONT_DIR / FONT_FILES[bold, fallback])


def clean(text: str) -> str:
    """Text safe for XML and for measuring: control characters removed, whitespace collapsed."""
    if text.isascii() and text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # printable ASCII has no control characters and no whitespace but the space
    return _WHITESPACE.sub(" ", _XML_INVALID.sub("", text.replace("\t", " "))).strip()


def is_rtl(text: str) -> bool:
    """Whether the text's first strong character is right-to-left (like HTML's dir=auto)."""
    if text.isascii():
        return False  # no ASCII character is right-to-left
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _extends(cp: int) -> bool:
    """Whether a code point joins the grapheme cluster before it."""
    return (
        unicodedata.category(chr(cp)) in _ZERO_WIDTH_CATEGORIES
        or 0x1F3FB <= cp <= 0x1F3FF  # emoji skin-tone modifiers
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0020 <= cp <= 0xE007F
    )


def _regional(cp: int) -> bool:
    return 0x1F1E6 <= cp <= 0x1F1FF


def clusters(text: str) -> list[str]:
    """Approximate extended grapheme clusters: never split a mark, a ZWJ sequence or a flag."""
    if text.isascii():
        return list(text)  # no ASCII character extends a cluster
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if out and (
            _extends(cp)
            or out[-1].endswith("\u200d")
            or (_regional(cp) and len(out[-1]) == 1 and _regional(ord(out[-1])))
        ):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _is_cjk(cp: int) -> bool:
    return (
        0x1100 <= cp <= 0x11FF
        or 0x2E80 <= cp <= 0x9FFF
        or 0xA960 <= cp <= 0xA97F
        or 0xAC00 <= cp <= 0xD7FF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFE30 <= cp <= 0xFE4F
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
    )


def _is_emoji(cp: int) -> bool:
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or 0x2300 <= cp <= 0x23FF
        or 0x2B00 <= cp <= 0x2BFF
        or cp in (0x3030, 0x303D, 0x3297, 0x3299, 0x20E3, 0xFE0F)
    )


def _visible(cp: int) -> bool:
    return not (cp == 0x200D or 0xFE00 <= cp <= 0xFE0F or 0xE0020 <= cp <= 0xE007F or cp == 0x20E3)


def _kind(cluster: str, bold: bool) -> str:
    cps = [ord(c) for c in cluster]
    if any(_is_emoji(cp) for cp in cps):
        return "emoji"
    if _is_cjk(cps[0]):
        return "cjk"
    needed = [cp for cp in cps if cp != 0x200D and not 0xFE00 <= cp <= 0xFE0F]
    if all(cp in _face(bold, False).cmap for cp in needed):
        return "primary"
    if all(cp in _face(bold, True).cmap for cp in needed):
        return "fallback"
    return "unknown"


def _shape(text: str, face: _Face) -> float:
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(face.font, buf, _FEATURES)
    advance: int = sum(pos.x_advance for pos in buf.glyph_positions)
    return advance / face.upem


@functools.lru_cache(maxsize=1 << 16)
def _advance(text: str, bold: bool) -> tuple[float, bool]:
    """Width in em of `text` set on one line, and whether that width is exact."""
    runs: list[tuple[str, list[str]]] = []
    for cluster in clusters(text):
        kind = _kind(cluster, bold)
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(cluster)
        else:
            runs.append((kind, [cluster]))
    exact = all(kind == "primary" for kind, _ in runs)
    em = 0.0
    for kind, items in runs:
        if kind == "primary":
            em += _shape("".join(items), _face(bold, False)) * (1.0 if exact else WIDEST_FALLBACK)
            continue
        if kind == "fallback":
            em += _shape("".join(items), _face(bold, True)) * FALLBACK_MARGIN
        elif kind == "cjk":
            em += sum(0.6 if 0xFF61 <= ord(c[0]) <= 0xFFDC else 1.0 for c in items)
        elif kind == "emoji":
            em += sum(EMOJI_EM * sum(_visible(ord(ch)) for ch in c) for c in items)
        else:
            em += float(len(items))
        if bold and kind != "cjk":  # CJK fonts ship a real bold, still one em wide
            em += SYNTHETIC_BOLD_EM * len(items)
    return em, exact


@functools.cache
def _simple_advances(bold: bool) -> tuple[dict[str, int], int]:
    """The advance in font units of every simple character (see the module docstring), and units per em."""
    face = _face(bold, False)
    table: dict[str, int] = {}
    for cp in sorted(face.cmap):
        ch = chr(cp)
        if (
            _extends(cp)
            or _regional(cp)
            or _is_cjk(cp)
            or _is_emoji(cp)
            or unicodedata.category(ch) in _NOT_SIMPLE_CATEGORIES
            or unicodedata.bidirectional(ch) in ("R", "AL")
        ):
            continue
        table[ch] = face.font.get_glyph_h_advance(face.font.get_nominal_glyph(cp))
    return table, face.upem


def _simple_units(text: str, bold: bool) -> int | None:
    """The width of `text` in font units when every character is simple, else None."""
    table = _simple_advances(bold)[0]
    try:
        return sum(map(table.__getitem__, text))
    except KeyError:
        return None


def _px(units: int, count: int, style: TextStyle) -> float:
    """The width in px of simple text `units` wide in font units with `count` characters: as `measure` has it."""
    width = units / _simple_advances(style.bold)[1] * style.size
    if style.letter_spacing:
        width += style.letter_spacing * count
    return width


def measure(text: str, style: TextStyle) -> Line:
    """The width of `text` on one line in `style`, in px."""
    units = _simple_units(text, style.bold)
    if units is not None:  # exactly what shaping gives, without shaping: each character is one cluster
        return Line(text, _px(units, len(text), style), True)
    em, exact = _advance(text, style.bold)
    width = em * style.size
    if style.letter_spacing:
        width += style.letter_spacing * len(clusters(text))
    return Line(text, width, exact)


def _letterlike(cluster: str) -> bool:
    ch = cluster[0]
    return ch.isalnum() and not _is_cjk(ord(ch)) and unicodedata.bidirectional(ch) == "L"


def _breaks_between(before: str, after: str) -> bool:
    if after[0] in _NO_BREAK_BEFORE or before[-1] in _NO_BREAK_AFTER:
        return False
    wide = _is_cjk(ord(before[0])) or _is_cjk(ord(after[0])) or _is_emoji(ord(before[0])) or _is_emoji(ord(after[0]))
    return wide or (before in _BREAK_AFTER_IN_WORD and after[0].isalnum())


def pieces(text: str) -> list[tuple[str, str]]:
    """The unbreakable pieces of cleaned text, each with the glue before it (a space or nothing)."""
    return list(_pieces(text))


def _pieces(text: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for word in text.split(" "):
        if not word:
            continue
        glue = " " if out else ""
        if word.isascii():
            if "-" in word or "/" in word:
                head, *rest = _ASCII_BREAK.split(word)
                out.append((glue, head))
                out.extend(("", part) for part in rest)
            else:
                out.append((glue, word))
            continue
        parts = clusters(word)
        current = parts[0]
        for before, after in itertools.pairwise(parts):
            if _breaks_between(before, after):
                out.append((glue, current))
                glue, current = "", ""
            current += after
        out.append((glue, current))
    return tuple(out)


def _set_pieces(text: str, bold: bool) -> list[tuple[str, str, int | None]]:
    """`pieces` of cleaned text, each with its width in font units when it is simple."""
    table = _simple_advances(bold)[0]
    out: list[tuple[str, str, int | None]] = []
    for glue, piece in _pieces(text):
        try:
            out.append((glue, piece, sum(map(table.__getitem__, piece))))
        except KeyError:
            out.append((glue, piece, None))
    return out


class _Set(NamedTuple):
    """What a text set in a style is, whatever the width it must fit."""

    min_content: float
    one_line: Line  # all of it, cleaned, on one line
    single: Block | None  # all of it on one line when it is simple: `wrap` wherever that fits


@functools.lru_cache(maxsize=1 << 14)
def _set(text: str, style: TextStyle) -> _Set:
    """`text` cleaned and set in `style`: cached, as a diagram asks `extent` and `wrap` about most texts, and a
    build meets the same labels, hints and names over and over."""
    text = clean(text)
    widest = max(
        (
            measure(piece, style).width if units is None else _px(units, len(piece), style)
            for _, piece, units in _set_pieces(text, style.bold)
        ),
        default=0.0,
    )
    units = _simple_units(text, style.bold)
    if units is None:
        return _Set(widest, measure(text, style), None)
    one_line = Line(text, _px(units, len(text), style), True)
    # Simple text is as wide as the sum of its parts, so if all of it fits on a line, every shorter line the
    # loop in `_wrap` would try fits too, and it would end with this one line.
    return _Set(widest, one_line, Block(text, (one_line,), False, is_rtl(text)) if text else None)


def min_content(text: str, style: TextStyle) -> float:
    """The width of the widest unbreakable piece: a column narrower than this must split a word."""
    return _set(text, style).min_content


def extent(text: str, style: TextStyle) -> tuple[float, float]:
    """`min_content` of `text`, and its width set on one line (cleaned): the least and most it can take."""
    done = _set(text, style)
    return done.min_content, done.one_line.width


def _split_word(word: str, style: TextStyle, width: float, limit: int) -> list[Line]:
    """Split a word wider than `width` between clusters, hyphenated where its script allows.

    Past `limit` lines the rest of the word is one last line: it will be cut off anyway, and
    splitting all of a very long word costs time quadratic in its length.
    """
    parts = clusters(word)
    lines: list[Line] = []
    # No cluster is narrower than a tenth of an em, so no line can hold more clusters than this.
    most = int(width / (0.1 * style.size)) + 1
    while parts:
        if len(parts) <= most or len(lines) >= limit:
            whole = measure("".join(parts), style)
            if whole.width <= width or len(lines) >= limit:
                lines.append(whole)
                break
        lo, hi, best = 1, min(len(parts) - 1, most), 1
        while lo <= hi:  # the longest head that fits with its hyphen; at least one cluster regardless
            mid = (lo + hi) // 2
            if _head(parts, mid, style).width <= width:
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        lines.append(_head(parts, best, style))
        parts = parts[best:]
    return lines


def _hyphenates(parts: list[str], k: int) -> bool:
    return 0 < k < len(parts) and _letterlike(parts[k - 1]) and _letterlike(parts[k])


def _head(parts: list[str], k: int, style: TextStyle) -> Line:
    head = "".join(parts[:k])
    return measure(head + HYPHEN if _hyphenates(parts, k) else head, style)


def _ellipsize(line: Line, style: TextStyle, width: float) -> Line:
    parts = clusters(line.text.removesuffix(HYPHEN) if line.text.endswith(HYPHEN) else line.text)
    while True:
        candidate = measure("".join(parts).rstrip() + ELLIPSIS, style)
        if candidate.width <= width or not parts:
            return candidate
        parts.pop()


def wrap(text: str, style: TextStyle, width: float, max_lines: int) -> Block:
    """Break `text` into lines no wider than `width` px; past `max_lines`, end with an ellipsis."""
    done = _set(text, style)
    if done.single is not None and done.single.lines[0].width <= width and max_lines >= 1:
        return done.single
    return _wrap(done.one_line.text, style, width, max_lines)


@functools.lru_cache(maxsize=1 << 12)
def _wrap(text: str, style: TextStyle, width: float, max_lines: int) -> Block:
    lines: list[Line] = []
    # The line being filled: its text, width and exactness, and its width in font units while all of it is simple.
    # (Kept apart rather than as a Line, which is only made once the line is done.)
    line, line_width, line_exact, units = "", 0.0, True, None
    filling = False
    space = _simple_advances(style.bold)[0][" "]
    for glue, piece, piece_units in _set_pieces(text, style.bold):
        if len(lines) > max_lines:
            break  # only the first max_lines are shown; setting the rest of a long text is wasted work
        if filling:
            joined = line + glue + piece
            if units is not None and piece_units is not None:  # measured as shaping the line would
                total = units + (space if glue else 0) + piece_units
                joined_width = _px(total, len(joined), style)
                if joined_width <= width:
                    line, line_width, units = joined, joined_width, total
                    continue
            else:
                candidate = measure(joined, style)
                if candidate.width <= width:
                    line, line_width, line_exact, units = joined, candidate.width, candidate.exact, None
                    continue
            lines.append(Line(line, line_width, line_exact))
        if piece_units is not None:
            single_width, single_exact = _px(piece_units, len(piece), style), True
        else:
            single = measure(piece, style)
            single_width, single_exact = single.width, single.exact
        if single_width <= width:
            line, line_width, line_exact, units, filling = piece, single_width, single_exact, piece_units, True
            continue
        *done, last = _split_word(piece, style, width, max_lines + 1)
        lines.extend(done)
        line, line_width, line_exact, filling = last.text, last.width, last.exact, True
        units = _simple_units(line, style.bold)
    if filling:
        lines.append(Line(line, line_width, line_exact))
    truncated = len(lines) > max_lines
    if truncated:
        lines = [*lines[: max_lines - 1], _ellipsize(lines[max_lines - 1], style, width)]
    return Block(text, tuple(lines), truncated, is_rtl(text))
