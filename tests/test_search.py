"""Search: Pagefind's index of the entry pages, byte-identical for the same pages, and the names of every entry."""

from __future__ import annotations

import gzip
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.pages import cbor
from glossator.pages.search import SEARCH_DIR, Indexing, canonical_bundle
from tests.helpers import MINIMAL_SITE_YAML, build_site, entry_text, indexed_names

LEVELS = ["novice", "beginner", "apprentice", "intermediate", "skilled", "advanced", "expert", "master"]


def page(title: str, level: str, *, body: bool = True) -> bytes:
    marked = " data-pagefind-body" if body else ""
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title></head><body><main{marked}>'
        f'<h1 data-pagefind-sort="title">{title}</h1><p>Words about {title.lower()} and zebras.</p>'
        f'<span data-pagefind-filter="level">{level}</span></main></body></html>'
    ).encode()


PAGES = {f"glossary/term-{n}/index.html": page(f"Term {n}", level) for n, level in enumerate(LEVELS)}
PAGES["index.html"] = page("Home", "none", body=False)


def indexed(pages: dict[str, bytes | Path], language: str | None = None) -> dict[str, bytes]:
    with Indexing(pages, language) as run:
        return run.bundle()


def unpacked(data: bytes) -> cbor.Value:
    """A Pagefind data file's contents: gzip around a signature and CBOR."""
    raw = gzip.decompress(data)
    assert raw.startswith(b"pagefind_dcd")
    return cbor.loads(raw[len(b"pagefind_dcd") :])


@pytest.fixture(scope="module")
def bundle() -> dict[str, bytes]:
    return indexed(dict(PAGES))


def test_the_files_pagefind_wrote_as_they_are_are_handed_over_by_path_in_the_folder_asked_for(
    bundle: dict[str, bytes], tmp_path: Path
) -> None:
    with Indexing(dict(PAGES), None, near=tmp_path) as run:
        files = run.bundle_files()
        read = {path: data if isinstance(data, bytes) else data.read_bytes() for path, data in files.items()}
        given = [data for data in files.values() if isinstance(data, Path)]
        assert given and all(path.is_relative_to(tmp_path) for path in given)
        rewritten = {path for path, data in files.items() if isinstance(data, bytes)}
        assert "pagefind/pagefind-entry.json" in rewritten and any(p.endswith(".pf_meta") for p in rewritten)
        assert not [p for p in rewritten if "/fragment/" in p or "/index/" in p]
    assert read == bundle
    assert not list(tmp_path.iterdir())  # its folder is gone with the block


def test_the_bundle_lives_under_its_folder_with_the_engine_and_not_the_ready_made_interfaces(
    bundle: dict[str, bytes],
) -> None:
    assert all(path.startswith(SEARCH_DIR) for path in bundle)
    assert {"pagefind/pagefind.js", "pagefind/pagefind-entry.json"} <= set(bundle)
    assert not [path for path in bundle if "-ui." in path or "highlight" in path]


def test_only_pages_marked_as_a_body_are_indexed(bundle: dict[str, bytes]) -> None:
    entry = json.loads(bundle["pagefind/pagefind-entry.json"])
    assert entry["languages"]["en"]["page_count"] == len(LEVELS)


def test_the_same_pages_give_the_same_bytes() -> None:
    runs = [indexed(dict(PAGES)) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]


def test_filter_values_are_sorted_and_every_renamed_file_is_found(bundle: dict[str, bytes]) -> None:
    filters = {p: unpacked(d) for p, d in bundle.items() if p.endswith(".pf_filter")}
    assert len(filters) == 1
    name, values = next(iter(filters.values()))  # type: ignore[misc]
    assert name == "level"
    assert [v[0] for v in values] == sorted(LEVELS)  # type: ignore[index]
    entry = json.loads(bundle["pagefind/pagefind-entry.json"])
    meta_name = entry["languages"]["en"]["hash"]
    meta = unpacked(bundle[f"pagefind/pagefind.{meta_name}.pf_meta"])
    referenced = {
        item[1]
        for part in meta  # type: ignore[union-attr]
        if isinstance(part, list)
        for item in part
        if isinstance(item, list) and len(item) == 2 and isinstance(item[1], str)
    }
    for path in filters:
        assert path.removeprefix("pagefind/filter/").removesuffix(".pf_filter") in referenced, path


def test_making_a_bundle_canonical_twice_changes_nothing(bundle: dict[str, bytes]) -> None:
    own = {path.removeprefix(SEARCH_DIR): data for path, data in bundle.items()}
    assert canonical_bundle(own) == own


def test_a_forced_language_indexes_every_page_as_that_language() -> None:
    entry = json.loads(indexed(dict(PAGES), "fr")["pagefind/pagefind-entry.json"])
    assert list(entry["languages"]) == ["fr"]


def test_pages_already_on_disk_are_indexed_as_they_are(tmp_path: Path) -> None:
    written: dict[str, bytes | Path] = {}
    for path, data in PAGES.items():
        file = tmp_path / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        written[path] = file
    assert indexed(written) == indexed(dict(PAGES))


def test_the_work_folder_is_removed_however_the_run_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(RuntimeError, match="stop here"), Indexing(dict(PAGES), None):
        raise RuntimeError("stop here")
    indexed(dict(PAGES))
    assert list(tmp_path.iterdir()) == []


def test_the_name_index_lists_every_entry_by_title_with_its_address_and_aliases(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    site_yaml = MINIMAL_SITE_YAML.replace("base_url: https://example.org/", "base_url: https://example.org/terms/")
    files = {
        "content/beta.md": entry_text("beta"),
        "content/alpha.md": entry_text("Alpha", extra="aliases: [First Letter, A]\n"),
        "content/gamma.md": entry_text("Gamma"),
    }
    site = build_site(make_project(files, site_yaml=site_yaml), tmp_path / "site")
    assert indexed_names(lambda path: (site / path).read_bytes()) == [
        ["Alpha", "/terms/glossary/alpha/", ["Alpha", "First Letter", "A"]],
        ["beta", "/terms/glossary/beta/", ["beta"]],
        ["Gamma", "/terms/glossary/gamma/", ["Gamma"]],
    ]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_bytes())
    assert entry["languages"]["en"]["page_count"] == 3, "entry pages only: listings and the home page stay out"
