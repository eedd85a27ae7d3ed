"""Diagnostics: where a problem is, how it prints, and how it travels between stages."""

from __future__ import annotations

import json

import pytest

from glossator.core.diagnostics import (
    START,
    Diagnostic,
    DiagnosticError,
    Position,
    Result,
    closest,
    did_you_mean,
    format_github,
    format_json,
    format_text,
    has_errors,
)

LEVEL = Diagnostic.error(
    "content/fine-tuning.md",
    Position(4, 8),
    "choice",
    "level: must be one of beginner, intermediate, advanced (got 'expert')",
)
RELATED = Diagnostic.warning("content/rag.md", Position(9), "no-related", "related: none given")


def test_a_diagnostic_prints_as_path_line_column_severity_message_and_code() -> None:
    assert str(LEVEL) == (
        "content/fine-tuning.md:4:8: error: level: must be one of beginner, intermediate, advanced "
        "(got 'expert') [choice]"
    )
    assert str(RELATED) == "content/rag.md:9:1: warning: related: none given [no-related]"


def test_positions_are_one_based_and_start_at_the_first_column() -> None:
    assert START == Position(1, 1) == Position(1)
    assert LEVEL.position == Position(4, 8)
    assert (RELATED.line, RELATED.col, RELATED.severity) == (9, 1, "warning")


def test_control_characters_from_contributor_text_are_printed_as_escapes() -> None:
    sneaky = Diagnostic.error("content/x.md", START, "yaml", "title: 'a\nb\x1b[31m\u2028'")
    printed = str(sneaky)
    assert "\n" not in printed and "\x1b" not in printed and "\u2028" not in printed
    assert "\\x0a" in printed and "\\x1b[31m" in printed


def test_text_output_is_sorted_by_file_then_line_then_column() -> None:
    later = Diagnostic.error("content/fine-tuning.md", Position(12, 3), "type", "tags: expected a list")
    earlier = Diagnostic.error("content/fine-tuning.md", Position(4, 2), "empty", "title: must not be empty")
    lines = format_text([RELATED, later, LEVEL, earlier]).splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        "content/fine-tuning.md:4:2",
        "content/fine-tuning.md:4:8",
        "content/fine-tuning.md:12:3",
        "content/rag.md:9:1",
    ]


def test_github_annotations_escape_what_would_start_a_workflow_command() -> None:
    forged = Diagnostic.error("content/a,b:c.md", Position(2, 3), "x", "100%\n::error::forged\r")
    assert format_github([forged]) == (
        "::error file=content/a%2Cb%3Ac.md,line=2,col=3,title=x::100%25%0A::error::forged%0D\n"
    )
    assert format_github([RELATED]).startswith("::warning file=content/rag.md,line=9,col=1,title=no-related::")


def test_json_output_is_a_sorted_list_of_plain_objects() -> None:
    data = json.loads(format_json([RELATED, LEVEL]))
    assert [d["path"] for d in data] == ["content/fine-tuning.md", "content/rag.md"]
    assert data[0] == {
        "path": "content/fine-tuning.md",
        "line": 4,
        "col": 8,
        "severity": "error",
        "code": "choice",
        "message": "level: must be one of beginner, intermediate, advanced (got 'expert')",
    }


def test_a_result_is_ok_when_it_has_a_value_and_no_error() -> None:
    assert Result("entry").ok
    assert Result("entry", (RELATED,)).ok, "warnings do not stop a stage"
    assert not Result("entry", (LEVEL,)).ok
    assert not Result(None).ok
    assert has_errors([RELATED, LEVEL]) and not has_errors([RELATED])


def test_a_stage_that_cannot_go_on_carries_every_problem() -> None:
    with pytest.raises(DiagnosticError) as raised:
        raise DiagnosticError([LEVEL, RELATED])
    assert raised.value.diagnostics == (LEVEL, RELATED)
    assert str(raised.value) == f"{LEVEL}\n{RELATED}"


@pytest.mark.parametrize(
    ("word", "choices", "guess"),
    [
        ("relatd", ["related", "aliases", "tags"], "related"),
        ("TITEL", ["title", "tags"], "title"),
        ("expret", ["beginner", "intermediate", "advanced", "expert"], "expert"),
        ("zzz", ["related", "aliases"], None),
    ],
)
def test_a_likely_typo_is_matched_ignoring_case(word: str, choices: list[str], guess: str | None) -> None:
    assert closest(word, choices) == guess
    assert did_you_mean(word, choices) == (f" (did you mean '{guess}'?)" if guess else "")
