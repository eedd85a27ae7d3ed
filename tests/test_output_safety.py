"""The output folder, through the command line: dangerous `--out` folders are refused, nothing is touched.

`build` replaces its output folder wholesale, so a wrong `--out` could delete
someone's files.  Each case below is refused with exit code 2 and a message
that says why, and a snapshot of every file around (the project, its parent,
a stand-in home folder, a folder a symlink points at) is byte-for-byte and
timestamp-for-timestamp the same afterwards.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.build.write import MARKER
from glossator.cli import main
from tests.conftest import entry_text


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every path under `folder`: its content digest (or link target) and modification time."""
    found: dict[str, tuple[str, int]] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = (f"-> {path.readlink()}", path.lstat().st_mtime_ns)
        elif path.is_file():
            found[rel] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        else:
            found[rel] = ("folder", path.stat().st_mtime_ns)
    return found


@pytest.fixture
def world(tmp_path: Path, make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project, a neighbour's folder, a stand-in home folder and an 'elsewhere', all under tmp_path."""
    project = make_project({"content/term.md": entry_text("Term")})
    (project / "notes.txt").write_text("the maintainer's notes", encoding="utf-8")
    home = tmp_path / "home"
    (home / "documents").mkdir(parents=True)
    (home / "documents" / "thesis.txt").write_text("years of work", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / "neighbour").mkdir()
    (tmp_path / "neighbour" / "photo.jpg").write_bytes(b"\xff\xd8 not really")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "keep.txt").write_text("keep me", encoding="utf-8")
    (project / "a-file").write_text("not a folder", encoding="utf-8")
    monkeypatch.chdir(project)
    return tmp_path


def build(*args: str) -> int:
    return main(["build", "--root", ".", *args])


@pytest.mark.parametrize(
    ("out", "reason"),
    [
        (".", "is the project root"),
        ("./", "is the project root"),
        ("content", "is, contains or lies inside the content folder"),
        ("site/../content", "is, contains or lies inside the content folder"),
        ("content/site", "is, contains or lies inside the content folder"),
        ("..", "contains the project"),
        ("/", "contains the project"),
        ("{home}", "your home folder"),
        ("../neighbour", "was not made by Glossator"),
        ("notes.txt", "is not a folder"),
        ("a-file/site", "is a file, not a folder"),
    ],
)
def test_dangerous_output_folders_are_refused_and_nothing_changes(
    world: Path, out: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(world)
    code = build("--out", out.format(home=world / "home"))
    err = capsys.readouterr().err
    assert code == 2, err
    assert reason in err and err.startswith("error: output folder")
    assert "Traceback" not in err
    assert snapshot(world) == before


def test_a_symlinked_site_is_refused_and_its_target_untouched(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (world / "project" / "site").symlink_to(world / "elsewhere")
    before = snapshot(world)
    assert build() == 2
    assert "symbolic link" in capsys.readouterr().err
    assert snapshot(world) == before


def test_a_symlink_to_a_folder_made_by_glossator_is_refused_too(
    world: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (world / "elsewhere" / MARKER).write_text("", encoding="utf-8")
    (world / "project" / "site").symlink_to(world / "elsewhere", target_is_directory=True)
    before = snapshot(world)
    assert build() == 2
    assert "symbolic link" in capsys.readouterr().err
    assert snapshot(world) == before


def test_a_folder_holding_a_content_folder_is_refused(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = world / "project" / "site"
    (out / "content").mkdir(parents=True)
    (out / MARKER).write_text("", encoding="utf-8")
    before = snapshot(world)
    assert build() == 2
    assert "contains a content/ folder" in capsys.readouterr().err
    assert snapshot(world) == before


def test_an_output_folder_containing_a_content_folder_elsewhere_is_refused(
    world: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = world / "shared" / "entries"
    entries.mkdir(parents=True)
    (entries / "term.md").write_text(entry_text("Term"), encoding="utf-8")
    before = snapshot(world)
    assert build("--content", str(entries), "--out", str(world / "shared")) == 2
    assert "content folder" in capsys.readouterr().err
    assert snapshot(world) == before


def test_a_refused_build_renders_nothing_first(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The output folder is checked before anything is rendered, so even an invalid project is refused the same."""
    (world / "project" / "content" / "broken.md").write_text("no front matter", encoding="utf-8")
    before = snapshot(world)
    assert build("--out", "..") == 2
    assert "contains the project" in capsys.readouterr().err
    assert snapshot(world) == before


def test_symlinks_left_inside_the_previous_site_lead_nowhere(world: Path) -> None:
    """Links planted in site/ are dropped with the old site, never followed and never carried into the new one."""
    project = world / "project"
    assert build() == 0
    site = project / "site"
    (site / "glossary" / "evil").symlink_to(world / "elsewhere", target_is_directory=True)
    (site / "index.html").unlink()
    (site / "index.html").symlink_to(world / "elsewhere" / "keep.txt")
    (site / "robots.txt").unlink()  # a file the next build leaves unchanged (so it would be reused)
    (site / "robots.txt").symlink_to("/etc/passwd")
    (site / "assets-link").symlink_to(world / "home")
    outside = {name: snapshot(world / name) for name in ("elsewhere", "home", "neighbour")}
    entry = project / "content" / "term.md"
    entry.write_text(entry_text("Term", summary="A changed summary, so the site is built again."), encoding="utf-8")
    assert build() == 0
    assert {name: snapshot(world / name) for name in outside} == outside
    assert (world / "elsewhere" / "keep.txt").read_text(encoding="utf-8") == "keep me"
    assert not [p for p in site.rglob("*") if p.is_symlink()]
    assert b"<!doctype html>" in (site / "index.html").read_bytes()
    assert (site / "robots.txt").read_bytes().startswith(b"User-agent")


def test_a_new_or_empty_folder_is_accepted_and_holds_only_the_site(world: Path) -> None:
    empty = world / "empty-out"
    empty.mkdir()
    assert build("--out", str(empty)) == 0
    assert (empty / MARKER).is_file() and (empty / "index.html").is_file()
    assert build("--out", str(world / "new" / "deeper" / "out")) == 0
    assert (world / "new" / "deeper" / "out" / "index.html").is_file()
    assert not list(world.rglob("*.glossator-tmp"))
