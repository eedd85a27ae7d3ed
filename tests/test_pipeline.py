"""The pipeline as its drivers run it: load, validate, link, then render; `check` stops before rendering.

Problems from every stage are gathered and printed together, sorted, so one
run tells a contributor everything; a build with errors renders nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.build.pipeline import Project, check, load_config
from tests.helpers import CliRun, build_site, entry_text, error_lines, read_site, write_project

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
    assert (run.code, run.errors) == (1, EVERY_STAGE)
    # Editorial warnings come in the same run, for the entries with errors too ...
    warned = {line.split(":")[0] for line in run.out.splitlines() if ": warning: " in line}
    assert warned == {"content/alpha.md", "content/beta.md", "content/gamma.md"}
    # ... but no entry is called an orphan while a file that might link to it could not be read.
    assert "[orphan]" not in run.out
    assert run.err == f"check: 4 error(s), {run.out.count(': warning: ')} warning(s)\n"


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
    assert error_lines(run.err) == EVERY_STAGE
    assert run.err.endswith("\nbuild: not built; fix the errors above (the previous site is untouched)\n")
    # No site: only the cache of what was validated, for the run after the fix.
    assert sorted(p.name for p in root.iterdir()) == [".glossator-cache", "content", "site.yaml"]
    assert [p.name for p in (root / ".glossator-cache").iterdir()] == ["work"]


EVERY_KIND = """\
---
title: Fine-Tuning
category: Core Concepts
level: expert
summary: Further training a pre-trained model.
tag: [training]
related: [rag, prompt-engeneering]
comparison:
  columns: [Fine-Tuning, RAG]
  rows:
    - label: Updates with new info?
      cells: [{no: Must retrain}, {yess: Re-index}]
---
## What is this?

More training; see [[promt engineering]].
"""


def test_an_entry_with_problems_of_every_kind_reports_them_all_in_one_check(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    others = {
        "content/rag.md": entry_text("RAG", extra="related: [fine-tuning]\n"),
        "content/prompt-engineering.md": entry_text("Prompt Engineering", extra="related: [rag]\n"),
    }
    run = cli("check", cwd=make_project({"content/fine-tuning.md": EVERY_KIND, **others}))
    found = [line.split(": ", 2)[1:] for line in run.out.splitlines() if line.startswith("content/fine-tuning.md:")]
    assert [(severity, message.rsplit(" [", 1)[1]) for severity, message in found] == [
        ("warning", "empty-example]"),  # editorial: no example
        ("warning", "few-misconceptions]"),  # editorial: no misconceptions
        ("error", "choice]"),  # the level is no level
        ("error", "unknown-key]"),  # `tag` is a typo of `tags`
        ("error", "unknown-related]"),  # a related slug names no entry
        ("error", "cell]"),  # a comparison without a title, with a cell of no known kind
        ("warning", "missing-section]"),  # editorial: three recommended sections are missing
        ("error", "unknown-term]"),  # a [[link]] that leads nowhere
    ]
    assert run.code == 1


def test_the_links_of_an_entry_with_errors_are_checked_in_the_same_run(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    alpha = entry_text(
        "Alpha", level="expert", extra="related: [beta, betta]\n", body="## What is this?\n\nSee [[gama]].\n"
    )
    root = make_project({"content/alpha.md": alpha, "content/beta.md": entry_text("Beta")})
    run = cli("check", cwd=root)
    assert run.errors == (
        "content/alpha.md:4:8: error: level: must be one of beginner, intermediate, advanced (got 'expert') [choice]\n"
        "content/alpha.md:6:17: error: related: no entry 'betta' (did you mean 'beta'?) [unknown-related]\n"
        "content/alpha.md:10:5: error: term link [[gama]]: no entry has this slug, title or alias [unknown-term]\n"
    )


def test_an_entry_with_errors_is_linked_to_by_the_names_it_could_be_read_with(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    # alpha's title is valid though its level is not: a link to it by title is no broken link.
    beta = entry_text("Beta", body="## What is this?\n\nSee [[Alpha Prime]] and [[Other Name]].\n")
    files = {
        "content/alpha.md": entry_text("Alpha Prime", level="expert", extra="aliases: [Other Name]\n"),
        "content/beta.md": beta,
        # gamma's title cannot be read: what it holds is not a name anyone can claim or be refused.
        "content/gamma.md": entry_text("[Beta]", extra="aliases: [Third]\n"),
    }
    run = cli("check", cwd=make_project(files))
    assert [line.rsplit(" [", 1)[1] for line in run.errors.splitlines()] == ["choice]", "type]"]


def test_a_build_never_renders_what_could_be_read_of_an_entry_with_errors(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project({"content/alpha.md": entry_text("Alpha", level="expert"), "content/beta.md": entry_text("B")})
    project = Project.at(root, cwd=root)
    result = check(project, load_config(project))
    assert result.glossary is None and not result.ok and result.entries == 0
    assert cli("build", cwd=root).code == 1 and not (root / "site").exists()


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
        "print/index.html",
        "print/core-concepts/index.html",
        "print/tools/index.html",
    }
    for name in ("sitemap.xml", "feed.xml", "robots.txt", "api/terms.json", "search/names/index.json", "card.png"):
        assert name in site, name
    assert {"glossary/alpha/card.png", "glossary/beta/card.png"} <= set(site)
    assert any(name.startswith("pagefind/") for name in site), "the search index joins the site"
    assert any(name.startswith("assets/site.") and name.endswith(".css") for name in site)


def test_pages_are_linked_before_they_are_rendered(site: dict[str, bytes]) -> None:
    alpha = site["glossary/alpha/index.html"].decode("utf-8")
    assert 'href="/glossary/beta/">Beta</a>' in alpha, "a page shows the entries that link to it"
