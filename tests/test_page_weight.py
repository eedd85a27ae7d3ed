"""An entry page stays light: at most 60 KB over the wire before search is used.

The figure is what a static host that compresses with gzip sends: the HTML,
the stylesheet, the script and the icon, each gzipped (level 6, the common
default).  The browser test checks that nothing else is requested on load.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import ROOT, build_site, read_page

BUDGET = 60 * 1024
BASE = "https://example.org/glossary/"


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("weight") / "site", base_url=BASE)


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_resources(site: Path, html: str) -> list[Path]:
    """The stylesheet, scripts and icon a page links to (its own files under the base path)."""
    page = read_page(html)
    found = [e.get("href") for e in page.all("link") if e.get("rel") in ("stylesheet", "icon")]
    found += [e.get("src") for e in page.all("script")]
    return [site / url.removeprefix("/glossary/") for url in found if url and url.startswith("/glossary/")]


def transfer(site: Path, page: Path) -> tuple[int, dict[str, int]]:
    html = page.read_bytes()
    parts = {page.relative_to(site).as_posix(): gzipped(html)}
    for resource in page_resources(site, html.decode("utf-8")):
        parts[resource.relative_to(site).as_posix()] = gzipped(resource.read_bytes())
    return sum(parts.values()), parts


def test_every_entry_page_transfers_at_most_60_kb(starter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    weights = {p.parent.name: transfer(starter, p) for p in sorted((starter / "glossary").glob("*/index.html"))}
    heaviest = max(weights, key=lambda slug: weights[slug][0])
    total, parts = weights[heaviest]
    with capsys.disabled():
        detail = ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in parts.items())
        print(f"\npage weight: heaviest entry page '{heaviest}' {total / 1024:.1f} KB gzipped ({detail})")
    assert {Path(name).suffix for name in parts} == {".html", ".css", ".js", ".svg"}
    assert total <= BUDGET, f"{heaviest}: {total} bytes"


def test_assets_are_fingerprinted_and_scripts_never_block_rendering(starter: Path) -> None:
    for page in [starter / "index.html", *sorted(starter.glob("glossary/*/index.html"))]:
        html = page.read_text(encoding="utf-8")
        for resource in page_resources(starter, html):
            assert re.fullmatch(r"[a-z-]+\.[0-9a-f]{10}\.(css|js|svg)", resource.name), resource.name
        for tag in re.findall(r"<script\b[^>]*>", html):
            if 'type="application/' in tag:
                continue  # data, not code
            assert " defer" in tag or " async" in tag or 'type="module"' in tag, tag
        assert "@font-face" not in html and '<link rel="preload"' not in html  # system fonts: nothing to load
    css = next(starter.glob("assets/site.*.css")).read_text(encoding="utf-8")
    assert "@font-face" not in css and "@import" not in css


@pytest.mark.browser
def test_an_entry_page_requests_only_its_html_css_js_and_icon(
    page: object, serve_dir: Callable[[Path], str], tmp_path: Path
) -> None:
    www = tmp_path / "www"
    build_site(ROOT, www / "glossary", base_url=BASE)
    base = serve_dir(www) + "/glossary/"
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))  # type: ignore[attr-defined]
    page.goto(base + "glossary/fine-tuning/")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    names = sorted(re.sub(r"\.[0-9a-f]{10}\.", ".", url.removeprefix(base)) for url in requested)
    assert names == ["assets/favicon.svg", "assets/site.css", "assets/site.js", "glossary/fine-tuning/"]
