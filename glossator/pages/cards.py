"""Share cards: a 1200×630 PNG per entry, and one for the site, drawn at build time.

A card shows what a link preview should: the category and level, the title,
the 30-second version and the site's name.  Cards are drawn with Pillow in a
font shipped in the package (`fonts/cards/`), so every machine draws the same
pixels, and encoded by `png` with the standard library's zlib, so the bytes
carry no timestamp or metadata and do not depend on Pillow's own PNG encoder.

A card is a palette image: its few colours and the shades of their edges fit
in 256 entries, a third of the bytes of RGB to draw and compress.  What every
card of a site shares is drawn once per process and copied, and text is
stamped from glyphs rendered once (`glyphs`), so a card takes a few
milliseconds.  A `CardCache` keeps finished cards on disk under a hash of
everything that goes into them, so a rebuild redraws only the entries whose
card changed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

import PIL
from PIL import Image, ImageDraw

from glossator.content.model import LEVELS
from glossator.core.labels import count_label
from glossator.core.parallel import fork_map
from glossator.pages.glyphs import Face, face, wrap
from glossator.pages.png import encode_png
from glossator.pages.shelf import File, Shelf
from glossator.pages.urls import Urls
from glossator.pages.views import ViewBuilder
from glossator.prose.glossary import Glossary

WIDTH, HEIGHT = 1200, 630
# Bump when the drawing changes, so cached cards are redrawn.
RENDERER_VERSION = "2"
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
FOOTER_TOP = HEIGHT - 80 - 48  # the top of the site's mark


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

# A card is drawn as an 8-bit image of palette indices.  Pillow blends an antialiased edge by blending index
# values, so each ink drawn over a background has a ramp of indices running from the background's index to its
# own, holding the shades between.  The title's ink and the muted ink share the paper at index 99.
TEXT_INK, PAPER_INK, MUTED_INK = 0, 99, 175
TINT_INK, CATEGORY_INK = 176, 252  # the kicker's pill and its lettering; the stripe down the left edge
LINE_INK, ACCENT_INK, WHITE_INK = 253, 254, 255


# ASCII's control characters, the only ones of the categories below that ASCII has.
_ASCII_CONTROLS = str.maketrans(dict.fromkeys([*range(32), 127], " "))


def _clean(text: str) -> str:
    """One line of text: controls, format characters and line breaks made spaces, runs of spaces made one."""
    if text.isascii():  # most text, and already in NFC
        return " ".join(text.translate(_ASCII_CONTROLS).split())
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    return " ".join(text.split())


def _rgb(colour: str) -> tuple[int, int, int]:
    value = int(colour.lstrip("#"), 16)
    return (value >> 16 & 255, value >> 8 & 255, value & 255)


@functools.lru_cache(maxsize=16)
def _palette(fg: str, bg: str) -> bytes:
    """The colours of the indices above, for a card whose kicker is `fg` on `bg`: 256 RGB triples."""
    entries = bytearray(3 * 256)
    for start, end, first, last in (
        (TEXT, PAPER, TEXT_INK, PAPER_INK),
        (PAPER, MUTED, PAPER_INK, MUTED_INK),
        (bg, fg, TINT_INK, CATEGORY_INK),
    ):
        a, b, steps = _rgb(start), _rgb(end), last - first
        for step in range(steps + 1):
            shade = ((x * (steps - step) + y * step + steps // 2) // steps for x, y in zip(a, b, strict=True))
            entries[3 * (first + step) : 3 * (first + step) + 3] = bytes(shade)
    for index, colour in ((LINE_INK, LINE), (ACCENT_INK, ACCENT), (WHITE_INK, "#ffffff")):
        entries[3 * index : 3 * index + 3] = bytes(_rgb(colour))
    return bytes(entries)


def _mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The site's icon (theme/static/favicon.svg): an accent tile with a white letter."""
    scale = size / 64
    draw.rounded_rectangle((x, y, x + size - 1, y + size - 1), radius=round(14 * scale), fill=ACCENT_INK)
    outline = [(20, 18), (44, 18), (44, 23), (26, 23), (26, 30), (41, 30), (41, 35), (26, 35), (26, 46), (20, 46)]
    draw.polygon([(x + px * scale, y + py * scale) for px, py in outline], fill=WHITE_INK)


def _title_face(title: str) -> tuple[Face, list[str]]:
    """The largest size at which the title fits in two lines, or three lines at the smallest size."""
    for size in range(76, 51, -4):
        typeface = face(BOLD, size)
        lines, cut = wrap(title, typeface, TEXT_WIDTH, 2)
        if not cut:
            return typeface, lines
    typeface = face(BOLD, 52)
    return typeface, wrap(title, typeface, TEXT_WIDTH, 3)[0]


def _one_line(text: str, typeface: Face, width: float) -> str:
    """`text` cleaned and cut to one line of `width`, with an ellipsis if cut."""
    cleaned = _clean(text)
    return wrap(cleaned, typeface, width, 1)[0][0] if cleaned else ""


@functools.lru_cache(maxsize=8)
def _backdrop(site: str, address: str) -> Image.Image:
    """What every card of a site shares: the paper, the stripe and the footer with the site's mark, name and address.

    The stripe's colour is the category's, but its index is the same on every card.  Callers copy the image.
    """
    image = Image.new("L", (WIDTH, HEIGHT), PAPER_INK)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 11, HEIGHT), fill=CATEGORY_INK)
    draw.line((MARGIN, FOOTER_TOP - 28, WIDTH - MARGIN, FOOTER_TOP - 28), fill=LINE_INK, width=2)
    _mark(draw, MARGIN, FOOTER_TOP, 48)
    name_face, address_face = face(BOLD, 28), face(REGULAR, 24)
    address = _clean(address)
    room_for_name = TEXT_WIDTH - 48 - 18 - address_face.length(address) - 32
    name = _one_line(site, name_face, max(room_for_name, 120))
    name_face.draw(draw, (MARGIN + 48 + 18, FOOTER_TOP + 24), name, TEXT_INK, anchor="lm")
    if address and room_for_name >= 120:
        address_face.draw(draw, (WIDTH - MARGIN, FOOTER_TOP + 24), address, MUTED_INK, anchor="rm")
    return image


def draw_card(spec: CardSpec) -> bytes:
    """The card as PNG bytes.  Pure: the same spec always gives the same bytes."""
    image = _backdrop(spec.site, spec.address).copy()
    draw = ImageDraw.Draw(image)

    # Kicker: the category as a pill, then the level marker.
    kicker_face = face(BOLD, 26)
    kicker = _one_line(spec.kicker, kicker_face, TEXT_WIDTH * 0.6)
    top = 78
    x = MARGIN
    if kicker:
        pill = round(kicker_face.length(kicker)) + 44
        draw.rounded_rectangle((x, top, x + pill, top + 50), radius=25, fill=TINT_INK)
        kicker_face.draw(draw, (x + 22, top + 25), kicker, CATEGORY_INK, anchor="lm")
        x += pill + 26
    if spec.steps:
        for i in range(len(LEVELS)):
            ink = ACCENT_INK if i < spec.steps else LINE_INK
            draw.rounded_rectangle((x, top + 17, x + 15, top + 32), radius=3, fill=ink)
            x += 20
        x += 8
    if spec.level:
        face(REGULAR, 26).draw(draw, (x, top + 25), _clean(spec.level), MUTED_INK, anchor="lm")

    # Title, then as much of the 30-second version as fits above the footer.
    title_face, title_lines = _title_face(_clean(spec.title) or " ")
    size = title_face.size
    step = round(size * 1.12)
    y = top + 50 + 46 + round(size * 0.8)
    for line in title_lines:
        title_face.draw(draw, (MARGIN, y), line, TEXT_INK)
        y += step
    summary_face = face(REGULAR, 31)
    leading = 45
    y += 24 - step + leading
    room = max(0, (FOOTER_TOP - 36 - (y - leading + 10)) // leading)
    if room and spec.summary.strip():
        for line in wrap(_clean(spec.summary), summary_face, TEXT_WIDTH, room)[0]:
            summary_face.draw(draw, (MARGIN, y), line, MUTED_INK)
            y += leading
    return encode_png(image, _palette(spec.fg, spec.bg))


# --- caching ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardCache:
    """Finished cards on disk, one file per spec key.  Never required: any failure just means a redraw."""

    folder: Path

    def file(self, key: str) -> Path:
        """Where the card of `key` is kept."""
        return self.folder / f"{key}.png"

    def get(self, key: str) -> bytes | None:
        try:
            data = self.file(key).read_bytes()
        except OSError:
            return None
        return data if data.startswith(b"\x89PNG\r\n\x1a\n") else None

    def put(self, key: str, data: bytes) -> bool:
        """Keep a card; False when it could not be (a read-only or full disk costs a redraw next time, nothing more)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Write then rename: a build reading the cache at the same time never sees half a card.
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".card-", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            Path(tmp).replace(self.file(key))
        except OSError:
            return False
        return True

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


def draw_cards(
    specs: Mapping[str, CardSpec], cache: CardCache | None = None, *, jobs: int = 1, shelf: Shelf | None = None
) -> dict[str, File]:
    """Output path -> PNG bytes for every spec, reusing cached cards and caching new ones.

    Cards missing from the cache are drawn over `jobs` processes.  With a `shelf`, every card is
    read or drawn, and put on it, in those processes, and stands in the answer as its `Shelved` note.
    """
    if shelf is not None:

        def shelve(item: tuple[str, CardSpec]) -> File:
            path, spec = item
            data, kept = _kept_card(spec, cache)
            return shelf.put(path, data, made=kept)  # the cache's file is linked into the site where it can be

        items = sorted(specs.items())
        return dict(zip((path for path, _ in items), fork_map(shelve, items, jobs), strict=True))
    found: dict[str, File] = {}
    missing: list[tuple[str, CardSpec]] = []
    for path, spec in sorted(specs.items()):
        data = cache.get(spec.key()) if cache else None
        if data is None:
            missing.append((path, spec))
        else:
            found[path] = data
    drawn = fork_map(partial(_drawn, cache=cache), [spec for _, spec in missing], jobs)
    found.update(zip((path for path, _ in missing), (data for data, _ in drawn), strict=True))
    return {path: found[path] for path in sorted(found)}


def _kept_card(spec: CardSpec, cache: CardCache | None) -> tuple[bytes, Path | None]:
    """The card `spec` describes, from `cache` if it holds it, else drawn and cached; and the cache's file of it.

    The file is given only when it holds these very bytes (they were read from it, or it was just written).
    """
    data = cache.get(spec.key()) if cache else None
    if data is None or cache is None:
        return _drawn(spec, cache)
    return data, cache.file(spec.key())


def _drawn(spec: CardSpec, cache: CardCache | None) -> tuple[bytes, Path | None]:
    """The card `spec` describes, drawn and cached by the process that drew it (the cache's writes are atomic).

    With the cache's file of it, when it could be written.
    """
    data = _draw(spec)
    return data, cache.file(spec.key()) if cache is not None and cache.put(spec.key(), data) else None


def _draw(spec: CardSpec) -> bytes:
    return draw_card(spec)  # looked up when called, so a test can count draws
