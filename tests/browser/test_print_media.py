"""Reading on paper and counting in words, in Chromium: the print document in print media, plural forms on /search/."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import build_site, entry_text, write_project
from tests.test_print import project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("print-media")
    return build_site(project(tmp / "project"), tmp / "site", base_url="http://127.0.0.1/")


def test_in_print_media_each_entry_starts_a_page_and_no_control_shows(
    page: Any, serve_dir: Callable[[Path], str], site: Path
) -> None:
    page.goto(serve_dir(site) + "/print/")
    assert page.locator(".print-bar").is_visible()  # on screen, the way back
    page.emulate_media(media="print")
    assert not page.locator(".print-bar").is_visible()
    breaks = page.eval_on_selector_all(".print-entry", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks == ["avoid", "page", "avoid"]  # the first of each chapter follows its chapter's title
    chapters = page.eval_on_selector_all(".chapter__title", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert chapters == ["page", "page"]
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 2 + 2 + 1  # the cover, the contents, a page for each chapter's first entries, one more
    assert page.errors == []


ARABIC_SITE = """\
title: مسرد
base_url: http://127.0.0.1/
language: ar
categories:
  - name: Concepts
"""


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("arabic-count")
    files = {
        f"content/term-{n}.md": entry_text(
            f"مصطلح {n}",
            category="Concepts",
            summary="ملخص قصير.",
            body=f"## ما هذا؟\n\nzqshared {'zqfour ' * (n < 4)}\n",
        )
        for n in range(1, 12)
    }
    return build_site(write_project(tmp / "project", files, site_yaml=ARABIC_SITE), tmp / "site")


@pytest.mark.parametrize(
    ("query", "shown"),
    [("zqfour", "3 نتائج"), ("zqshared", "11 نتيجة")],  # CLDR's "few" (3–10) and "many" (11–99) in Arabic
)
def test_the_result_count_takes_the_languages_plural_form(
    page: Any, serve_dir: Callable[[Path], str], arabic: Path, query: str, shown: str
) -> None:
    page.goto(serve_dir(arabic) + f"/search/?q={query}")
    page.wait_for_function("() => /\\d/.test(document.querySelector('.search-status').textContent)")
    assert page.locator(".search-status").inner_text() == shown
    assert page.errors == []
