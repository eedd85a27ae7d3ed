"""The command line: exit codes, messages, and what it writes (or does not)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.cli import main
from tests.conftest import entry_text

GOOD = {"content/alpha.md": entry_text("Alpha"), "content/beta.md": entry_text("Beta", body="## W\n\n[[alpha]]\n")}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def test_build_is_the_default_command(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(GOOD)
    monkeypatch.chdir(root)
    code, _, err = run([], capsys)
    assert code == 0, err
    assert (root / "site" / "glossary" / "alpha" / "index.html").is_file()
    assert "2 entries" in err


def test_check_writes_nothing_and_reports_every_problem(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({**GOOD, "content/gamma.md": entry_text("Gamma", level="expert", category="Tool")})
    monkeypatch.chdir(root)
    code, out, err = run(["check"], capsys)
    assert code == 1
    assert out == (
        "content/gamma.md:3:11: error: category: 'Tool' is not a category in site.yaml "
        "(did you mean 'Tools'?) [unknown-category]\n"
        "content/gamma.md:4:8: error: level: must be one of beginner, intermediate, advanced (got 'expert') [choice]\n"
    )
    assert "2 error(s)" in err
    assert not (root / "site").exists()


def test_check_json_format_is_a_stable_list(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({"content/gamma.md": entry_text("Gamma", level="expert")})
    monkeypatch.chdir(root)
    code, out, _ = run(["check", "--format", "json"], capsys)
    assert code == 1
    assert json.loads(out) == [
        {
            "path": "content/gamma.md",
            "line": 4,
            "col": 8,
            "severity": "error",
            "code": "choice",
            "message": "level: must be one of beginner, intermediate, advanced (got 'expert')",
        }
    ]


def test_check_github_format_escapes_contributor_text(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = entry_text("Gamma", body="## W\n\n[[x%0A::error::pwned]]\n")
    root = make_project({"content/gamma.md": hostile})
    monkeypatch.chdir(root)
    code, out, _ = run(["check", "--format", "github"], capsys)
    assert code == 1
    assert out.count("\n") == 1 and out.startswith("::error file=content/gamma.md,line=9,col=1,title=unknown-term::")
    assert "%250A" in out and "::error::pwned" in out.split("::", 2)[2]


def test_a_failed_build_leaves_the_previous_site(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(GOOD)
    monkeypatch.chdir(root)
    assert run(["build"], capsys)[0] == 0
    before = (root / "site" / "glossary" / "alpha" / "index.html").read_bytes()
    (root / "content" / "alpha.md").write_text(entry_text("Alpha", level="expert"), encoding="utf-8")
    code, _, err = run(["build"], capsys)
    assert code == 1
    assert "content/alpha.md:4:8: error: level" in err and "previous site is untouched" in err
    assert (root / "site" / "glossary" / "alpha" / "index.html").read_bytes() == before


def test_config_errors_exit_2(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(GOOD, site_yaml="title: T\nbase_url: ftp://x\ncategories: [{name: A}]\ncolour: red\n")
    monkeypatch.chdir(root)
    code, _, err = run(["build"], capsys)
    assert code == 2
    assert err == (
        "site.yaml:2:11: error: base_url: expected an http(s) URL such as https://example.org/ (got 'ftp://x') [url]\n"
        "site.yaml:4:1: error: colour: unknown key; allowed keys: title, description, base_url, language, languages, "
        "author, repo_url, edit_url, credit, autolink, categories, ask, labels, limits [unknown-key]\n"
    )


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "xml"]) == 2
    assert main(["frobnicate"]) == 2


def test_a_dangerous_output_folder_is_refused(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(GOOD)
    (root / "notes").mkdir()
    (root / "notes" / "mine.txt").write_text("keep")
    monkeypatch.chdir(root)
    for out in (".", "content", "..", "notes"):
        code, _, err = run(["build", "--out", out], capsys)
        assert code == 2 and err.startswith("error: output folder"), err
    assert (root / "notes" / "mine.txt").read_text() == "keep"
    assert sorted(p.name for p in (root / "content").iterdir()) == ["alpha.md", "beta.md"]


def test_new_scaffolds_an_entry_that_fails_only_for_what_is_left_to_fill(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(GOOD)
    monkeypatch.chdir(root)
    code, out, _ = run(["new", "Café Model", "--category", "Tools"], capsys)
    assert code == 0 and "content/cafe-model.md" in out
    code, out, _ = run(["check"], capsys)
    assert code == 1
    fields = sorted({line.split(": error: ")[1].split(":")[0] for line in out.splitlines()})
    assert fields == [
        "body",
        "example.body",
        "example.title",
        "impact",
        "misconceptions[0].myth",
        "misconceptions[0].truth",
        "summary",
    ]
    assert all(line.startswith("content/cafe-model.md:") for line in out.splitlines())


def test_new_never_overwrites_or_duplicates(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({**GOOD, "content/gamma.md": entry_text("Gamma", extra="aliases: [Delta Force]\n")})
    monkeypatch.chdir(root)
    before = (root / "content" / "alpha.md").read_text()
    assert run(["new", "Alpha"], capsys)[0] == 1
    assert (root / "content" / "alpha.md").read_text() == before
    code, _, err = run(["new", "delta force"], capsys)
    assert code == 1 and "content/gamma.md" in err
    code, _, err = run(["new", "日本語"], capsys)
    assert code == 1 and "cannot make a file name" in err


def test_drafts_are_left_out_of_build_unless_asked_for(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({**GOOD, "content/gamma.md": entry_text("Gamma", extra="status: draft\n")})
    monkeypatch.chdir(root)
    assert run(["build"], capsys)[0] == 0
    assert not (root / "site" / "glossary" / "gamma").exists()
    assert "Gamma" not in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert run(["build", "--drafts"], capsys)[0] == 0
    page = (root / "site" / "glossary" / "gamma" / "index.html").read_text(encoding="utf-8")
    assert 'class="draft-banner"' in page
    assert 'class="draft-banner"' not in (root / "site" / "glossary" / "alpha" / "index.html").read_text()


def test_a_published_entry_may_not_link_to_a_draft(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(
        {
            "content/alpha.md": entry_text("Alpha", body="## W\n\nSee [[gamma]].\n"),
            "content/gamma.md": entry_text("Gamma", extra="status: draft\n"),
        }
    )
    monkeypatch.chdir(root)
    code, out, _ = run(["check"], capsys)
    assert code == 1
    assert "content/alpha.md:9:5: error: term link [[gamma]]: that entry is a draft" in out
