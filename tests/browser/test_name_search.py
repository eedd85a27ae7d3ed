"""Finding a term by name in a glossary whose names come in chunks: one chunk a keystroke, typos forgiven.

The site is the starter glossary with a few hundred invented entries added
(enough for several chunks) and some names in other scripts, served under a
base path as a host would.  On /search/, names close to a mistyped query are
offered when Pagefind finds little, and a filter alone lists its entries.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bench.corpus import identities
from glossator.pages.names import CHUNK_BYTES, NAMES_MANIFEST
from tests.helpers import ROOT, build_site, entry_text

pytestmark = pytest.mark.browser

MOUNT = "/glossary/"
INVENTED = 260  # entries added to the starter's: about 25 KB of names, two chunks
ADVANCED = 24  # of the invented entries, this many are advanced: more than one page of results
# Names in other scripts, as a reader may type them: without accents, in another case, in hiragana.
SCRIPTS = {
    "strasse": ("Straße", "strasse"),
    "yolka": ("Ёлка", "елка"),
    "synopsis": ("Σύνοψις", "ΣΥΝΟΨΙΣ"),
    "kyasshu": ("キャッシュ", "きゃっしゅ"),
    "suoyin": ("索引庫", "索"),
    "istanbul": ("İstanbul Protocol", "istanbul"),
}


@pytest.fixture(scope="module")
def www(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("names") / "project"
    for name in ("content", "templates", "static"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "site.yaml", project / "site.yaml")
    for n, invented in enumerate(identities(INVENTED, 3)):
        level = "advanced" if n < ADVANCED else "beginner"
        text = entry_text(invented.title, category="Training", level=level, extra=f"aliases: [{invented.aliases[0]}]\n")
        (project / "content" / f"{invented.slug}.md").write_text(text, encoding="utf-8")
    for slug, (title, _) in SCRIPTS.items():
        (project / "content" / f"{slug}.md").write_text(entry_text(title, category="Training"), encoding="utf-8")
    served = project.parent / "www"
    build_site(project, served / MOUNT.strip("/"), base_url="https://example.org" + MOUNT)
    return served


@pytest.fixture
def base(serve_dir: Callable[[Path], str], www: Path) -> str:
    return serve_dir(www) + MOUNT


def chunk_starts(www: Path) -> list[str]:
    manifest = json.loads((www / MOUNT.strip("/") / NAMES_MANIFEST).read_bytes())
    return [start for start, _ in manifest["chunks"]]


def is_chunk(request: Any) -> bool:
    return "/search/names/" in request.url and not request.url.endswith("/index.json")


def options(page: Any) -> Any:
    return page.locator("#site-search-list [role=option]:not(.site-search__all)")


def test_a_keystroke_fetches_one_chunk_and_the_next_letters_none(page: Any, base: str, www: Path) -> None:
    starts = chunk_starts(www)
    assert len(starts) >= 2 and not starts[-1].startswith("f")
    requests: list[Any] = []
    page.on("request", lambda request: requests.append(request) if "/search/names/" in request.url else None)
    page.goto(base)
    box = page.locator("#site-search-input")
    with page.expect_request_finished(lambda r: r.url.endswith("/search/names/index.json")):
        box.focus()
    with page.expect_request_finished(is_chunk):
        box.press_sequentially("f")
    options(page).first.wait_for()
    assert len([r for r in requests if is_chunk(r)]) == 1
    first_keystroke = sum(len(r.response().body()) for r in requests)
    assert first_keystroke <= 20_000
    box.press_sequentially("ine")
    page.wait_for_function("() => document.querySelector('#site-search-list').textContent.includes('Fine-Tuning')")
    assert len([r for r in requests if is_chunk(r)]) == 1, "the chunk of 'f' serves 'fine' too"
    box.fill("")
    with page.expect_request_finished(is_chunk):
        box.press_sequentially(starts[-1])  # names from the last chunk's start on
    chunks = [r.url for r in requests if is_chunk(r)]
    assert len(chunks) == 2 and chunks[0] != chunks[1]
    assert all(urlsplit(r.url).path.startswith(MOUNT + "search/names/") for r in requests)
    assert all(len(r.response().body()) <= CHUNK_BYTES for r in requests)
    assert page.errors == []


@pytest.mark.parametrize(
    ("typed", "title", "slug"),
    [
        ("fintuning", "Fine-Tuning", "fine-tuning"),
        ("retreival", "Retrieval-Augmented Generation", "rag"),
        ("SFT", "Fine-Tuning", "fine-tuning"),  # an alias
        ("vector databases", "Vector Database", "vector-database"),  # a plural
        ("hallucinations", "Hallucination", "hallucination"),
    ],
)
def test_the_header_box_finds_a_name_despite_a_typo_a_plural_or_an_alias(
    page: Any, base: str, typed: str, title: str, slug: str
) -> None:
    page.goto(base)
    box = page.locator("#site-search-input")
    box.press_sequentially(typed)
    options(page).first.wait_for()
    page.wait_for_function("(t) => document.querySelector('#site-search-input').value === t", arg=typed)
    assert options(page).first.inner_text() == title
    box.press("Enter")
    page.wait_for_url(f"**{MOUNT}glossary/{slug}/")
    assert page.locator("h1").inner_text() == title


@pytest.mark.parametrize("slug", sorted(SCRIPTS))
def test_names_in_other_scripts_are_found_however_they_are_typed(page: Any, base: str, slug: str) -> None:
    title, typed = SCRIPTS[slug]
    page.goto(base)
    box = page.locator("#site-search-input")
    box.fill(typed)
    page.wait_for_function(
        "(t) => [...document.querySelectorAll('#site-search-list [role=option]')].some((o) => o.textContent === t)",
        arg=title,
    )
    box.press("Enter")
    page.wait_for_url(f"**{MOUNT}glossary/{slug}/")


@pytest.mark.parametrize(
    ("typed", "title", "slug"),
    [("retreival", "Retrieval-Augmented Generation", "rag"), ("fintuning", "Fine-Tuning", "fine-tuning")],
)
def test_the_search_page_offers_the_entry_a_mistyped_query_means(
    page: Any, base: str, typed: str, title: str, slug: str
) -> None:
    page.goto(f"{base}search/?q={typed}")
    suggestions = page.locator(".search-suggestions")
    suggestions.wait_for()
    assert suggestions.inner_text().startswith("Did you mean ")
    link = suggestions.locator("a", has_text=title)
    assert link.get_attribute("href") == f"{MOUNT}glossary/{slug}/"
    link.click()
    page.wait_for_url(f"**{MOUNT}glossary/{slug}/")
    assert page.errors == []


def test_a_query_with_many_results_offers_no_other_names(page: Any, base: str) -> None:
    page.goto(f"{base}search/?q=model")
    page.locator(".search-result").nth(2).wait_for()
    page.wait_for_load_state("networkidle")
    assert page.locator(".search-suggestions").is_hidden()


def test_a_filter_without_a_query_lists_every_entry_it_lets_through(page: Any, base: str, www: Path) -> None:
    content = www.parent / "project" / "content"
    advanced = {p.stem for p in content.glob("*.md") if "\nlevel: advanced\n" in p.read_text(encoding="utf-8")}
    assert len(advanced) > 20, "more than a page of results"
    page.goto(f"{base}search/")
    page.locator("label.chip", has_text="Advanced").click()
    status = page.locator(".search-status")
    page.locator(".search-result").first.wait_for()
    assert status.inner_text() == f"{len(advanced)} results"
    assert "level=Advanced" in page.url
    more = page.locator(".search-more")
    while more.is_visible():
        count = page.locator(".search-result").count()
        more.click()
        page.wait_for_function("(n) => document.querySelectorAll('.search-result').length > n", arg=count)
    links = page.locator(".search-result__title").all()
    slugs = [a.get_attribute("href").removeprefix(MOUNT + "glossary/").strip("/") for a in links]
    assert sorted(slugs) == sorted(advanced)
    titles = [a.inner_text() for a in links]
    assert titles == sorted(titles, key=str.casefold), "listed by title"
    page.goto(f"{base}search/?level=Advanced")  # the same list from the address alone
    page.locator(".search-result").first.wait_for()
    assert status.inner_text() == f"{len(advanced)} results"
    assert page.errors == []
