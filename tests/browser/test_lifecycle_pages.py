"""What a reader meets of a term's life in Chromium, over http: old addresses, deprecated terms, shared names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import build_site
from tests.lifecycle_project import lifecycle_project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = lifecycle_project(tmp_path_factory.mktemp("lifecycle") / "project")
    return build_site(root, root.parent / "site", base_url="http://127.0.0.1/")


def options(page: object, typed: str) -> list[str]:
    box = page.locator("#site-search-input")  # type: ignore[attr-defined]
    box.fill(typed)
    listed = page.locator("#site-search-list [role=option]:not(.site-search__all)")  # type: ignore[attr-defined]
    listed.first.wait_for()
    return [" ".join(text.split()) for text in listed.all_inner_texts()]


def test_visiting_an_old_address_lands_on_the_new_page(
    page: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    base = serve_dir(site)
    page.goto(f"{base}/glossary/llm-agent/")  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/glossary/ai-agent/")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "AI Agent"  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_header_search_offers_every_meaning_and_a_deprecated_term_last(
    page: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    page.goto(serve_dir(site) + "/")  # type: ignore[attr-defined]
    assert options(page, "agent") == ["Agent", "AI Agent", "Reinforcement Learning Agent"]
    assert options(page, "calling") == ["Tool Use", "Function Calling · Deprecated"]


def test_a_deprecated_page_shows_its_notice_and_leads_to_its_successor(
    page: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    base = serve_dir(site)
    page.goto(f"{base}/glossary/function-calling/")  # type: ignore[attr-defined]
    notice = page.get_by_role("note").filter(has_text="deprecated")  # type: ignore[attr-defined]
    assert notice.is_visible()
    notice.get_by_role("link", name="Tool Use").click()
    page.wait_for_url(f"{base}/glossary/tool-use/")  # type: ignore[attr-defined]


def test_the_search_page_lists_a_deprecated_term_after_current_ones(
    page: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    page.goto(serve_dir(site) + "/search/?q=calling")  # type: ignore[attr-defined]
    results = page.locator(".search-result__title")  # type: ignore[attr-defined]
    results.first.wait_for()
    titles = [" ".join(t.split()) for t in results.all_inner_texts()]
    assert "Tool Use" in titles and titles[-1] == "Function Calling Deprecated", titles
