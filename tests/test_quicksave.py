"""Quick saves in the preview: a save that changes only an entry's own page changes only that page.

A save that changes what other pages show of an entry (its summary, its
title, the entries it links to) must reach those pages too.  Everything is
observed as a browser would: over http from `glossator serve`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import PreviewProcess, entry_text, indexed_names, previewing, read_page, write_project

ENTRIES = {
    "alpha": entry_text("Alpha", body="## What is this?\n\nAlpha comes before [[beta]].\n"),
    "beta": entry_text("Beta", summary="The second letter."),
    "gamma": entry_text("Gamma"),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "project", {f"content/{slug}.md": text for slug, text in ENTRIES.items()})


@pytest.fixture
def preview(project: Path) -> Iterator[PreviewProcess]:
    with previewing(project) as running:
        running.wait_for("glossary/alpha/", lambda body: b"Alpha comes before" in body)
        yield running


def edit(project: Path, slug: str, old: str, new: str) -> None:
    path = project / "content" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def previews(page: bytes) -> dict[str, dict[str, str]]:
    return json.loads(read_page(page).by_id("term-previews").text)  # type: ignore[no-any-return]


def without_reload_state(page: bytes) -> bytes:
    """A page as served, less what tells the browser which build it is."""
    return re.sub(rb'data-build="\d+"', b"", page)


def test_a_prose_edit_changes_its_page_and_no_other(project: Path, preview: PreviewProcess) -> None:
    others = {
        path: preview.get(path)[1] for path in ("", "glossary/beta/", "glossary/gamma/", "category/core-concepts/")
    }
    edit(project, "alpha", "Alpha comes before", "Alpha, edited, comes before")
    preview.wait_for("glossary/alpha/", lambda body: b"Alpha, edited, comes before" in body)
    for path, before in others.items():
        assert without_reload_state(preview.get(path)[1]) == without_reload_state(before), path


def test_a_new_summary_reaches_every_page_that_shows_it(project: Path, preview: PreviewProcess) -> None:
    edit(project, "beta", "summary: The second letter.", "summary: Now the better letter.")
    alpha = preview.wait_for("glossary/alpha/", lambda body: b"Now the better letter." in body)
    assert previews(alpha)["/glossary/beta/"]["summary"] == "Now the better letter."
    assert b"Now the better letter." in preview.get("")[1], "the home page's A-Z shows summaries"
    assert b"Now the better letter." in preview.get("category/core-concepts/")[1]


def test_a_new_title_reaches_every_page_that_names_the_entry(project: Path, preview: PreviewProcess) -> None:
    edit(project, "gamma", "title: Gamma", "title: Gamma Ray")
    preview.wait_for("", lambda body: b"Gamma Ray" in body)
    assert b"Gamma Ray" in preview.get("category/core-concepts/")[1]
    assert [row for row in indexed_names(lambda path: preview.get(path)[1]) if row[0] == "Gamma Ray"]


def test_a_new_link_in_prose_is_shown_on_the_page_it_points_to(project: Path, preview: PreviewProcess) -> None:
    edit(project, "alpha", "Alpha comes before [[beta]].", "Alpha comes before [[beta]] and [[gamma]].")
    gamma = preview.wait_for("glossary/gamma/", lambda body: b"Mentioned in" in body)
    mentions = [a.text for a in read_page(gamma).all("a") if a.inside("p", "mentioned")]
    assert mentions == ["Alpha"]
