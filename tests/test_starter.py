"""End to end: the bundled glossary builds cleanly, completely and reproducibly."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.helpers import ROOT, CliRun, build_site, read_site
from tests.sitecheck import broken_links

BASE = "https://example.org/glossary/"


def test_the_starter_glossary_checks_clean(cli: Callable[..., CliRun]) -> None:
    run = cli("check", "--root", str(ROOT))
    assert run.code == 0, run.printed
    assert run.out == ""


def test_the_starter_glossary_is_rich_enough() -> None:
    entries = sorted((ROOT / "content").glob("*.md"))
    assert len(entries) >= 16
    texts = [p.read_text(encoding="utf-8") for p in entries]
    assert sum("\ncomparison:" in t for t in texts) >= 8
    # A deprecated term and a disambiguation page only send readers on: they explain nothing in full.
    signposts = [t for t in texts if "\nstatus: deprecated\n" in t or "\nkind: disambiguation\n" in t]
    assert len(signposts) >= 2
    for text in (t for t in texts if t not in signposts):
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
    out = build_site(starter_copy, tmp_path / "site", base_url=BASE)
    assert broken_links(out, BASE) == []
    files = read_site(out)
    assert "glossary/fine-tuning/index.html" in files
    assert {"index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt", "api/terms.json"} <= set(files)
    assert "glossary/fine-tuning/diagram.svg" in files


def test_two_builds_are_byte_identical(starter_copy: Path, tmp_path: Path) -> None:
    one = read_site(build_site(starter_copy, tmp_path / "one", base_url=BASE))
    two = read_site(build_site(starter_copy, tmp_path / "two", base_url=BASE))
    assert one == two


def test_terms_api_lists_every_entry(starter_copy: Path, tmp_path: Path) -> None:
    build_site(starter_copy, tmp_path / "site", base_url=BASE)
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
