"""The last build's pages, known by what they showed: a build renders again only the pages that changed.

A page is read back from the output folder only when what it shows is what
it showed then, and its file is still the one that build wrote; a change to
what no page's key holds (the templates, site.yaml) renders every page again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossator.build.pipeline import build
from glossator.build.rendered import kept_pages
from glossator.build.work import kept_work
from glossator.content.project import Project, load_config
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
        staged = [p for p in project.out.parent.iterdir() if p.name.endswith(".glossator-tmp")]
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


def test_entry_pages_are_handed_over_before_the_rest_of_the_site_is_drawn(project: Project) -> None:
    from glossator.build.pipeline import check, render

    config = load_config(project)
    result = check(project, config)
    assert result.glossary is not None
    handed: list[list[str]] = []
    files = render(project, result.glossary, search=False, entries_drawn=lambda drawn: handed.append(sorted(drawn)))
    assert len(handed) == 1
    pages = [p for p in handed[0] if p.endswith("index.html")]
    assert pages == [f"{Urls.file_for(Urls.entry(slug))}" for slug in ("alpha", "beta", "gamma")]
    assert all(p.startswith("glossary/") for p in handed[0])
    assert set(handed[0]) < set(files) and "index.html" in files
