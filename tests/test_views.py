"""What each page shows: A–Z, latest entries, category counts, listings, and an entry's parts, as built.

The pages are read as a reader's browser would get them, so the test holds
whatever shape the views take inside the generator.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import HtmlPage, build_site, entry_text, read_page, write_project

TWO_SECTIONS = "## What is this?\n\nA thing. See [[zeta]].\n\n## Why does it exist?\n\nBecause.\n"


def dated(day: int) -> str:
    return f"updated: 2026-03-{day:02d}\n"


ENTRIES = {
    "alpha": entry_text("alpha", extra=dated(1) + "tags: [Search, Ranking]\nrelated: [zeta]\n", body=TWO_SECTIONS),
    "beta": entry_text("Beta", category="Tools", level="advanced", extra=dated(2) + "tags: [Search]\n"),
    "emile": entry_text("Émile", extra=dated(3)),
    "echo": entry_text("echo", category="Tools", extra=dated(4)),
    "two-phase": entry_text("2-Phase Commit", level="intermediate", extra=dated(5)),
    "zeta": entry_text("Zeta", summary="The last letter.", extra=dated(6)),
    "omega": entry_text("Omega", extra=dated(7)),
    "undated": entry_text("Undated"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("views") / "project", {f"content/{s}.md": t for s, t in ENTRIES.items()}
    )
    return build_site(root, root.parent / "site")


def page(site: Path, path: str) -> HtmlPage:
    return read_page((site / path / "index.html").read_bytes())


def section(page: HtmlPage, title_id: str) -> list[str]:
    """The card titles in the home page section labelled by `title_id`."""
    found = next(s for s in page.all("section") if s.get("aria-labelledby") == title_id)
    return [e.text.strip() for e in page.descendants(found) if "card__title" in e.classes]


def test_a_to_z_groups_by_first_letter_ignoring_case_and_accents_with_the_rest_last(site: Path) -> None:
    home = page(site, "")
    assert [e.text for e in home.with_class("az__letter")] == ["A", "B", "E", "O", "U", "Z", "#"]
    titles = [a.text for a in home.all("a") if a.inside("ul", "az__list")]
    assert titles == ["alpha", "Beta", "echo", "Émile", "Omega", "Undated", "Zeta", "2-Phase Commit"]
    jumps = [a.get("href") for a in home.all("a") if a.inside("nav", "letters")]
    assert jumps == ["#letter-a", "#letter-b", "#letter-e", "#letter-o", "#letter-u", "#letter-z", "#letter-other"]
    assert {"letter-a", "letter-other"} <= home.ids, "each jump lands on its group"


def test_the_latest_entries_are_the_six_most_recently_updated_newest_first(site: Path) -> None:
    assert section(page(site, ""), "latest-title") == ["Omega", "Zeta", "2-Phase Commit", "echo", "Émile", "Beta"]


def test_each_category_shows_how_many_terms_it_holds(site: Path) -> None:
    home = page(site, "")
    names = [e.text for e in home.with_class("category-tile__name")]
    counts = [e.text for e in home.with_class("category-tile__count")]
    assert list(zip(names, counts, strict=True)) == [("Core Concepts", "6 terms"), ("Tools", "2 terms")]


def test_listings_hold_their_entries_a_to_z(site: Path) -> None:
    def listed(path: str) -> list[str]:
        return [e.text.strip() for e in page(site, path).with_class("card__title")]

    assert listed("category/tools/") == ["Beta", "echo"]
    assert listed("level/advanced/") == ["Beta"]
    assert listed("level/intermediate/") == ["2-Phase Commit"]
    assert listed("tag/search/") == ["alpha", "Beta"]
    assert listed("tag/ranking/") == ["alpha"]


def test_an_entry_shows_its_sections_numbered_with_their_anchors(site: Path) -> None:
    alpha = page(site, "glossary/alpha/")
    assert [e.text for e in alpha.with_class("step__number")] == ["01", "02"]
    assert [e.get("id") for e in alpha.with_class("step")] == ["what-is-this", "why-does-it-exist"]


def test_related_topics_and_mentions_link_both_ways(site: Path) -> None:
    alpha, zeta = page(site, "glossary/alpha/"), page(site, "glossary/zeta/")
    cards = [e.text.strip() for e in alpha.with_class("card__title") if e.inside("section", "related")]
    assert cards[:2] == ["Zeta", "Beta"], "declared related entries first, then those sharing a tag"
    mentioned = [a.text for a in zeta.all("a") if a.inside("p", "mentioned")]
    assert mentioned == ["alpha"]


def test_a_term_link_carries_a_preview_of_its_target(site: Path) -> None:
    alpha = page(site, "glossary/alpha/")
    previews = json.loads(alpha.by_id("term-previews").text)
    assert previews == {
        "/glossary/zeta/": {"title": "Zeta", "summary": "The last letter.", "meta": "Core Concepts · Beginner"}
    }


def test_empty_optional_parts_are_left_out(site: Path) -> None:
    beta = page(site, "glossary/beta/")
    for part in ("example", "diagram", "misconceptions", "impact"):
        assert not beta.with_class(part), f"an entry with no {part} shows no {part} section"
    assert "Real-world example" not in beta.text and "The missing link" not in beta.text
    assert beta.with_class("tldr") and beta.with_class("explanation")


def test_the_footer_links_the_entrys_source_and_its_tags(site: Path) -> None:
    alpha = page(site, "glossary/alpha/")
    footer = [a.get("href") for a in alpha.all("a") if a.inside("ul", "entry-footer")]
    assert footer == ["https://example.org/repo/edit/content/alpha.md", "/tag/search/", "/tag/ranking/"]
    assert alpha.one("time").get("datetime") == "2026-03-01"
