"""Accessibility in a real browser: axe-core finds nothing, keyboards reach everything, focus is visible.

axe-core comes with the PyPI package axe-playwright-python and runs offline in
the page.  Every page type is checked in both colour schemes and at phone and
desktop widths, and again with the parts that JavaScript opens (the header
search's list, a term preview, the ask form's error, search results).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers import ROOT, build_site

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "home": "",
    "entry": "glossary/fine-tuning/",
    "category": "category/prompting/",
    "tag": "tag/training/",
    "level": "level/advanced/",
    "search": "search/?q=model",
    "search-typo": "search/?q=fintuning",  # no results; "Did you mean" links
    "404": "404.html",
    "print": "print/training/",  # a print document, on screen
    "zh-home": "zh-tw/",
    "zh-entry": "zh-tw/glossary/rag/",
    "zh-search": "zh-tw/search/?q=嵌入",
}
FOCUSABLE = "a[href], button, input:not([type=hidden]), textarea, select, summary, [tabindex]:not([tabindex='-1'])"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    www = tmp_path_factory.mktemp("a11y")
    build_site(ROOT, www / "glossary", base_url="https://example.org/glossary/")
    return www


@pytest.fixture
def base(site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(site) + "/glossary/"


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Any]]:
    contexts: list[Any] = []

    def make(url: str, *, scheme: str = "light", width: int = 1280, **options: Any) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return page

    yield make
    for context in contexts:
        context.close()


def violations(page: Any) -> list[str]:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in result.response["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_axe_finds_no_violations(open_page: Callable[..., Any], base: str, kind: str, scheme: str, width: int) -> None:
    page = open_page(base + PAGES[kind], scheme=scheme, width=width)
    if kind.endswith("search"):
        page.locator(".search-result").first.wait_for()
    if kind == "search-typo":
        page.locator(".search-suggestions a").first.wait_for()
    assert violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_what_scripts_open(open_page: Callable[..., Any], base: str, scheme: str) -> None:
    page = open_page(base + "glossary/fine-tuning/", scheme=scheme)
    page.locator("#site-search-input").fill("emb")
    page.locator("#site-search-list [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert violations(page) == []
    page.keyboard.press("Escape")
    page.locator("a.term").first.focus()
    page.locator("#term-preview").wait_for()
    assert violations(page) == []
    page.locator("#ask-question").fill("short")
    page.locator(".ask__form button").click()
    page.locator(".ask__hint.is-error").wait_for()
    assert violations(page) == []
    page.locator("details.step > summary").first.click()  # a closed section
    assert violations(page) == []
    page.locator(".lang-switch > summary").click()
    page.locator(".lang-switch__list").wait_for()
    assert violations(page) == []


def tab_through(page: Any, limit: int = 600) -> list[dict[str, Any]]:
    """Press Tab until focus comes back round; what got focus, and how its focus is shown."""
    page.evaluate(f"document.querySelectorAll({FOCUSABLE!r}).forEach((e, i) => e.dataset.a11yIndex = i)")
    seen: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
            const e = document.activeElement;
            if (!e || e === document.body) return null;
            const own = getComputedStyle(e), after = getComputedStyle(e, '::after');
            const ring = (s) => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
            const box = e.getBoundingClientRect();
            return {index: e.dataset.a11yIndex ?? null, tag: e.tagName, text: (e.textContent || '').trim().slice(0, 40),
                    ring: ring(own) || (getComputedStyle(e).position !== 'absolute' && ring(after)),
                    visible: box.width > 0 && box.height > 0};
        }"""
        )
        if info is None or (seen and info["index"] == seen[0]["index"]):
            break
        seen.append(info)
    return seen


@pytest.mark.parametrize("kind", ["home", "entry", "search", "404"])
def test_tab_reaches_the_skip_link_first_then_every_control_with_a_visible_ring(
    open_page: Callable[..., Any], base: str, kind: str
) -> None:
    page = open_page(base + PAGES[kind].split("?")[0])
    expected = page.evaluate(
        f"""() => [...document.querySelectorAll({FOCUSABLE!r})]
            .filter(e => e.getClientRects().length && !e.closest('[hidden], [inert]'))
            .filter(e => !e.closest('details:not([open])') || e.matches('summary')).length"""
    )
    seen = tab_through(page)
    assert seen[0]["text"] == "Skip to content"
    assert len({s["index"] for s in seen}) == len(seen) == expected, [s["text"] for s in seen]
    assert [s for s in seen if not s["ring"] or not s["visible"]] == []


def test_the_skip_link_is_shown_on_focus_and_moves_focus_to_the_content(
    open_page: Callable[..., Any], base: str
) -> None:
    page = open_page(base + PAGES["entry"])
    link = page.locator(".skip-link")
    assert link.bounding_box()["y"] < 0  # off screen until needed
    page.keyboard.press("Tab")
    box = link.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focus_rings_contrast_with_the_page(open_page: Callable[..., Any], base: str) -> None:
    for scheme in ("light", "dark"):
        page = open_page(base + PAGES["entry"], scheme=scheme)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # the site name: a plain link
        colours = page.evaluate(
            """() => [getComputedStyle(document.activeElement).outlineColor,
                      getComputedStyle(document.querySelector('.site-header')).backgroundColor]"""
        )
        assert contrast(*colours) >= 3, (scheme, colours)


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(float(c)) / 255 for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_reduced_motion_turns_transitions_off(open_page: Callable[..., Any], base: str) -> None:
    moving = open_page(base + PAGES["entry"])
    still = open_page(base + PAGES["entry"], reduced_motion="reduce")
    script = "getComputedStyle(document.querySelector('.step__summary'), '::after').transitionDuration"
    assert moving.evaluate(script) != "0s"
    assert still.evaluate(script) == "0s"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_entry_prints_cleanly(open_page: Callable[..., Any], base: str, scheme: str) -> None:
    page = open_page(base + PAGES["entry"], scheme=scheme)
    page.locator("#why-does-it-exist > summary").click()  # a section the reader closed
    page.emulate_media(media="print")
    hidden = [".site-header", ".ask", ".skip-link", ".step__anchor", ".diagram__download", ".site-footer__meta"]
    for selector in hidden:
        assert page.locator(selector).first.is_hidden(), selector
    for selector in (".entry__title", ".tldr", "#why-does-it-exist .step__body", ".diagram svg", ".misconceptions"):
        assert page.locator(selector).first.is_visible(), selector
    ink = page.evaluate("getComputedStyle(document.querySelector('.entry__title')).color")
    paper = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert contrast(ink, paper) >= 12, (ink, paper)  # dark on white even when the screen is dark
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 2 <= pages <= 10, pages
