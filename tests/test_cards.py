"""Share cards: size, content, determinism, the cache, and the page tags that point at them."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from glossator.content.config import site_address
from glossator.content.project import Project, load_config
from glossator.pages import cards
from glossator.pages.cards import (
    BOLD,
    CATEGORY_COLOURS,
    ELLIPSIS,
    REGULAR,
    CardCache,
    CardSpec,
    draw_card,
    encode_png,
    wrap,
)
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


def chunks(png: bytes) -> list[bytes]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    kinds, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kinds.append(png[at + 4 : at + 8])
        at += 12 + length
    return kinds


def test_a_card_is_a_1200_by_630_png_with_no_metadata() -> None:
    png = draw_card(SPEC)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    assert image.mode == "RGB"
    assert chunks(png) == [b"IHDR", b"IDAT", b"IEND"]  # no tIME, tEXt, iCCP, pHYs ...
    assert len(png) < 120_000


def test_a_card_shows_the_category_colour_and_ink_where_the_text_goes() -> None:
    image = Image.open(io.BytesIO(draw_card(SPEC))).convert("RGB")
    fg = tuple(int(SPEC.fg[i : i + 2], 16) for i in (1, 3, 5))
    assert image.getpixel((4, 300)) == fg  # the category's stripe down the left edge
    assert image.getpixel((1190, 10)) == (0xFA, 0xF9, 0xF6)  # paper
    title_band = image.crop((88, 150, 1112, 330))
    darkest, _ = title_band.convert("L").getextrema()
    assert darkest < 50  # the title is drawn in dark ink


def test_cards_are_byte_identical_across_processes() -> None:
    code = (
        "import sys; from tests.test_cards import SPEC; from glossator.pages.cards import draw_card;"
        "sys.stdout.buffer.write(draw_card(SPEC))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=120, check=True, env={**os.environ}
    ).stdout
    assert other == draw_card(SPEC)
    assert draw_card(SPEC) != draw_card(CardSpec(**{**_fields(SPEC), "title": "Fine-Tuning"}))


def _fields(spec: CardSpec) -> dict[str, object]:
    return {name: getattr(spec, name) for name in spec.__dataclass_fields__}


def test_the_png_encoder_round_trips_exactly() -> None:
    source = Image.new("RGB", (7, 3))
    source.putdata([(i * 37 % 256, i * 91 % 256, i * 13 % 256) for i in range(21)])
    decoded = Image.open(io.BytesIO(encode_png(source))).convert("RGB")
    assert decoded.tobytes() == source.tobytes()


def test_long_text_wraps_and_ends_with_an_ellipsis() -> None:
    font = cards._font(REGULAR, 31)
    lines, cut = wrap("word " * 200, font, 1024, 3)
    assert cut and len(lines) == 3 and lines[-1].endswith(ELLIPSIS)
    assert all(font.getlength(line) <= 1024 for line in lines)
    pieces, cut = wrap("x" * 400, font, 300, 50)
    assert not cut and "".join(pieces) == "x" * 400 and all(font.getlength(p) <= 300 for p in pieces)
    assert wrap("Short text", font, 1024, 2) == (["Short text"], False)


def test_hostile_and_empty_text_draws_without_error() -> None:
    for title in ("", " ", "\u0000\u202e\u2028<script>", "W" * 500, "漢字のタイトル", "🙂" * 40):
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
