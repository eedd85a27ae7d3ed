"""Share cards: size, content, determinism, the cache, and the page tags that point at them."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from glossator.content.config import site_address
from glossator.content.project import Project, load_config
from glossator.pages import cards, glyphs, png
from glossator.pages.cards import (
    ACCENT,
    ACCENT_TINT,
    BOLD,
    CATEGORY_COLOURS,
    LINE,
    MUTED,
    PAPER,
    REGULAR,
    TEXT,
    CardCache,
    CardSpec,
    draw_card,
)
from glossator.pages.glyphs import ELLIPSIS, face, wrap
from glossator.pages.png import encode_png
from tests.helpers import ROOT, build_site, entry_text

SPEC = CardSpec(
    title="Retrieval-Augmented Generation",
    summary="Giving a model relevant documents to read at the moment it answers.",
    kicker="Building with AI",
    site="AI Glossary",
    address="example.org/glossary",
    fg=CATEGORY_COLOURS[2][0],
    bg=CATEGORY_COLOURS[2][1],
    level="Intermediate",
    steps=2,
)
LONG = CardSpec(
    title="Retrieval-Augmented Generation with Hybrid Sparse and Dense Vector Search over Heterogeneous "
    "Enterprise Knowledge Bases",
    summary="A model reads documents it was handed at the moment it answers, and cites them. " * 12,
    kicker="A category with a name far too long to fit in its pill on the card",
    site="AI Glossary",
    address="example.org/glossary",
    level="Advanced",
    steps=3,
)


def chunks(png: bytes) -> dict[bytes, bytes]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = {}, 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        found[png[at + 4 : at + 8]] = png[at + 8 : at + 8 + length]
        at += 12 + length
    return found


def rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def colours(png: bytes) -> set[tuple[int, int, int]]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {colour for _, colour in image.getcolors(1 << 16) or []}


def test_a_card_is_a_1200_by_630_palette_png_with_no_metadata() -> None:
    for spec in (SPEC, LONG):
        png = draw_card(spec)
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG"
        assert image.size == (1200, 630)
        assert image.mode == "P"
        assert list(chunks(png)) == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]  # no tIME, tEXt, iCCP, pHYs ...
        assert len(png) < 60_000  # social sites fetch these


def test_a_card_shows_the_category_colour_and_ink_where_the_text_goes() -> None:
    image = Image.open(io.BytesIO(draw_card(SPEC))).convert("RGB")
    assert image.getpixel((4, 300)) == rgb(SPEC.fg)  # the category's stripe down the left edge
    assert image.getpixel((1190, 10)) == rgb(PAPER)
    assert image.getpixel((100, 103)) == rgb(SPEC.bg)  # inside the kicker's pill
    title_band = image.crop((88, 150, 1112, 330))
    darkest, _ = title_band.convert("L").getextrema()
    assert darkest < 50  # the title is drawn in dark ink
    assert sorted(image.crop((0, 0, 1200, 60)).getcolors() or []) == [(12 * 60, rgb(SPEC.fg)), (1188 * 60, rgb(PAPER))]


def test_every_colour_of_the_theme_is_on_the_card_exactly() -> None:
    found = colours(draw_card(SPEC))
    theme = {TEXT, MUTED, PAPER, LINE, ACCENT, SPEC.fg, SPEC.bg, "#ffffff"}
    assert {rgb(c) for c in theme} <= found  # solid strokes, the pill, the stripe, the mark, the rule
    assert rgb(ACCENT_TINT) not in found  # the site's own tint only on the site's card
    assert rgb(ACCENT_TINT) in colours(draw_card(CardSpec("Glossary", "All the terms.", "Glossary", "S", "s.org")))


def test_antialiased_edges_are_shades_between_the_ink_and_its_background() -> None:
    """Each ink's ramp in the palette runs from its background to it, so edges blend to the right shades."""
    entries = png_palette(draw_card(SPEC))
    for background, ink, first, last in (
        (PAPER, TEXT, cards.PAPER_INK, cards.TEXT_INK),
        (PAPER, MUTED, cards.PAPER_INK, cards.MUTED_INK),
        (SPEC.bg, SPEC.fg, cards.TINT_INK, cards.CATEGORY_INK),
    ):
        assert entries[first] == rgb(background) and entries[last] == rgb(ink)
        ramp = entries[min(first, last) : max(first, last) + 1]
        assert len(ramp) >= 70, "enough shades that the edges look as smooth as in RGB"
        for channel in range(3):
            values = [colour[channel] for colour in ramp]
            assert values == sorted(values) or values == sorted(values, reverse=True)


def png_palette(png: bytes) -> list[tuple[int, int, int]]:
    data = chunks(png)[b"PLTE"]
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]


def test_cards_are_byte_identical_across_draws_and_processes() -> None:
    first = draw_card(SPEC)
    # Drawing other sites' cards in between fills the caches of faces, backdrops and rows differently.
    for title in ("Fine-Tuning", "漢字", "W" * 300):
        draw_card(CardSpec(title=title, summary=title, kicker=title, site=title, address=title))
    assert draw_card(SPEC) == first
    code = (
        "import sys; from tests.test_cards import SPEC; from glossator.pages.cards import draw_card;"
        "sys.stdout.buffer.write(draw_card(SPEC))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=120, check=True, env={**os.environ}
    ).stdout
    assert other == first
    assert first != draw_card(CardSpec(**{**_fields(SPEC), "title": "Fine-Tuning"}))


def _fields(spec: CardSpec) -> dict[str, object]:
    return {name: getattr(spec, name) for name in spec.__dataclass_fields__}


def test_the_png_encoder_round_trips_exactly() -> None:
    source = Image.new("L", (7, 3))
    source.putdata([i * 37 % 256 for i in range(21)])
    palette = bytes(range(256)) * 3
    decoded = Image.open(io.BytesIO(encode_png(source, palette)))
    assert decoded.mode == "P" and decoded.tobytes() == source.tobytes()
    assert decoded.getpalette() == list(palette)


def test_runs_of_rows_compressed_once_still_make_one_valid_zlib_stream() -> None:
    width, rows = 50, []
    for n, count in enumerate((1, png.MIN_RUN, 3, 40, png.MIN_RUN - 1, 200, 2, png.MIN_RUN)):
        rows += [bytes((n * 7 + x * (n % 3)) % 9 for x in range(width))] * count
    rows += [bytes(range(x, x + width)) for x in range(20)]  # a stretch at the end
    source = Image.frombytes("L", (width, len(rows)), b"".join(rows))
    for _ in range(2):  # the second time, the runs come from the memo
        encoded = encode_png(source, bytes(9 * 3))
        scanlines = zlib.decompress(chunks(encoded)[b"IDAT"])  # checks the Adler-32 too
        assert scanlines == b"".join(b"\0" + row for row in rows)
        assert Image.open(io.BytesIO(encoded)).tobytes() == source.tobytes()


def test_the_png_encoder_refuses_what_it_cannot_write() -> None:
    with pytest.raises(ValueError, match="mode L"):
        encode_png(Image.new("RGB", (2, 2)), bytes(3))
    with pytest.raises(ValueError, match="palette"):
        encode_png(Image.new("L", (2, 2)), bytes(4))


def test_long_text_wraps_and_ends_with_an_ellipsis() -> None:
    font = face(REGULAR, 31)
    lines, cut = wrap("word " * 200, font, 1024, 3)
    assert cut and len(lines) == 3 and lines[-1].endswith(ELLIPSIS)
    assert all(font.font.getlength(line) <= 1024 for line in lines)
    pieces, cut = wrap("x" * 400, font, 300, 50)
    assert not cut and "".join(pieces) == "x" * 400 and all(font.font.getlength(p) <= 300 for p in pieces)
    assert wrap("Short text", font, 1024, 2) == (["Short text"], False)
    assert wrap("one, two, three", font, font.length("one, two, thr"), 1) == (["one, two…"], True)


def test_a_title_shrinks_to_fit_two_lines_then_is_cut_after_three() -> None:
    short_face, short = cards._title_face("RAG")
    assert (short_face.size, short) == (76, ["RAG"])
    long_face, long = cards._title_face(cards._clean(LONG.title))
    assert long_face.size == 52 and len(long) == 3 and long[-1].endswith(ELLIPSIS)
    assert all(long_face.length(line) <= cards.TEXT_WIDTH for line in long)
    middle_face, middle = cards._title_face("Retrieval-Augmented Generation with Hybrid Search")
    assert 52 < middle_face.size < 76 and len(middle) == 2 and not middle[-1].endswith(ELLIPSIS)


def test_the_kicker_is_cut_to_its_pill_and_the_summary_to_the_room_left() -> None:
    kicker = face(BOLD, 26)
    cut = cards._one_line(LONG.kicker, kicker, cards.TEXT_WIDTH * 0.6)
    assert cut.endswith(ELLIPSIS) and kicker.length(cut) <= cards.TEXT_WIDTH * 0.6
    # The long card's summary fills the room down to the rule over the footer, and stops short of it.
    image = Image.open(io.BytesIO(draw_card(LONG))).convert("RGB")
    assert rgb(MUTED) in {colour for _, colour in image.crop((88, 400, 1112, 465)).getcolors(1 << 16) or []}
    assert image.crop((12, cards.FOOTER_TOP - 37, 1200, cards.FOOTER_TOP - 28)).getcolors() == [(1188 * 9, rgb(PAPER))]


text = st.text(st.sampled_from("aAgjy QWÉéß.,–—“”…·漢字🙂\u0301\u0308fiTVAWo0"), max_size=40)


@given(
    text, st.sampled_from([(REGULAR, 31), (REGULAR, 24), (BOLD, 76), (BOLD, 26)]), st.sampled_from(["ls", "lm", "rm"])
)
@settings(max_examples=150, deadline=None, derandomize=True, database=None)
def test_stamped_glyphs_give_pillows_own_widths_and_pixels(words: str, font: tuple[Path, int], anchor: str) -> None:
    typeface = glyphs.Face(*font)
    assert typeface.length(words) == typeface.font.getlength(words)
    pillow, stamped = Image.new("L", (3600, 200), 99), Image.new("L", (3600, 200), 99)
    ImageDraw.Draw(pillow).text((1800, 120), words, fill=7, font=typeface.font, anchor=anchor)
    typeface.draw(ImageDraw.Draw(stamped), (1800, 120), words, 7, anchor=anchor)
    assert stamped.tobytes() == pillow.tobytes()


def test_hostile_and_empty_text_draws_without_error() -> None:
    for title in ("", " ", "\u200b", "\u0000\u202e\u2028<script>", "W" * 500, "漢字のタイトル", "🙂" * 40):
        png = draw_card(CardSpec(title=title, summary=title * 3, kicker=title, site=title, address=title))
        assert Image.open(io.BytesIO(png)).size == (1200, 630)


def test_the_card_fonts_are_real_fonts_with_outlines_and_a_licence() -> None:
    for path in (REGULAR, BOLD):
        font = TTFont(path)
        glyph = font["glyf"][font.getBestCmap()[ord("A")]]
        assert glyph.numberOfContours > 0, f"{path.name} has no outline for 'A'"
        assert {ord(c) for c in "AZaz09éßłŒ€–—“”…·"} <= set(font.getBestCmap())
        assert path.stat().st_size < 100_000
    assert (REGULAR.parent / "LICENSE-DejaVu.txt").is_file()
    assert '"fonts/cards/*"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_card_colours_match_the_light_theme() -> None:
    css = (ROOT / "glossator" / "theme" / "static" / "site.css").read_text(encoding="utf-8")
    light = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)  # drop every @media block
    found = {
        int(n): (fg, bg) for n, fg, bg in re.findall(r"\.cat-(\d) \{ --cat-fg: (#\w+); --cat-bg: (#\w+); \}", light)
    }
    assert tuple(found[i] for i in range(8)) == CATEGORY_COLOURS
    theme = {
        "bg": cards.PAPER,
        "text": cards.TEXT,
        "muted": cards.MUTED,
        "line": cards.LINE,
        "accent": cards.ACCENT,
        "accent-tint": cards.ACCENT_TINT,
    }
    for name, value in theme.items():
        assert re.search(rf"--{name}: {value};", light), name


def test_cards_print_the_published_address_wherever_the_site_is_served(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(
        "title: T\nbase_url: https://example.org/glossary/\ncategories:\n  - name: Core\n", encoding="utf-8"
    )
    project = Project.at(tmp_path)
    assert load_config(project).address == "example.org/glossary"
    # The preview, or a build for a staging address: the cards still name the published site.
    assert load_config(project, base_url="http://localhost:8000/").address == "example.org/glossary"


def test_site_address_drops_the_scheme_and_trailing_slash() -> None:
    assert site_address("https://example.org/glossary/") == "example.org/glossary"
    assert site_address("https://example.org/") == "example.org"


# --- the build ----------------------------------------------------------------------------------------------------


def _project(make_project: Callable[..., Path]) -> Path:
    return make_project(
        {
            "content/alpha.md": entry_text("Alpha", summary="The first term.", extra="related: [beta]\n"),
            "content/beta.md": entry_text("Beta", category="Tools", level="advanced", summary="The second term."),
        }
    )


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> list[CardSpec]:
    """Every card actually drawn (not taken from the cache) during the test."""
    drawn: list[CardSpec] = []
    real = cards.draw_card

    def counting(spec: CardSpec) -> bytes:
        drawn.append(spec)
        return real(spec)

    monkeypatch.setattr(cards, "draw_card", counting)
    return drawn


def test_a_build_writes_a_card_per_entry_and_one_for_the_site(
    make_project: Callable[..., Path], draws: list[CardSpec]
) -> None:
    root = _project(make_project)
    out = build_site(root, root / "site")
    for path in ("glossary/alpha/card.png", "glossary/beta/card.png", "card.png"):
        assert Image.open(out / path).size == (1200, 630)
    assert sorted(s.title for s in draws) == ["Alpha", "Beta", "Test Glossary"]
    beta = next(s for s in draws if s.title == "Beta")
    assert (beta.kicker, beta.level, beta.steps, beta.summary) == ("Tools", "Advanced", 3, "The second term.")
    assert (beta.fg, beta.bg) == CATEGORY_COLOURS[1]
    assert next(s for s in draws if s.title == "Alpha").steps == 1
    site = next(s for s in draws if s.title == "Test Glossary")
    assert (site.level, site.steps) == ("2 terms", 0), "the site card counts its terms and draws no level marker"
    html = (out / "glossary" / "beta" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://example.org/glossary/beta/card.png">' in html
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://example.org/card.png">' in home


def test_a_second_build_redraws_nothing_and_an_edit_redraws_one_card(
    make_project: Callable[..., Path], draws: list[CardSpec]
) -> None:
    root = _project(make_project)
    out = build_site(root, root / "site")
    first = {p.name: p.read_bytes() for p in (root / ".glossator-cache" / "cards").glob("*.png")}
    assert len(draws) == 3 and len(first) == 3
    before = (out / "glossary" / "alpha" / "card.png").read_bytes()
    draws.clear()
    build_site(root, out)
    assert draws == []
    assert (out / "glossary" / "alpha" / "card.png").read_bytes() == before
    entry = root / "content" / "beta.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("The second term.", "A better summary."), "utf-8")
    build_site(root, out)
    assert [s.title for s in draws] == ["Beta"]
    assert (out / "glossary" / "alpha" / "card.png").read_bytes() == before


def test_a_broken_cache_costs_a_redraw_not_the_build(make_project: Callable[..., Path], draws: list[CardSpec]) -> None:
    root = _project(make_project)
    (root / ".glossator-cache").mkdir()
    (root / ".glossator-cache" / "cards").write_text("not a folder", encoding="utf-8")
    build_site(root, root / "site")
    assert len(draws) == 3
    assert Image.open(root / "site" / "card.png").size == (1200, 630)


def test_a_corrupt_cached_card_is_redrawn(tmp_path: Path) -> None:
    cache = CardCache(tmp_path / "cards")
    cache.put("k", b"garbage")
    assert cache.get("k") is None
    cache.put("k", draw_card(SPEC))
    assert cache.get("k") == draw_card(SPEC)
    assert not list((tmp_path / "cards").glob("*.tmp"))


def test_unused_cards_are_forgotten_after_a_while(tmp_path: Path) -> None:
    cache = CardCache(tmp_path)
    for key in ("used", "recent", "old"):
        cache.put(key, b"\x89PNG\r\n\x1a\n")
    long_ago = time.time() - 30 * 86400
    for key in ("used", "old"):
        os.utime(tmp_path / f"{key}.png", (long_ago, long_ago))
    cache.forget_unused(["used"])
    assert sorted(p.stem for p in tmp_path.glob("*.png")) == ["recent", "used"]
    assert (tmp_path / "used.png").stat().st_mtime > long_ago  # touched: in use
