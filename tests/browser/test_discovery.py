"""Finding terms: previews of term links, the header's instant jump, full-text search."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import ROOT, build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("discovery") / "site", base_url="http://127.0.0.1/")


def first_term_link(page: object) -> object:
    return page.locator(".step__body a.term").first  # type: ignore[attr-defined]


def test_hover_shows_the_targets_summary_beside_the_link(
    page: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    page.goto(serve_dir(site) + "/glossary/fine-tuning/")  # type: ignore[attr-defined]
    link = first_term_link(page)
    href = link.get_attribute("href")
    slug = href.rstrip("/").rsplit("/", 1)[1]
    link.hover()
    preview = page.locator("#term-preview")  # type: ignore[attr-defined]
    preview.wait_for(state="visible")
    summary = (site / "api" / "terms.json").read_text(encoding="utf-8")
    import json

    expected = next(t for t in json.loads(summary)["terms"] if t["slug"] == slug)
    assert preview.locator(".preview__title").inner_text() == expected["title"]
    assert preview.locator(".preview__text").inner_text() == expected["summary"]
    assert link.get_attribute("aria-describedby") == "term-preview"
    a, b = link.bounding_box(), preview.bounding_box()
    overlaps = not (b["y"] >= a["y"] + a["height"] or b["y"] + b["height"] <= a["y"])
    assert not overlaps, "the preview must never cover its link"
    page.mouse.move(5, 5)  # type: ignore[attr-defined]
    preview.wait_for(state="hidden")
    assert page.errors == []  # type: ignore[attr-defined]


def test_keyboard_focus_shows_the_preview_and_escape_hides_it(
    page: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    page.goto(serve_dir(site) + "/glossary/rag/")  # type: ignore[attr-defined]
    link = first_term_link(page)
    link.focus()
    preview = page.locator("#term-preview")  # type: ignore[attr-defined]
    preview.wait_for(state="visible")
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    preview.wait_for(state="hidden")
    assert link.get_attribute("aria-describedby") is None


def test_term_links_are_plain_links_without_javascript(
    browser: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(serve_dir(site) + "/glossary/fine-tuning/")
        link = page.locator(".step__body a.term").first
        href = link.get_attribute("href")
        link.click()
        page.wait_for_url("**" + href)
    finally:
        context.close()


@pytest.mark.parametrize(
    ("typed", "slug"), [("finetuning", "fine-tuning"), ("fine", "fine-tuning"), ("MCP", "model-context-protocol")]
)
def test_typing_a_name_or_alias_and_enter_opens_the_entry(
    page: object, serve_dir: Callable[[Path], str], site: Path, typed: str, slug: str
) -> None:
    page.goto(serve_dir(site) + "/")  # type: ignore[attr-defined]
    box = page.locator("#site-search-input")  # type: ignore[attr-defined]
    box.fill(typed)
    page.locator("#site-search-list [role=option]").first.wait_for()  # type: ignore[attr-defined]
    box.press("Enter")
    page.wait_for_url(f"**/glossary/{slug}/")  # type: ignore[attr-defined]


def test_the_jump_list_is_keyboard_operable(page: object, serve_dir: Callable[[Path], str], site: Path) -> None:
    page.goto(serve_dir(site) + "/")  # type: ignore[attr-defined]
    box = page.locator("#site-search-input")  # type: ignore[attr-defined]
    box.fill("prompt")
    options = page.locator("#site-search-list [role=option]")  # type: ignore[attr-defined]
    options.first.wait_for()
    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options.nth(1)
    assert second.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    title = second.inner_text()
    box.press("Enter")
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == title  # type: ignore[attr-defined]


def unique_body_word(site: Path) -> tuple[str, str]:
    """A word of one entry's body whose stem appears in no other entry, and that entry's slug."""
    import re

    texts = {p.stem: p.read_text(encoding="utf-8").lower() for p in sorted((ROOT / "content").glob("*.md"))}
    for slug, text in texts.items():
        body = text.split("\n---\n", 1)[1]
        for word in sorted(set(re.findall(r"\b[a-z]{10,}\b", body))):
            stem = word[:7]
            if not any(stem in other for s, other in texts.items() if s != slug):
                return word, slug
    raise AssertionError("no entry has a word of its own")


def test_full_text_search_finds_a_word_from_one_body(
    page: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    word, slug = unique_body_word(site)
    page.goto(serve_dir(site) + f"/search/?q={word}")  # type: ignore[attr-defined]
    results = page.locator(".search-result")  # type: ignore[attr-defined]
    results.first.wait_for()
    assert results.count() == 1
    assert results.first.locator("a").get_attribute("href") == f"/glossary/{slug}/"
    assert page.locator(".search-result mark").count() >= 1  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_level_filter_narrows_results(page: object, serve_dir: Callable[[Path], str], site: Path) -> None:
    page.goto(serve_dir(site) + "/search/?q=model")  # type: ignore[attr-defined]
    status = page.locator(".search-status")  # type: ignore[attr-defined]
    page.locator(".search-result").first.wait_for()  # type: ignore[attr-defined]
    everything = page.locator(".search-result").count()  # type: ignore[attr-defined]
    before = status.inner_text()
    page.locator("label.chip", has_text="Advanced").click()  # type: ignore[attr-defined]
    page.wait_for_function("(before) => document.querySelector('.search-status').textContent !== before", arg=before)  # type: ignore[attr-defined]
    narrowed = page.locator(".search-result").count()  # type: ignore[attr-defined]
    assert 0 < narrowed < everything
    for link in page.locator(".search-result a").all():  # type: ignore[attr-defined]
        slug = link.get_attribute("href").strip("/").rsplit("/", 1)[1]
        assert "level: advanced" in (ROOT / "content" / f"{slug}.md").read_text(encoding="utf-8")
    assert "level=Advanced" in page.url  # type: ignore[attr-defined]
