"""Pages that stay light at any size: past `listing_page_size` entries, listings and the A–Z come in pages.

A glossary of twelve fruit is built with a page size of three, so that each
kind of listing is split; the same glossary with the default page size keeps
one page per listing, as every small glossary does.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from glossator.content.config import LISTING_PAGE_SIZE, read_config
from tests.helpers import (
    BILINGUAL_SITE_YAML,
    FRUIT,
    MINIMAL_SITE_YAML,
    HtmlPage,
    build_site,
    entry_text,
    fruit_project,
    read_page,
    write_project,
)
from tests.sitecheck import broken_links

BASE = "https://fruit.example/glossary/"  # another host than the repository links, which are not followed
CORE = sorted(slug for slug, (_, category, _) in FRUIT.items() if category == "Core Concepts")  # 8: pages of 3, 3, 2
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fruit_project(tmp_path_factory.mktemp("pages") / "project", "listing_page_size: 3\napi_page_size: 5\n")
    return build_site(root, root.parent / "site", base_url=BASE)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fruit_project(tmp_path_factory.mktemp("pages-small") / "project")
    return build_site(root, root.parent / "site", base_url=BASE)


def page(site: Path, path: str) -> HtmlPage:
    return read_page((site / unquote(path) / "index.html").read_bytes())


def card_slugs(page: HtmlPage) -> list[str]:
    return [a.get("href", "").rstrip("/").rsplit("/", 1)[1] for a in page.with_class("card__link")]


def canonical(page: HtmlPage) -> str:
    return next(e.get("href") or "" for e in page.all("link") if e.get("rel") == "canonical")


def rel(page: HtmlPage, name: str) -> str | None:
    found = [a.get("href") for a in page.all("a") if a.get("rel") == name]
    assert len(found) <= 1
    return found[0] if found else None


# -- listings ---------------------------------------------------------------------------------


def test_past_the_page_size_a_listing_is_split_into_pages_in_a_to_z_order(site: Path) -> None:
    parts = ["category/core-concepts/", "category/core-concepts/page/2/", "category/core-concepts/page/3/"]
    shown = [card_slugs(page(site, p)) for p in parts]
    assert [len(s) for s in shown] == [3, 3, 2]
    assert [slug for s in shown for slug in s] == CORE, "every entry once, in A–Z order across the pages"
    assert not (site / "category/core-concepts/page/1").exists(), "the first page is the listing's own address"
    assert not (site / "category/core-concepts/page/4").exists()
    assert "8 terms · Page 2 of 3" in page(site, parts[1]).text


def test_each_page_links_its_neighbours_with_rel_prev_and_next(site: Path) -> None:
    first, second, last = (
        page(site, p)
        for p in ("category/core-concepts/", "category/core-concepts/page/2/", "category/core-concepts/page/3/")
    )
    assert rel(first, "prev") is None and rel(first, "next") == "/glossary/category/core-concepts/page/2/"
    assert rel(second, "prev") == "/glossary/category/core-concepts/"
    assert rel(second, "next") == "/glossary/category/core-concepts/page/3/"
    assert rel(last, "prev") == "/glossary/category/core-concepts/page/2/" and rel(last, "next") is None


def test_the_pager_is_a_labelled_navigation_that_marks_the_current_page(site: Path) -> None:
    second = page(site, "category/core-concepts/page/2/")
    pager = next(n for n in second.all("nav") if "pager" in n.classes)
    assert pager.get("aria-label") == "Pages"
    links = [a for a in second.descendants(pager) if a.tag == "a"]
    assert [(a.get("aria-label"), a.text.strip()) for a in links] == [
        ("Previous page", "← Previous"),
        ("Page 1", "1"),
        ("Page 2", "2"),
        ("Page 3", "3"),
        ("Next page", "Next →"),
    ]
    assert [a.get("aria-current") for a in links] == [None, None, "page", None, None]


def test_a_long_pager_shows_the_first_the_last_and_the_pages_near_this_one(tmp_path: Path) -> None:
    root = fruit_project(tmp_path / "project", "listing_page_size: 1\n")
    built = build_site(root, tmp_path / "site", base_url=BASE)
    sixth = page(built, "tag/fruit/page/6/")
    items = [e for e in sixth.descendants(sixth.with_class("pager__pages")[0]) if e.tag == "li"]
    assert [e.text.strip() for e in items] == ["1", "…", "5", "6", "7", "…", "12"]
    third = page(built, "tag/fruit/page/3/")
    assert [e.text.strip() for e in third.with_class("pager__page")] == ["1", "2", "3", "4", "12"], "no gap of one"


def test_every_page_is_canonical_to_itself_with_a_title_of_its_own(site: Path) -> None:
    paths = ["category/core-concepts/", "category/core-concepts/page/2/", "category/core-concepts/page/3/"]
    pages = [page(site, p) for p in paths]
    assert [canonical(p) for p in pages] == [BASE + p for p in paths]
    titles = [p.one("title").text for p in pages]
    assert titles == [
        "Core Concepts · Category · Test Glossary",
        "Core Concepts · Page 2 of 3 · Category · Test Glossary",
        "Core Concepts · Page 3 of 3 · Category · Test Glossary",
    ]


def test_a_later_page_sits_under_the_listing_in_its_breadcrumb_and_its_structured_data(site: Path) -> None:
    second = page(site, "category/core-concepts/page/2/")
    crumbs = [a for a in second.all("a") if a.inside("nav", "breadcrumb")]
    assert [(a.text, a.get("href")) for a in crumbs] == [
        ("Glossary", "/glossary/"),
        ("Core Concepts", "/glossary/category/core-concepts/"),
    ]
    data = json.loads(next(s.text for s in second.all("script") if s.get("type") == "application/ld+json"))
    trail = next(x for x in data["@graph"] if x["@type"] == "BreadcrumbList")["itemListElement"]
    assert [(x["name"], x.get("item")) for x in trail] == [
        ("Glossary", BASE),
        ("Core Concepts", BASE + "category/core-concepts/"),
        ("Page 2 of 3", None),
    ]


def test_levels_and_tags_are_split_the_same_way(site: Path) -> None:
    beginners = sorted(slug for slug, (_, _, level) in FRUIT.items() if level == "beginner")  # 7
    pages = [page(site, p) for p in ("level/beginner/", "level/beginner/page/2/", "level/beginner/page/3/")]
    assert [slug for p in pages for slug in card_slugs(p)] == beginners
    tag_pages = [page(site, "tag/fruit/"), *(page(site, f"tag/fruit/page/{n}/") for n in (2, 3, 4))]
    assert [slug for p in tag_pages for slug in card_slugs(p)] == sorted(FRUIT)


def test_the_sitemap_lists_every_page_of_every_listing(site: Path) -> None:
    locs = {u.findtext(f"{SM}loc") for u in ET.fromstring((site / "sitemap.xml").read_bytes())}
    for path in (
        "category/core-concepts/page/2/",
        "category/core-concepts/page/3/",
        "tag/fruit/page/4/",
        "a-z/a/page/2/",
    ):
        assert BASE + path in locs, path
    built = {p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")}
    printed = {path for path in built if path.startswith("print/")}
    assert printed and {unquote((loc or "").removeprefix(BASE)) for loc in locs} == built - printed


def test_every_link_of_the_split_site_resolves(site: Path) -> None:
    assert broken_links(site, BASE) == []


# -- the home page and the A–Z ----------------------------------------------------------------


def test_past_the_page_size_the_home_page_leads_to_a_page_per_letter_instead_of_listing_every_entry(
    site: Path,
) -> None:
    home = page(site, "")
    az = home.by_id("a-z")
    assert not [a for a in home.descendants(az) if a.tag == "a" and "/glossary/glossary/" in (a.get("href") or "")]
    jumps = [(a.text, a.get("href")) for a in home.all("a") if a.inside("nav", "letters")]
    assert jumps == [(x, f"/glossary/a-z/{x.lower()}/") for x in "ABCDEFG"]
    assert [c.text.strip() for c in home.with_class("category-tile__count")] == ["8 terms", "4 terms"]
    assert home.with_class("card"), "the latest entries are still shown"


def test_each_letter_has_its_pages_with_the_letters_to_move_between_them(site: Path) -> None:
    a1, a2, b = page(site, "a-z/a/"), page(site, "a-z/a/page/2/"), page(site, "a-z/b/")
    listed = [[a.text for a in p.all("a") if a.inside("ul", "az__list")] for p in (a1, a2, b)]
    assert listed == [["Acerola", "Apple", "Apricot"], ["Avocado"], ["Banana", "Blueberry"]]
    letters = [a for a in b.all("a") if a.inside("nav", "letters")]
    assert [a.text for a in letters] == list("ABCDEFG")
    assert [a.get("aria-current") for a in letters] == [None, "page", None, None, None, None, None]
    assert next(a.get("aria-current") for a in a2.all("a") if a.inside("nav", "letters")) == "true"
    assert b.one("h1").text == "B" and canonical(b) == BASE + "a-z/b/"
    assert a2.one("title").text == "A · Page 2 of 2 · A–Z · Test Glossary"


def test_letters_follow_the_languages_own_alphabet(tmp_path: Path) -> None:
    """Chinese titles are grouped by the Zhuyin reading in sort_as, in Zhuyin's order (ㄅ ㄆ ㄇ ...)."""
    readings = {"mao": ("貓", "ㄇㄠ"), "bi": ("筆", "ㄅㄧˇ"), "pa": ("怕", "ㄆㄚˋ"), "ba": ("八", "ㄅㄚ")}
    files = {
        f"content/{slug}.md": entry_text(title, extra=f"sort_as: {reading}\n")
        for slug, (title, reading) in readings.items()
    }
    root = write_project(
        tmp_path / "project", files, site_yaml=MINIMAL_SITE_YAML + "language: zh-tw\nlisting_page_size: 1\n"
    )
    built = build_site(root, tmp_path / "site", base_url=BASE)
    jumps = [(a.text, unquote(a.get("href") or "")) for a in page(built, "").all("a") if a.inside("nav", "letters")]
    assert jumps == [(x, f"/glossary/a-z/{x}/") for x in "ㄅㄆㄇ"]
    assert [a.text for a in page(built, "a-z/ㄅ/").all("a") if a.inside("ul", "az__list")] == ["八"]
    assert [a.text for a in page(built, "a-z/ㄅ/page/2/").all("a") if a.inside("ul", "az__list")] == ["筆"]
    assert broken_links(built, BASE) == []


# -- small glossaries ----------------------------------------------------------------------------


def test_at_or_under_the_page_size_every_listing_is_one_page_as_before(small: Path) -> None:
    assert len(FRUIT) <= LISTING_PAGE_SIZE
    assert not list(small.rglob("page")) and not (small / "a-z").exists()
    assert card_slugs(page(small, "category/core-concepts/")) == CORE
    assert not page(small, "category/core-concepts/").with_class("pager")
    home = page(small, "")
    assert [a.text for a in home.all("a") if a.inside("ul", "az__list")] == sorted(t for t, _, _ in FRUIT.values())
    assert next(a.get("href") for a in home.all("a") if a.inside("nav", "letters")) == "#letter-a"


def test_a_listing_of_exactly_the_page_size_is_not_split(tmp_path: Path) -> None:
    root = fruit_project(tmp_path / "project", "listing_page_size: 8\n")  # Core Concepts holds 8
    built = build_site(root, tmp_path / "site", base_url=BASE)
    assert card_slugs(page(built, "category/core-concepts/")) == CORE
    assert not (built / "category/core-concepts/page").exists()
    assert (built / "tag/fruit/page/2/index.html").is_file(), "twelve entries tagged fruit are past it"
    assert (built / "a-z").is_dir(), "and so is the glossary as a whole"


# -- the terms API ------------------------------------------------------------------------------


def test_past_its_size_the_terms_api_is_an_index_of_parts(site: Path) -> None:
    index = json.loads((site / "api/terms.json").read_text(encoding="utf-8"))
    assert set(index) == {"version", "language", "count", "parts"} and index["count"] == len(FRUIT)
    assert [p["url"] for p in index["parts"]] == [f"{BASE}api/terms-{n}.json" for n in (1, 2, 3)]
    slugs: list[str] = []
    for number, entry in enumerate(index["parts"], 1):
        part = json.loads((site / f"api/terms-{number}.json").read_text(encoding="utf-8"))
        assert (part["part"], part["part_count"], part["version"], part["language"]) == (number, 3, 1, "en")
        names = [t["slug"] for t in part["terms"]]
        assert (entry["count"], entry["first"], entry["last"]) == (len(names), names[0], names[-1])
        slugs += names
    assert slugs == sorted(FRUIT)
    assert [len(json.loads((site / f"api/terms-{n}.json").read_bytes())["terms"]) for n in (1, 2, 3)] == [5, 5, 2]


def test_under_its_size_the_terms_api_is_one_file_of_every_term(small: Path) -> None:
    data = json.loads((small / "api/terms.json").read_text(encoding="utf-8"))
    assert set(data) == {"version", "language", "terms"}
    assert [t["slug"] for t in data["terms"]] == sorted(FRUIT)
    assert not list(small.glob("api/terms-*.json"))


# -- the setting --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "listing_page_size: 0",
            "site.yaml:11:20: error: listing_page_size: must be between 1 and 1000000 (got 0) [range]",
        ),
        (
            "listing_page_size: many",
            "site.yaml:11:20: error: listing_page_size: expected a whole number (got 'many') [type]",
        ),
        ("api_page_size: -5", "site.yaml:11:16: error: api_page_size: must be between 1 and 1000000 (got -5) [range]"),
    ],
)
def test_a_page_size_must_be_a_positive_whole_number(tmp_path: Path, setting: str, message: str) -> None:
    root = write_project(tmp_path, site_yaml=MINIMAL_SITE_YAML + setting + "\n")
    read = read_config(root / "site.yaml", root)
    assert read.value is None
    assert [str(p) for p in read.problems] == [message]


def test_the_page_sizes_default_to_a_hundred_and_a_thousand(tmp_path: Path) -> None:
    config = read_config(write_project(tmp_path) / "site.yaml", tmp_path).value
    assert config is not None and (config.listing_page_size, config.api_page_size) == (100, 1000)


def test_the_language_switcher_on_a_page_another_language_lacks_leads_to_that_listings_first_page(
    tmp_path: Path,
) -> None:
    files = {f"content/{slug}.md": entry_text(slug.title()) for slug in ("ant", "bee", "cicada")}
    files["content/zh-tw/ant.md"] = entry_text("螞蟻", extra="sort_as: ㄇㄚˇ ㄧˇ\n")
    root = write_project(tmp_path / "project", files, site_yaml=BILINGUAL_SITE_YAML + "listing_page_size: 1\n")
    built = build_site(root, tmp_path / "site", base_url=BASE)
    third = page(built, "category/core-concepts/page/3/")
    switch = {a.get("hreflang"): a.get("href") for a in third.all("a") if a.inside("details", "lang-switch")}
    assert switch == {
        "en": "/glossary/category/core-concepts/page/3/",
        "zh-tw": "/glossary/zh-tw/category/core-concepts/",
    }
    assert not (built / "zh-tw/category/core-concepts/page").exists(), "one entry in Chinese: one page"
