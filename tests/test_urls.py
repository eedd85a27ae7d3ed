"""Urls: where every page lives, and links that work under any base path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.pages.urls import Urls
from tests.helpers import MINIMAL_SITE_YAML, build_site, entry_text, read_site

SITE = Urls.of("https://example.org/glossary/")


@pytest.mark.parametrize(
    ("base_url", "base_path"),
    [
        ("https://example.org/", "/"),
        ("https://example.org", "/"),
        ("https://x.github.io/g/", "/g/"),
        ("https://x.io/g", "/g/"),
    ],
)
def test_the_base_path_starts_and_ends_with_a_slash(base_url: str, base_path: str) -> None:
    assert Urls.of(base_url).base_path == base_path


def test_the_url_scheme_is_the_one_the_spec_lists() -> None:
    assert Urls.entry("rag") == "glossary/rag/"
    assert Urls.diagram("rag") == "glossary/rag/diagram.svg"
    assert Urls.card("rag") == "glossary/rag/card.png"
    assert Urls.card() == "card.png"
    assert Urls.category("core-concepts") == "category/core-concepts/"
    assert Urls.level("advanced") == "level/advanced/"


def test_a_tag_page_is_named_by_the_tags_slug_in_any_script() -> None:
    assert Urls.tag("Vector Search") == "tag/vector-search/"
    assert Urls.tag("檢索") == "tag/檢索/"


def test_links_carry_the_base_path_and_absolute_urls_the_whole_base_url() -> None:
    assert SITE.href("") == "/glossary/"
    assert SITE.href(Urls.entry("rag")) == "/glossary/glossary/rag/"
    assert SITE.absolute(Urls.entry("rag")) == "https://example.org/glossary/glossary/rag/"
    assert SITE.absolute("") == "https://example.org/glossary/"


def test_names_outside_ascii_are_percent_encoded_and_ascii_is_left_alone() -> None:
    assert SITE.href(Urls.tag("檢索")) == "/glossary/tag/%E6%AA%A2%E7%B4%A2/"
    assert SITE.absolute(Urls.tag("檢索")) == "https://example.org/glossary/tag/%E6%AA%A2%E7%B4%A2/"
    assert SITE.href("search/?q=a&b=c#top") == "/glossary/search/?q=a&b=c#top"


def test_a_language_links_its_own_pages_under_its_root_and_shared_files_under_the_sites() -> None:
    chinese = Urls.of("https://example.org/g/zh-tw/", root_url="https://example.org/g/")
    assert chinese.href(Urls.entry("rag")) == "/g/zh-tw/glossary/rag/"
    assert chinese.shared("assets/site.css") == "/g/assets/site.css"
    assert chinese.shared_absolute(Urls.card()) == "https://example.org/g/card.png"
    assert SITE.shared("assets/site.css") == SITE.href("assets/site.css"), "the default language shares its own root"
    assert SITE.shared_absolute("card.png") == SITE.absolute("card.png")


@pytest.mark.parametrize(
    ("path", "file"),
    [("", "index.html"), ("glossary/rag/", "glossary/rag/index.html"), ("feed.xml", "feed.xml")],
)
def test_a_page_path_is_served_by_its_index_file(path: str, file: str) -> None:
    assert Urls.file_for(path) == file


def test_every_page_a_build_writes_is_where_the_scheme_says(make_project: Callable[..., Path], tmp_path: Path) -> None:
    extra = "tags: [Vector Search]\n"
    root = make_project({"content/rag.md": entry_text("RAG", level="advanced", extra=extra)})
    files = read_site(build_site(root, tmp_path / "site"))
    for path in (Urls.entry("rag"), Urls.category("core-concepts"), Urls.tag("Vector Search"), Urls.level("advanced")):
        assert Urls.file_for(path) in files, path
    assert Urls.card("rag") in files and Urls.card() in files


def test_a_site_under_a_path_links_every_page_under_that_path(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    site_yaml = MINIMAL_SITE_YAML.replace("base_url: https://example.org/", "base_url: https://example.org/terms/")
    root = make_project({"content/rag.md": entry_text("RAG")}, site_yaml=site_yaml)
    html = (build_site(root, tmp_path / "site") / "index.html").read_text(encoding="utf-8")
    assert 'href="/terms/glossary/rag/"' in html
    assert 'href="/glossary/' not in html


def test_a_listings_later_pages_live_under_it_and_lead_back_to_its_first() -> None:
    assert [Urls.part("category/rag/", n) for n in (1, 2, 10)] == [
        "category/rag/",
        "category/rag/page/2/",
        "category/rag/page/10/",
    ]
    assert Urls.first_part("tag/page/page/3/") == "tag/page/"
    assert Urls.first_part("tag/page/") == "tag/page/", "a tag named 'page' is a first page"
    assert Urls.first_part("glossary/rag/") == "glossary/rag/"


def test_the_a_to_z_pages_are_named_by_their_letter_in_any_script() -> None:
    assert [Urls.letter(x) for x in ("A", "É", "ㄅ", "#")] == ["a-z/a/", "a-z/é/", "a-z/ㄅ/", "a-z/other/"]
    assert SITE.href(Urls.letter("ㄅ")) == "/glossary/a-z/%E3%84%85/"


def test_the_terms_api_is_one_file_or_numbered_parts() -> None:
    assert [Urls.terms(), Urls.terms(1), Urls.terms(12)] == ["api/terms.json", "api/terms-1.json", "api/terms-12.json"]
