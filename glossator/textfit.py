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
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb

FONT_DIR = Path(__file__).resolve().parent / "fonts"
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
_NO_BREAK_BEFORE = frozenset(
    "、。，．,.:;!?！？：；)]}）」』】〕〉》〙〗〟’”ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻…‥・゠〜"
)
_NO_BREAK_AFTER = frozenset("([{（「『【〔〈《〘〖〝‘“")
_BREAK_AFTER_IN_WORD = frozenset("-/‐–—")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = re.compile(r"[\s\u2028\u2029]+")


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How a piece of text is set: size and line height in px, letter spacing in px."""

    size: float
    line_height: float
    bold: bool = False
    letter_spacing: float = 0.0


@dataclass(frozen=True, slots=True)
class Line:
    """One line of set text: its width in px, and whether that width is exact."""

    text: str
    width: float
    exact: bool


@dataclass(frozen=True, slots=True)
class Block:
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
    return _WHITESPACE.sub(" ", _XML_INVALID.sub("", text.replace("\t", " "))).strip()


def is_rtl(text: str) -> bool:
    """Whether the text's first strong character is right-to-left (like HTML's dir=auto)."""
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


def measure(text: str, style: TextStyle) -> Line:
    """The width of `text` on one line in `style`, in px."""
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
    out: list[tuple[str, str]] = []
    for word in text.split(" "):
        if not word:
            continue
        parts = clusters(word)
        glue = " " if out else ""
        current = parts[0]
        for before, after in itertools.pairwise(parts):
            if _breaks_between(before, after):
                out.append((glue, current))
                glue, current = "", ""
            current += after
        out.append((glue, current))
    return out


def min_content(text: str, style: TextStyle) -> float:
    """The width of the widest unbreakable piece: a column narrower than this must split a word."""
    return max((measure(piece, style).width for _, piece in pieces(clean(text))), default=0.0)


def _split_word(word: str, style: TextStyle, width: float) -> list[Line]:
    """Split a word wider than `width` between clusters, hyphenated where its script allows."""
    parts = clusters(word)
    lines: list[Line] = []
    while parts:
        whole = measure("".join(parts), style)
        if whole.width <= width:
            lines.append(whole)
            break
        lo, hi, best = 1, len(parts) - 1, 1
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
    text = clean(text)
    lines: list[Line] = []
    current: Line | None = None
    for glue, piece in pieces(text):
        if current is not None:
            candidate = measure(current.text + glue + piece, style)
            if candidate.width <= width:
                current = candidate
                continue
            lines.append(current)
        single = measure(piece, style)
        if single.width <= width:
            current = single
            continue
        *done, current = _split_word(piece, style, width)
        lines.extend(done)
    if current is not None:
        lines.append(current)
    truncated = len(lines) > max_lines
    if truncated:
        lines = [*lines[: max_lines - 1], _ellipsize(lines[max_lines - 1], style, width)]
    return Block(text, tuple(lines), truncated, is_rtl(text))
