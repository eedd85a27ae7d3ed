"""Share cards: a 1200×630 PNG per entry, and one for the site, drawn at build time.

A card shows what a link preview should: the category and level, the title,
the 30-second version and the site's name.  Cards are drawn with Pillow in a
font shipped in the package (`fonts/cards/`), so every machine draws the same
pixels, and encoded here with the standard library's zlib, so the bytes carry
no timestamp or metadata and do not depend on Pillow's own PNG encoder.

Drawing takes tens of milliseconds a card; a `CardCache` keeps finished cards
on disk under a hash of everything that goes into them, so a rebuild redraws
only the entries whose card changed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import struct
import tempfile
import time
import unicodedata
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from glossator.content.model import LEVELS
from glossator.core.labels import count_label
from glossator.core.parallel import fork_map
from glossator.pages.urls import Urls
from glossator.pages.views import ViewBuilder
from glossator.prose.glossary import Glossary

WIDTH, HEIGHT = 1200, 630
# Bump when the drawing changes, so cached cards are redrawn.
RENDERER_VERSION = "1"
FONTS = Path(__file__).parents[1] / "fonts" / "cards"
REGULAR = FONTS / "glossator-card-sans-regular.ttf"
BOLD = FONTS / "glossator-card-sans-bold.ttf"

# The light theme's colours (site.css :root and .cat-0 ... .cat-7); a test keeps them in step.
PAPER = "#faf9f6"
TEXT = "#1c1e24"
MUTED = "#5a606c"
LINE = "#e4e2dc"
ACCENT = "#3442c2"
ACCENT_TINT = "#eef0fc"
CATEGORY_COLOURS: tuple[tuple[str, str], ...] = (
    ("#6233b8", "#f2edfc"),
    ("#0b6a61", "#e4f3f1"),
    ("#9a4500", "#fcefe2"),
    ("#ad2b4c", "#fdebef"),
    ("#1b5cb3", "#e7effb"),
    ("#2d6b1c", "#e9f4e4"),
    ("#76501a", "#f5eee1"),
    ("#455368", "#edf0f4"),
)

MARGIN = 88
TEXT_WIDTH = WIDTH - 2 * MARGIN
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class CardSpec:
    """Everything a card shows; equal specs give byte-identical cards."""

    title: str
    summary: str
    kicker: str  # the category's name, or the site's label for the home card
    site: str  # the site's name
    address: str  # where the site lives, e.g. 'example.org/glossary'
    fg: str = ACCENT  # the kicker's colours
    bg: str = ACCENT_TINT
    level: str = ""  # printed after the kicker: the level's name (or the number of terms on the site card)
    steps: int = 0  # filled steps of the level marker, one step per level; 0 draws no marker

    def key(self) -> str:
        """A hash of the inputs, the renderer and the fonts: the name of the card in a cache."""
        data = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256()
        for part in (RENDERER_VERSION, PIL.__version__, _fonts_digest(), data):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()[:32]


@functools.cache
def _fonts_digest() -> str:
    """The card fonts' hash: read once per process, not once per card."""
    return hashlib.sha256(REGULAR.read_bytes() + BOLD.read_bytes()).hexdigest()


def category_colours(index: int) -> tuple[str, str]:
    return CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)]


# --- drawing ---------------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # Basic layout: the same on every machine, with or without libraqm.
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def _split_long(word: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """A word wider than a line, cut into pieces that fit."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and font.getlength(current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current] if current else pieces


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float, max_lines: int) -> tuple[list[str], bool]:
    """Greedy line breaking at spaces; the last line ends with an ellipsis when text is left over."""
    words: list[str] = []
    for word in text.split(" "):
        words += _split_long(word, font, width) if font.getlength(word) > width else [word]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            return _ellipsize(lines, font, width), True
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        return _ellipsize(lines[:max_lines], font, width), True
    return lines, False


def _ellipsize(lines: list[str], font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    last = lines[-1]
    while last and font.getlength(last.rstrip(" ,;:.–—-") + ELLIPSIS) > width:
        last = last[: last.rfind(" ")] if " " in last else last[:-1]
    return [*lines[:-1], last.rstrip(" ,;:.–—-") + ELLIPSIS]


def _rgb(colour: str) -> tuple[int, int, int]:
    value = int(colour.lstrip("#"), 16)
    return (value >> 16 & 255, value >> 8 & 255, value & 255)


def _mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The site's icon (theme/static/favicon.svg): an accent tile with a white letter."""
    scale = size / 64
    draw.rounded_rectangle((x, y, x + size - 1, y + size - 1), radius=round(14 * scale), fill=_rgb(ACCENT))
    outline = [(20, 18), (44, 18), (44, 23), (26, 23), (26, 30), (41, 30), (41, 35), (26, 35), (26, 46), (20, 46)]
    draw.polygon([(x + px * scale, y + py * scale) for px, py in outline], fill=(255, 255, 255))


def _title_font(title: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits in two lines, or three lines at the smallest size."""
    for size in range(76, 51, -4):
        font = _font(BOLD, size)
        lines, cut = wrap(title, font, TEXT_WIDTH, 2)
        if not cut:
            return font, lines
    font = _font(BOLD, 52)
    return font, wrap(title, font, TEXT_WIDTH, 3)[0]


def draw_card(spec: CardSpec) -> bytes:
    """The card as PNG bytes.  Pure: the same spec always gives the same bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), _rgb(PAPER))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 11, HEIGHT), fill=_rgb(spec.fg))

    # Kicker: the category as a pill, then the level marker.
    kicker_font = _font(BOLD, 26)
    kicker = wrap(_clean(spec.kicker), kicker_font, TEXT_WIDTH * 0.6, 1)[0][0] if spec.kicker.strip() else ""
    top = 78
    x = MARGIN
    if kicker:
        pill = round(kicker_font.getlength(kicker)) + 44
        draw.rounded_rectangle((x, top, x + pill, top + 50), radius=25, fill=_rgb(spec.bg))
        draw.text((x + 22, top + 25), kicker, font=kicker_font, fill=_rgb(spec.fg), anchor="lm")
        x += pill + 26
    if spec.steps:
        for i in range(len(LEVELS)):
            colour = ACCENT if i < spec.steps else LINE
            draw.rounded_rectangle((x, top + 17, x + 15, top + 32), radius=3, fill=_rgb(colour))
            x += 20
        x += 8
    if spec.level:
        level_font = _font(REGULAR, 26)
        draw.text((x, top + 25), _clean(spec.level), font=level_font, fill=_rgb(MUTED), anchor="lm")

    # Title, then as much of the 30-second version as fits above the footer.
    title_font, title_lines = _title_font(_clean(spec.title) or " ")
    size = int(title_font.size)
    step = round(size * 1.12)
    y = top + 50 + 46 + round(size * 0.8)
    for line in title_lines:
        draw.text((MARGIN, y), line, font=title_font, fill=_rgb(TEXT), anchor="ls")
        y += step
    footer_top = HEIGHT - 80 - 48
    summary_font = _font(REGULAR, 31)
    leading = 45
    y += 24 - step + leading
    room = max(0, (footer_top - 36 - (y - leading + 10)) // leading)
    if room and spec.summary.strip():
        for line in wrap(_clean(spec.summary), summary_font, TEXT_WIDTH, room)[0]:
            draw.text((MARGIN, y), line, font=summary_font, fill=_rgb(MUTED), anchor="ls")
            y += leading

    # Footer: the site's mark and name, and its address.
    draw.line((MARGIN, footer_top - 28, WIDTH - MARGIN, footer_top - 28), fill=_rgb(LINE), width=2)
    _mark(draw, MARGIN, footer_top, 48)
    site_font = _font(BOLD, 28)
    address_font = _font(REGULAR, 24)
    address = _clean(spec.address)
    address_width = address_font.getlength(address) if address else 0
    room_for_name = TEXT_WIDTH - 48 - 18 - address_width - 32
    name = wrap(_clean(spec.site), site_font, max(room_for_name, 120), 1)[0][0] if spec.site.strip() else ""
    draw.text((MARGIN + 48 + 18, footer_top + 24), name, font=site_font, fill=_rgb(TEXT), anchor="lm")
    if address and room_for_name >= 120:
        draw.text((WIDTH - MARGIN, footer_top + 24), address, font=address_font, fill=_rgb(MUTED), anchor="rm")
    return encode_png(image)


def encode_png(image: Image.Image) -> bytes:
    """A minimal PNG (IHDR, IDAT, IEND): no time, text or colour-profile chunks.

    Rows are left unfiltered: on flat backgrounds with text that compresses
    better than Pillow's adaptive filtering, and zlib level 6 is four times
    faster than 9 for a few kilobytes more.
    """
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    width, height = rgb.size
    raw = rgb.tobytes()
    stride = width * 3
    scanlines = b"".join(b"\0" + raw[i : i + stride] for i in range(0, stride * height, stride))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(scanlines, 6))
        + chunk(b"IEND", b"")
    )


# --- caching ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardCache:
    """Finished cards on disk, one file per spec key.  Never required: any failure just means a redraw."""

    folder: Path

    def get(self, key: str) -> bytes | None:
        try:
            data = (self.folder / f"{key}.png").read_bytes()
        except OSError:
            return None
        return data if data.startswith(b"\x89PNG\r\n\x1a\n") else None

    def put(self, key: str, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Write then rename: a build reading the cache at the same time never sees half a card.
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".card-", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            Path(tmp).replace(self.folder / f"{key}.png")
        except OSError:
            pass  # a read-only or full disk costs a redraw next time, nothing more

    def forget_unused(self, keys: Iterable[str], max_age_days: float = 7) -> None:
        """Delete cards not among `keys` and unused for `max_age_days`, so the cache stays small.

        The age spares the cards of another build of the same project (say, a preview with
        drafts, or another base URL) that is still in use.
        """
        wanted = {f"{k}.png" for k in keys}
        horizon = time.time() - max_age_days * 86400
        try:
            paths = list(self.folder.glob("*.png"))
        except OSError:
            return
        for path in paths:
            with contextlib.suppress(OSError):
                if path.name in wanted:
                    os.utime(path)  # a card in use is never stale
                elif path.stat().st_mtime < horizon:
                    path.unlink()


def card_specs(glossary: Glossary) -> dict[str, CardSpec]:
    """Output path -> what its card shows: one per entry, and the site's own card."""
    config = glossary.config
    labels = config.labels
    address = config.address  # the published site's, also in a preview or a build for another address
    views = ViewBuilder(glossary, Urls(config.base_url, config.base_path))
    specs: dict[str, CardSpec] = {}
    for slug, entry in glossary.entries.items():
        card = views.card(slug)
        fg, bg = category_colours(card.category.index)
        specs[Urls.card(slug)] = CardSpec(
            title=entry.title,
            summary=card.summary,
            kicker=card.category.name,
            site=config.title,
            address=address,
            fg=fg,
            bg=bg,
            level=labels[f"level_{entry.level}"],
            steps=LEVELS.index(entry.level) + 1,
        )
    total = len(glossary.entries)
    specs[Urls.card()] = CardSpec(
        title=config.title,
        summary=config.description,
        kicker=labels["glossary"],
        site=config.title,
        address=address,
        level=count_label(labels, "terms_count", total),
    )
    return specs


def draw_cards(specs: Mapping[str, CardSpec], cache: CardCache | None = None, *, jobs: int = 1) -> dict[str, bytes]:
    """Output path -> PNG bytes for every spec, reusing cached cards and caching new ones.

    Cards missing from the cache are drawn over `jobs` processes (a card takes tens of milliseconds).
    """
    found: dict[str, bytes] = {}
    missing: list[tuple[str, CardSpec]] = []
    for path, spec in sorted(specs.items()):
        data = cache.get(spec.key()) if cache else None
        if data is None:
            missing.append((path, spec))
        else:
            found[path] = data
    drawn = fork_map(_draw, [spec for _, spec in missing], jobs)
    for (path, spec), data in zip(missing, drawn, strict=True):
        if cache:
            cache.put(spec.key(), data)
        found[path] = data
    return {path: found[path] for path in sorted(found)}


def _draw(spec: CardSpec) -> bytes:
    return draw_card(spec)  # looked up when called, so a test can count draws
