"""A listing split into pages, as a reader on a phone uses it: 390 px wide, with and without JavaScript."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser.test_accessibility import violations
from tests.helpers import build_site, fruit_project

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fruit_project(tmp_path_factory.mktemp("pages") / "project", "listing_page_size: 3\n")
    return build_site(root, root.parent / "site", base_url="http://127.0.0.1/")


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def phone(request: pytest.FixtureRequest, browser: object) -> Iterator[object]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=request.param)  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()


def boxes(page: object, selector: str) -> list[dict[str, float]]:
    return page.evaluate(  # type: ignore[attr-defined, no-any-return]
        f"""() => [...document.querySelectorAll({selector!r})].map(e => {{
            const r = e.getBoundingClientRect(); return {{x: r.x, y: r.y, width: r.width, height: r.height}};
        }})"""
    )


def fits_the_screen(page: object) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))  # type: ignore[attr-defined]


def test_a_reader_walks_a_category_page_by_page_with_the_pager(
    phone: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    base = serve_dir(site)
    phone.goto(base + "/category/core-concepts/")  # type: ignore[attr-defined]
    assert fits_the_screen(phone)
    pager = phone.get_by_role("navigation", name="Pages")  # type: ignore[attr-defined]
    pager.scroll_into_view_if_needed()
    assert pager.is_visible()
    taps = boxes(phone, ".pager a")
    assert len(taps) == 4, "pages 1 to 3 and Next"
    for box in taps:
        assert box["width"] >= 44 and box["height"] >= 44, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    for a, b in itertools.combinations(taps, 2):
        side_by_side = a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
        one_above = a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
        assert side_by_side or one_above, f"tap targets overlap: {a} {b}"

    pager.get_by_role("link", name="Next page").click()
    phone.wait_for_url("**/category/core-concepts/page/2/")  # type: ignore[attr-defined]
    current = phone.get_by_role("navigation", name="Pages").locator("[aria-current=page]")  # type: ignore[attr-defined]
    assert current.inner_text() == "2"
    assert "Page 2 of 3" in phone.locator(".listing__count").inner_text()  # type: ignore[attr-defined]
    assert fits_the_screen(phone)

    phone.get_by_role("link", name="Page 3").click()  # type: ignore[attr-defined]
    phone.wait_for_url("**/category/core-concepts/page/3/")  # type: ignore[attr-defined]
    assert phone.get_by_role("link", name="Next page").count() == 0  # type: ignore[attr-defined]
    phone.get_by_role("link", name="Previous page").click()  # type: ignore[attr-defined]
    phone.wait_for_url("**/category/core-concepts/page/2/")  # type: ignore[attr-defined]
    assert phone.errors == []  # type: ignore[attr-defined]


def test_the_pager_is_reached_and_followed_from_the_keyboard(
    phone: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    phone.goto(serve_dir(site) + "/tag/fruit/page/2/")  # type: ignore[attr-defined]
    nxt = phone.get_by_role("link", name="Next page")  # type: ignore[attr-defined]
    nxt.focus()
    ring = nxt.evaluate("e => getComputedStyle(e).outlineStyle")
    assert ring != "none", "focus is visible"
    phone.keyboard.press("Enter")  # type: ignore[attr-defined]
    phone.wait_for_url("**/tag/fruit/page/3/")  # type: ignore[attr-defined]


def test_a_letter_page_fits_the_phone_and_leads_to_every_other_letter(
    phone: object, serve_dir: Callable[[Path], str], site: Path
) -> None:
    base = serve_dir(site)
    phone.goto(base + "/")  # type: ignore[attr-defined]
    letters = phone.get_by_role("navigation", name="Jump to letter")  # type: ignore[attr-defined]
    letters.get_by_role("link", name="B", exact=True).click()
    phone.wait_for_url("**/a-z/b/")  # type: ignore[attr-defined]
    assert fits_the_screen(phone)
    assert phone.locator(".az__list a").all_inner_texts() == ["Banana", "Blueberry"]  # type: ignore[attr-defined]
    for box in boxes(phone, ".letters a"):
        assert box["width"] >= 44 and box["height"] >= 44, box
    phone.get_by_role("navigation", name="Jump to letter").get_by_role("link", name="G", exact=True).click()  # type: ignore[attr-defined]
    phone.wait_for_url("**/a-z/g/")  # type: ignore[attr-defined]
    assert phone.locator(".az__list a").all_inner_texts() == ["Grape", "Guava"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "category/core-concepts/page/2/", "a-z/a/page/2/"])
def test_axe_finds_no_violations_on_the_pages_of_a_large_glossary(
    browser: object, serve_dir: Callable[[Path], str], site: Path, path: str, scheme: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(f"{serve_dir(site)}/{path}")
        assert violations(page) == []
    finally:
        context.close()
