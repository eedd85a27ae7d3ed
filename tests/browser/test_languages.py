"""A reader moving between languages: the switcher, fallbacks, and search in Chinese."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import TESTS, build_site

pytestmark = pytest.mark.browser

FIXTURE = TESTS / "fixtures" / "bilingual"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("languages") / "project"
    shutil.copytree(FIXTURE, root)
    return build_site(root, root / "site", base_url="http://127.0.0.1/")


@pytest.fixture
def base(serve_dir: Callable[[Path], str], site: Path) -> str:
    return serve_dir(site)


def switch_to(page: Any, language: str) -> None:
    page.locator(".lang-switch > summary").click()
    page.locator(".lang-switch__list a", has_text=language).click()
    page.wait_for_load_state()


def test_the_switcher_leads_to_the_same_term_in_the_other_language_and_back(page: Any, base: str) -> None:
    page.goto(base + "/glossary/cache/")
    assert page.locator("html").get_attribute("lang") == "en"
    switch_to(page, "繁體中文")
    assert page.url == base + "/zh-tw/glossary/cache/"
    assert page.locator("html").get_attribute("lang") == "zh-Hant-TW"
    assert page.locator("h1").inner_text() == "快取"
    assert page.locator(".lang-switch__name").inner_text() == "繁體中文"
    switch_to(page, "English")
    assert page.url == base + "/glossary/cache/"
    assert page.locator("h1").inner_text() == "Cache"
    assert page.errors == []


def test_a_term_not_yet_translated_leads_to_that_languages_home(page: Any, base: str) -> None:
    page.goto(base + "/glossary/sharding/")
    page.locator(".lang-switch > summary").click()
    item = page.locator(".lang-switch__list a", has_text="繁體中文")
    assert "not translated yet" in item.inner_text()
    item.click()
    page.wait_for_load_state()
    assert page.url == base + "/zh-tw/"
    assert page.locator("html").get_attribute("lang") == "zh-Hant-TW"


def test_the_switcher_closes_with_escape_and_outside_clicks(page: Any, base: str) -> None:
    page.goto(base + "/glossary/cache/")
    switcher = page.locator(".lang-switch")
    switcher.locator("summary").click()
    assert switcher.get_attribute("open") is not None
    page.keyboard.press("Escape")
    assert switcher.get_attribute("open") is None
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    switcher.locator("summary").click()
    page.mouse.click(5, 400)
    assert switcher.get_attribute("open") is None


def test_a_fallback_link_says_its_language_and_previews_in_it(page: Any, base: str) -> None:
    page.goto(base + "/zh-tw/glossary/cache/")
    link = page.locator("a.term[hreflang=en]").first
    assert link.inner_text() == "分片（English）"
    link.hover()
    preview = page.locator("#term-preview")
    preview.wait_for(state="visible")
    assert preview.get_attribute("lang") == "en"
    assert preview.locator(".preview__title").inner_text() == "Sharding"


def test_search_in_chinese_finds_the_chinese_page_only(page: Any, base: str) -> None:
    page.goto(base + "/zh-tw/search/?q=副本")
    results = page.locator(".search-result")
    results.first.wait_for()
    hrefs = [a.get_attribute("href") for a in page.locator(".search-result a").all()]
    assert hrefs == ["/zh-tw/glossary/cache/"]
    page.goto(base + "/search/?q=cache")
    results.first.wait_for()
    hrefs = [a.get_attribute("href") for a in page.locator(".search-result a").all()]
    assert hrefs and all(not h.startswith("/zh-tw/") for h in hrefs), hrefs
    assert page.errors == []


def test_the_header_jump_searches_the_pages_own_language(page: Any, base: str) -> None:
    page.goto(base + "/zh-tw/")
    box = page.locator("#site-search-input")
    box.fill("索")
    options = page.locator("#site-search-list [role=option]")
    options.first.wait_for()
    assert options.first.inner_text().startswith("索引")
    box.press("Enter")
    page.wait_for_url("**/zh-tw/glossary/index/")
    assert page.locator("h1").inner_text() == "索引"
