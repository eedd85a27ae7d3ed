"""Work the preview keeps between rebuilds never shows through: after any save, every page is as a fresh build makes it.

Files, validation and woven prose are kept from one rebuild to the next; a
save must still reach everything it affects, including prose woven before it
(a new name to link), and undoing it must give back the pages byte for byte.
Observed over http from `glossator serve`, as a browser sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import (
    MINIMAL_SITE_YAML,
    PreviewProcess,
    entry_text,
    indexed_names,
    previewing,
    read_page,
    write_project,
)

ENTRIES = {
    "alpha": entry_text("Alpha", body="## What is this?\n\nAlpha is often used with a vector index.\n"),
    "beta": entry_text("Beta", body="## What is this?\n\nBeta follows [[alpha]].\n"),
}
PAGES = ("", "glossary/alpha/", "glossary/beta/", "category/core-concepts/", "search/names/index.json")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "project", {f"content/{slug}.md": text for slug, text in ENTRIES.items()})


@pytest.fixture
def preview(project: Path) -> Iterator[PreviewProcess]:
    with previewing(project) as running:
        running.wait_for("glossary/beta/", lambda body: b"Beta follows" in body)
        yield running


def served(preview: PreviewProcess) -> dict[str, bytes]:
    """Every page of PAGES as served, less the build number the live reload reads."""
    return {path: re.sub(rb'data-build="\d+"', b"", preview.get(path)[1]) for path in PAGES}


def test_a_new_entry_links_the_first_mention_in_prose_woven_before_it(project: Path, preview: PreviewProcess) -> None:
    (project / "content" / "vector-index.md").write_text(entry_text("Vector Index"), encoding="utf-8")
    alpha = preview.wait_for("glossary/alpha/", lambda body: b'href="/glossary/vector-index/"' in body)
    links = [a.text for a in read_page(alpha).all("a") if "term" in a.classes]
    assert links == ["vector index"]


def test_a_removed_entry_is_gone_from_every_page(project: Path, preview: PreviewProcess) -> None:
    (project / "content" / "gamma.md").write_text(entry_text("Gamma"), encoding="utf-8")
    preview.wait_for("", lambda body: b"/glossary/gamma/" in body)
    (project / "content" / "gamma.md").unlink()
    preview.wait_for("", lambda body: b"/glossary/gamma/" not in body)
    assert preview.get("glossary/gamma/")[0] == 404
    assert not [row for row in indexed_names(lambda path: preview.get(path)[1]) if row[0] == "Gamma"]


def test_a_change_to_site_yaml_reaches_every_page(project: Path, preview: PreviewProcess) -> None:
    (project / "site.yaml").write_text(MINIMAL_SITE_YAML.replace("Test Glossary", "Renamed Glossary"), encoding="utf-8")
    for path in ("", "glossary/alpha/", "glossary/beta/", "category/core-concepts/"):
        preview.wait_for(path, lambda body: b"Renamed Glossary" in body and b"Test Glossary" not in body)


def test_undoing_every_edit_gives_back_the_same_pages(project: Path, preview: PreviewProcess) -> None:
    first = served(preview)
    alpha = project / "content" / "alpha.md"
    original = alpha.read_text(encoding="utf-8")
    alpha.write_text(original.replace("title: Alpha", "title: Alpha Prime"), encoding="utf-8")
    preview.wait_for("glossary/beta/", lambda body: b"Alpha Prime" in body)
    alpha.write_text(original, encoding="utf-8")
    preview.wait_for("glossary/beta/", lambda body: b"Alpha Prime" not in body)
    preview.wait_for("", lambda body: b"Alpha Prime" not in body)
    assert served(preview) == first
