"""What full-text search holds of an entry page: its words, and none of the page's furniture.

A search result's excerpt is cut from this text, so a label, a badge, a
section number or a `#` anchor here would show up in the middle of results.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from glossator.core.labels import DEFAULT_LABELS
from tests.helpers import build_site, entry_text, write_project

EVERY_PART = entry_text(
    "Cache",
    summary="A copy of data kept close by, so that the next read is faster.",
    extra="""\
        aliases: [Caching, Memo table]
        comparison:
          title: Cache vs Index
          columns: [Cache, Index]
          rows:
            - label: What it stores
              hint: Where the data lives
              cells: [Copies of answers, Pointers to rows]
            - label: Goes stale
              cells: [{yes: Until refreshed}, {no: Kept in step}]
            - label: Effort
              cells: [{rating: 2}, {partial: Depends on the schema}]
        example:
          title: A shop's product pages
          body: The shop keeps each rendered page for a minute.
        misconceptions:
          - myth: A bigger cache is always faster.
            truth: Past memory size it is slower than none.
          - myth: A cache never loses data.
            truth: It may drop anything at any time.
        impact: Reads get cheaper, and invalidation becomes your problem.
        """,
    body="## What is this?\n\nA cache keeps copies close by.\n\n## Why does it exist?\n\nFar reads are slow.\n",
)


def fragments(site: Path) -> list[dict[str, object]]:
    """Every indexed page as Pagefind stores it: gzip around a signature and JSON."""
    out = []
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        raw = gzip.decompress(path.read_bytes())
        out.append(json.loads(raw[len(b"pagefind_dcd") :]))
    return out


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = write_project(tmp_path_factory.mktemp("search-text") / "project", {"content/cache.md": EVERY_PART})
    (page,) = fragments(build_site(root, root.parent / "site"))
    return page


def test_the_entrys_own_words_are_indexed(indexed: dict[str, object]) -> None:
    content = str(indexed["content"])
    for words in (
        "Cache",
        "Caching, Memo table",
        "A copy of data kept close by",
        "What is this?",
        "A cache keeps copies close by.",
        "A shop's product pages",
        "Copies of answers",
        "Until refreshed",
        "A bigger cache is always faster.",
        "Past memory size it is slower than none.",
        "invalidation becomes your problem",
    ):
        assert words in content, f"{words!r} is not indexed: {content}"


@pytest.mark.parametrize(
    "label",
    [
        "thirty_second",
        "for_the_impatient",
        "also_called",
        "full_explanation",
        "example",
        "diagram",
        "diagram_table",
        "diagram_download",
        "misconceptions",
        "missing_link",
        "myth",
        "truth",
        "yes",
        "no",
        "partial",
        "level_beginner",
        "ask",
        "related",
    ],
)
def test_no_label_of_the_page_is_indexed(indexed: dict[str, object], label: str) -> None:
    text = DEFAULT_LABELS[label]
    content = str(indexed["content"])
    assert text not in content, f"the label {text!r} is in the search text: {content}"


def test_badges_section_numbers_and_anchors_are_not_indexed(indexed: dict[str, object]) -> None:
    content = str(indexed["content"])
    assert "Core Concepts" not in content, "the category badge"
    assert "01" not in content and "02" not in content, "section numbers"
    assert "#" not in content, "section anchors"
    assert "✓" not in content and "✕" not in content and "★" not in content, "marks"


def test_the_category_and_level_are_still_filters(indexed: dict[str, object]) -> None:
    assert indexed["filters"] == {"category": ["Core Concepts"], "level": ["Beginner"]}
    assert indexed["meta"] == {"title": "Cache"}
