"""sitemap.xml (an index past the protocol's limit), the Atom feed and robots.txt."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pytest

from glossator.pages.feeds import FEED_SIZE, SITEMAP_LIMIT, sitemap_files
from glossator.pages.urls import Urls
from tests.helpers import ROOT, build_site, entry_text, is_moved

BASE = "https://example.org/glossary/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
URLS = Urls(BASE, "/glossary/")


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("feeds") / "site", base_url=BASE)


def test_the_limit_is_the_protocols() -> None:
    assert SITEMAP_LIMIT == 50_000


def test_a_small_site_has_one_sitemap() -> None:
    pages = [("", None), ("glossary/a/", dt.date(2026, 1, 2))]
    files = sitemap_files(URLS, pages, limit=2)
    assert list(files) == ["sitemap.xml"]
    root = ET.fromstring(files["sitemap.xml"])
    assert root.tag == f"{SM}urlset"
    assert [u.findtext(f"{SM}loc") for u in root] == [BASE, BASE + "glossary/a/"]
    assert [u.findtext(f"{SM}lastmod") for u in root] == [None, "2026-01-02"]


def test_past_the_limit_sitemap_xml_becomes_an_index() -> None:
    pages = [(f"glossary/t{i}/", dt.date(2026, 1, 1 + i)) for i in range(7)]
    files = sitemap_files(URLS, pages, limit=3)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SM}sitemapindex"
    assert [s.findtext(f"{SM}loc") for s in index] == [BASE + f"sitemap-{n}.xml" for n in (1, 2, 3)]
    assert [s.findtext(f"{SM}lastmod") for s in index] == ["2026-01-03", "2026-01-06", "2026-01-07"]
    listed: list[str] = []
    for n in (1, 2, 3):
        urlset = ET.fromstring(files[f"sitemap-{n}.xml"])
        assert urlset.tag == f"{SM}urlset" and len(urlset) <= 3
        listed += [u.findtext(f"{SM}loc") or "" for u in urlset]
    assert listed == [URLS.absolute(p) for p, _ in pages]


def test_urls_in_sitemaps_are_escaped() -> None:
    text = sitemap_files(URLS, [("tag/a&b/", None)])["sitemap.xml"]
    assert "a&amp;b" in text and ET.fromstring(text) is not None


def test_the_built_sitemap_lists_every_page_and_only_pages_that_exist(starter: Path) -> None:
    root = ET.fromstring((starter / "sitemap.xml").read_bytes())
    locs = [u.findtext(f"{SM}loc") or "" for u in root]
    assert len(locs) == len(set(locs))
    for loc in locs:
        assert loc.startswith(BASE) and loc.isascii(), loc  # a tag named in Chinese is percent-encoded
        assert (starter / unquote(loc.removeprefix(BASE)) / "index.html").is_file(), loc
    pages = {
        p.relative_to(starter).as_posix().removesuffix("index.html")
        for p in starter.rglob("index.html")
        if not is_moved(p) and "print" not in p.relative_to(starter).parts[:2]
    }
    assert {unquote(loc.removeprefix(BASE)) for loc in locs} == pages
    dated = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root}
    assert dated[BASE + "glossary/rag/"] == "2026-11-04"
    assert "404.html" not in " ".join(locs)
    assert "/print/" not in " ".join(locs)  # print documents repeat the pages listed


def test_robots_txt_names_the_sitemap(starter: Path) -> None:
    text = (starter / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in text.splitlines()
    assert "User-agent: *" in text


def test_the_feed_is_atom_with_the_latest_entries_newest_first(starter: Path) -> None:
    feed = ET.fromstring((starter / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == BASE
    assert feed.findtext(f"{ATOM}title") == "AI Glossary"
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == BASE + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= FEED_SIZE
    stamps = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == stamps[0]
    for entry in entries:
        link = entry.find(f"{ATOM}link")
        assert link is not None
        href = link.get("href") or ""
        assert entry.findtext(f"{ATOM}id") == href
        assert (starter / href.removeprefix(BASE) / "index.html").is_file()
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}summary")


def test_the_feed_leaves_out_entries_with_no_date_and_escapes_text(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {
            "content/dated.md": entry_text("Dated <b>&", extra="updated: 2026-03-01\n"),
            "content/undated.md": entry_text("Undated"),
        }
    )
    out = build_site(root, root / "site")
    feed = ET.fromstring((out / "feed.xml").read_bytes())
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["Dated <b>&"]
