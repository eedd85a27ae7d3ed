"""The output folder: only ever replaced whole, and never one that is not ours."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossator.build.write import MARKER, Staging, UnsafeOutputError, check_output, clean_leftovers


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "content").mkdir(parents=True)
    return root


def check(out: Path, project: Path) -> None:
    check_output(out, root=project, content=project / "content")


def test_a_fresh_or_glossator_made_folder_is_accepted(project: Path) -> None:
    check(project / "site", project)
    write_site({"index.html": b"x"}, project / "site")
    check(project / "site", project)


@pytest.mark.parametrize(
    ("make_out", "reason"),
    [
        (lambda p: p, "project root"),
        (lambda p: p / "content", "content"),
        (lambda p: p / "content" / "site", "content"),
        (lambda p: p.parent, "contains the project"),
        (lambda p: Path.home(), "home"),
        (lambda p: Path("/"), "contains the project"),
    ],
)
def test_dangerous_folders_are_refused(project: Path, make_out: object, reason: str) -> None:
    out = make_out(project)  # type: ignore[operator]
    with pytest.raises(UnsafeOutputError, match=reason):
        check(out, project)


def test_a_non_empty_folder_not_made_by_glossator_is_refused(project: Path) -> None:
    out = project / "docs"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(UnsafeOutputError, match="not made by Glossator"):
        check(out, project)
    assert (out / "notes.txt").read_text() == "mine"


def test_a_folder_holding_content_is_refused(project: Path) -> None:
    out = project / "site"
    (out / "content").mkdir(parents=True)
    (out / MARKER).write_text("")
    with pytest.raises(UnsafeOutputError, match="content"):
        check(out, project)


def test_a_symlinked_output_folder_is_refused(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "site").symlink_to(elsewhere)
    with pytest.raises(UnsafeOutputError, match="symbolic link"):
        check(project / "site", project)


def write_site(files: dict[str, bytes], out: Path) -> None:
    with Staging(out) as staging:
        for name, data in files.items():
            staging.put(name, data)


def test_write_replaces_the_whole_folder(project: Path) -> None:
    out = project / "site"
    write_site({"a.html": b"1", "dir/b.html": b"2"}, out)
    write_site({"c.html": b"3"}, out)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [MARKER, "c.html"]
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".glossator-tmp")]


@pytest.mark.parametrize("name", ["../escape.html", "/abs.html", "a/../../x", "a\\..\\x", ""])
def test_paths_outside_the_folder_are_refused(project: Path, name: str) -> None:
    with pytest.raises(ValueError, match="outside"):
        write_site({name: b"x"}, project / "site")
    assert not (project / "escape.html").exists()


def test_a_failed_write_leaves_the_previous_site(project: Path) -> None:
    out = project / "site"
    write_site({"index.html": b"old"}, out)
    with pytest.raises(ValueError):
        write_site({"index.html": b"new", "../bad": b"x"}, out)
    assert (out / "index.html").read_bytes() == b"old"


def test_leftovers_of_a_killed_build_are_cleaned(project: Path) -> None:
    out = project / "site"
    write_site({"index.html": b"old"}, out)
    stale = project / f".site.{os.getpid() + 1}.glossator-tmp"
    stale.mkdir()
    (stale / MARKER).write_text("")
    clean_leftovers(out)
    assert not stale.exists()
    assert (out / "index.html").read_bytes() == b"old"


@pytest.mark.parametrize("ending", ["published", "discarded", "killed"])
def test_the_scratch_folder_goes_with_the_staging_folder(project: Path, ending: str) -> None:
    out = project / "site"
    staging = Staging(out)
    scratch = staging.scratch()
    assert scratch.parent == staging.folder.parent and scratch.stat().st_dev == staging.folder.stat().st_dev
    (scratch / "work.bin").write_bytes(b"x")
    if ending == "published":
        staging.publish()
    elif ending == "discarded":
        staging.discard()
    else:
        clean_leftovers(out)  # what the next build does first
    assert not scratch.exists()
    assert not [p for p in project.iterdir() if p.name.endswith(".glossator-tmp")]


def test_a_file_made_elsewhere_is_linked_in_rather_than_copied(project: Path) -> None:
    out = project / "site"
    with Staging(out) as staging:
        made = staging.scratch() / "made.txt"
        made.write_bytes(b"made")
        assert staging.put("a/made.txt", b"made", made=made) is False  # not the last site's copy
        assert staging.path("a/made.txt").stat().st_ino == made.stat().st_ino
    assert (out / "a/made.txt").read_bytes() == b"made"


def test_an_old_site_moved_aside_is_restored_when_the_swap_was_interrupted(project: Path) -> None:
    old = project / ".site.old.glossator-tmp"
    old.mkdir()
    (old / MARKER).write_text("")
    (old / "index.html").write_text("previous")
    clean_leftovers(project / "site")
    assert (project / "site" / "index.html").read_text() == "previous"
