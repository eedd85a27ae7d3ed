"""The entry format is declared once: a prose field added to `schema.ENTRY` alone is read, woven and scaffolded.

The new field here (`history`) exists only for the length of a test: it is
added to the declaration and to nothing else, and every stage that handles
prose fields (validation, the model, weaving and its term links, the views,
the JSON Schema, `new` and `new --translate`) must take it up from there.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from glossator.authoring.scaffold import scaffold_text
from glossator.authoring.translate import translation_scaffold
from glossator.build.pipeline import check
from glossator.content import schema
from glossator.content.jsonschema import entry_schema
from glossator.content.load import SourceFile
from glossator.content.model import FieldMap, Prose
from glossator.content.project import Project, load_config
from glossator.content.schema import PLACEHOLDER, Field, Guide, markdown
from glossator.content.validate import validate
from glossator.pages.urls import Urls
from glossator.pages.views import ViewBuilder
from tests.conftest import entry_text
from tests.test_validate import CONFIG

HISTORY = Field(
    "history",
    markdown("Where the term comes from (Markdown)"),
    page_only=True,
    guide=Guide("Where the term comes from, and who first used it."),
)
ALPHA = entry_text(
    "Alpha",
    extra="related: [beta]\nhistory: |\n  Coined as a cousin of [[beta]].\n",
)
BETA = entry_text("Beta", extra="related: [alpha]\n")


@pytest.fixture
def with_history(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(schema, "ENTRY", replace(schema.ENTRY, fields=(*schema.ENTRY.fields, HISTORY)))
    yield


def test_the_new_field_is_validated_into_the_entrys_prose(with_history: None) -> None:
    assert schema.ENTRY.prose_fields == ("impact", "history")
    checked = validate(SourceFile("content/alpha.md", "alpha", "en", ALPHA, "0"), CONFIG)
    assert checked.ok, checked.problems
    assert checked.value is not None
    history = checked.value.prose["history"]
    assert history.text == "Coined as a cousin of [[beta]]." and history.line == 7
    bad = validate(
        SourceFile("content/alpha.md", "alpha", "en", entry_text("Alpha", extra="history: [x]\n"), ""), CONFIG
    )
    assert [str(d) for d in bad.problems] == [
        "content/alpha.md:6:10: error: history: expected text (got a list) [type]"
    ]


def test_the_new_field_is_woven_with_its_term_links_and_reaches_the_view(
    with_history: None, make_project: Callable[..., Path]
) -> None:
    project = Project.at(make_project({"content/alpha.md": ALPHA, "content/beta.md": BETA}))
    config = load_config(project)
    result = check(project, config)
    assert result.ok and result.glossary is not None, result.diagnostics
    html = result.glossary.prose["alpha"].fields_html["history"]
    assert '<a class="term" href="/glossary/beta/"' in html and "cousin of" in html
    assert result.glossary.links["alpha"] == ("beta",)  # the link counts like any other
    view = ViewBuilder(result.glossary, Urls.of(config.base_url)).entry("beta")
    assert view.fields_html == {"impact": "", "history": ""}  # declared, not given: empty, never missing


def test_an_unknown_term_in_the_new_field_is_reported_where_it_is(
    with_history: None, make_project: Callable[..., Path]
) -> None:
    alpha = ALPHA.replace("[[beta]]", "[[gamma]]")
    project = Project.at(make_project({"content/alpha.md": alpha, "content/beta.md": BETA}))
    result = check(project, load_config(project))
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(Path(d.path).name, d.line, d.col, d.code) for d in errors] == [("alpha.md", 8, 25, "unknown-term")]


def test_the_new_field_is_in_the_json_schema(with_history: None) -> None:
    properties = entry_schema(["Core Concepts"])["properties"]
    assert isinstance(properties, dict)
    assert list(properties)[-1] == "history"
    assert properties["history"] == properties["impact"] | {"description": "Where the term comes from (Markdown)"}


def test_new_scaffolds_the_new_field_and_check_asks_for_it(with_history: None) -> None:
    text = scaffold_text("Gamma", "gamma", CONFIG, category="Tools", level="beginner", today="2026-01-02")
    assert '# Where the term comes from, and who first used it.\nhistory: ""\n# Optional: a comparison' in text
    checked = validate(SourceFile("content/gamma.md", "gamma", "en", text, ""), CONFIG)
    assert "history: must not be empty" in [d.message for d in checked.problems]


def test_new_translate_scaffolds_the_new_field_marked_to_translate(with_history: None) -> None:
    entry = validate(SourceFile("content/alpha.md", "alpha", "en", ALPHA, "0", "content/alpha.md"), CONFIG).value
    assert entry is not None
    text = translation_scaffold(entry, ALPHA, "zh-tw")
    assert f"history: |-\n  {PLACEHOLDER} Coined as a cousin of [[beta]].\n---\n" in text


def test_equal_entries_are_equal_keys_whatever_the_order_of_their_prose() -> None:
    first = validate(SourceFile("content/a.md", "a", "en", entry_text("A", extra="impact: It matters.\n"), ""), CONFIG)
    again = validate(SourceFile("content/a.md", "a", "en", entry_text("A", extra="impact: It matters.\n"), ""), CONFIG)
    assert first.value is not None and first.value == again.value and hash(first.value) == hash(again.value)
    assert pickle.loads(pickle.dumps(first.value)) == first.value  # entries travel to worker processes
    one, two = Prose("One", 1), Prose("Two", 2)
    assert FieldMap([("a", one), ("b", two)]) == FieldMap([("b", two), ("a", one)])
    assert hash(FieldMap([("a", one), ("b", two)])) == hash(FieldMap([("b", two), ("a", one)]))
    assert FieldMap([("a", one)]) != FieldMap([("a", two)])
