"""Validation of single entries: the SPEC's example is valid and reads back exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from glossator.content.config import Category, SiteConfig
from glossator.content.load import Limits, SourceFile, decode
from glossator.content.model import Cell, PartialEntry
from glossator.content.validate import partial_of, validate
from glossator.core.diagnostics import Position

CONFIG = SiteConfig(
    title="T",
    base_url="https://example.org/",
    categories=(Category("Core Concepts", "core-concepts", "", 0), Category("Tools", "tools", "", 1)),
)

SPEC_EXAMPLE = """\
---
title: Fine-Tuning
category: Core Concepts
level: intermediate
summary: >-
  Further training a pre-trained model on examples of the behaviour you want.
aliases: [Finetuning, Fine tuning]
tags: [training, customization]
related: [rag, prompt-engineering]
updated: 2026-11-20
status: published
autolink: true
comparison:
  title: Fine-Tuning vs RAG vs Prompt Engineering
  columns: [Fine-Tuning, RAG, Prompt Eng.]
  rows:
    - label: What changes
      hint: Where the modification lives
      cells: [Model weights, Context window, Instructions only]
    - label: Relative cost
      cells: [$$$, $$, $]
    - label: Updates with new info?
      cells: [{no: Must retrain}, {yes: Update the knowledge base}, {partial: Manual only}]
    - label: Implementation difficulty
      cells: [{rating: 4}, {rating: 3}, {rating: 1, of: 3}]
example:
  title: Contract review at a legal-tech startup
  body: |
    A team trained a model on their clauses.
misconceptions:
  - myth: Fine-tuning gives the model knowledge of recent events.
    truth: It changes how the model behaves, not what it knows.
impact: |
  Try cheaper levers first.
---
## What is this?

Text.
"""


def run(text: str, slug: str = "fine-tuning", config: SiteConfig = CONFIG) -> tuple[object, list[str]]:
    checked = validate(SourceFile(f"content/{slug}.md", slug, "en", text, "0"), config)
    return checked.value, [str(p) for p in checked.problems]


def test_the_spec_example_is_valid_and_read_exactly() -> None:
    entry, problems = run(SPEC_EXAMPLE)
    assert problems == []
    assert entry is not None
    e = entry  # type: ignore[assignment]
    assert e.title == "Fine-Tuning" and e.level == "intermediate" and e.category == "Core Concepts"  # type: ignore[attr-defined]
    assert e.aliases == ("Finetuning", "Fine tuning")  # type: ignore[attr-defined]
    assert [r.slug for r in e.related] == ["rag", "prompt-engineering"]  # type: ignore[attr-defined]
    assert e.related[0].pos == Position(9, 11)  # type: ignore[attr-defined]
    assert e.updated == dt.date(2026, 11, 20)  # type: ignore[attr-defined]
    rows = e.comparison.rows  # type: ignore[attr-defined]
    assert rows[0].hint == "Where the modification lives"
    assert rows[2].cells == (
        Cell("no", "Must retrain"),
        Cell("yes", "Update the knowledge base"),
        Cell("partial", "Manual only"),
    )
    assert rows[3].cells[2] == Cell("rating", rating=1, of=3)
    assert e.example.body.line == 28  # type: ignore[attr-defined]
    assert e.misconceptions[0].truth.line == 32  # type: ignore[attr-defined]
    assert e.body.line == 36 and e.body.text.startswith("## What is this?")  # type: ignore[attr-defined]


def test_crlf_and_a_bom_read_like_plain_lf() -> None:
    raw = ("\ufeff" + SPEC_EXAMPLE.replace("level: intermediate", "level: expert")).replace("\n", "\r\n").encode()
    decoded = decode(raw, "content/x.md")
    text, problems = decoded.value, list(decoded.problems)
    assert problems == [] and text is not None
    _, found = run(text)
    assert found == [
        "content/fine-tuning.md:4:8: error: level: must be one of beginner, intermediate, advanced "
        "(got 'expert') [choice]"
    ]


def test_cr_only_line_endings_are_normalised() -> None:
    text = decode(b"---\rtitle: X\r---\rbody\r", "p").value
    assert text == "---\ntitle: X\n---\nbody\n"


def test_every_problem_is_reported_at_once() -> None:
    text = SPEC_EXAMPLE.replace("level: intermediate", "level: 3").replace("updated: 2026-11-20", "updated: soon")
    _, problems = run(text.replace("category: Core Concepts", "category: Tool"))
    assert [p.split(": error: ")[1].split(":")[0] for p in problems] == ["category", "level", "updated"]


def test_yes_and_no_keys_are_read_as_written_not_as_booleans() -> None:
    entry, problems = run(SPEC_EXAMPLE)
    assert problems == []
    kinds = [c.kind for c in entry.comparison.rows[2].cells]  # type: ignore[attr-defined]
    assert kinds == ["no", "yes", "partial"]


def test_plain_scalars_that_yaml_would_retype_stay_text() -> None:
    text = SPEC_EXAMPLE.replace("title: Fine-Tuning", "title: 1.10").replace(
        "aliases: [Finetuning, Fine tuning]", "aliases: [no, on, 0x1F]"
    )
    entry, problems = run(text)
    assert problems == []
    assert entry.title == "1.10" and entry.aliases == ("no", "on", "0x1F")  # type: ignore[attr-defined]


def test_comparisons_over_the_row_limit_are_refused() -> None:
    small = replace(CONFIG, limits=Limits(comparison_rows=3))
    _, problems = run(SPEC_EXAMPLE, config=small)
    assert problems == [
        "content/fine-tuning.md:17:5: error: comparison.rows: 4 rows; the limit is 3 "
        "(limits.comparison_rows in site.yaml) [too-large]"
    ]


def test_front_matter_over_the_limit_is_refused_before_parsing() -> None:
    small = replace(CONFIG, limits=Limits(front_matter_bytes=100))
    _, problems = run(SPEC_EXAMPLE, config=small)
    assert len(problems) == 1 and "front matter is" in problems[0] and "[too-large]" in problems[0]


@pytest.mark.parametrize("depth", [50, 5000])
def test_deeply_nested_yaml_gives_a_diagnostic_not_a_crash(depth: int) -> None:
    text = "---\ntitle: " + "[" * depth + "]" * depth + "\n---\n"
    _, problems = run(text)
    assert problems and all(": error: " in p for p in problems)


def test_a_comparison_without_a_title_is_titled_by_its_columns() -> None:
    entry, problems = run(SPEC_EXAMPLE.replace("  title: Fine-Tuning vs RAG vs Prompt Engineering\n", ""))
    assert problems == []
    assert entry.comparison.title == "Fine-Tuning vs RAG vs Prompt Eng."  # type: ignore[attr-defined]


def test_a_missing_required_key_in_a_record_hides_none_of_its_other_problems() -> None:
    text = SPEC_EXAMPLE.replace("  columns: [Fine-Tuning, RAG, Prompt Eng.]\n", "").replace(
        "cells: [$$$, $$, $]", "cells: [$$$, {maybe: x}, [a]]"
    )
    text = text.replace("    - label: Relative cost\n", "    - hint: no label\n").replace(
        "  title: Contract review at a legal-tech startup\n", ""
    )
    text = text.replace("    A team trained a model on their clauses.", "    ✎ Describe it.")
    _, problems = run(text)
    assert problems == [
        "content/fine-tuning.md:14:3: error: comparison.columns: required field is missing: "
        "2 to 5 column names; the first is this entry [missing-field]",
        "content/fine-tuning.md:19:7: error: comparison.rows[1].label: required field is missing: "
        "What this row compares [missing-field]",
        "content/fine-tuning.md:20:21: error: comparison.rows[1].cells[1]: unknown cell kind 'maybe'; "
        "use yes, no, partial or rating [cell]",
        "content/fine-tuning.md:20:32: error: comparison.rows[1].cells[2]: expected text or one of {yes: ...}, "
        "{no: ...}, {partial: ...}, {rating: n} (got a list) [cell]",
        "content/fine-tuning.md:26:3: error: example.title: required field is missing: "
        "A short headline for the example [missing-field]",
        "content/fine-tuning.md:26:9: error: example.body: replace the text marked ✎ with your own [placeholder]",
    ]


def test_a_row_with_the_wrong_number_of_cells_still_reports_each_bad_cell() -> None:
    _, problems = run(SPEC_EXAMPLE.replace("cells: [$$$, $$, $]", "cells: [$$$, {maybe: x}]"))
    assert [p.rsplit("[", 1)[1] for p in problems] == ["cell-count]", "cell]"]


def partial(text: str, slug: str = "fine-tuning") -> PartialEntry:
    checked = validate(SourceFile(f"content/{slug}.md", slug, "en", text, "0"), CONFIG)
    found = partial_of(checked)
    assert checked.value is None and found is not None, checked.problems
    return found


def test_an_entry_with_errors_keeps_what_could_be_read_for_the_link_stage() -> None:
    text = SPEC_EXAMPLE.replace("level: intermediate", "level: expert").replace(
        "related: [rag, prompt-engineering]", "related: [rag, ~, Not A Slug, prompt-engineering]"
    )
    found = partial(text.replace("title: Fine-Tuning", "titel: Fine-Tuning"))
    # The fields that failed are named, and hold defaults nothing is concluded from.
    assert found.unread == {"title", "level", "related"}
    assert found.title == "fine-tuning" and found.level == "beginner"
    # What was valid is kept, positions included: the related slugs that can be read, the prose, the aliases.
    assert [(r.slug, r.pos) for r in found.related] == [
        ("rag", Position(9, 11)),
        ("prompt-engineering", Position(9, 31)),
    ]
    assert found.aliases == ("Finetuning", "Fine tuning") and found.alias_pos == (Position(7, 11), Position(7, 23))
    assert found.example is not None and found.example.body.line == 28
    assert found.body.text.startswith("## What is this?") and found.category == "Core Concepts"


def test_an_entry_with_every_required_field_missing_still_has_a_partial_entry() -> None:
    found = partial("---\nimpact: Some [[rag]] text.\n---\nBody.\n")
    assert found.unread == {"title", "category", "level", "summary"}
    assert found.prose["impact"].text == "Some [[rag]] text." and found.summary.text == ""


def test_an_entry_that_validates_has_no_partial_one() -> None:
    checked = validate(SourceFile("content/fine-tuning.md", "fine-tuning", "en", SPEC_EXAMPLE, "0"), CONFIG)
    assert checked.value is not None and not isinstance(checked.value, PartialEntry)
    assert partial_of(checked) is None
