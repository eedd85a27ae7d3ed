"""Editorial warnings: each rule, its threshold, and the line and column it points at."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.build.pipeline import Project, check, load_config
from glossator.core.diagnostics import Diagnostic
from glossator.prose.glossary import Glossary
from glossator.prose.quality import (
    CODES,
    MAX_SUMMARY_WORDS,
    MIN_MISCONCEPTIONS,
    RECOMMENDED_SECTIONS,
    editorial_warnings,
)
from tests.conftest import MINIMAL_SITE_YAML, ROOT, entry_text

SECTIONS = "".join(f"## {heading}\n\nPlain words about it.\n\n" for heading in RECOMMENDED_SECTIONS)


def rich(
    title: str,
    *,
    related: str = "",
    misconceptions: int = MIN_MISCONCEPTIONS,
    example: str | None = "Somebody used it at work and it helped.",
    summary: str = "A short summary of the term.",
    body: str = SECTIONS,
) -> str:
    """An entry that passes every editorial rule, apart from what the arguments take away."""
    extra = f"related: [{related}]\n" if related else ""
    if example is not None:
        extra += f"example:\n  title: A real case\n  body: {example}\n"
    if misconceptions:
        extra += "misconceptions:\n" + "".join(
            f"  - myth: Myth number {i}.\n    truth: Correction number {i}.\n" for i in range(misconceptions)
        )
    return entry_text(title, summary=summary, extra=extra, body=body)


def line_of(text: str, start: str, nth: int = 0) -> int:
    return [i for i, line in enumerate(text.split("\n"), 1) if line.lstrip().startswith(start)][nth]


@pytest.fixture
def glossary_of(make_project: Callable[..., Path]) -> Callable[..., Glossary]:
    def make(files: dict[str, str], site_yaml: str = MINIMAL_SITE_YAML) -> Glossary:
        root = make_project({f"content/{slug}.md": text for slug, text in files.items()}, site_yaml=site_yaml)
        project = Project.at(root, cwd=root)
        result = check(project, load_config(project))
        assert result.glossary is not None, [str(d) for d in result.diagnostics]
        return result.glossary

    return make


def codes(found: list[Diagnostic]) -> list[tuple[str, str]]:
    return [(d.path, d.code) for d in found]


PAIR = {"alpha": rich("Alpha", related="beta"), "beta": rich("Beta", related="alpha")}


def test_a_complete_pair_of_entries_has_no_warnings(glossary_of: Callable[..., Glossary]) -> None:
    assert editorial_warnings(glossary_of(PAIR)) == []


def test_the_starter_glossary_has_no_warnings() -> None:
    project = Project.at(ROOT, cwd=ROOT)
    result = check(project, load_config(project))
    assert result.glossary is not None
    assert [str(d) for d in editorial_warnings(result.glossary)] == []


def test_a_long_summary_is_pointed_at_its_value(glossary_of: Callable[..., Glossary]) -> None:
    long = " ".join(["word"] * (MAX_SUMMARY_WORDS + 1))
    found = editorial_warnings(glossary_of({**PAIR, "alpha": rich("Alpha", related="beta", summary=long)}))
    assert found == [
        Diagnostic(
            "content/alpha.md",
            5,
            10,
            "warning",
            "long-summary",
            f"summary: the 30-second version is {MAX_SUMMARY_WORDS + 1} words; keep it to about "
            f"{MAX_SUMMARY_WORDS} and move the detail into the body",
        )
    ]


def test_summary_words_are_counted_as_a_reader_sees_them(glossary_of: Callable[..., Glossary]) -> None:
    # The link's URL is three "words" as written but none as read: 75 words shown.
    summary = " ".join(["word"] * (MAX_SUMMARY_WORDS - 1)) + " [one](<https://example.org/a b c>)"
    assert editorial_warnings(glossary_of({**PAIR, "alpha": rich("Alpha", related="beta", summary=summary)})) == []


def test_missing_recommended_sections_are_listed_in_one_warning(glossary_of: Callable[..., Glossary]) -> None:
    body = "## what is this\n\nText.\n\n## Why Does It Exist\n\nText.\n\n## History\n\nText.\n"
    text = rich("Alpha", related="beta", body=body)
    found = editorial_warnings(glossary_of({**PAIR, "alpha": text}))
    assert [(d.line, d.col, d.code, d.message) for d in found] == [
        (
            line_of(text, "## what is this"),
            1,
            "missing-section",
            "body: recommended sections missing: '## How does it affect your decisions?', "
            "'## What should you do?'; add them (other ## sections may stay)",
        )
    ]


def test_sections_are_only_asked_of_english_entries(glossary_of: Callable[..., Glossary]) -> None:
    body = "## Qu'est-ce que c'est ?\n\nTexte.\n"
    glossary = glossary_of(
        {**PAIR, "alpha": rich("Alpha", related="beta", body=body)}, site_yaml=MINIMAL_SITE_YAML + "language: fr\n"
    )
    assert editorial_warnings(glossary) == []


def test_one_misconception_is_pointed_at_and_none_at_the_top(glossary_of: Callable[..., Glossary]) -> None:
    one = rich("Alpha", related="beta", misconceptions=1)
    found = editorial_warnings(glossary_of({"alpha": one, "beta": rich("Beta", related="alpha", misconceptions=0)}))
    assert [(d.path, d.line, d.col, d.code) for d in found] == [
        ("content/alpha.md", line_of(one, "truth:"), 12, "few-misconceptions"),
        ("content/beta.md", 2, 1, "few-misconceptions"),
    ]
    assert found[0].message.startswith(f"misconceptions: 1 given; add at least {MIN_MISCONCEPTIONS}")
    assert found[1].message.startswith("misconceptions: 0 given")


def test_no_related_suggests_likely_candidates(glossary_of: Callable[..., Glossary]) -> None:
    found = editorial_warnings(glossary_of({"alpha": rich("Alpha"), "beta": rich("Beta", related="alpha")}))
    assert [(d.path, d.line, d.col, d.code) for d in found] == [
        ("content/alpha.md", 2, 1, "no-related"),
        ("content/beta.md", 2, 8, "orphan"),
    ]
    assert found[0].message == "related: no related entries; list the slugs of the closest terms (perhaps [beta])"


def test_an_orphan_is_pointed_at_its_title(glossary_of: Callable[..., Glossary]) -> None:
    found = editorial_warnings(glossary_of({**PAIR, "gamma": rich("Gamma", related="alpha")}))
    assert found == [
        Diagnostic(
            "content/gamma.md",
            2,
            8,
            "warning",
            "orphan",
            "title: no other entry links to 'Gamma'; link it with [[gamma]] where another entry mentions it, "
            "or add 'gamma' to that entry's related",
        )
    ]


def test_a_term_link_in_prose_is_enough_to_not_be_an_orphan(glossary_of: Callable[..., Glossary]) -> None:
    body = SECTIONS + "## See also\n\nCompare [[gamma|the third one]].\n"
    files = {**PAIR, "alpha": rich("Alpha", related="beta", body=body), "gamma": rich("Gamma", related="alpha")}
    assert editorial_warnings(glossary_of(files)) == []


def test_a_missing_or_wordless_example_is_reported(glossary_of: Callable[..., Glossary]) -> None:
    wordless = rich("Beta", related="alpha", example='"***"')
    found = editorial_warnings(glossary_of({"alpha": rich("Alpha", related="beta", example=None), "beta": wordless}))
    assert [(d.path, d.line, d.col, d.code, d.message) for d in found] == [
        (
            "content/alpha.md",
            2,
            1,
            "empty-example",
            "example: no real-world example; add example.title and example.body describing a concrete situation",
        ),
        (
            "content/beta.md",
            line_of(wordless, "body:"),
            9,
            "empty-example",
            "example.body: has no words a reader would see; describe a concrete situation",
        ),
    ]


def test_a_glossary_of_one_is_not_asked_for_links(glossary_of: Callable[..., Glossary]) -> None:
    assert editorial_warnings(glossary_of({"alpha": rich("Alpha")})) == []


def test_warnings_are_sorted_warnings_and_the_function_is_pure(glossary_of: Callable[..., Glossary]) -> None:
    glossary = glossary_of({"alpha": rich("Alpha", misconceptions=0, example=None), "beta": rich("Beta")})
    first = editorial_warnings(glossary)
    assert first == editorial_warnings(glossary) == sorted(first)
    assert {d.severity for d in first} == {"warning"}
    assert codes(first) == [
        ("content/alpha.md", "empty-example"),
        ("content/alpha.md", "few-misconceptions"),
        ("content/alpha.md", "no-related"),
        ("content/alpha.md", "orphan"),
        ("content/beta.md", "no-related"),
        ("content/beta.md", "orphan"),
    ]


def test_check_gives_warnings_in_the_same_run_as_errors(make_project: Callable[..., Path]) -> None:
    root = make_project({"content/alpha.md": rich("Alpha"), "content/beta.md": rich("Beta", related="alpha")})
    project = Project.at(root, cwd=root)
    assert {d.code for d in check(project, load_config(project)).diagnostics} == {"no-related", "orphan"}
    (root / "content" / "beta.md").write_text(rich("Beta", related="gamma"), encoding="utf-8")
    result = check(project, load_config(project))
    assert result.glossary is None
    assert codes(list(result.diagnostics)) == [
        ("content/alpha.md", "no-related"),
        ("content/alpha.md", "orphan"),
        ("content/beta.md", "orphan"),
        ("content/beta.md", "unknown-related"),
    ]


def test_an_entry_with_errors_is_warned_about_what_could_be_read(make_project: Callable[..., Path]) -> None:
    long = " ".join(["word"] * (MAX_SUMMARY_WORDS + 1))
    alpha = rich("Alpha", related="beta", misconceptions=1, summary=long).replace("level: beginner", "level: expert")
    root = make_project({"content/alpha.md": alpha, "content/beta.md": rich("Beta", related="alpha")})
    project = Project.at(root, cwd=root)
    assert codes(list(check(project, load_config(project)).diagnostics)) == [
        ("content/alpha.md", "choice"),
        ("content/alpha.md", "long-summary"),
        ("content/alpha.md", "few-misconceptions"),
    ]


@pytest.mark.parametrize(
    ("broken", "unwarned"),
    [
        ("related: [beta, Not A Slug]\n", "no-related"),  # what could be read of it still links beta
        ("relatd: [beta]\n", "no-related"),  # a misspelt key: the field it meant is not absent
        ("misconceptions: [{myth: Only a myth.}]\n", "few-misconceptions"),
        ("example: {body: Someone used it.}\n", "empty-example"),
    ],
)
def test_a_field_that_could_not_be_read_is_not_taken_for_an_absent_one(
    make_project: Callable[..., Path], broken: str, unwarned: str
) -> None:
    root = make_project({"content/alpha.md": entry_text("Alpha", body=SECTIONS), "content/beta.md": rich("Beta")})
    project = Project.at(root, cwd=root)

    def alpha_codes() -> set[str]:
        return {d.code for d in check(project, load_config(project)).diagnostics if d.path == "content/alpha.md"}

    assert unwarned in alpha_codes()  # when the field is absent
    (root / "content" / "alpha.md").write_text(entry_text("Alpha", extra=broken, body=SECTIONS), encoding="utf-8")
    found = alpha_codes()
    assert unwarned not in found and found & {"related", "unknown-key", "missing-field"}


def test_no_entry_is_called_an_orphan_while_a_link_from_an_unread_part_may_reach_it(
    make_project: Callable[..., Path],
) -> None:
    # gamma's `related` cannot be read, so whether it lists alpha is not known.
    files = {
        "content/alpha.md": rich("Alpha", related="beta"),
        "content/beta.md": rich("Beta", related="gamma"),
        "content/gamma.md": rich("Gamma", related="beta").replace("related: [beta]", "related: beta, alpha"),
    }
    root = make_project(files)
    project = Project.at(root, cwd=root)
    found = check(project, load_config(project)).diagnostics
    assert [(d.path, d.code) for d in found] == [("content/gamma.md", "type")]


def test_every_warning_code_is_documented_for_contributors(glossary_of: Callable[..., Glossary]) -> None:
    glossary = glossary_of(
        {
            "alpha": rich("Alpha", misconceptions=0, example=None, body="## Other\n\nText.\n", summary="w " * 80),
            "beta": rich("Beta"),
            "gamma": rich("伽瑪"),
        }
    )
    assert {d.code for d in editorial_warnings(glossary)} == set(CODES)
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"| `{code}` |" in guide, code
