"""Reading the site as a person would: search results, cards, the 404 page, the diagram and the footer."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("reading") / "site", base_url="http://127.0.0.1/")


@pytest.fixture
def base(serve_dir: Callable[[Path], str], site: Path) -> str:
    return serve_dir(site)


def indexed_text(site: Path) -> dict[str, str]:
    """What the search index holds of each page, by its URL."""
    out: dict[str, str] = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        page = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        out[page["url"]] = " ".join(page["content"].split())
    return out


def test_an_excerpt_keeps_the_spaces_around_each_highlighted_word(page: Any, base: str, site: Path) -> None:
    page.goto(base + "/search/?q=retrieval")
    page.locator(".search-result").first.wait_for()
    texts = indexed_text(site)
    results = page.locator(".search-result").all()
    assert len(results) > 3
    for result in results:
        url = result.locator("a").get_attribute("href")
        excerpt = " ".join(result.locator(".search-result__excerpt").inner_text().split())
        assert result.locator("mark").count() >= 1
        assert excerpt in texts[url], f"{url}: the excerpt reads {excerpt!r}"
    assert page.errors == []
