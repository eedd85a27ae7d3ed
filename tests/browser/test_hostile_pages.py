"""No script from content runs: every page of the hostile corpus's site, loaded in Chromium with traps.

The valid half of tests/hostile/ is built as a site and served on 127.0.0.1.
Every page, every standalone diagram and the search page are opened with:

- a trap on `window.__pwned` (every payload in the corpus calls it) that
  reports any read, call or write;
- a handler that fails on any dialog (`alert`, `confirm`, `prompt`);
- a route that fails on any request for another origin.

After each load the DOM is checked as the browser built it (no event-handler
attribute, no script but the site's own, no link a click would run), and the
page's own features that print contributor text — term previews, the header's
instant jump, full-text search results — are exercised.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers import HOSTILE, build_site

pytestmark = pytest.mark.browser

VALID = HOSTILE / "valid"

TRAP = """
(() => {
  const hit = (how) => window.__pwnedHit(how + " on " + location.pathname);
  Object.defineProperty(window, "__pwned", {
    configurable: false,
    get() { hit("read of __pwned"); return () => hit("call of __pwned()"); },
    set() { hit("write of __pwned"); },
  });
})();
"""

# Run in the page after it loads: what the parsed DOM holds that could run, load or navigate.
INSPECT = """
() => {
  const problems = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) problems.push(`${el.tagName} has ${attr.name}`);
      if (attr.name === "srcdoc" || attr.name === "formaction") problems.push(`${el.tagName} has ${attr.name}`);
    }
  }
  const forbidden = "iframe, frame, object, embed, base, img, video, audio, foreignObject, animate, set, use, math,"
    + " template, meta[http-equiv]";
  for (const el of document.querySelectorAll(forbidden)) problems.push(`a ${el.tagName} element`);
  for (const s of document.scripts) {
    const json = s.type === "application/json" || s.type === "application/ld+json";
    const own = s.src && new URL(s.src).origin === location.origin && new URL(s.src).pathname.startsWith("/assets/")
      || s.src && new URL(s.src).pathname.startsWith("/__glossator/");
    if (!json && !own) problems.push(`script ${s.type || "(classic)"} ${s.src || s.textContent.slice(0, 60)}`);
  }
  for (const a of document.querySelectorAll("a[href], area[href], form[action]")) {
    const url = new URL(a.href || a.action, location.href);
    if (!["http:", "https:", "mailto:"].includes(url.protocol)) problems.push(`${a.tagName} to ${url.protocol}`);
  }
  for (const el of document.querySelectorAll("svg a, svg [href]")) {
    problems.push(`link inside an SVG: ${el.outerHTML.slice(0, 80)}`);
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile-browser") / "project"
    shutil.copytree(VALID, project)
    return build_site(project, project / "site")


class Traps:
    """Everything the traps caught on one page's context."""

    def __init__(self, page: object, base: str) -> None:
        self.hits: list[str] = []
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.origin = urlsplit(base).netloc
        context = page.context  # type: ignore[attr-defined]
        context.expose_function("__pwnedHit", lambda how: self.hits.append(str(how)))
        context.add_init_script(TRAP)
        context.route("**/*", self._route)
        page.on("dialog", self._dialog)  # type: ignore[attr-defined]

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.origin:
            self.foreign.append(url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def assert_clean(self) -> None:
        assert not self.hits, f"script from content ran: {self.hits[:10]}"
        assert not self.dialogs, f"a dialog opened: {self.dialogs[:10]}"
        assert not self.foreign, f"a request left for another origin: {self.foreign[:10]}"


@pytest.fixture
def trapped(page: object, serve_dir: Callable[[Path], str], hostile_site: Path) -> Iterator[tuple[object, str, Traps]]:
    base = serve_dir(hostile_site)
    traps = Traps(page, base)
    yield page, base, traps
    traps.assert_clean()


def pages_of(site: Path) -> list[str]:
    return sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


def visit(page: object, url: str) -> list[str]:
    page.goto(url, wait_until="load")  # type: ignore[attr-defined]
    # Open every term preview, the one feature that prints another entry's text on demand.
    page.evaluate("() => { for (const a of document.querySelectorAll('a.term')) a.focus(); }")  # type: ignore[attr-defined]
    page.wait_for_timeout(50)  # type: ignore[attr-defined]
    return [f"{url}: {p}" for p in page.evaluate(INSPECT)]  # type: ignore[attr-defined]


def test_no_page_runs_content_script(trapped: tuple[object, str, Traps], hostile_site: Path) -> None:
    page, base, traps = trapped
    paths = pages_of(hostile_site)
    assert len(paths) > 40
    problems: list[str] = []
    for path in paths:
        problems += visit(page, base + path)
    traps.assert_clean()
    assert not problems, "\n".join(problems[:30])
    assert page.errors == []  # type: ignore[attr-defined]


def test_standalone_diagrams_run_nothing(trapped: tuple[object, str, Traps], hostile_site: Path) -> None:
    page, base, traps = trapped
    diagrams = sorted(hostile_site.glob("glossary/*/diagram.svg"))
    assert len(diagrams) >= 4
    for svg in diagrams:
        page.goto(f"{base}/{svg.relative_to(hostile_site).as_posix()}")  # type: ignore[attr-defined]
        kinds = page.evaluate("() => [...new Set([...document.querySelectorAll('*')].map(e => e.localName))]")  # type: ignore[attr-defined]
        assert set(kinds) <= {"svg", "title", "desc", "style", "rect", "g", "text", "path", "circle"}, kinds
    traps.assert_clean()


def test_hostile_previews_are_shown_as_text(trapped: tuple[object, str, Traps]) -> None:
    page, base, traps = trapped
    page.goto(f"{base}/glossary/previews/")  # type: ignore[attr-defined]
    links = page.locator(".prose a.term")  # type: ignore[attr-defined]
    assert links.count() >= 15
    seen = []
    for i in range(links.count()):
        links.nth(i).hover()
        preview = page.locator("#term-preview")  # type: ignore[attr-defined]
        preview.wait_for(state="visible")
        assert preview.locator("*").evaluate_all("els => els.map(e => e.localName)") == ["p", "p", "p"]
        seen.append(preview.inner_text())
    assert any("<script>__pwned()</script> Script Title" in text for text in seen)
    traps.assert_clean()


def test_instant_jump_lists_hostile_names_as_text(trapped: tuple[object, str, Traps]) -> None:
    page, base, traps = trapped
    page.goto(f"{base}/")  # type: ignore[attr-defined]
    box = page.locator("#site-search-input")  # type: ignore[attr-defined]
    shown: list[str] = []
    for query in ("script title", "pwned", "javascript", "jinja title", "onerror"):
        box.fill("")
        box.type(query)
        options = page.locator("#site-search-list [role=option]")  # type: ignore[attr-defined]
        options.first.wait_for()
        assert page.locator("#site-search-list *:not(li)").count() == 0  # type: ignore[attr-defined]
        shown += options.all_inner_texts()
    assert "<script>__pwned()</script> Script Title" in shown
    assert "{{ 7*7 }} Jinja Title" in shown
    traps.assert_clean()


def test_full_text_search_results_are_text(trapped: tuple[object, str, Traps]) -> None:
    page, base, traps = trapped
    page.goto(f"{base}/search/?q=pwned")  # type: ignore[attr-defined]
    results = page.locator(".search-results .search-result")  # type: ignore[attr-defined]
    results.first.wait_for(timeout=20_000)
    assert results.count() >= 3
    tags = page.locator(".search-results *").evaluate_all("els => [...new Set(els.map(e => e.localName))]")  # type: ignore[attr-defined]
    assert set(tags) <= {"li", "a", "p", "mark"}, tags
    assert "onerror=__pwned()" in page.locator(".search-results").inner_text()  # type: ignore[attr-defined]
    traps.assert_clean()
