"""The command line: exit codes, messages, and what it writes (or does not)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.content.model import LEVELS
from tests.helpers import BILINGUAL_SITE_YAML, CliRun, entry_text, run_cli

GOOD = {"content/alpha.md": entry_text("Alpha"), "content/beta.md": entry_text("Beta", body="## W\n\n[[alpha]]\n")}


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> CliRun:
    """`glossator ARGS` run from the project at `root`: whatever goes wrong, it never prints a traceback."""
    done = run_cli(capsys, *args, cwd=root)
    assert "Traceback" not in done.printed, done.printed
    return done


def test_build_is_the_default_command(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(GOOD)
    done = run(capsys, root)
    assert done.code == 0, done.err
    assert (root / "site" / "glossary" / "alpha" / "index.html").is_file()
    assert "2 entries" in done.err


def test_check_writes_nothing_and_reports_every_problem(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({**GOOD, "content/gamma.md": entry_text("Gamma", level="expert", category="Tool")})
    done = run(capsys, root, "check")
    assert done.code == 1
    assert done.errors == (
        "content/gamma.md:3:11: error: category: 'Tool' is not a category in site.yaml "
        "(did you mean 'Tools'?) [unknown-category]\n"
        "content/gamma.md:4:8: error: level: must be one of beginner, intermediate, advanced (got 'expert') [choice]\n"
    )
    assert "2 error(s)" in done.err
    assert not (root / "site").exists()


def test_check_json_format_is_a_stable_list(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({"content/gamma.md": entry_text("Gamma", level="expert")})
    done = run(capsys, root, "check", "--format", "json")
    assert done.code == 1
    assert [d for d in json.loads(done.out) if d["severity"] == "error"] == [
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
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = entry_text("Gamma", body="## W\n\n[[x%0A::error::pwned]]\n")
    root = make_project({"content/gamma.md": hostile})
    done = run(capsys, root, "check", "--format", "github")
    assert done.code == 1
    (annotation,) = (line for line in done.out.splitlines() if line.startswith("::error "))
    assert annotation.startswith("::error file=content/gamma.md,line=9,col=1,title=unknown-term::")
    assert "%250A" in annotation and "::error::pwned" in annotation.split("::", 2)[2]
    assert all(line.startswith(("::error ", "::warning ")) for line in done.out.splitlines())


def test_a_file_where_no_entry_is_read_is_reported_and_fails_only_under_strict(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    stray = {"content/drafts/gamma.md": entry_text("Gamma"), "content/Delta.markdown": entry_text("Delta")}
    root = make_project({**GOOD, **stray, "content/.hidden.md": "", "content/drafts/notes.txt": ""})
    not_read = [
        line.split(": ", 1)[0] for line in run(capsys, root, "check").out.splitlines() if line.endswith("[not-read]")
    ]
    assert not_read == ["content/Delta.markdown:1:1", "content/drafts/gamma.md:1:1"]
    assert run(capsys, root, "check").code == 0 and run(capsys, root, "check", "--strict").code == 1
    built = run(capsys, root, "build")
    assert built.code == 0 and "content/drafts/gamma.md:1:1: warning: not read:" in built.err
    assert not (root / "site" / "glossary" / "gamma").exists()


def test_a_failed_build_leaves_the_previous_site(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(GOOD)
    assert run(capsys, root, "build").code == 0
    before = (root / "site" / "glossary" / "alpha" / "index.html").read_bytes()
    (root / "content" / "alpha.md").write_text(entry_text("Alpha", level="expert"), encoding="utf-8")
    done = run(capsys, root, "build")
    assert done.code == 1
    assert "content/alpha.md:4:8: error: level" in done.err and "previous site is untouched" in done.err
    assert (root / "site" / "glossary" / "alpha" / "index.html").read_bytes() == before


def test_config_errors_exit_2(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(GOOD, site_yaml="title: T\nbase_url: ftp://x\ncategories: [{name: A}]\ncolour: red\n")
    done = run(capsys, root, "build")
    assert done.code == 2
    assert done.err == (
        "site.yaml:2:11: error: base_url: expected an http(s) URL such as https://example.org/ (got 'ftp://x') [url]\n"
        "site.yaml:4:1: error: colour: unknown key; allowed keys: title, description, base_url, language, languages, "
        "author, repo_url, edit_url, credit, autolink, categories, ask, labels, limits, exports, print, "
        "listing_page_size, api_page_size, review_after_days [unknown-key]\n"
    )


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "check", "--format", "xml").code == 2
    assert run_cli(capsys, "frobnicate").code == 2


def test_a_dangerous_output_folder_is_refused(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(GOOD)
    (root / "notes").mkdir()
    (root / "notes" / "mine.txt").write_text("keep")
    for out in (".", "content", "..", "notes"):
        done = run(capsys, root, "build", "--out", out)
        assert done.code == 2 and done.err.startswith("error: output folder"), done.err
    assert (root / "notes" / "mine.txt").read_text() == "keep"
    assert sorted(p.name for p in (root / "content").iterdir()) == ["alpha.md", "beta.md"]


def test_new_scaffolds_an_entry_that_fails_only_for_what_is_left_to_fill(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(GOOD)
    done = run(capsys, root, "new", "Café Model", "--category", "Tools")
    assert done.code == 0 and "content/cafe-model.md" in done.out
    done = run(capsys, root, "check")
    assert done.code == 1
    fields = sorted({line.split(": error: ")[1].split(":")[0] for line in done.errors.splitlines()})
    assert fields == [
        "body",
        "example.body",
        "example.title",
        "impact",
        "misconceptions[0].myth",
        "misconceptions[0].truth",
        "summary",
    ]
    assert all(line.startswith("content/cafe-model.md:") for line in done.errors.splitlines())


def test_new_offers_every_level_an_entry_may_have(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(GOOD)
    for n, level in enumerate(LEVELS):
        assert run(capsys, root, "new", f"Term {n}", "--category", "Tools", "--level", level).code == 0
        assert f"\nlevel: {level}\n" in (root / "content" / f"term-{n}.md").read_text(encoding="utf-8")
    assert run(capsys, root, "new", "Term X", "--category", "Tools", "--level", "expert").code == 2


def test_new_never_overwrites_or_duplicates(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({**GOOD, "content/gamma.md": entry_text("Gamma", extra="aliases: [Delta Force]\n")})
    before = (root / "content" / "alpha.md").read_text()
    assert run(capsys, root, "new", "Alpha").code == 1
    assert (root / "content" / "alpha.md").read_text() == before
    done = run(capsys, root, "new", "delta force")
    assert done.code == 1 and "content/gamma.md" in done.err
    done = run(capsys, root, "new", "日本語")
    assert done.code == 1 and "cannot make a file name" in done.err


def test_drafts_are_left_out_of_build_unless_asked_for(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({**GOOD, "content/gamma.md": entry_text("Gamma", extra="status: draft\n")})
    assert run(capsys, root, "build").code == 0
    assert not (root / "site" / "glossary" / "gamma").exists()
    assert "Gamma" not in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert run(capsys, root, "build", "--drafts").code == 0
    page = (root / "site" / "glossary" / "gamma" / "index.html").read_text(encoding="utf-8")
    assert 'class="draft-banner"' in page
    assert 'class="draft-banner"' not in (root / "site" / "glossary" / "alpha" / "index.html").read_text()


def test_a_published_entry_may_not_link_to_a_draft(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(
        {
            "content/alpha.md": entry_text("Alpha", body="## W\n\nSee [[gamma]].\n"),
            "content/gamma.md": entry_text("Gamma", extra="status: draft\n"),
        }
    )
    done = run(capsys, root, "check")
    assert done.code == 1
    assert "content/alpha.md:9:5: error: term link [[gamma]]: that entry is a draft" in done.out


DRAFT_LINKS = {
    "one language": (
        None,
        {
            "content/alpha.md": entry_text("Alpha", extra="related: [gamma]\n", body="## W\n\nSee [[gamma]].\n"),
            "content/beta.md": entry_text("Beta", extra="status: draft\n", body="## W\n\n[[gamma]], [[alpha]]\n"),
            "content/gamma.md": entry_text("Gamma", extra="status: draft\n"),
        },
    ),
    "a translation": (
        BILINGUAL_SITE_YAML,
        {
            "content/alpha.md": entry_text("Alpha"),
            "content/gamma.md": entry_text("Gamma", extra="status: draft\n"),
            "content/delta.md": entry_text("Delta"),
            # links to a draft source, and to a draft translation whose source is published (a build without
            # drafts links that to the source's page); the translation of a draft is left out with it
            "content/zh-tw/alpha.md": entry_text("阿爾法", body="## W\n\n[[gamma]] [[delta]] [[德爾塔]]\n"),
            "content/zh-tw/delta.md": entry_text("德爾塔", extra="status: draft\n"),
            "content/zh-tw/gamma.md": entry_text("伽瑪", body="## W\n\n[[delta]] [[德爾塔]]\n"),
        },
    ),
}


@pytest.mark.parametrize("case", DRAFT_LINKS)
def test_a_build_with_drafts_warns_of_each_link_that_check_refuses(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], case: str
) -> None:
    site_yaml, files = DRAFT_LINKS[case]
    root = make_project(files, **({"site_yaml": site_yaml} if site_yaml else {}))
    checked = run(capsys, root, "check")
    refused = [line.split(": error: ") for line in checked.out.splitlines() if line.endswith("[draft-link]")]
    assert checked.code == 1 and refused
    built = run(capsys, root, "build", "--drafts")
    assert built.code == 0, built.err
    warned = [line.split(": warning: ") for line in built.err.splitlines() if line.endswith("[draft-link]")]
    assert [where for where, _ in warned] == [where for where, _ in refused]
    for _, message in warned:
        assert "drafts are shown here, but `check` and a build without drafts fail on this link" in message


# -- values and usage -----------------------------------------------------------------------


def one_line_usage_error(done: CliRun, command: str) -> str:
    """The message of a usage error: exit 2, one line on stderr in argparse's form, nothing else."""
    assert done.code == 2, done.err
    assert done.out == "" and done.err.count("\n") == 1, done.err
    prefix = f"glossator {command}: error: " if command else "glossator: error: "
    assert done.err.startswith(prefix), done.err
    return done.err.removeprefix(prefix).rstrip("\n")


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_base_url_that_is_not_an_http_url_is_refused_as_site_yaml_refuses_it(
    command: str, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(GOOD)
    message = one_line_usage_error(run(capsys, root, command, "--base-url", "127.0.0.1:8765"), command)
    assert message.startswith("argument --base-url: ")
    assert not (root / "site").exists()
    # The same value in site.yaml is refused by the same rule, in the same words.
    (root / "site.yaml").write_text(
        "title: T\nbase_url: 127.0.0.1:8765\ncategories: [{name: Tools}]\n", encoding="utf-8"
    )
    done = run(capsys, root, "check")
    assert (
        done.code == 2
        and done.err == f"site.yaml:2:11: error: base_url: {message.removeprefix('argument --base-url: ')} [url]\n"
    )


def test_a_good_base_url_is_built_for(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(GOOD)
    assert run(capsys, root, "build", "--base-url", "http://127.0.0.1:8765/docs").code == 0
    page = (root / "site" / "glossary" / "beta" / "index.html").read_text(encoding="utf-8")
    assert 'href="/docs/glossary/alpha/"' in page


@pytest.mark.parametrize("jobs", ["0", "-3", "two", "1.5"])
def test_jobs_must_be_one_or_more(
    jobs: str, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(GOOD)
    message = one_line_usage_error(run(capsys, root, "build", f"--jobs={jobs}"), "build")
    assert message == f"argument --jobs: expected a whole number, 1 or more (got {jobs!r})"
    assert not (root / "site").exists()


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "http"])
def test_serve_refuses_a_port_that_cannot_be(
    port: str, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(GOOD)
    message = one_line_usage_error(run(capsys, root, "serve", f"--port={port}"), "serve")
    assert message == f"argument --port: expected a port from 1 to 65535, or 0 for any free one (got {port!r})"


def test_serve_on_a_port_in_use_says_so_in_one_line(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    root = make_project(GOOD)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run(capsys, root, "serve", "--port", str(port))
    assert done.code == 2
    assert done.err == f"serve: cannot listen on 127.0.0.1:{port}: port {port} is in use\n"


def test_every_usage_error_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert one_line_usage_error(run(capsys, tmp_path, "check", "--format", "xml"), "check").startswith(
        "argument --format: invalid choice: 'xml'"
    )
    assert "invalid choice: 'frobnicate'" in one_line_usage_error(run(capsys, tmp_path, "frobnicate"), "")
    assert one_line_usage_error(run(capsys, tmp_path, "build", "--nope"), "") == "unrecognized arguments: --nope"


def test_new_without_a_title_is_a_usage_error(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(GOOD)
    assert one_line_usage_error(run(capsys, root, "new"), "new").startswith("give the new term's title")


def test_version(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from glossator import __version__

    for args in (["--version"], ["-q", "--version"]):
        done = run(capsys, tmp_path, *args)
        assert (done.code, done.out) == (0, f"glossator {__version__}\n")


def test_help_lists_every_exit_code(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from glossator.cli import EXIT_CONTENT, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

    for args in (["--help"], ["check", "--help"]):
        done = run(capsys, tmp_path, *args)
        assert done.code == 0
        codes = done.out.split("exit codes:\n", 1)[1]
        listed = [int(line.split()[0]) for line in codes.splitlines() if line[:4].strip().isdigit()]
        assert listed == [EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERRUPTED]


@pytest.mark.parametrize("command", ["build", "check", "serve", "new"])
def test_a_folder_without_site_yaml_says_where_it_looked_and_what_to_do(
    command: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    message = one_line_usage_error(run(capsys, tmp_path, command), command)
    assert message.startswith(f"no site.yaml in {tmp_path.resolve()}: ")
    assert "--root DIR" in message and "start a new glossary there" in message


def test_quiet_prints_only_problems(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(GOOD)
    for args in (["build", "--quiet"], ["-q", "build"], ["-q"], ["check", "-q"], ["-q", "check"]):
        done = run(capsys, root, *args)
        assert done.code == 0
        lines = done.printed.splitlines()
        assert lines and all(": warning: " in line for line in lines), done.printed  # warnings stay, summaries go
    (root / "content" / "alpha.md").write_text(entry_text("Alpha", level="expert"), encoding="utf-8")
    done = run(capsys, root, "build", "-q")
    assert done.code == 1 and "content/alpha.md:4:8: error: level" in done.err


# -- check PATH... --------------------------------------------------------------------------

NAMED = {
    "content/alpha.md": entry_text("Alpha", body="## W\n\nSee [[beta]].\n"),
    "content/beta.md": entry_text("Beta", body="## W\n\nSee [[nowhere]].\n"),
    "content/gamma.md": entry_text("Gamma", level="expert"),
}


def test_check_named_files_tells_only_their_problems_with_links_checked_against_the_rest(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(NAMED)
    done = run(capsys, root, "check", "content/alpha.md")
    # Its link to beta resolves, and gamma's error is not its own: only alpha's editorial warnings are told.
    assert done.code == 0 and ": error:" not in done.out
    assert all(line.startswith("content/alpha.md:") for line in done.out.splitlines())
    done = run(capsys, root, "check", "content/beta.md", "content/gamma.md")
    assert done.code == 1
    assert [line.split(": error: ")[0] for line in done.out.splitlines() if ": error: " in line] == [
        "content/beta.md:9:5",
        "content/gamma.md:4:8",
    ]
    done = run(capsys, root, "check", "content")
    assert len([line for line in done.out.splitlines() if ": error: " in line]) == 2


def test_check_refuses_a_path_that_is_not_an_entry(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({**NAMED, "notes/todo.md": "x"})
    assert one_line_usage_error(run(capsys, root, "check", "content/delta.md"), "check") == (
        "content/delta.md: no such file or folder"
    )
    message = one_line_usage_error(run(capsys, root, "check", "notes/todo.md"), "check")
    assert message.startswith("notes/todo.md: not in the content folder")


def test_check_named_files_ignores_template_mistakes(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({**GOOD, "templates/404.html": "{{ nope }}"})
    assert run(capsys, root, "check").code == 1
    assert run(capsys, root, "check", "content/alpha.md").code == 0


# -- serve options --------------------------------------------------------------------------


def test_serve_passes_its_options_to_the_preview(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossator.preview.server

    asked: list[dict[str, object]] = []
    monkeypatch.setattr(glossator.preview.server, "serve", lambda project, **options: asked.append(options) or 0)
    root = make_project(GOOD)
    assert run(capsys, root, "serve").code == 0
    assert (
        run(capsys, root, "serve", "--no-drafts", "--base-url", "https://x.example/docs/", "--port", "0", "-q").code
        == 0
    )
    assert asked == [
        {"host": "127.0.0.1", "port": None, "open_browser": False, "drafts": True, "base_url": None, "quiet": False},
        {
            "host": "127.0.0.1",
            "port": 0,
            "open_browser": False,
            "drafts": False,
            "base_url": "https://x.example/docs/",
            "quiet": True,
        },
    ]
