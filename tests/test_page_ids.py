"""A section's anchor never takes an id the page already uses, nor another section's.

The page's own ids are listed once (glossator.prose.document.PAGE_IDS); the
list is checked here against what the theme really writes: a rendered entry
page with every part, and the ids its scripts give the elements they add.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from glossator.prose.document import NUMBERED_PAGE_IDS, PAGE_IDS
from tests.helpers import ROOT, HtmlPage, build_site, entry_text, read_page, write_project

EVERY_PART = """\
    aliases: [Caching]
    related: [other]
    comparison:
      title: Cache vs Index
      columns: [Cache, Index]
      rows:
        - label: Goes stale
          cells: [{yes: Until refreshed}, {no: Kept in step}]
    example:
      title: A shop
      body: The shop keeps each page for a minute.
    misconceptions:
      - myth: Bigger is faster.
        truth: Not past memory size.
    impact: Reads get cheaper.
    """

CLASHING = (
    "## Main\n\nThe skip link's target.\n\n"
    "## Entry title\n\nThe page title's id.\n\n"
    "## D\n\nThe inline diagram's id.\n\n"
    "## Site search option 0\n\nA header search option's id.\n\n"
    "## Main\n\nTwice.\n\n"
    "## Main 2\n\nWhat the first clash became.\n\n"
    "## What is this?\n\nSee [[other]].\n"
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HtmlPage]:
    root = write_project(
        tmp_path_factory.mktemp("page-ids") / "project",
        {
            "content/cache.md": entry_text("Cache", extra=EVERY_PART, body=CLASHING),
            "content/other.md": entry_text(
                "Other",
                extra=EVERY_PART.replace("[other]", "[cache]").replace("Caching", "Other name"),
                body="## What is this?\n\nSee [[cache]].\n",
            ),
        },
    )
    site = build_site(root, root.parent / "site")
    return {slug: read_page((site / "glossary" / slug / "index.html").read_bytes()) for slug in ("cache", "other")}


def section_anchors(page: HtmlPage) -> list[str]:
    return [e.get("id") or "" for e in page.with_class("step")]


def test_headings_that_match_the_pages_own_ids_get_anchors_of_their_own(pages: dict[str, HtmlPage]) -> None:
    assert section_anchors(pages["cache"]) == [
        "main-2",
        "entry-title-2",
        "d-2",
        "site-search-option-0-2",
        "main-3",
        "main-2-2",
        "what-is-this",
    ]


def test_no_id_is_used_twice_on_a_page(pages: dict[str, HtmlPage]) -> None:
    for slug, page in pages.items():
        counts = Counter(value for e in page.elements for name, value in e.attributes if name == "id")
        assert [id_ for id_, n in counts.items() if n > 1] == [], slug
    assert pages["cache"].one("main").get("id") == "main"
    assert pages["cache"].by_id("main").tag == "main", "the skip link still leads to the content"


def script_ids() -> set[str]:
    """The ids site.js and the preview's script give what they add ('site-search-option-0' for numbered ones)."""
    found: set[str] = set()
    for script in (ROOT / "glossator" / "theme" / "static" / "site.js", ROOT / "glossator" / "preview" / "client.js"):
        text = script.read_text("utf-8")
        for assigned in re.findall(r"\.id = ([^;\n]+)", text):  # a name, or a choice of names
            found |= set(re.findall(r"\"([^\"]+)\"", assigned))
        found |= {f"{prefix}0" for prefix in re.findall(r"\.id = `([^`$]*)\$\{", text)}
    return found


def test_the_list_of_page_ids_is_what_the_theme_writes(pages: dict[str, HtmlPage]) -> None:
    page = pages["other"]  # its one section takes no page id
    written = page.ids - set(section_anchors(page))
    scripted = script_ids()
    assert scripted, "the scripts' ids are found"
    numbered = {id_ for id_ in written | scripted if NUMBERED_PAGE_IDS.fullmatch(id_)}
    assert numbered == {"site-search-option-0"}
    assert (written | scripted) - numbered == PAGE_IDS - {"meanings-title"}  # that one: on a page of meanings


def test_every_id_the_theme_templates_write_is_on_the_rendered_page(pages: dict[str, HtmlPage]) -> None:
    """The page above shows every part, so no template id is missed by reading it."""
    templates = ROOT / "glossator" / "theme" / "templates"
    literal: set[str] = set()
    for name in ("base.html", "entry.html", "partials/card.html", "partials/comparison_table.html"):
        literal |= set(re.findall(r'\bid="([A-Za-z][\w-]*)"', (templates / name).read_text("utf-8")))
    only_disambiguation = {"meanings-title"}  # a page of meanings has none of an entry's other parts
    assert literal - only_disambiguation <= pages["other"].ids
    assert literal <= PAGE_IDS


def test_the_diagram_ids_are_the_inline_diagrams(pages: dict[str, HtmlPage]) -> None:
    svg = pages["other"].one("svg")
    assert svg.get("id") == "d"
    assert {"d-title", "d-desc"} <= pages["other"].ids
