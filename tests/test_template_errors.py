"""A mistake in a project's template is one line naming its file and line, from build, check and the preview alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.content.project import Project
from glossator.core.diagnostics import DiagnosticError
from glossator.core.parallel import fork_map
from glossator.preview.server import Preview, shown
from tests.helpers import CliRun, entry_text, run_cli

ENTRIES = {
    "content/alpha.md": entry_text("Alpha", extra="tags: [retrieval]\n"),
    "content/beta.md": entry_text("Beta", body="## W\n\n[[alpha]]\n"),
}
COMPARISON = """\
comparison:
  title: Gamma vs Alpha
  columns: [Gamma, Alpha]
  rows:
    - label: Speed
      cells: [Fast, Slow]
"""

# Each kind of mistake, as the files that make it and the one line that reports it.
MISTAKES = {
    "undefined attribute": (
        {
            "templates/entry.html": '{% extends "glossator/entry.html" %}\n{% block footer %}\n{{ view.titel }}\n'
            "{% endblock %}\n"
        },
        "templates/entry.html:3: error: EntryView has no attribute 'titel' [template]",
    ),
    "undefined attribute with a likely fix": (
        {"templates/partials/card.html": "<li>\n  {{ card.titel }}\n</li>\n"},
        "templates/partials/card.html:2: error: Card has no attribute 'titel' (did you mean 'title'?) [template]",
    ),
    "undefined name": (
        {"templates/404.html": '{% extends "base.html" %}\n{% block main %}\n\n{{ nope }}{% endblock %}\n'},
        "templates/404.html:4: error: 'nope' is undefined [template]",
    ),
    "unclosed {{": (
        {"templates/home.html": '{% extends "base.html" %}\n{% block main %}\n{{ site.title\n{% endblock %}\n'},
        "templates/home.html:4: error: syntax: expected token 'end of print statement', got '{' [template]",
    ),
    "missing parent": (
        {"templates/search.html": '{% extends "page.html" %}\n'},
        "templates/search.html:1: error: no template 'page.html' in templates/ or the built-in theme "
        "(did you mean 'base.html'?) [template]",
    ),
    "missing include": (
        {
            "templates/listing.html": '{% extends "base.html" %}\n{% block main %}\n{% include "partials/cards.html" %}'
            "\n{% endblock %}\n"
        },
        "templates/listing.html:3: error: no template 'partials/cards.html' in templates/ or the built-in theme "
        "(did you mean 'partials/card.html'?) [template]",
    ),
    "a template no page uses": (
        {"templates/partials/old.html": "<p>\n{% if %}\n</p>\n"},
        "templates/partials/old.html:2: error: syntax: Expected an expression, got 'end of statement block' [template]",
    ),
    "only on pages with a diagram": (
        {
            "content/gamma.md": entry_text("Gamma", extra=COMPARISON),
            "templates/entry.html": '{% extends "glossator/entry.html" %}\n{% block footer %}\n'
            "{% if view.comparison %}{{ view.comparison.colums }}{% endif %}\n{% endblock %}\n",
        },
        "templates/entry.html:3: error: Comparison has no attribute 'colums' (did you mean 'columns'?) [template]",
    ),
}


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> CliRun:
    done = run_cli(capsys, *args, cwd=root)
    assert "Traceback" not in done.printed, done.printed
    return done


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error: " in line]


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_check_finds_a_template_mistake_without_building(
    mistake: str, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files, line = MISTAKES[mistake]
    root = make_project({**ENTRIES, **files})
    done = run(capsys, root, "check")
    assert done.code == 1
    assert errors(done.out) == [line]
    assert not (root / "site").exists()


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_build_reports_a_template_mistake_and_keeps_the_previous_site(
    mistake: str, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files, line = MISTAKES[mistake]
    root = make_project(ENTRIES)
    assert run(capsys, root, "build").code == 0
    before = (root / "site" / "index.html").read_bytes()
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    done = run(capsys, root, "build")
    assert done.code == 1
    assert errors(done.err) == [line]
    assert "not built" in done.err
    assert (root / "site" / "index.html").read_bytes() == before


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_the_preview_shows_a_template_mistake_with_its_file_and_line(
    mistake: str, make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    files, line = MISTAKES[mistake]
    root = make_project({**ENTRIES, **files})
    monkeypatch.chdir(root)
    snapshot = Preview(Project.at(Path()), base_url="http://127.0.0.1:9/").rebuild()
    assert [shown(problem) for problem in snapshot.errors] == [line]


def test_every_template_mistake_is_reported_in_one_run(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    wanted = ["unclosed {{", "missing parent", "undefined attribute with a likely fix", "a template no page uses"]
    files = {rel: text for name in wanted for rel, text in MISTAKES[name][0].items()}
    root = make_project({**ENTRIES, **files})
    lines = sorted(MISTAKES[name][1] for name in wanted)
    assert errors(run(capsys, root, "check").out) == lines
    assert errors(run(capsys, root, "build").err) == lines


def test_a_template_mistake_is_shown_from_where_the_command_runs(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files, _ = MISTAKES["undefined name"]
    root = make_project({**ENTRIES, **files})
    done = run(capsys, root.parent, "check", "--root", root.name)
    assert errors(done.out) == [f"{root.name}/templates/404.html:4: error: 'nope' is undefined [template]"]


def test_the_github_format_names_the_line_of_a_template_mistake(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files, _ = MISTAKES["undefined name"]
    root = make_project({**ENTRIES, **files})
    done = run(capsys, root, "check", "--format", "github")
    assert "::error file=templates/404.html,line=4,title=template::'nope' is undefined\n" in done.out


def test_a_problem_raised_in_a_worker_process_arrives_as_itself() -> None:
    from glossator.core.diagnostics import START, Diagnostic

    problem = Diagnostic.error("templates/entry.html", START, "template", "broken")

    def draw(n: int) -> int:
        if n == 200:  # in the second of two processes
            raise DiagnosticError([problem])
        return n

    with pytest.raises(DiagnosticError) as raised:
        fork_map(draw, list(range(256)), jobs=2)
    assert raised.value.diagnostics == (problem,)
