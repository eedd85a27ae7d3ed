"""Assets: the theme's static files overlaid by the project's, each served under a hash of its bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.pages.assets import THEME_STATIC, collect_assets
from tests.helpers import build_site, entry_text, read_page


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def test_every_theme_file_is_served_under_a_hash_of_its_bytes() -> None:
    assets = collect_assets(None)
    theme = {p.name: p.read_bytes() for p in THEME_STATIC.iterdir() if p.is_file()}
    assert {"site.css", "site.js", "favicon.svg"} <= set(theme)
    assert set(assets.paths) == set(theme)
    for name, data in theme.items():
        stem, suffix = name.rsplit(".", 1)
        assert assets.path(name) == f"assets/{stem}.{fingerprint(data)}.{suffix}"
        assert assets.files[assets.path(name)] == data


def test_the_projects_files_replace_the_themes_and_add_to_them(tmp_path: Path) -> None:
    static = tmp_path / "static"
    (static / "img").mkdir(parents=True)
    css = b"body { color: black; }\n"
    (static / "site.css").write_bytes(css)
    (static / "img" / "logo.svg").write_bytes(b"<svg/>")
    assets = collect_assets(static)
    assert assets.path("site.css") == f"assets/site.{fingerprint(css)}.css"
    assert assets.files[assets.path("site.css")] == css
    assert assets.path("img/logo.svg") == f"assets/img/logo.{fingerprint(b'<svg/>')}.svg"
    assert "site.js" in assets.paths, "the theme's other files stay"
    assert len(assets.files) == len(assets.paths), "a replaced file is not published as well"


def test_hidden_files_and_folders_are_left_out(tmp_path: Path) -> None:
    static = tmp_path / "static"
    (static / ".git").mkdir(parents=True)
    (static / ".git" / "config").write_bytes(b"secret")
    (static / ".DS_Store").write_bytes(b"litter")
    (static / "robots-extra.txt").write_bytes(b"kept")
    assets = collect_assets(static)
    assert "robots-extra.txt" in assets.paths
    assert not [name for name in assets.paths if name.startswith(".") or "/." in name]
    assert b"secret" not in assets.files.values()


def test_a_missing_static_folder_means_the_theme_alone(tmp_path: Path) -> None:
    assert collect_assets(tmp_path / "nowhere") == collect_assets(None)


def test_an_unknown_asset_is_an_error_that_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match=r"no asset named 'site\.scss'; known: .*site\.css"):
        collect_assets(None).path("site.scss")


def test_a_change_to_a_file_changes_its_address(tmp_path: Path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "site.css").write_bytes(b"a {}")
    before = collect_assets(static).path("site.css")
    (static / "site.css").write_bytes(b"b {}")
    assert collect_assets(static).path("site.css") != before
    assert collect_assets(static) == collect_assets(static), "the same files give the same addresses"


def test_pages_link_the_fingerprinted_files_and_the_build_publishes_them(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    css = "main { margin: 0; }\n"
    root = make_project({"content/term.md": entry_text("Term"), "static/site.css": css})
    site = build_site(root, tmp_path / "site")
    page = read_page((site / "index.html").read_bytes())
    stylesheet = next(e.get("href") for e in page.all("link") if e.get("rel") == "stylesheet")
    assert stylesheet == f"/assets/site.{fingerprint(css.encode())}.css"
    assert (site / stylesheet.removeprefix("/")).read_text(encoding="utf-8") == css
