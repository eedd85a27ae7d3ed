"""The persistent build cache: an unchanged project is not built again, unchanged files not rewritten."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.cli import main
from tests.conftest import entry_text

FILES = {"content/alpha.md": entry_text("Alpha"), "content/beta.md": entry_text("Beta", body="## W\n\n[[alpha]]\n")}


def build(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["build"]) == 0
    return capsys.readouterr().err


def inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}


def test_an_unchanged_project_is_not_built_again(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(FILES)
    monkeypatch.chdir(root)
    assert "files written" in build(capsys)
    before = {p: (root / "site" / p).read_bytes() for p in inodes(root / "site")}
    same = inodes(root / "site")
    assert "nothing changed since the last build" in build(capsys)
    assert inodes(root / "site") == same
    assert {p: (root / "site" / p).read_bytes() for p in same} == before


def test_a_change_rewrites_only_what_differs(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(FILES)
    monkeypatch.chdir(root)
    build(capsys)
    assets = {p: i for p, i in inodes(root / "site").items() if p.startswith("assets/")}
    (root / "content" / "beta.md").write_text(entry_text("Beta", summary="Now different."), encoding="utf-8")
    err = build(capsys)
    assert "unchanged" in err and "nothing changed" not in err
    after = inodes(root / "site")
    assert all(after[p] == i for p, i in assets.items())  # the same files, linked, not rewritten
    assert "Now different." in (root / "site" / "glossary" / "beta" / "index.html").read_text(encoding="utf-8")


def test_the_cached_result_equals_a_clean_build(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    root = make_project(FILES)
    monkeypatch.chdir(root)
    build(capsys)
    (root / "content" / "beta.md").write_text(entry_text("Beta", level="advanced"), encoding="utf-8")
    build(capsys)
    build(capsys)
    assert main(["build", "--out", str(tmp_path / "clean")]) == 0
    site, clean = root / "site", tmp_path / "clean"
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert names == {p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file()}
    for name in names - {".glossator-site"}:
        assert (site / name).read_bytes() == (clean / name).read_bytes(), name


def test_a_deleted_output_folder_is_built_again(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    root = make_project(FILES)
    monkeypatch.chdir(root)
    build(capsys)
    shutil.rmtree(root / "site")
    assert "files written" in build(capsys)
    assert (root / "site" / "index.html").is_file()


def test_warnings_are_shown_again_when_nothing_changed(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(FILES)
    monkeypatch.chdir(root)
    first = build(capsys)
    second = build(capsys)
    warnings = [line for line in first.splitlines() if ": warning: " in line]
    assert warnings and warnings == [line for line in second.splitlines() if ": warning: " in line]


def test_a_file_changed_by_hand_in_the_output_is_not_reused(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(FILES)
    monkeypatch.chdir(root)
    build(capsys)
    css = next((root / "site" / "assets").glob("site.*.css"))
    pristine = css.read_bytes()
    css.write_bytes(b"tampered")
    (root / "content" / "beta.md").write_text(entry_text("Beta", summary="Changed."), encoding="utf-8")
    build(capsys)
    assert css.read_bytes() == pristine


def test_a_symbolic_link_planted_in_the_output_is_not_followed(
    make_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    root = make_project(FILES)
    monkeypatch.chdir(root)
    build(capsys)
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    css = next((root / "site" / "assets").glob("site.*.css"))
    css.unlink()
    css.symlink_to(secret)
    (root / "content" / "beta.md").write_text(entry_text("Beta", summary="Changed."), encoding="utf-8")
    build(capsys)
    assert not css.is_symlink() and css.read_bytes() != b"private"
    assert secret.read_text() == "private"
