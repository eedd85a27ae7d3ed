"""The Nu Html Checker finds no error anywhere in the built starter glossary: pages, SVGs and CSS."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT, build_site, fruit_project
from tests.sitecheck import broken_links
from tests.vnu import run_vnu

BASE = "https://example.org/glossary/"


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("validity") / "site", base_url=BASE)


def checked_files(site: Path) -> list[Path]:
    """Every page, SVG and stylesheet we make (Pagefind's own bundle is not ours to validate)."""
    return sorted(p for p in site.rglob("*") if p.suffix in (".html", ".svg", ".css") and "pagefind" not in p.parts)


@pytest.mark.slow  # the checker reads every page of the site: about 13 s
def test_the_whole_site_has_no_html_svg_or_css_errors(starter: Path) -> None:
    files = checked_files(starter)
    kinds = {p.suffix for p in files}
    assert kinds == {".html", ".svg", ".css"}
    assert len([p for p in files if p.name == "diagram.svg"]) >= 8
    result = run_vnu(files, "--also-check-svg", "--also-check-css", "--errors-only")
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stderr.strip() == ""


def test_the_checker_does_report_errors(tmp_path: Path) -> None:
    """So that a silent checker cannot pass the test above."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title><p><div role="nonsense"></p>', encoding="utf-8")
    svg = tmp_path / "bad.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect widht="1"/></svg>', encoding="utf-8")
    result = run_vnu([page, svg], "--also-check-svg", "--errors-only")
    assert result.returncode != 0
    assert "bad.html" in result.stderr and "bad.svg" in result.stderr


def test_every_internal_link_and_anchor_resolves(starter: Path) -> None:
    assert broken_links(starter, BASE) == []


@pytest.mark.slow  # a build and the checker's start: about 8 s
def test_the_pages_of_a_split_listing_and_the_a_to_z_have_no_html_errors(tmp_path: Path) -> None:
    site = build_site(fruit_project(tmp_path / "project", "listing_page_size: 3\n"), tmp_path / "site", base_url=BASE)
    pages = [site / p / "index.html" for p in ("", "category/core-concepts/page/2/", "tag/fruit/page/4/", "a-z/a/")]
    assert all(p.is_file() for p in pages)
    result = run_vnu(pages, "--errors-only")
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stderr.strip() == ""
