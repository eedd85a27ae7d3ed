"""A site whose base_url has a path works when served under that path: every link is followed over http."""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from glossator.pages.names import NAMES_MANIFEST
from tests.helpers import ROOT, HtmlPage, build_site, indexed_names, read_page

PUBLIC = "https://example.org/glossary/"
MOUNT = "/glossary/"
# Addresses the site's scripts read from data attributes: the name index, the search page, Pagefind's bundle.
DATA_URLS = {"data-names": "", "data-search-page": "", "data-pagefind": "pagefind.js"}


def requested_urls(page: HtmlPage) -> list[str]:
    """Every URL a page asks for or points to: links, GET form actions, share tags and its scripts' data."""
    urls = list(page.links)
    for element in page.elements:
        attrs = element.attrs
        if element.tag == "form" and attrs.get("method", "get").lower() == "get" and "action" in attrs:
            urls.append(attrs["action"])
        if element.tag == "meta" and attrs.get("property") in ("og:image", "og:url"):
            urls.append(attrs["content"])
        urls += [attrs[name] + suffix for name, suffix in DATA_URLS.items() if name in attrs]
    return urls


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    www = tmp_path_factory.mktemp("www")
    build_site(ROOT, www / "glossary", base_url=PUBLIC)
    (www / "index.html").write_text("not the glossary", encoding="utf-8")  # the host's root is someone else's
    return www


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_every_link_resolves_when_served_under_the_base_path(served: Path, serve_dir: Callable[[Path], str]) -> None:
    host = serve_dir(served)
    base = host + MOUNT

    def local(url: str) -> str:
        """A public URL of the site as the test server serves it."""
        return base + url.removeprefix(PUBLIC) if url.startswith(PUBLIC) else url

    queue = [base, base + "404.html"]
    sitemap = ET.fromstring(fetch(base + "sitemap.xml")[1])
    queue += [local(loc.text or "") for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    seen: set[str] = set()
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []
    problems: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        if status != 200:
            problems.append(f"{url}: HTTP {status}")
            continue
        if not urlsplit(url).path.endswith(("/", ".html")):
            continue
        parsed = read_page(body)
        ids[url] = parsed.ids
        # The 404 page is served at any missing address, so its links must not depend on where it is.
        page = url if not url.endswith("404.html") else base + "no/such/page/here/"
        for link in requested_urls(parsed):
            target, fragment = urldefrag(urljoin(page, local(link)))
            parts = urlsplit(target)
            if parts.netloc != urlsplit(host).netloc:
                continue
            if not parts.path.startswith(MOUNT):
                problems.append(f"{url}: {link} leaves the base path")
                continue
            target = target.split("?")[0]
            if target == page:  # a link within the page itself, e.g. the skip link
                target = url
            if fragment:
                fragments.append((url, target, fragment))
            queue.append(target)
    for page, target, fragment in fragments:
        if target in ids and fragment not in ids[target]:
            problems.append(f"{page}: #{fragment} is not an id in {target}")
    assert problems == []
    assert len(seen) > 60  # pages, assets, cards, diagrams, feeds
    assert base + "glossary/rag/card.png" in seen and base + NAMES_MANIFEST in seen


def test_the_name_index_is_served_under_the_base_path_with_addresses_inside_it(
    served: Path, serve_dir: Callable[[Path], str]
) -> None:
    base = serve_dir(served) + MOUNT

    def read(path: str) -> bytes:
        status, body = fetch(base + path)
        assert status == 200, path
        return body

    rows = indexed_names(read)
    urls = [row[1] for row in rows]  # [title, url, names], and a note for a deprecated term
    assert urls and all(url.startswith(MOUNT + "glossary/") for url in urls)
    for url in urls:
        assert fetch(base + url.removeprefix(MOUNT))[0] == 200, url


def test_nothing_is_asked_of_the_host_root(served: Path) -> None:
    for page in served.glob("glossary/**/*.html"):
        text = page.read_text(encoding="utf-8")
        for attribute in ('href="/', 'src="/', 'action="/'):
            at = text.find(attribute)
            while at != -1:
                assert text.startswith(attribute + "glossary/", at), (page, text[at : at + 60])
                at = text.find(attribute, at + 1)


def test_the_404_page_links_the_search_and_the_a_to_z_index_under_the_base_path(served: Path) -> None:
    page = read_page((served / "glossary" / "404.html").read_bytes())
    (text,) = page.with_class("not-found__text")
    links = [e for e in page.descendants(text) if e.tag == "a"]
    assert [(a.get("href"), a.text) for a in links] == [
        (MOUNT + "search/", "the search"),
        (MOUNT + "#a-z", "the A–Z index"),
    ]
    assert text.text == "There is no page at this address. Try the search or the A–Z index."
    description = next(e for e in page.all("meta") if e.get("name") == "description")
    assert description.get("content") == text.text, "the description is the same words, placeholders filled"
