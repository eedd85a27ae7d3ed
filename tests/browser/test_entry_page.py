"""What a reader sees on an entry page, in headless Chromium over http."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import ROOT, build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def starter_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("starter") / "site", base_url="http://127.0.0.1/")


def open_entry(page: object, base: str, slug: str = "fine-tuning") -> None:
    page.goto(f"{base}/glossary/{slug}/")  # type: ignore[attr-defined]


def test_sections_collapse_and_expand_without_console_errors(
    page: object, serve_dir: Callable[[Path], str], starter_site: Path
) -> None:
    base = serve_dir(starter_site)
    open_entry(page, base)
    first = page.locator("details.step").first  # type: ignore[attr-defined]
    body = first.locator(".step__body")
    assert first.get_attribute("open") is not None
    assert body.is_visible()
    first.locator("summary").click()
    assert first.get_attribute("open") is None
    assert not body.is_visible()
    first.locator("summary").focus()
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert first.get_attribute("open") is not None
    assert body.is_visible()
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_anatomy_is_in_order(page: object, serve_dir: Callable[[Path], str], starter_site: Path) -> None:
    base = serve_dir(starter_site)
    open_entry(page, base)
    order = page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll(
            '.site-header, .breadcrumb, .entry__title, .tldr, .explanation, .example, .diagram, .misconceptions,'
            + ' .impact, .ask, .related, .site-footer')].map(e => e.className.split(' ')[0])"""
    )
    assert order == [
        "site-header",
        "breadcrumb",
        "entry__title",
        "tldr",
        "explanation",
        "example",
        "diagram",
        "misconceptions",
        "impact",
        "ask",
        "related",
        "site-footer",
    ]
    numbers = page.locator(".step__number").all_inner_texts()  # type: ignore[attr-defined]
    assert numbers == ["01", "02", "03", "04"]


def test_a_deep_link_to_a_collapsed_section_opens_it(
    page: object, serve_dir: Callable[[Path], str], starter_site: Path
) -> None:
    base = serve_dir(starter_site)
    open_entry(page, base)
    page.locator("#why-does-it-exist > summary").click()  # type: ignore[attr-defined]
    assert page.locator("#why-does-it-exist").get_attribute("open") is None  # type: ignore[attr-defined]
    page.goto(f"{base}/glossary/fine-tuning/#why-does-it-exist")  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    assert page.locator("#why-does-it-exist").get_attribute("open") is not None  # type: ignore[attr-defined]


def test_a_too_short_question_is_explained_in_words(
    page: object, serve_dir: Callable[[Path], str], starter_site: Path
) -> None:
    base = serve_dir(starter_site)
    open_entry(page, base)
    page.fill("#ask-question", "why?")  # type: ignore[attr-defined]
    page.click(".ask__form button[type=submit]")  # type: ignore[attr-defined]
    hint = page.locator("#ask-hint")  # type: ignore[attr-defined]
    assert "at least 10 characters" in hint.inner_text()
    assert "is-error" in (hint.get_attribute("class") or "")
    assert page.url.startswith(base)  # type: ignore[attr-defined]


def test_a_long_enough_question_goes_to_the_issue_tracker(
    page: object, serve_dir: Callable[[Path], str], starter_site: Path
) -> None:
    base = serve_dir(starter_site)
    open_entry(page, base)
    captured: list[str] = []
    page.route("https://github.com/**", lambda route: (captured.append(route.request.url), route.abort()))  # type: ignore[attr-defined]
    page.fill("#ask-question", "How much data do I need to start?")  # type: ignore[attr-defined]
    page.click(".ask__form button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert captured and "/issues/new?" in captured[0]
    assert "title=Question+about+Fine-Tuning" in captured[0] and "body=How+much+data" in captured[0]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_nothing_overflows_and_tap_targets_are_large(
    browser: object, serve_dir: Callable[[Path], str], starter_site: Path, width: int, scheme: str
) -> None:
    base = serve_dir(starter_site)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        for path in ("", "glossary/fine-tuning/", "category/training/", "404.html"):
            page.goto(f"{base}/{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            small = page.evaluate(
                """() => [...document.querySelectorAll(
                       '.site-nav a, .badge, .letters a, .button, .step__anchor, .diagram__download')]
                   .filter(e => e.getBoundingClientRect().height < 44).map(e => e.textContent.trim())"""
            )
            assert small == [], (path, small)
    finally:
        context.close()
