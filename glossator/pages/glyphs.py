"""Text on share cards: a font at one size whose glyphs are rendered once, then stamped.

Pillow's `text()` loads and rasterises every glyph of a line three times over,
which made text the costliest part of a card.  With the basic layout Pillow
places each glyph's bitmap at its pen position rounded to a whole pixel, and
a line is as wide as the sum of its characters' advances (the card fonts have
no kerning table), so measuring by summing cached advances and drawing by
stamping cached glyph bitmaps gives Pillow's own widths and pixels.  The
tests hold the two side by side.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

ELLIPSIS = "…"
# Past this many different characters, or measured strings, in one face the rest are not kept.
MAX_GLYPHS = 2048
MAX_WIDTHS = 8192
# A glyph: Pillow's bitmap of it (None for a blank one), its offset from the pen on the baseline, its advance.
_Glyph = tuple[Any, int, int, int]


class Face:
    """A font at one size: widths in 1/64 pixel, line breaking, and drawing onto 8-bit images."""

    def __init__(self, path: Path, size: int) -> None:
        # Basic layout: the same on every machine, with or without libraqm.
        self.font = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
        self.size = size
        # How far the baseline is below the middle that Pillow's "lm" anchor puts at y.
        self.middle = int(self.font.getbbox("H", anchor="lm")[1] - self.font.getbbox("H", anchor="ls")[1])
        self._advances: dict[str, int] = {}  # of characters
        self._widths: dict[str, int] = {}  # of words, mostly: each is measured once
        self._glyphs: dict[
            str, _Glyph
        ] = {}  # rendered only when drawn: a title is measured at sizes it is not drawn at

    def advance(self, text: str) -> int:
        """The width of `text` in 1/64 pixel, as Pillow's `getlength` measures it."""
        width = self._widths.get(text)
        if width is None:
            advances = self._advances
            width = sum(advances[char] if char in advances else self._advance(char) for char in text)
            if len(self._widths) < MAX_WIDTHS:
                self._widths[text] = width
        return width

    def length(self, text: str) -> float:
        """The width of `text` in pixels."""
        return self.advance(text) / 64

    def draw(self, draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, ink: int, anchor: str = "ls") -> None:
        """Draw `text` as `draw.text(xy, text, ink, font, anchor)` would: "ls", "lm" or "rm"."""
        x, y = xy
        if anchor[1] == "m":
            y += self.middle
        pen = x * 64 - (self.advance(text) if anchor[0] == "r" else 0)
        # The call with which ImageDraw.text blends a line's mask; made here for each glyph's.
        stamp, colour = draw.draw.draw_bitmap, draw.draw.draw_ink(ink)
        glyphs = self._glyphs
        for char in text:
            mask, left, top, advance = glyphs.get(char) or self._glyph(char)
            if mask is not None:
                stamp((((pen + 32) >> 6) + left, y + top), mask, colour)
            pen += advance

    def _advance(self, char: str) -> int:
        width = round(self.font.getlength(char) * 64)
        if len(self._advances) < MAX_GLYPHS:
            self._advances[char] = width
        return width

    def _glyph(self, char: str) -> _Glyph:
        left, top, right, bottom = (int(edge) for edge in self.font.getbbox(char, anchor="ls"))
        mask = None
        if right > left and bottom > top:
            # Drawn at full strength on black, a glyph's pixels are its coverage: the mask Pillow would blend.
            image = Image.new("L", (right - left, bottom - top), 0)
            ImageDraw.Draw(image).text((-left, -top), char, fill=255, font=self.font, anchor="ls")
            mask = image.im
        glyph = (mask, left, top, self.advance(char))
        if len(self._glyphs) < MAX_GLYPHS:
            self._glyphs[char] = glyph
        return glyph


@functools.lru_cache(maxsize=64)
def face(path: Path, size: int) -> Face:
    """The face for a font file and size, kept for the life of the process (and inherited by forked workers)."""
    return Face(path, size)


def wrap(text: str, typeface: Face, width: float, max_lines: int) -> tuple[list[str], bool]:
    """Greedy line breaking at spaces; the last line ends with an ellipsis when text is left over.

    Each word is measured once; a line's width is the sum of its words' and spaces' widths.
    """
    limit = width * 64
    space = typeface.advance(" ")
    words: list[tuple[str, int]] = []
    for word in text.split(" "):
        size = typeface.advance(word)
        if size > limit:
            words += [(piece, typeface.advance(piece)) for piece in _split_long(word, typeface, limit)]
        else:
            words.append((word, size))
    lines: list[str] = []
    current, current_size = "", 0
    for word, size in words:
        candidate = current_size + space + size if current else size
        if candidate <= limit:
            current, current_size = (f"{current} {word}" if current else word), candidate
            continue
        lines.append(current)
        current, current_size = word, size
        if len(lines) == max_lines:
            return _ellipsize(lines, typeface, limit), True
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        return _ellipsize(lines[:max_lines], typeface, limit), True
    return lines, False


def _split_long(word: str, typeface: Face, limit: float) -> list[str]:
    """A word wider than a line, cut into pieces that fit."""
    pieces: list[str] = []
    current, size = "", 0
    for char in word:
        step = typeface.advance(char)
        if current and size + step > limit:
            pieces.append(current)
            current, size = char, step
        else:
            current, size = current + char, size + step
    return [*pieces, current] if current else pieces


def _ellipsize(lines: list[str], typeface: Face, limit: float) -> list[str]:
    last = lines[-1]
    while last and typeface.advance(last.rstrip(" ,;:.–—-") + ELLIPSIS) > limit:
        last = last[: last.rfind(" ")] if " " in last else last[:-1]
    return [*lines[:-1], last.rstrip(" ,;:.–—-") + ELLIPSIS]
