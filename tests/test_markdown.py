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


def test_malformed_term_links_are_found_with_their_line_and_column() -> None:
    doc = parse(Prose("A [[rag|]] b\n[[|rag]] and [[ ]] and [[]].\n", 3))
    assert doc.refs == ()
    found = [(r.target, r.line, r.col) for r in doc.malformed]
    assert found == [("rag|", 3, 3), ("|rag", 4, 1), (" ", 4, 14), ("", 4, 24)]


def test_a_malformed_term_link_in_a_yaml_block_scalar_points_into_the_file() -> None:
    # A literal YAML value, as written from line 7 column 10: `|` then indented lines.
    source = "|\n  A first line\n  then [[rag|]] here.\n"
    (bad,) = parse(Prose("A first line\nthen [[rag|]] here.\n", 7, 10, source)).malformed
    assert (bad.target, bad.line, bad.col) == ("rag|", 9, 8)


def test_escaped_brackets_are_neither_a_term_link_nor_malformed() -> None:
    doc = parse(Prose("Literal \\[[rag]] and \\[[]], then [[rag]].", 1))
    assert render(doc, term_url) == (
        '<p>Literal [[rag]] and [[]], then <a class="term" href="/glossary/rag/">rag</a>.</p>\n'
    )
    assert doc.malformed == ()
    assert [(r.target, r.line, r.col) for r in doc.refs] == [("rag", 1, 34)]


def test_a_term_link_after_a_malformed_one_of_the_same_target_is_pointed_at_exactly() -> None:
    doc = parse(Prose("[[rag|]] then [[rag]]", 1))
    assert [(r.line, r.col) for r in doc.malformed] == [(1, 1)]
    assert [(r.line, r.col) for r in doc.refs] == [(1, 15)]


def test_brackets_in_code_are_not_term_links() -> None:
    doc = parse(Prose("Write `[[rag|]]` or\n\n```\n[[]]\n```\n", 1))
    assert (doc.refs, doc.malformed) == ((), ())


def test_a_lone_surrogate_is_read_as_a_replacement_character() -> None:
    assert render(parse(Prose("x\ud800y", 1)), term_url) == "<p>x\ufffdy</p>\n"
