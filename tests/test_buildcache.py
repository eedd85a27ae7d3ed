"""The persistent build cache: an unchanged project is not built again, unchanged files not rewritten."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.build.cache import fingerprint
from glossator.build.write import MARKER
from glossator.content.project import Project
from glossator.pages.urls import EMBED_CHUNKS
from tests.helpers import build_site, entry_text, read_site, run_cli

FILES = {"content/alpha.md": entry_text("Alpha"), "content/beta.md": entry_text("Beta", body="## W\n\n[[alpha]]\n")}


def build(capsys: pytest.CaptureFixture[str], root: Path) -> str:
    """`glossator build` run from the project folder, as a contributor would: what it says about the build."""
    run = run_cli(capsys, "build", cwd=root)
    assert run.code == 0, run.printed
    return run.err


def inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}


def test_an_unchanged_project_is_not_built_again(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(FILES)
    assert "files written" in build(capsys, root)
    before = read_site(root / "site")
    same = inodes(root / "site")
    assert "nothing changed since the last build" in build(capsys, root)
    assert inodes(root / "site") == same
    assert read_site(root / "site") == before


@pytest.mark.parametrize("part", ["site.yaml", "templates/page.html", "static/extra.css", "content/alpha.md"])
def test_every_part_of_the_project_counts_towards_its_fingerprint(
    make_project: Callable[..., Path], part: str, tmp_path: Path
) -> None:
    root = make_project(FILES)
    elsewhere = tmp_path / "entries"  # a content folder given with --content is the one that counts
    (root / "content").rename(elsewhere)
    project = Project.at(root, content=elsewhere)
    before = fingerprint(project, ())
    path = elsewhere / part.removeprefix("content/") if part.startswith("content/") else root / part
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write("\n# changed\n")
    assert fingerprint(project, ()) != before


def test_a_change_rewrites_only_what_differs(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(FILES)
    build(capsys, root)
    # The theme's files; the previews' index under assets/embed/ holds the summaries, so it changes.
    built = inodes(root / "site")
    theme = {p: i for p, i in built.items() if p.startswith("assets/") and not p.startswith(EMBED_CHUNKS)}
    (root / "content" / "beta.md").write_text(entry_text("Beta", summary="Now different."), encoding="utf-8")
    err = build(capsys, root)
    assert "unchanged" in err and "nothing changed" not in err
    after = inodes(root / "site")
    assert theme and all(after[p] == i for p, i in theme.items())  # the same files, linked, not rewritten
    assert "Now different." in (root / "site" / "glossary" / "beta" / "index.html").read_text(encoding="utf-8")


def test_the_cached_result_equals_a_clean_build(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    root = make_project(FILES)
    build(capsys, root)
    (root / "content" / "beta.md").write_text(entry_text("Beta", level="advanced"), encoding="utf-8")
    build(capsys, root)
    build(capsys, root)
    clean = build_site(root, tmp_path / "clean")
    assert (root / "site" / MARKER).is_file() and (clean / MARKER).is_file()
    assert read_site(root / "site") == read_site(clean)


def test_a_deleted_output_folder_is_built_again(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    root = make_project(FILES)
    build(capsys, root)
    shutil.rmtree(root / "site")
    assert "files written" in build(capsys, root)
    assert (root / "site" / "index.html").is_file()


def test_warnings_are_shown_again_when_nothing_changed(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(FILES)
    first = build(capsys, root)
    second = build(capsys, root)
    warnings = [line for line in first.splitlines() if ": warning: " in line]
    assert warnings and warnings == [line for line in second.splitlines() if ": warning: " in line]


def test_a_file_changed_by_hand_in_the_output_is_not_reused(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(FILES)
    build(capsys, root)
    css = next((root / "site" / "assets").glob("site.*.css"))
    pristine = css.read_bytes()
    css.write_bytes(b"tampered")
    (root / "content" / "beta.md").write_text(entry_text("Beta", summary="Changed."), encoding="utf-8")
    build(capsys, root)
    assert css.read_bytes() == pristine


def test_a_symbolic_link_planted_in_the_output_is_not_followed(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    root = make_project(FILES)
    build(capsys, root)
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    css = next((root / "site" / "assets").glob("site.*.css"))
    css.unlink()
    css.symlink_to(secret)
    (root / "content" / "beta.md").write_text(entry_text("Beta", summary="Changed."), encoding="utf-8")
    build(capsys, root)
    assert not css.is_symlink() and css.read_bytes() != b"private"
    assert secret.read_text() == "private"
