"""Every page's head: a unique title and description, canonical URL, share tags and JSON-LD."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_SITE_YAML, ROOT, build_site, entry_text, is_moved, read_page

BASE = "https://example.org/glossary/"


@dataclass
class HeadData:
    titles: list[str] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    canonical: list[str] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)


def head_of(path: Path) -> HeadData:
    head = HeadData()
    for element in read_page(path.read_bytes()).elements:
        if element.tag == "body" or element.inside("body"):  # an SVG's <title> in the body is not the page's
            continue
        a = element.attrs
        if element.tag == "title":
            head.titles.append(element.text)
        elif element.tag == "meta" and ("name" in a or "property" in a):
            head.meta.setdefault(a.get("name") or a["property"], []).append(a.get("content", ""))
        elif element.tag == "link" and a.get("rel") == "canonical":
            head.canonical.append(a["href"])
        elif element.tag == "script" and a.get("type") == "application/ld+json":
            head.json_ld.append(element.text)
    return head


def page_url(site: Path, page: Path) -> str:
    from urllib.parse import quote

    return BASE + quote(page.relative_to(site).as_posix().removesuffix("index.html"))


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("structured") / "site", base_url=BASE)


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts and not is_moved(p))


def graph(head: HeadData) -> list[dict[str, object]]:
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    assert data["@context"] == "https://schema.org"
    return list(data["@graph"])


def node(nodes: list[dict[str, object]], kind: str) -> dict[str, object]:
    found = [n for n in nodes if n["@type"] == kind]
    assert len(found) == 1, kind
    return found[0]


def site_title(site: Path, page: Path) -> str:
    """The site's name in the page's language."""
    return "AI 詞彙表" if page.relative_to(site).parts[0] == "zh-tw" else "AI Glossary"


def test_every_page_has_a_unique_title_and_description(starter: Path) -> None:
    heads = {p: head_of(p) for p in pages(starter)}
    assert len(heads) > 30
    titles = Counter(h.titles[0] for h in heads.values())
    descriptions = Counter(h.meta["description"][0] for h in heads.values())
    for page, head in heads.items():
        assert len(head.titles) == 1 and head.titles[0].strip(), page
        site = site_title(starter, page)
        assert head.titles[0] == site or head.titles[0].endswith(f" · {site}"), head.titles[0]
        assert len(head.meta["description"]) == 1, page
        shortest = 20 if site == "AI Glossary" else 10  # Chinese says as much in half the characters
        assert shortest <= len(head.meta["description"][0]) <= 300, page
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1] == []


def test_entry_description_is_the_30_second_version(starter: Path) -> None:
    head = head_of(starter / "glossary" / "rag" / "index.html")
    assert head.titles == ["Retrieval-Augmented Generation · AI Glossary"]
    description = head.meta["description"][0]
    assert description.startswith("RAG lets a model answer from documents it was never trained on.")
    assert head.meta["og:description"] == [description]


def test_canonical_and_share_tags(starter: Path) -> None:
    for page in pages(starter):
        head = head_of(page)
        if page.name == "404.html" or "print" in page.relative_to(starter).parts[:2]:
            assert head.canonical == [] and head.meta["robots"] == ["noindex"]
            assert "og:url" not in head.meta
            continue
        url = page_url(starter, page)
        assert head.canonical == [url], page
        assert "robots" not in head.meta, page
        assert head.meta["og:url"] == [url]
        assert head.meta["og:site_name"] == [site_title(starter, page)]
        assert head.meta["og:title"][0] and head.meta["og:description"][0]
        image = head.meta["og:image"][0]
        assert image.startswith(BASE) and image.endswith(".png")
        assert (starter / image.removeprefix(BASE)).is_file(), image
        assert head.meta["og:image:width"] == ["1200"] and head.meta["og:image:height"] == ["630"]
        assert head.meta["og:image:alt"][0]
        assert head.meta["twitter:card"] == ["summary_large_image"]
        is_entry = page.parent.parent.name == "glossary"
        assert head.meta["og:type"] == ["article" if is_entry else "website"]
        if is_entry and site_title(starter, page) == "AI Glossary":
            assert image == url + "card.png"
        elif is_entry:  # cards are drawn in the default language's font: other languages use the site's
            assert image == BASE + "card.png"


def test_each_entry_is_a_defined_term_in_the_sites_term_set(starter: Path) -> None:
    home = graph(head_of(starter / "index.html"))
    term_set = node(home, "DefinedTermSet")
    assert term_set["@id"] == BASE + "#glossary" and term_set["url"] == BASE
    website = node(home, "WebSite")
    assert website["url"] == BASE and website["name"] == "AI Glossary"
    entries = sorted(p for p in (starter / "glossary").glob("*/index.html") if not is_moved(p))
    assert len(entries) >= 16

    for page in entries:
        url = page_url(starter, page)
        nodes = graph(head_of(page))
        term = node(nodes, "DefinedTerm")
        assert term["@id"] == url + "#term" and term["url"] == url
        assert term["name"] and term["description"]
        assert term["inDefinedTermSet"] == {k: term_set[k] for k in ("@id", "@type", "name", "url")}
        assert term["image"] == url + "card.png"
        webpage = node(nodes, "WebPage")
        assert webpage["mainEntity"] == {"@id": url + "#term"}
        crumbs = node(nodes, "BreadcrumbList")
        items = crumbs["itemListElement"]
        assert [i["position"] for i in items] == [1, 2, 3]  # type: ignore[index]
        assert items[0]["item"] == BASE  # type: ignore[index]
        assert items[1]["item"].startswith(BASE + "category/")  # type: ignore[index]
        assert (starter / items[1]["item"].removeprefix(BASE) / "index.html").is_file()  # type: ignore[index]
        assert items[2]["name"] == term["name"] and "item" not in items[2]  # type: ignore[index]

    rag = node(graph(head_of(starter / "glossary" / "rag" / "index.html")), "DefinedTerm")
    assert rag["name"] == "Retrieval-Augmented Generation"
    assert rag["alternateName"] == ["RAG", "Retrieval augmented generation", "Grounded generation"]


def test_listings_and_search_have_breadcrumbs(starter: Path) -> None:
    for rel in ("category/prompting/", "tag/training/", "level/beginner/", "search/"):
        nodes = graph(head_of(starter / rel / "index.html"))
        crumbs = node(nodes, "BreadcrumbList")
        assert [i["position"] for i in crumbs["itemListElement"]] == [1, 2]  # type: ignore[attr-defined]
        page = next(n for n in nodes if n["@type"] in ("CollectionPage", "SearchResultsPage"))
        assert page["url"] == BASE + rel
    assert head_of(starter / "404.html").json_ld == []


HOSTILE = "</script><script>alert(1)</script><!-- &amp; </SCRIPT >"


def test_json_ld_cannot_be_broken_out_of_by_contributor_text(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {
            "content/hostile.md": entry_text(
                "Hostile </script> Term",
                summary=json.dumps(HOSTILE),
                extra=f"aliases: [{json.dumps(HOSTILE)}]\n",
            ),
        }
    )
    out = build_site(root, root / "site")
    html = (out / "glossary" / "hostile" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    assert len(scripts) == 1
    assert "<" not in scripts[0] and ">" not in scripts[0]
    term = node(json.loads(scripts[0])["@graph"], "DefinedTerm")
    assert term["name"] == "Hostile </script> Term"
    assert term["alternateName"] == [HOSTILE]
    assert "<script>alert(1)" not in html


def test_titles_stay_unique_when_a_category_and_an_entry_share_a_name(make_project: Callable[..., Path]) -> None:
    root = make_project({"content/tools.md": entry_text("Tools", category="Tools", extra="tags: [tools]\n")})
    out = build_site(root, root / "site")
    titles = [head_of(p).titles[0] for p in pages(out)]
    assert len(titles) == len(set(titles)), titles
    assert "Tools · Test Glossary" in titles
    assert "Tools · Category · Test Glossary" in titles
    assert "#tools · Tag · Test Glossary" in titles


def test_a_site_without_description_still_describes_its_home_page(make_project: Callable[..., Path]) -> None:
    root = make_project({"content/a.md": entry_text("A term")}, site_yaml=MINIMAL_SITE_YAML)
    out = build_site(root, root / "site")
    head = head_of(out / "index.html")
    assert head.meta["description"] == ["Test Glossary: 1 term"]
