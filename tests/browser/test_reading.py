"""Reading the site as a person would: search results, cards, the 404 page, the diagram and the footer."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import MINIMAL_SITE_YAML, ROOT, build_site, entry_text, write_project

pytestmark = pytest.mark.browser

COMPARISON = """\
comparison:
  title: {title}
  columns: {columns}
  rows:
    - label: What it stores
      cells: [A copy of answers, Pointers to the data, A full copy, A slice of the data]
    - label: Can it go stale?
      cells: [{{yes: Until refreshed}}, {{no: Kept in sync}}, {{partial: Lags behind}}, {{no: It is the data}}]
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("reading") / "site", base_url="http://127.0.0.1/")


@pytest.fixture
def base(serve_dir: Callable[[Path], str], site: Path) -> str:
    return serve_dir(site)


def indexed_text(site: Path) -> dict[str, str]:
    """What the search index holds of each page, by its URL."""
    out: dict[str, str] = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        page = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        out[page["url"]] = " ".join(page["content"].split())
    return out


def test_an_excerpt_keeps_the_spaces_around_each_highlighted_word(page: Any, base: str, site: Path) -> None:
    page.goto(base + "/search/?q=retrieval")
    page.locator(".search-result").first.wait_for()
    texts = indexed_text(site)
    results = page.locator(".search-result").all()
    assert len(results) > 3
    for result in results:
        url = result.locator("a").get_attribute("href")
        excerpt = " ".join(result.locator(".search-result__excerpt").inner_text().split())
        assert result.locator("mark").count() >= 1
        assert excerpt in texts[url], f"{url}: the excerpt reads {excerpt!r}"
    assert page.errors == []


def test_a_card_shows_its_whole_shortened_summary(page: Any, base: str) -> None:
    page.goto(base + "/glossary/ai-agent/")
    summaries = page.locator(".card__summary").all()
    assert len(summaries) >= 3
    for summary in summaries:
        # The summary's last character is drawn, inside the card: no clamp cut the text short.
        last = summary.evaluate(
            """e => { const text = e.lastChild, range = document.createRange();
                range.setStart(text, text.length - 1); range.setEnd(text, text.length);
                const r = range.getBoundingClientRect(), box = e.getBoundingClientRect();
                return r.width > 0 && r.bottom <= box.bottom + 1; }"""
        )
        assert last, f"the card hides the end of {summary.inner_text()!r}"


# -- an entry page in a right-to-left language, with the labels still in English ------------------

# Arabic pages that keep some labels in English, as a site may: English words inside right-to-left text.
RTL_SITE_YAML = MINIMAL_SITE_YAML + (
    "language: en\nlanguages:\n  en:\n    name: English\n  ar:\n    labels:\n"
    "      thirty_second: 30-second version\n      for_the_impatient: for the impatient\n"
    "      ask_field: 'Your question about {title}'\n"
)
SOURCE = entry_text(
    "Cache",
    summary="A copy of data kept close by, so that the next read is faster.",
    extra=COMPARISON.format(title="Cache vs Index vs Replica vs Shard", columns="[Cache, Index, Replica, Shard]"),
    body="## What is this?\n\nA copy kept close by.\n\n## Why does it exist?\n\nFar reads are slow.\n",
)
ARABIC = entry_text(
    "ذاكرة التخزين المؤقت",
    summary="نسخة من البيانات تُحفظ في مكان قريب حتى تكون القراءة التالية أسرع.",
    extra="aliases: [التخزين المؤقت, Cache]\n"
    + COMPARISON.format(title="ذاكرة مؤقتة أم فهرس", columns="[ذاكرة مؤقتة, فهرس, نسخة, جزء]"),
    body="## ما هذا؟\n\nتحتفظ ذاكرة التخزين المؤقت بنسخة من الإجابات في مكان قريب.\n\n"
    "## لماذا يوجد؟\n\nالقراءة من مكان بعيد بطيئة.\n",
)


@pytest.fixture(scope="module")
def rtl_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("rtl") / "project",
        {"content/cache.md": SOURCE, "content/ar/cache.md": ARABIC},
        site_yaml=RTL_SITE_YAML,
    )
    return build_site(root, root.parent / "site", base_url="http://127.0.0.1/")


@pytest.fixture
def rtl_base(serve_dir: Callable[[Path], str], rtl_site: Path) -> str:
    return serve_dir(rtl_site)


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, "the element is shown"
    return found


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_on_a_right_to_left_page_a_sections_number_title_and_anchor_do_not_overlap(
    browser: Any, rtl_base: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(rtl_base + "/ar/glossary/cache/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        steps = page.locator("details.step").all()
        assert len(steps) == 2
        for step in steps:
            number, title = box(step.locator(".step__number")), box(step.locator(".step__title"))
            anchor = box(step.locator(".step__anchor"))
            assert not overlap(number, anchor) and not overlap(title, anchor), (number, title, anchor)
            assert number["x"] > anchor["x"], "the number begins the line, at the right; the anchor is at the end"
    finally:
        context.close()


def text_x(page: Any, selector: str, word: str) -> float:
    """Where on screen `word` of the element's text starts, from the left."""
    return page.evaluate(
        """([selector, word]) => {
            const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(word);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + word.length);
                return range.getBoundingClientRect().left;
            }
            return null;
        }""",
        [selector, word],
    )


def test_an_english_label_on_a_right_to_left_page_keeps_its_own_order(page: Any, rtl_base: str) -> None:
    page.goto(rtl_base + "/ar/glossary/cache/")
    assert page.locator(".tldr__label").inner_text().lower().startswith("30-second version")
    assert text_x(page, ".tldr__label", "30") < text_x(page, ".tldr__label", "second version")
    assert text_x(page, ".tldr__label", "version") < text_x(page, ".tldr__label", "for the impatient")
    assert text_x(page, ".ask__label", "Your") < text_x(page, ".ask__label", "question about")


# -- the diagram, the 404 page and the footer -------------------------------------------------------


FADE = """e => {
    const fade = getComputedStyle(e, '::after'), width = parseFloat(fade.width);
    const view = e.getBoundingClientRect(), drawing = e.firstElementChild.getBoundingClientRect();
    return { sticky: fade.position === 'sticky' && fade.content !== 'none' && width > 0,
             hidden: drawing.right > view.right + 1,
             covered: drawing.right > view.right - width + 1,
             scrolls: e.scrollWidth > e.clientWidth };
}"""


def test_a_diagram_wider_than_the_screen_fades_at_the_edge_that_hides_more(browser: Any, base: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(base + "/glossary/fine-tuning/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page itself does not scroll"
        scroller = page.locator(".diagram__scroll")
        state = scroller.evaluate(FADE)
        assert state["scrolls"] and state["sticky"] and state["hidden"], state
        assert scroller.get_attribute("role") == "region" and scroller.get_attribute("aria-label")
        scroller.focus()
        assert page.evaluate("document.activeElement.classList.contains('diagram__scroll')")
        at_end = "e => e.scrollLeft + e.clientWidth >= e.scrollWidth - 1"
        for _ in range(60):  # the arrow keys scroll a focused region
            if scroller.evaluate(at_end):
                break
            page.keyboard.press("ArrowRight")
        assert scroller.evaluate(at_end)
        state = scroller.evaluate(FADE)
        assert not state["hidden"] and not state["covered"], "scrolled to the end, the fade covers none of it"
    finally:
        context.close()


def test_a_diagram_that_fits_is_not_faded(page: Any, base: str) -> None:
    page.goto(base + "/glossary/fine-tuning/")
    state = page.locator(".diagram__scroll").evaluate(FADE)
    assert not state["scrolls"] and not state["covered"], state


def test_the_404_page_leads_to_the_search_and_the_a_to_z_index(page: Any, base: str) -> None:
    page.goto(base + "/404.html")
    page.locator(".not-found__text a", has_text="the search").click()
    page.wait_for_url(base + "/search/")
    page.go_back()
    page.locator(".not-found__text a", has_text="A–Z index").click()
    page.wait_for_url(base + "/#a-z")
    assert page.locator("#a-z").is_visible()


def footer_lines(page: Any) -> list[dict[str, Any]]:
    """Each footer item: whether it begins a line, whether its dot can be seen (hit), and its parts' tops."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.dot-list')].flatMap((list) => {
            list.scrollIntoView();
            const start = getComputedStyle(list).direction === 'rtl' ? 'right' : 'left';
            const edge = list.getBoundingClientRect()[start];
            const slot = parseFloat(getComputedStyle(list.firstElementChild, '::before').width);
            return [...list.children].map((item) => {
                const box = item.getBoundingClientRect(), words = item.lastElementChild.getBoundingClientRect();
                const dot = start === 'left' ? box.left + slot / 2 : box.right - slot / 2;
                const hit = document.elementFromPoint(dot, box.top + box.height / 2);
                return { first: Math.abs(box[start] - edge) < 1, seen: item === hit || item.contains(hit),
                         sameLine: Math.abs(words.top - box.top) < 2 && words.height <= box.height + 1,
                         text: item.textContent.trim() };
            });
        })"""
    )


@pytest.mark.parametrize("width", [320, 390, 480, 640, 1280])
@pytest.mark.parametrize("right_to_left", [False, True])
def test_a_footer_separator_never_ends_or_begins_a_line(
    browser: Any, base: str, rtl_base: str, width: int, right_to_left: bool
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    try:
        page.goto(rtl_base + "/ar/glossary/cache/" if right_to_left else base + "/glossary/ai-agent/")
        items = footer_lines(page)
        assert len(items) >= 5
        for item in items:
            assert item["sameLine"], f"{item['text']}: its dot and its words are apart"
            assert item["seen"] != item["first"], f"{item['text']}: a dot shows at a line's start, or none between"
    finally:
        context.close()
