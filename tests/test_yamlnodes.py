"""Safe YAML, as a contributor meets it through `check`: text read as written, and every problem located.

Front matter is composed, never constructed: tags, anchors, aliases and merge
keys are refused, nesting is bounded, and each message names the line and
column of the value and what was expected instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import CliRun, build_site

REQUIRED = "title: A\ncategory: Core Concepts\nlevel: beginner\nsummary: S\n"
COMPARISON = "comparison:\n  title: T\n  columns: [A, B]\n  rows:\n    - label: R\n"


@pytest.fixture
def check_front(make_project: Callable[..., Path], cli: Callable[..., CliRun]) -> Callable[[str], list[str]]:
    """The errors `check` prints for one entry with this front matter, lines of content/term.md from 2."""

    def run(front: str) -> list[str]:
        root = make_project({"content/term.md": f"---\n{front}---\n## What is this?\n\nText.\n"})
        result = cli("check", "--root", ".", cwd=root)
        assert "Traceback" not in result.printed
        errors = [line for line in result.out.splitlines() if ": error: " in line]
        assert (result.code == 1) == bool(errors), result.printed
        return errors

    return run


@pytest.mark.parametrize(
    ("front", "error"),
    [
        pytest.param(
            "title: A\ncategory: &c Core Concepts\nlevel: beginner\nsummary: *c\n",
            "content/term.md:3:11: error: in `category`: anchors and aliases (&name, *name) are not allowed; "
            "write the value out [yaml]",
            id="anchor and alias",
        ),
        pytest.param(
            "title: !!python/name:os.system A\ncategory: Core Concepts\nlevel: beginner\nsummary: S\n",
            "content/term.md:2:8: error: in `title`: YAML tags such as '!!python/name:os.system' "
            "are not allowed [yaml]",
            id="python tag",
        ),
        pytest.param(
            "title: !shout A\ncategory: Core Concepts\nlevel: beginner\nsummary: S\n",
            "content/term.md:2:8: error: in `title`: YAML tags such as '!shout' are not allowed [yaml]",
            id="local tag",
        ),
        pytest.param(
            "title: A\n<<: {category: Core Concepts}\nlevel: beginner\nsummary: S\n",
            "content/term.md:3:1: error: merge keys (<<) are not allowed; write the keys out [yaml]",
            id="merge key",
        ),
        pytest.param(
            REQUIRED + "tags: " + "[" * 60 + "]" * 60 + "\n",
            "content/term.md:6:56: error: in `tags`: YAML is nested more than 50 levels deep [yaml]",
            id="deep nesting",
        ),
    ],
)
def test_what_yaml_could_construct_or_multiply_is_refused(
    check_front: Callable[[str], list[str]], front: str, error: str
) -> None:
    assert check_front(front) == [error]


def test_a_payload_in_a_tag_never_runs(check_front: Callable[[str], list[str]], tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    front = f'title: !!python/object/apply:os.system ["touch {marker}"]\n' + REQUIRED.split("\n", 1)[1]
    assert check_front(front) == [
        "content/term.md:2:8: error: in `title`: YAML tags such as '!!python/object/apply:os.system' "
        "are not allowed [yaml]"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("front", "error"),
    [
        pytest.param(
            "title: A: B\ncategory: Core Concepts\nlevel: beginner\nsummary: S\n",
            "content/term.md:2:9: error: in `title`: invalid YAML: mapping values are not allowed in this context; "
            "put text that contains ': ' in quotes [yaml]",
            id="colon",
        ),
        pytest.param(
            'title: "A\ncategory: Core Concepts\nlevel: beginner\nsummary: S\n',
            "content/term.md:2:8: error: in `title`: invalid YAML: found unexpected end of stream; "
            "this quote is never closed [yaml]",
            id="open quote",
        ),
        pytest.param(
            REQUIRED + "\ttags: [x]\n",
            "content/term.md:6:1: error: invalid YAML: a tab is here, and YAML indents with spaces only; "
            "replace it with spaces [yaml]",
            id="tab",
        ),
        pytest.param(
            REQUIRED + COMPARISON + "\t  cells: [a, b]\n",
            "content/term.md:11:1: error: in `comparison.rows[0]`: invalid YAML: a tab is here, and YAML indents "
            "with spaces only; replace it with spaces [yaml]",
            id="tab inside a field",
        ),
        pytest.param(
            "title: A\nrelated: [b, c\ncategory: Core Concepts\nlevel: beginner\nsummary: S\n",
            "content/term.md:3:10: error: in `related`: invalid YAML: this '[' is never closed; "
            "end the list with ']' [yaml]",
            id="unclosed bracket, found where it opens",
        ),
        pytest.param(
            REQUIRED + COMPARISON + "      cells: [{yes: a}, {no: b]\n",
            "content/term.md:11:25: error: in `comparison.rows[0].cells[1]`: invalid YAML: this '{' is never "
            "closed; end the mapping with '}' [yaml]",
            id="unclosed brace",
        ),
        pytest.param(
            "title: A\ncategory\nlevel: beginner\nsummary: S\n",
            "content/term.md:3:1: error: invalid YAML: this line has no ':' after its key; write key: value, "
            "or indent the line to continue the value above [yaml]",
            id="no colon after a key",
        ),
        pytest.param(
            REQUIRED.replace("title: A", 'title: "C:\\path"'),
            "content/term.md:2:11: error: in `title`: invalid YAML: '\\p' is not an escape YAML knows in double "
            "quotes; write '\\\\' for a backslash, or put the value in single quotes [yaml]",
            id="unknown escape",
        ),
        pytest.param(
            REQUIRED.replace("title: A", 'title: "A" B'),
            "content/term.md:2:12: error: in `title`: invalid YAML: text follows the closing quote; put the whole "
            "value inside the quotes [yaml]",
            id="text after a quote",
        ),
        pytest.param(
            REQUIRED + "related: [b, c]d\n",
            "content/term.md:6:16: error: in `related`: invalid YAML: text follows the closing ']'; put it inside, "
            "or the whole value in quotes [yaml]",
            id="text after a bracket",
        ),
        pytest.param(
            REQUIRED.replace("summary: S", "summary:S"),
            "content/term.md:5:8: error: invalid YAML: put a space after the ':' that ends the key (key: value) [yaml]",
            id="no space after the colon",
        ),
        pytest.param(
            REQUIRED.replace("summary: S", "summary: *bold* claims"),
            "content/term.md:5:10: error: in `summary`: invalid YAML: a value cannot start with '*', which YAML "
            "reads as the name of an alias; put the whole value in quotes [yaml]",
            id="a value that starts like an alias",
        ),
    ],
)
def test_a_syntax_error_is_pointed_at_with_a_hint(
    check_front: Callable[[str], list[str]], front: str, error: str
) -> None:
    assert check_front(front) == [error]


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x07", "U+0007 BELL is here, a control character that YAML does not allow; remove it"),
        ("\x1b", "U+001B ESCAPE is here, a control character that YAML does not allow; remove it"),
        *(
            (
                char,
                f"{name} is here, an invisible character that YAML reads as a line break though editors show none; "
                "remove it, or make it a real line break",
            )
            for char, name in (
                ("\u2028", "U+2028 LINE SEPARATOR"),
                ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
                ("\x85", "U+0085 NEXT LINE"),
            )
        ),
    ],
)
def test_a_raw_character_yaml_refuses_or_breaks_lines_at_is_named_where_an_editor_shows_it(
    check_front: Callable[[str], list[str]], char: str, name: str
) -> None:
    front = REQUIRED.replace("summary: S", f"summary: >-\n  First line,\n  then {char} more")
    assert check_front(front) == [f"content/term.md:7:8: error: in `summary`: {name} [yaml]"]


@pytest.mark.parametrize("word", ["null", "Null", "NULL", "~"])
def test_a_word_yaml_reads_as_nothing_is_explained_with_how_to_quote_it(
    check_front: Callable[[str], list[str]], word: str
) -> None:
    assert check_front(REQUIRED + f"aliases: [b, {word}]\n") == [
        f"content/term.md:6:14: error: aliases[1]: YAML reads {word} as no value (null); if you mean the text, "
        f"put it in quotes: '{word}' [empty]"
    ]


@pytest.mark.parametrize("word", ["yes", "on", "no", "off"])
def test_a_yaml_1_1_boolean_is_read_as_written_and_where_true_or_false_is_wanted_says_which(
    check_front: Callable[[str], list[str]], word: str
) -> None:
    assert check_front(REQUIRED + f"aliases: [{word}]\n") == []
    wanted = "true" if word in ("yes", "on") else "false"
    assert check_front(REQUIRED + f"autolink: {word}\n") == [
        f"content/term.md:6:11: error: autolink: expected true or false (got '{word}'; write {wanted}) [type]"
    ]


@pytest.mark.parametrize(
    ("front", "errors"),
    [
        pytest.param(
            "title: A\ntitle: B\ncategory: Core Concepts\nlevel: beginner\nsummary: S\n",
            ["content/term.md:3:1: error: title: duplicate key (first given on line 2); keep one [duplicate-key]"],
            id="duplicate key",
        ),
        pytest.param(
            REQUIRED + "alias: [x]\n",
            ["content/term.md:6:1: error: alias: unknown key (did you mean 'aliases'?) [unknown-key]"],
            id="misspelt key",
        ),
        pytest.param(
            "title: A\nlevel: beginner\nsummary: S\n",
            [
                "content/term.md:2:1: error: category: required field is missing: "
                "One of the categories in site.yaml [missing-field]"
            ],
            id="missing field",
        ),
        pytest.param(
            "- a\n- b\n",
            ["content/term.md:2:1: error: front matter: expected a mapping of keys to values (got a list) [type]"],
            id="not a mapping",
        ),
        pytest.param(
            REQUIRED + "[a]: b\n",
            ["content/term.md:6:1: error: front matter: keys must be plain names (got a list) [type]"],
            id="key that is a list",
        ),
    ],
)
def test_the_shape_of_the_front_matter_is_checked(
    check_front: Callable[[str], list[str]], front: str, errors: list[str]
) -> None:
    assert check_front(front) == errors


@pytest.mark.parametrize(
    ("front", "errors"),
    [
        pytest.param(
            REQUIRED.replace("title: A", "title: [A]") + "tags: x\n",
            [
                "content/term.md:2:8: error: title: expected text (got a list) [type]",
                "content/term.md:6:7: error: tags: expected a list, e.g. [a, b] (got 'x') [type]",
            ],
            id="text and list",
        ),
        pytest.param(
            REQUIRED.replace("title: A", "title: ''"),
            ["content/term.md:2:8: error: title: must not be empty [empty]"],
            id="empty text",
        ),
        pytest.param(
            REQUIRED.replace("summary: S", "summary:"),
            ["content/term.md:5:9: error: summary: must not be empty [empty]"],
            id="nothing",
        ),
        pytest.param(
            REQUIRED.replace("level: beginner", "level:").replace("category: Core Concepts", "category: ''"),
            [
                "content/term.md:3:11: error: category: must not be empty; choose one of Core Concepts, Tools [empty]",
                "content/term.md:4:7: error: level: must not be empty; choose one of beginner, intermediate, "
                "advanced [empty]",
            ],
            id="no choice made",
        ),
        pytest.param(
            REQUIRED.replace("title: A", 'title: "A\\x07B"'),
            ["content/term.md:2:8: error: title: contains U+0007 BELL, a control character; remove it [control-char]"],
            id="control character",
        ),
        pytest.param(
            REQUIRED.replace("level: beginner", "level: expret"),
            [
                "content/term.md:4:8: error: level: must be one of beginner, intermediate, advanced "
                "(got 'expret') [choice]"
            ],
            id="choice",
        ),
        pytest.param(
            REQUIRED + "autolink: 'false'\n",
            ["content/term.md:6:11: error: autolink: expected true or false (got 'false'; remove the quotes) [type]"],
            id="quoted boolean",
        ),
        pytest.param(
            REQUIRED + "autolink: yes\n",
            ["content/term.md:6:11: error: autolink: expected true or false (got 'yes'; write true) [type]"],
            id="yes is not a boolean",
        ),
        pytest.param(
            REQUIRED + "updated: 5 May 2026\n",
            ["content/term.md:6:10: error: updated: expected a date as YYYY-MM-DD (got '5 May 2026') [date]"],
            id="date format",
        ),
        pytest.param(
            REQUIRED + "updated: 2026-02-30\n",
            [
                "content/term.md:6:10: error: updated: expected a real date as YYYY-MM-DD "
                "(got '2026-02-30': day is out of range for month) [date]"
            ],
            id="no such day",
        ),
        pytest.param(
            REQUIRED + COMPARISON + "      cells: [{rating: 9}, {rating: x}]\n",
            [
                "content/term.md:11:24: error: comparison.rows[0].cells[0].rating: "
                "must be between 0 and 5 (got 9) [range]",
                "content/term.md:11:37: error: comparison.rows[0].cells[1].rating: "
                "expected a whole number (got 'x') [type]",
            ],
            id="whole numbers",
        ),
        pytest.param(
            REQUIRED + COMPARISON + "      cells: [{rating: " + "9" * 35 + "}, b]\n",
            [
                "content/term.md:11:24: error: comparison.rows[0].cells[0].rating: must be between 0 and 5 "
                f"(got '{'9' * 35}') [range]"
            ],
            id="huge number",
        ),
        pytest.param(
            REQUIRED + COMPARISON.replace("[A, B]", "[A]") + "      cells: [x]\n",
            ["content/term.md:8:12: error: comparison.columns: expected 2 to 5 items (got 1) [count]"],
            id="item count",
        ),
    ],
)
def test_each_value_is_checked_where_it_is_written(
    check_front: Callable[[str], list[str]], front: str, errors: list[str]
) -> None:
    assert check_front(front) == errors


def test_every_problem_is_reported_at_once(check_front: Callable[[str], list[str]]) -> None:
    front = "title: A\ncategory: Tools\nlevel: expert\nsummary: ''\ntags: x\nupdated: yesterday\n"
    assert [line.rsplit(" [", 1)[1] for line in check_front(front)] == ["choice]", "empty]", "type]", "date]"]


def test_text_that_yaml_would_retype_is_read_as_written(make_project: Callable[..., Path], tmp_path: Path) -> None:
    front = (
        "title: yes\ncategory: Core Concepts\nlevel: beginner\nsummary: 1.50\naliases: [no, 'on', 2026-01-01, 0x1F]\n"
    )
    root = make_project({"content/term.md": f"---\n{front}---\n## What is this?\n\nText.\n"})
    terms = json.loads((build_site(root, tmp_path / "site") / "api" / "terms.json").read_bytes())["terms"]
    assert [(t["title"], t["summary"], t["aliases"]) for t in terms] == [
        ("yes", "1.50", ["no", "on", "2026-01-01", "0x1F"])
    ]
