"""Property-based tests: arbitrary input gives diagnostics or a page, never an exception.

Hypothesis drives loading (decoding), validation of front matter written as
raw text, as YAML of any shape and as mutations of a real entry, Markdown
rendering, the diagram, and the whole pipeline from an entry file to inert
HTML.  Runs are derandomised so that CI is repeatable; a failure prints the
smallest input that shows it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossator.build.pipeline import Project, check
from glossator.build.pipeline import render as render_files
from glossator.content.config import read_config
from glossator.content.load import SourceFile, decode, load_content
from glossator.content.model import Cell, Comparison, Prose, Row
from glossator.content.schema import ENTRY
from glossator.content.validate import validate
from glossator.diagram.svg import render_svg
from glossator.prose.markdown import is_safe_url, parse, parse_inline, plain_text, render, split_sections
from tests.helpers import HOSTILE, read_page
from tests.sitecheck import SVG_ELEMENTS, browser_scheme, inert_problems, svg_problems

VALID = HOSTILE / "valid"
BASE_URL = "https://hostile.example/"  # as in tests/hostile/valid/site.yaml
FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONFIG = read_config(VALID / "site.yaml", VALID).value
assert CONFIG is not None

# Pieces that mean something to YAML, Markdown, HTML or a URL parser, mixed with any text.
SYNTAX = [
    "\n", " ", "  ", "\t", "\r", "-", "---", ":", ": ", "- ", "[", "]", "{", "}", ",", "&a", "*a", "!!", "!", "|", ">",
    "'", '"', "#", "%", "@", "`", "```", "*", "_", "__", "~", "<", ">", "</", "/>", "&", "&#106;", "&lt;", ";",
    "(", ")", "](", "[[", "]]", "|", "\\", "//", "javascript:", "data:", "vbscript:", "http://x.example/", "mailto:",
    "<script>", "</script>", "<img src=x onerror=__pwned()>", "onerror=", "{{", "}}", "{%", "%}", "\u202e", "\u200b",
    "\ufeff", "\x00", "\x1b", "\x85", "\u2028", "é", "漢", "👨\u200d👩", "title", "category", "level", "summary",
    "comparison", "rows", "cells", "yes", "no", "rating", "of", "2026-02-30", "9" * 40,
]  # fmt: skip
syntax_text = st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=8)), max_size=60).map("".join)
any_text = st.one_of(syntax_text, st.text(max_size=200))


def source(text: str, slug: str = "fuzzed") -> SourceFile:
    return SourceFile(f"content/{slug}.md", slug, "en", text, "0" * 64)


def assert_diagnostics_are_sound(entry: object, diagnostics: list[Any], text: str) -> None:
    lines = text.count("\n") + 2
    for d in diagnostics:
        assert d.severity in ("error", "warning") and d.code and d.message
        assert 1 <= d.line <= lines + 1 and d.col >= 1, d
        str(d)  # printable
    if entry is None:
        assert any(d.severity == "error" for d in diagnostics), "a refused entry says why"


@FUZZ
@given(st.binary(max_size=400))
def test_decoding_any_bytes_gives_text_or_a_diagnostic(raw: bytes) -> None:
    decoded = decode(raw, "content/x.md")
    text, problems = decoded.value, list(decoded.problems)
    if text is None:
        assert [p.code for p in problems] == ["encoding"]
        assert problems[0].line >= 1 and problems[0].col >= 1
    else:
        assert problems == [] and "\r" not in text and "\x00" not in text


file_names = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40)


@FUZZ
@given(st.dictionaries(file_names.map(lambda n: n + ".md"), st.binary(max_size=200), max_size=5))
def test_loading_any_files_gives_sources_or_diagnostics(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        written = set()
        for name, data in files.items():
            if name in (".md", "..md") or len(name.encode()) > 255:
                continue
            (content / name).write_bytes(data)
            written.add(name)
        sources, problems = load_content(content, default_lang="en", cwd=Path(tmp))
        for problem in problems:
            str(problem).encode("utf-8")  # printable, whatever the name
            assert problem.code in ("slug", "encoding", "too-large", "unreadable"), problem
        visible = {n for n in written if not n.startswith(".")}
        assert len(sources) + len({p.path for p in problems}) == len(visible)


@FUZZ
@given(any_text, any_text)
def test_any_front_matter_text_gives_diagnostics_or_an_entry(front: str, body: str) -> None:
    text = f"---\n{front}\n---\n{body}"
    checked = validate(source(text), CONFIG)
    entry, diagnostics = checked.value, list(checked.problems)
    assert_diagnostics_are_sound(entry, diagnostics, text)


@FUZZ
@given(any_text)
def test_any_file_text_gives_diagnostics_or_an_entry(text: str) -> None:
    checked = validate(source(text), CONFIG)
    entry, diagnostics = checked.value, list(checked.problems)
    assert_diagnostics_are_sound(entry, diagnostics, text)


KEYS = [f.name for f in ENTRY.fields] + ["titel", "<script>", "__proto__", "", "cells", "yes", "rating"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    any_text,
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner, max_size=6),
    ),
    max_leaves=40,
)


@pytest.mark.slow  # 200 YAML documents of any shape: about 10 s
@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), yaml_values, max_size=12), any_text)
def test_front_matter_of_any_shape_gives_diagnostics_or_an_entry(front: dict[str, Any], body: str) -> None:
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    text = f"---\n{dumped}---\n{body}"
    checked = validate(source(text), CONFIG)
    entry, diagnostics = checked.value, list(checked.problems)
    assert_diagnostics_are_sound(entry, diagnostics, text)


REAL_ENTRY = (VALID / "content" / "anchor-entry.md").read_text(encoding="utf-8")


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(REAL_ENTRY)), st.integers(0, 3), st.sampled_from(SYNTAX)), max_size=8))
def test_a_real_entry_with_random_edits_gives_diagnostics_or_an_entry(edits: list[tuple[int, int, str]]) -> None:
    text = REAL_ENTRY
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    checked = validate(source(text), CONFIG)
    entry, diagnostics = checked.value, list(checked.problems)
    assert_diagnostics_are_sound(entry, diagnostics, text)


ALLOWED_TAGS = {
    "p", "a", "em", "strong", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr",
    "br", "table", "thead", "tbody", "tr", "th", "td", "s", "span",
}  # fmt: skip
markdown_text = st.lists(
    st.one_of(st.sampled_from(SYNTAX), st.sampled_from(["[x](", "<http://a.example>", "\n\n", "| a |\n|---|\n"])),
    max_size=80,
).map("".join)


def term_url(target: str) -> str | None:
    return None if "x" in target else "/glossary/t/"


def assert_inert_fragment(html: str) -> None:
    for tag, attrs in re.findall(r"<([a-zA-Z0-9]+)([^>]*)>", html):
        assert tag.lower() in ALLOWED_TAGS, f"<{tag}> in {html[:300]!r}"
        assert not re.search(r"\son\w+\s*=", attrs), attrs
        for href in re.findall(r'href="([^"]*)"', attrs):
            from html import unescape

            url = unescape(href)
            assert browser_scheme(url) in (None, "http", "https", "mailto"), url
            assert is_safe_url(url), url


@FUZZ
@given(st.one_of(markdown_text, st.text(max_size=300)))
def test_markdown_of_any_text_renders_inert_html(text: str) -> None:
    doc = parse(Prose(text, 1))
    html = render(doc, term_url)
    assert_inert_fragment(html)
    plain_text(doc)
    _, sections = split_sections(doc)
    for section in sections:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", section.anchor)
        assert_inert_fragment(render(section.title, term_url) + render(section.content, term_url))
    assert_inert_fragment(render(parse_inline(Prose(text, 1)), term_url))


cell_text = st.one_of(st.text(max_size=60), syntax_text)
cells = st.one_of(
    cell_text.map(lambda t: Cell("text", t)),
    st.tuples(st.sampled_from(["yes", "no", "partial"]), cell_text).map(lambda p: Cell(p[0], p[1])),  # type: ignore[arg-type]
    st.integers(1, 10).flatmap(lambda of: st.integers(0, of).map(lambda r: Cell("rating", rating=r, of=of))),
)


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    width = draw(st.integers(2, 5))
    columns = tuple(draw(st.lists(cell_text, min_size=width, max_size=width)))
    rows = draw(
        st.lists(
            st.builds(Row, cell_text, st.lists(cells, min_size=width, max_size=width).map(tuple), cell_text),
            min_size=1,
            max_size=5,
        )
    )
    return Comparison(draw(cell_text), columns, tuple(rows))


@pytest.mark.slow  # 200 diagrams laid out and drawn: about 5 s
@FUZZ
@given(comparisons(), st.text(max_size=40), st.booleans())
def test_any_comparison_draws_a_well_formed_inert_svg(comparison: Comparison, credit: str, standalone: bool) -> None:
    svg = render_svg(comparison, credit=credit, standalone=standalone)
    assert svg == render_svg(comparison, credit=credit, standalone=standalone), "deterministic"
    assert svg_problems("fuzzed", svg) == []
    kinds = {e.tag.rsplit("}", 1)[-1] for e in ET.fromstring(svg).iter()}
    assert kinds <= SVG_ELEMENTS, kinds


entry_text = st.one_of(st.text(max_size=40), syntax_text).filter(lambda t: t.strip())


@settings(FUZZ, max_examples=40)
@given(
    title=entry_text,
    summary=entry_text,
    aliases=st.lists(entry_text, max_size=3),
    tags=st.lists(entry_text, max_size=3),
    body=st.one_of(markdown_text, st.text(max_size=200)),
    comparison=st.one_of(st.none(), comparisons()),
)
def test_any_entry_gives_diagnostics_or_an_inert_site(**fields: Any) -> None:
    front: dict[str, Any] = {
        "title": fields["title"],
        "category": "Tools",
        "level": "beginner",
        "summary": fields["summary"],
        "aliases": fields["aliases"],
        "tags": fields["tags"],
        "updated": "2026-01-01",  # so the entry is in the Atom feed too
    }
    comparison: Comparison | None = fields["comparison"]
    if comparison is not None:
        front["comparison"] = {
            "title": comparison.title,
            "columns": list(comparison.columns),
            "rows": [
                {
                    "label": r.label,
                    "hint": r.hint,
                    "cells": [
                        c.text
                        if c.kind == "text"
                        else {"rating": c.rating, "of": c.of}
                        if c.kind == "rating"
                        else {c.kind: c.text}
                        for c in r.cells
                    ],
                }
                for r in comparison.rows
            ],
        }
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + fields["body"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content").mkdir()
        (root / "site.yaml").write_bytes((VALID / "site.yaml").read_bytes())
        (root / "content" / "fuzzed.md").write_text(text, encoding="utf-8", newline="")
        project = Project.at(root, cwd=root)
        result = check(project, CONFIG)
        if result.glossary is None:
            assert any(d.severity == "error" for d in result.diagnostics)
            return
        files = render_files(project, result.glossary, search=False)
    pages = {name: read_page(data) for name, data in files.items() if name.endswith(".html")}
    problems = [p for name, page in pages.items() for p in inert_problems(name, page, base_url=BASE_URL)]
    problems += [p for name, data in files.items() if name.endswith(".svg") for p in svg_problems(name, data.decode())]
    assert not problems, problems
    for name, data in files.items():
        if name.endswith(".xml"):
            ET.fromstring(data)
        elif name.endswith(".json"):
            json.loads(data)
