"""The live preview as an editor uses it: save, and the open page follows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from glossator.build.pipeline import Project
from glossator.preview.server import Running, start

pytestmark = pytest.mark.browser


@pytest.fixture
def running(starter_copy: Path) -> Iterator[Running]:
    preview = start(Project.at(starter_copy), port=0, quiet=True)
    yield preview
    preview.stop()


def test_saving_an_entry_updates_the_open_page(page: object, running: Running, starter_copy: Path) -> None:
    page.goto(running.url + "glossary/rag/")  # type: ignore[attr-defined]
    entry = starter_copy / "content" / "rag.md"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(
        text.replace("title: Retrieval-Augmented Generation", "title: Retrieval, Augmented"), encoding="utf-8"
    )
    page.wait_for_function("document.querySelector('h1').textContent === 'Retrieval, Augmented'", timeout=15000)  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]


def test_an_invalid_save_shows_escaped_problems_until_the_next_good_save(
    page: object, running: Running, starter_copy: Path
) -> None:
    page.goto(running.url + "glossary/rag/")  # type: ignore[attr-defined]
    entry = starter_copy / "content" / "rag.md"
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("level: intermediate", "level: <img src=x onerror=alert(1)>"), encoding="utf-8")
    overlay = page.locator("#glossator-errors")  # type: ignore[attr-defined]
    overlay.wait_for(timeout=15000)
    line = overlay.locator(".glossator-error").first.inner_text()
    assert "content/rag.md:4:8: error: level: must be one of" in line
    assert "<img src=x onerror=alert(1)>" in line  # shown as text, never parsed
    assert page.locator("#glossator-errors img").count() == 0  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Retrieval-Augmented Generation"  # the last good build stays
    entry.write_text(good, encoding="utf-8")
    overlay.wait_for(state="detached", timeout=15000)


def test_a_stylesheet_change_is_swapped_without_a_reload(page: object, running: Running, starter_copy: Path) -> None:
    page.goto(running.url + "glossary/rag/")  # type: ignore[attr-defined]
    page.evaluate("window.__stillHere = true")  # type: ignore[attr-defined]
    static = starter_copy / "static"
    static.mkdir(exist_ok=True)
    (static / "site.css").write_text(
        (Path(__file__).resolve().parents[2] / "glossator/theme/static/site.css").read_text(encoding="utf-8")
        + "\nh1 { color: rgb(1, 2, 3); }\n",
        encoding="utf-8",
    )
    page.wait_for_function("getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)'", timeout=15000)  # type: ignore[attr-defined]
    assert page.evaluate("window.__stillHere") is True  # type: ignore[attr-defined]


def test_the_client_reconnects_after_the_server_restarts(page: object, starter_copy: Path) -> None:
    first = start(Project.at(starter_copy), port=0, quiet=True)
    port = int(first.url.rstrip("/").rsplit(":", 1)[1])
    page.goto(first.url + "glossary/rag/")  # type: ignore[attr-defined]
    first.stop()
    (starter_copy / "content" / "rag.md").write_text(
        (starter_copy / "content" / "rag.md")
        .read_text(encoding="utf-8")
        .replace("title: Retrieval-Augmented Generation", "title: Back Again"),
        encoding="utf-8",
    )
    second = start(Project.at(starter_copy), port=port, quiet=True)
    try:
        page.wait_for_function("document.querySelector('h1').textContent === 'Back Again'", timeout=20000)  # type: ignore[attr-defined]
    finally:
        second.stop()


def test_a_link_to_a_draft_is_shown_over_the_page_as_a_warning(
    page: object, running: Running, starter_copy: Path
) -> None:
    content = starter_copy / "content"
    draft = content / "draft-term.md"
    draft.write_text(
        "---\ntitle: Draft <b>Term</b>\ncategory: Core Concepts\nlevel: beginner\nsummary: Not yet.\n"
        "status: draft\n---\n## What is this?\n\nNot yet.\n",
        encoding="utf-8",
    )
    page.goto(running.url + "glossary/rag/")  # type: ignore[attr-defined]
    entry = content / "rag.md"
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good.replace("## What is this?\n", "## What is this?\n\nSee [[Draft <b>Term</b>]].\n", 1), "utf-8")
    overlay = page.locator("#glossator-warnings")  # type: ignore[attr-defined]
    overlay.wait_for(timeout=15000)
    line = overlay.locator(".glossator-warning").first.inner_text()
    assert "content/rag.md:" in line and ": warning: term link [[Draft <b>Term</b>]]: that entry is a draft" in line
    assert "a build without drafts fail on this link" in line
    assert page.locator("#glossator-warnings b").count() == 0  # type: ignore[attr-defined]
    # The save was built: the page shows the link, with the warning over it, not the last good build.
    assert page.locator("main a[href$='/glossary/draft-term/']").count() >= 1  # type: ignore[attr-defined]
    assert page.locator("#glossator-errors").count() == 0  # type: ignore[attr-defined]
    # Put away, it stays away on the next page, until the warnings change.
    overlay.get_by_role("button", name="Hide until this changes").click()
    assert overlay.count() == 0
    page.goto(running.url + "glossary/fine-tuning/")  # type: ignore[attr-defined]
    page.wait_for_function("document.querySelector('script[data-events]').dataset.shown")  # type: ignore[attr-defined]
    assert overlay.count() == 0
    fine = content / "fine-tuning.md"
    fine.write_text(
        fine.read_text(encoding="utf-8").replace("## What is this?\n", "## What is this?\n\n[[draft-term]]\n", 1)
    )
    overlay.wait_for(timeout=15000)
    assert overlay.locator(".glossator-warning").count() == 2
    # Published, the draft is linked to by right: nothing to warn of.
    draft.write_text(draft.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    overlay.wait_for(state="detached", timeout=15000)
    assert page.errors == []  # type: ignore[attr-defined]
