"""The pipeline as its drivers run it: load, validate, link, then render; `check` stops before rendering.

Problems from every stage are gathered and printed together, sorted, so one
run tells a contributor everything; a build with errors renders nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import CliRun, build_site, entry_text, read_site, write_project

BROKEN = {
    "content/Bad_Name.md": entry_text("Bad"),  # loading: the file name is no slug
    "content/alpha.md": entry_text("Alpha", level="expert"),  # validating: a value out of its choices
    "content/beta.md": entry_text("Beta", body="## What is this?\n\nSee [[gama]].\n"),  # linking: no such entry
    "content/gamma.md": entry_text("Gamma", extra="related: [delta]\n"),  # linking: no such related entry
}
EVERY_STAGE = (
    "content/Bad_Name.md:1:1: error: file name 'Bad_Name.md' is not a valid slug: use lowercase letters, digits "
    "and single hyphens, e.g. 'bad-name.md' [slug]\n"
    "content/alpha.md:4:8: error: level: must be one of beginner, intermediate, advanced (got 'expert') [choice]\n"
    "content/beta.md:9:5: error: term link [[gama]]: no entry has this slug, title or alias "
    "(did you mean 'Gamma'?) [unknown-term]\n"
    "content/gamma.md:6:11: error: related: no entry 'delta' [unknown-related]\n"
)


def test_check_reports_the_problems_of_every_stage_at_once_sorted(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project(BROKEN)
    run = cli("check", cwd=root)
    assert (run.code, run.out) == (1, EVERY_STAGE)
    assert run.err == "check: 4 error(s), 0 warning(s)\n"


def test_check_writes_nothing_but_its_cache(make_project: Callable[..., Path], cli: Callable[..., CliRun]) -> None:
    root = make_project({"content/alpha.md": entry_text("Alpha"), "content/beta.md": entry_text("Beta")})

    def project_files() -> dict[str, bytes]:
        return {path: data for path, data in read_site(root).items() if not path.startswith(".glossator-cache/")}

    before = sorted(p for p in root.rglob("*") if ".glossator-cache" not in p.parts)
    files = project_files()
    assert cli("check", cwd=root).code == 0
    assert sorted(p for p in root.rglob("*") if ".glossator-cache" not in p.parts) == before
    assert project_files() == files
    assert (root / ".glossator-cache" / "work").is_dir()  # what the next check need not do again


def test_a_build_with_errors_renders_nothing_and_says_so(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project(BROKEN)
    run = cli("build", cwd=root)
    assert run.code == 1
    assert run.err == EVERY_STAGE + "build: not built; fix the errors above (the previous site is untouched)\n"
    # No site: only the cache of what was validated, for the run after the fix.
    assert sorted(p.name for p in root.iterdir()) == [".glossator-cache", "content", "site.yaml"]
    assert [p.name for p in (root / ".glossator-cache").iterdir()] == ["work"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    files = {
        "content/alpha.md": entry_text("Alpha", extra="tags: [Speed]\nupdated: 2026-01-02\n"),
        "content/beta.md": entry_text(
            "Beta", category="Tools", level="advanced", body="## What is this?\n\n[[alpha]]\n"
        ),
    }
    root = write_project(tmp_path_factory.mktemp("pipeline") / "project", files)
    return read_site(build_site(root, root.parent / "site"))


def test_a_build_renders_every_kind_of_page_the_site_has(site: dict[str, bytes]) -> None:
    pages = {name for name in site if name.endswith(".html")}
    assert pages == {
        "index.html",
        "404.html",
        "search/index.html",
        "glossary/alpha/index.html",
        "glossary/beta/index.html",
        "category/core-concepts/index.html",
        "category/tools/index.html",
        "tag/speed/index.html",
        "level/beginner/index.html",
        "level/intermediate/index.html",
        "level/advanced/index.html",
    }
    for name in ("sitemap.xml", "feed.xml", "robots.txt", "api/terms.json", "search/names.json", "card.png"):
        assert name in site, name
    assert {"glossary/alpha/card.png", "glossary/beta/card.png"} <= set(site)
    assert any(name.startswith("pagefind/") for name in site), "the search index joins the site"
    assert any(name.startswith("assets/site.") and name.endswith(".css") for name in site)


def test_pages_are_linked_before_they_are_rendered(site: dict[str, bytes]) -> None:
    alpha = site["glossary/alpha/index.html"].decode("utf-8")
    assert 'href="/glossary/beta/">Beta</a>' in alpha, "a page shows the entries that link to it"
