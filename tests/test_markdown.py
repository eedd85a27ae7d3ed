"""Markdown behaviour as fixtures of input and expected HTML, plus positions of term links."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from glossator.content.model import Prose
from glossator.prose.markdown import is_safe_url, parse, parse_inline, plain_text, render, split_sections

FIXTURES = Path(__file__).parent / "fixtures" / "markdown.md"
KNOWN = {"rag": "rag", "fine-tuning": "fine-tuning", "embedding": "embedding"}


def term_url(target: str) -> str | None:
    slug = KNOWN.get(target)
    return f"/glossary/{slug}/" if slug else None


@pytest.mark.parametrize(
    ("line", "title", "source", "expected"), read_fixture_file(FIXTURES), ids=lambda x: str(x)[:40]
)
def test_fixture(line: int, title: str, source: str, expected: str) -> None:
    assert render(parse(Prose(source, 1)), term_url) == expected


def test_term_links_are_found_with_their_line_and_column() -> None:
    text = "Intro.\n\nSee [[rag]] and\nthen [[fine-tuning|this]] and [[embedding]].\n"
    refs = parse(Prose(text, 20)).refs
    assert [(r.target, r.line, r.col) for r in refs] == [
        ("rag", 22, 5),
        ("fine-tuning", 23, 6),
        ("embedding", 23, 31),
    ]


def test_a_term_link_after_a_code_span_is_pointed_at_exactly() -> None:
    (ref,) = parse(Prose("Write `[[name]]`, as in [[loar]].", 5)).refs
    assert (ref.line, ref.col) == (5, 25)


def test_term_links_in_yaml_values_point_into_the_file() -> None:
    # A folded YAML value, as written from line 7 column 10: `>-` then indented lines.
    source = ">-\n  A first line\n  then [[rag]] here."
    (ref,) = parse_inline(Prose("A first line then [[rag]] here.", 7, 10, source)).refs
    assert (ref.line, ref.col) == (9, 8)


def test_term_link_targets_are_whitespace_normalised() -> None:
    (ref,) = parse(Prose("[[ fine   tuning ]]", 1)).refs
    assert ref.target == "fine tuning"


@pytest.mark.parametrize(
    "url",
    ["https://x.org", "http://x.org/a?b#c", "mailto:a@b.org", "/abs/path", "rel/path", "#anchor", "?q=1"],
)
def test_safe_urls(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\u200bscript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "ftp://x",
        "tel:1",
        "//evil.example",
        "\\\\evil.example",
    ],
)
def test_unsafe_urls(url: str) -> None:
    assert not is_safe_url(url)


def test_sections_are_numbered_by_h2_with_stable_unique_anchors() -> None:
    doc = parse(
        Prose("Lead.\n\n## What is this?\n\nA.\n\n## Why?\n\nB.\n\n### Detail\n\nC.\n\n## What is this?\n\nD.\n", 1)
    )
    intro, sections = split_sections(doc)
    assert render(intro, term_url) == "<p>Lead.</p>\n"
    assert [s.anchor for s in sections] == ["what-is-this", "why", "what-is-this-2"]
    assert "<h3>Detail</h3>" in render(sections[1].content, term_url)


def test_plain_text_drops_markup_but_keeps_words() -> None:
    assert plain_text(parse_inline(Prose("A *bold* [[rag|link]] and `code`.", 1))) == "A bold link and code."
