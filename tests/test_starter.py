"""End to end: the bundled glossary builds cleanly, completely and reproducibly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from glossator.cli import main
from tests.conftest import ROOT
from tests.sitecheck import broken_links


def build(root: Path, out: Path, base_url: str = "https://example.org/glossary/") -> None:
    assert main(["build", "--root", str(root), "--out", str(out), "--base-url", base_url]) == 0


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_starter_glossary_checks_clean(capsys: object) -> None:
    assert main(["check", "--root", str(ROOT)]) == 0
    out = capsys.readouterr()  # type: ignore[attr-defined]
    assert out.out == ""


def test_the_starter_glossary_is_rich_enough() -> None:
    entries = sorted((ROOT / "content").glob("*.md"))
    assert len(entries) >= 16
    texts = [p.read_text(encoding="utf-8") for p in entries]
    assert sum("\ncomparison:" in t for t in texts) >= 8
    for text in texts:
        for part in (
            "\nexample:",
            "\nmisconceptions:",
            "\nimpact:",
            "\nrelated:",
            "## What is this?",
            "## Why does it exist?",
            "## How does it affect your decisions?",
            "## What should you do?",
        ):
            assert part in text


def test_every_internal_link_resolves_under_a_base_path(starter_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(starter_copy, out)
    assert broken_links(out, "https://example.org/glossary/") == []
    pages = {p.relative_to(out).as_posix() for p in out.rglob("index.html")}
    assert "glossary/fine-tuning/index.html" in pages
    assert {"index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt", "api/terms.json"} <= set(tree(out))
    assert "glossary/fine-tuning/diagram.svg" in tree(out)


def test_two_builds_are_byte_identical(starter_copy: Path, tmp_path: Path) -> None:
    build(starter_copy, tmp_path / "one")
    build(starter_copy, tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_terms_api_lists_every_entry(starter_copy: Path, tmp_path: Path) -> None:
    build(starter_copy, tmp_path / "site")
    data = json.loads((tmp_path / "site" / "api" / "terms.json").read_text(encoding="utf-8"))
    slugs = [t["slug"] for t in data["terms"]]
    assert slugs == sorted(p.stem for p in (starter_copy / "content").glob("*.md"))
    rag = next(t for t in data["terms"] if t["slug"] == "rag")
    assert rag["url"] == "https://example.org/glossary/glossary/rag/"
    assert set(rag) == {"slug", "title", "aliases", "category", "level", "tags", "summary", "url", "related", "updated"}


def test_python_build_py_is_the_same_program(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stderr
