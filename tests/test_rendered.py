"""The last build's pages, known by what they showed: a build renders again only the pages that changed.

A page is read back from the output folder only when what it shows is what
it showed then, and its file is still the one that build wrote; a change to
what no page's key holds (the templates, site.yaml) renders every page again.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from glossator.build import rendered
from glossator.build.pipeline import build, check
from glossator.build.rendered import kept_pages
from glossator.build.work import kept_work
from glossator.content.project import Project, load_config
from glossator.core.parallel import MIN_ITEMS_PER_JOB
from glossator.pages.assets import collect_assets
from glossator.pages.render import make_environment, render_site
from glossator.pages.shelf import File, Shelved
from glossator.pages.urls import Urls
from tests.helpers import MINIMAL_SITE_YAML, build_site, entry_text, read_site, write_project

pytestmark = pytest.mark.slow  # a few builds each

FILES = {
    "content/alpha.md": entry_text("Alpha", body="## What is this?\n\nAlpha comes first.\n"),
    "content/beta.md": entry_text("Beta", body="## What is this?\n\nBeta follows [[alpha]].\n"),
    "content/gamma.md": entry_text("Gamma", category="Tools", body="## What is this?\n\nGamma stands alone.\n"),
}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = write_project(tmp_path / "project", FILES)
    return Project.at(root, cwd=root)


def kept_build(project: Project) -> list[str]:
    """A build as the command runs it, with what the last one kept: the pages it rendered rather than read back."""
    warnings: list[str] = []
    config = load_config(project)
    with (
        kept_work(project, warnings.append) as memo,
        kept_pages(project, config, warnings.append, memo.known_digest) as pages,
    ):
        outcome = build(project, config, memo=memo, page_cache=pages)
    assert outcome.built and warnings == []
    return sorted(pages.rendered)


def cold(project: Project, tmp_path: Path) -> dict[str, bytes]:
    """The site built from a copy of the project with no cache at all."""
    copy = tmp_path / "cold"
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns("site", ".glossator-cache"))
    return read_site(build_site(copy, copy / "site"))


def test_a_prose_edit_renders_that_entry_s_page_alone(project: Project, tmp_path: Path) -> None:
    first = kept_build(project)
    assert "en:alpha" in first and "en:" in first  # everything, the first time
    path = project.content / "gamma.md"
    path.write_text(path.read_text(encoding="utf-8").replace("stands alone", "stands apart"), encoding="utf-8")
    # its page, and the print documents that hold it: the whole glossary's and its category's
    assert kept_build(project) == sorted(["en:gamma", "en:" + Urls.printed(), "en:" + Urls.printed("tools")])
    assert read_site(project.out) == cold(project, tmp_path)


def test_a_new_title_renders_the_pages_that_show_it(project: Project, tmp_path: Path) -> None:
    kept_build(project)
    path = project.content / "alpha.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Alpha", "title: Alpha One"), encoding="utf-8")
    rendered = kept_build(project)
    assert {"en:alpha", "en:beta", "en:"} <= set(rendered)  # its page, the page linking to it, the home page
    assert "en:gamma" not in rendered
    assert read_site(project.out) == cold(project, tmp_path)


def test_unchanged_entry_pages_are_linked_from_the_last_build_without_being_read(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept_build(project)
    read: list[str] = []
    real = rendered._read_regular
    monkeypatch.setattr(rendered, "_read_regular", lambda path: read.append(path.as_posix()) or real(path))
    path = project.content / "gamma.md"
    path.write_text(path.read_text(encoding="utf-8").replace("stands alone", "stands apart"), encoding="utf-8")
    kept_build(project)
    assert read and not [p for p in read if "/glossary/" in p]  # other pages are read back; entries' are linked
    alpha = project.out / "glossary" / "alpha" / "index.html"
    assert alpha.stat().st_nlink == 1  # the last site, whose copy it was, is gone
    assert read_site(project.out) == cold(project, tmp_path)


def test_a_build_s_share_cards_are_the_card_cache_s_own_files_linked_in(project: Project) -> None:
    build_site(project.root, project.out)
    cached = {path.read_bytes(): path.stat().st_ino for path in (project.cache / "cards").glob("*.png")}
    cards = sorted(project.out.rglob("card.png"))
    assert len(cards) == 4  # the site's and each entry's
    assert all(cached.get(card.read_bytes()) == card.stat().st_ino for card in cards)


@pytest.mark.parametrize("change", ["templates", "site.yaml"])
def test_what_no_page_s_key_holds_renders_every_page_again(project: Project, change: str, tmp_path: Path) -> None:
    first = kept_build(project)
    if change == "templates":
        footer = '{% extends "glossator/entry.html" %}{% block footer %}<p id="own">Ours</p>{% endblock %}'
        (project.root / "templates").mkdir()
        (project.root / "templates" / "entry.html").write_text(footer, encoding="utf-8")
    else:
        (project.root / "site.yaml").write_text(MINIMAL_SITE_YAML + "credit: Made by us\n", encoding="utf-8")
    assert kept_build(project) == first
    assert read_site(project.out) == cold(project, tmp_path)


def test_a_page_changed_in_the_output_folder_is_rendered_again(project: Project, tmp_path: Path) -> None:
    kept_build(project)
    page = project.out / "glossary" / "gamma" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"Gamma stands alone", b"Tampered"))
    path = project.content / "alpha.md"
    path.write_text(path.read_text(encoding="utf-8").replace("comes first", "comes before"), encoding="utf-8")
    printed = ["en:" + Urls.printed(), "en:" + Urls.printed("core-concepts")]  # the documents holding alpha
    assert kept_build(project) == sorted(["en:alpha", "en:gamma", *printed])
    assert read_site(project.out) == cold(project, tmp_path)


def test_a_translation_s_pages_are_read_back_or_rendered_again_like_any_other(tmp_path: Path) -> None:
    root = tmp_path / "bilingual"
    shutil.copytree(Path(__file__).parent / "fixtures" / "bilingual", root)
    project = Project.at(root, cwd=root)
    kept_build(project)
    translated = project.content / "zh-tw" / "cache.md"
    translated.write_text(translated.read_text(encoding="utf-8") + "\n更多。\n", encoding="utf-8")
    assert kept_build(project) == sorted(["zh-tw:cache", "zh-tw:" + Urls.printed(), "zh-tw:" + Urls.printed("basics")])
    assert read_site(project.out) == cold(project, tmp_path / "after-translation")
    source = project.content / "cache.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert {"en:cache", "zh-tw:cache"} <= set(kept_build(project))  # the translation is now out of date
    assert read_site(project.out) == cold(project, tmp_path / "after-source")


def test_the_caches_are_saved_while_search_indexes_the_new_site(project: Project) -> None:
    """The command's caches are kept once every page is staged and before the new site replaces the old one."""
    build_site(project.root, project.out)  # a site to be replaced
    (project.content / "gamma.md").write_text(
        entry_text("Gamma", category="Tools", body="## What is this?\n\nGamma changed.\n"), encoding="utf-8"
    )
    config = load_config(project)
    seen: dict[str, object] = {}

    def while_indexing() -> None:
        folders = [p for p in project.out.parent.iterdir() if p.name.endswith(".glossator-tmp")]
        staged = [p for p in folders if ".scratch." not in p.name]
        assert len(staged) == 1
        seen["staged"] = sorted(p.relative_to(staged[0]).as_posix() for p in staged[0].rglob("index.html"))
        seen["old site"] = b"Gamma changed" in (project.out / "glossary/gamma/index.html").read_bytes()
        seen["records"] = len(pages.records())

    warnings: list[str] = []
    with (
        kept_work(project, warnings.append) as memo,
        kept_pages(project, config, warnings.append, memo.known_digest) as pages,
    ):
        outcome = build(project, config, memo=memo, page_cache=pages, while_indexing=while_indexing)
    assert outcome.built and warnings == []
    every_page = sorted(p.relative_to(project.out).as_posix() for p in project.out.rglob("index.html"))
    assert seen == {"staged": every_page, "old site": False, "records": len(pages.records())}
    assert b"Gamma changed" in (project.out / "glossary/gamma/index.html").read_bytes()


class RecordingShelf:
    """A shelf that keeps what is put on it, as a build's staging folder would."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def put(self, name: str, data: bytes, sha: str | None = None, *, made: Path | None = None) -> Shelved:
        assert made is None or made.read_bytes() == data
        self.files[name] = data
        return Shelved(sha or hashlib.sha256(data).hexdigest())


def draw(project: Project, **options: Any) -> dict[str, File]:
    config = load_config(project)
    result = check(project, config)
    assert result.glossary is not None
    env, assets = make_environment(project.templates), collect_assets(None)
    return render_site(result.glossary, env, assets, ["card.png"], **options)


def test_entry_pages_are_handed_over_before_the_rest_of_the_site_is_drawn(project: Project) -> None:
    handed: list[list[str]] = []
    files = draw(project, entries_drawn=lambda drawn: handed.append(sorted(drawn)))
    assert len(handed) == 1
    pages = [p for p in handed[0] if p.endswith("index.html")]
    assert pages == [f"{Urls.file_for(Urls.entry(slug))}" for slug in ("alpha", "beta", "gamma")]
    assert all(p.startswith("glossary/") for p in handed[0])
    assert set(handed[0]) < set(files) and "index.html" in files


def test_with_a_shelf_the_entries_files_are_put_on_it_and_only_noted_in_what_is_returned(project: Project) -> None:
    in_memory = draw(project)
    shelf = RecordingShelf()
    handed: list[Mapping[str, File]] = []
    noted = draw(project, shelf=shelf, entries_drawn=handed.append)
    entry_files = {p for p in in_memory if p.startswith("glossary/")}
    assert set(shelf.files) == entry_files and set(noted) == set(in_memory)
    for path, data in noted.items():
        if path in entry_files:
            assert data == Shelved(hashlib.sha256(in_memory[path]).hexdigest())
            assert shelf.files[path] == in_memory[path]
        else:
            assert data == in_memory[path]
    assert dict(handed[0]) == {path: noted[path] for path in handed[0]}


def many_entries(count: int) -> dict[str, str]:
    """Enough entries that the build's worker processes share them (see MIN_ITEMS_PER_JOB)."""
    files: dict[str, str] = {}
    for n in range(count):
        body = f"## What is this?\n\nTerm {n} follows [[term-{(n + 1) % count}]].\n"
        files[f"content/term-{n}.md"] = entry_text(f"Term {n}", body=body)
    return files


def test_workers_stage_their_pages_and_cards_and_the_site_is_the_same_as_from_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = 2 * MIN_ITEMS_PER_JOB + 10
    root = write_project(tmp_path / "project", many_entries(count))
    one = read_site(build_site(root, tmp_path / "one", "--jobs", "1"))
    shutil.rmtree(root / ".glossator-cache")
    two = read_site(build_site(root, tmp_path / "two", "--jobs", "2"))
    assert two == one
    assert sum(p.endswith("card.png") for p in two) == count + 1  # and the site's own
    (root / "content/term-3.md").write_text(entry_text("Term 3", body="## What is this?\n\nChanged.\n"))
    capsys.readouterr()
    again = read_site(build_site(root, tmp_path / "two", "--jobs", "2"))
    kept = re.search(r"(\d+) files written, (\d+) unchanged files kept", "".join(capsys.readouterr()))
    assert kept is not None and int(kept[2]) > 2 * count  # every card, and most pages, linked from the last build
    assert int(kept[1]) + int(kept[2]) == len(again)
    assert again == cold(Project.at(root, cwd=root), tmp_path)
    assert b"Changed." in again["glossary/term-3/index.html"]
