"""A contributor's round trip: new -> check says what to fill -> filled in -> check passes.

Also `--strict`, and every output format of `check` with hostile text in it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.content.jsonschema import entry_schema
from glossator.content.schema import PLACEHOLDER
from tests.helpers import check_case, entry_text, read_site, run_cli
from tests.test_jsonschema import errors, front_matter
from tests.test_quality_warnings import rich

GOOD = {"content/alpha.md": rich("Alpha", related="beta"), "content/beta.md": rich("Beta", related="alpha")}
LEFT_TO_FILL = {
    "summary",
    "example.title",
    "example.body",
    "misconceptions[0].myth",
    "misconceptions[0].truth",
    "impact",
}


def fill_in(text: str) -> str:
    """What a contributor writes into the scaffold."""
    replacements = {
        'summary: ""': "summary: A café model is a made-up term that walks through adding an entry.",
        "related: []": "related: [alpha]",
        '  title: ""': "  title: A first pull request",
        '  body: ""': "  body: A new contributor scaffolds an entry, fills it in and sees check pass.",
        '  - myth: ""\n    truth: ""': (
            "  - myth: Adding an entry takes an afternoon.\n"
            "    truth: With the scaffold it takes minutes; the writing is the real work.\n"
            "  - myth: Mistakes are only found in review.\n"
            "    truth: check finds them first and says how to fix each one."
        ),
        'impact: ""': "impact: A glossary grows faster when adding to it is easy.",
    }
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return re.sub(rf"^{PLACEHOLDER} .*$", "Plain words, written by the contributor.", text, flags=re.M)


def test_new_then_check_then_fill_in_then_pass(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(GOOD)

    new = run_cli(capsys, "new", "Café Model", "--category", "Tools", "--level", "intermediate", cwd=root)
    assert new.code == 0 and "Traceback" not in new.printed
    assert "created content/cafe-model.md" in new.out and "python build.py check" in new.out
    path = root / "content" / "cafe-model.md"
    scaffold = path.read_text(encoding="utf-8")
    lines = scaffold.split("\n")
    assert lines[1] == "# yaml-language-server: $schema=../schema/entry.schema.json"

    # 1. The scaffold fails only for what is left to fill, each at the place to fill it.
    def project_files() -> list[Path]:  # all but the work cache, which check keeps for the next run
        return sorted(p for p in root.rglob("*") if ".glossator-cache" not in p.relative_to(root).parts)

    paths, files = project_files(), read_site(root)
    run = check_case(capsys, root)
    assert run.code == 1 and project_files() == paths  # check writes nothing in the project
    assert {k: v for k, v in read_site(root).items() if not k.startswith(".glossator-cache")} == files
    printed = [re.match(r"^(.+?):(\d+):(\d+): (\w+): (.+) \[(.+)\]$", line) for line in run.out.splitlines()]
    assert all(printed), run.out
    # The one warning is for a field left as it was scaffolded: no related entries yet.
    warnings = [m.group(0) for m in printed if m is not None and m.group(4) == "warning"]
    assert [w.split(": ", 2)[2] for w in warnings] == [
        "related: no related entries; list the slugs of the closest terms [no-related]"
    ]
    problems = [m for m in printed if m is not None and m.group(4) == "error"]
    fields = set()
    for m in problems:
        assert m is not None
        file, line, col, severity, message, code_ = m.groups()
        assert (file, severity) == ("content/cafe-model.md", "error"), m.group(0)
        field = message.split(":")[0]
        fields.add(field)
        at = lines[int(line) - 1][int(col) - 1 :]
        if code_ == "placeholder":
            assert message == f"body: replace this {PLACEHOLDER} line with your own text"
            assert at.startswith(PLACEHOLDER)
        else:
            assert (code_, message) == ("empty", f"{field}: must not be empty")
            assert at == '""', (field, lines[int(line) - 1])
    assert fields == {*LEFT_TO_FILL, "body"}
    assert sum(m is not None and m.group(6) == "placeholder" for m in problems) == 4
    assert run.err == f"check: {len(problems)} error(s), 1 warning(s)\n"

    # An editor using the schema (the modeline) flags the same front-matter fields.
    found = errors(entry_schema(["Core Concepts", "Tools"]), front_matter(scaffold))
    assert len(found) == len(LEFT_TO_FILL)

    # 2. Filled in: it passes; the only warning left is that nothing links to it yet.
    path.write_text(fill_in(scaffold), encoding="utf-8")
    run = check_case(capsys, root)
    assert run.code == 0
    title_line = next(i for i, line in enumerate(lines, 1) if line.startswith("title:"))
    assert run.out == (
        f"content/cafe-model.md:{title_line}:8: warning: title: no other entry links to 'Café Model'; "
        "link it with [[cafe-model]] where another entry mentions it, or add 'cafe-model' to that entry's related "
        "[orphan]\n"
    )
    assert run.err == "check: 0 error(s), 1 warning(s)\n"
    assert check_case(capsys, root, "--strict").code == 1
    assert errors(entry_schema(["Core Concepts", "Tools"]), front_matter(path.read_text(encoding="utf-8"))) == []

    # 3. Linked from an existing entry: clean, even under --strict.
    alpha = root / "content" / "alpha.md"
    alpha.write_text(rich("Alpha", related="beta, cafe-model"), encoding="utf-8")
    run = check_case(capsys, root, "--strict")
    assert (run.code, run.out, run.err) == (0, "", "check: 3 entries, no problems\n")


def test_strict_fails_on_warnings_and_never_hides_errors(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(GOOD)
    assert [check_case(capsys, root, *s).code for s in ([], ["--strict"])] == [0, 0]
    (root / "content" / "gamma.md").write_text(rich("Gamma", related="alpha"), encoding="utf-8")  # an orphan
    assert [check_case(capsys, root, *s).code for s in ([], ["--strict"])] == [0, 1]
    (root / "content" / "delta.md").write_text(entry_text("Delta", level="expert"), encoding="utf-8")
    results = [check_case(capsys, root, *s) for s in ([], ["--strict"])]
    assert [r.code for r in results] == [1, 1]
    # Errors and warnings come in the same run; the warnings never push an error out.
    assert all("[choice]" in r.out and "[orphan]" in r.out for r in results)


# -- output formats with hostile text -------------------------------------------------------

HOSTILE_KEY = "x%0A::error::pwned\\r\\n::set-output name=a::b"  # as written in YAML, in double quotes
HOSTILE_TITLE = "Boom %0A::error file=x::pwned ::set-output name=a::b %25"


def decode_github_data(data: str) -> str:
    """What the Actions runner makes of a workflow command's data."""
    return re.sub(r"%(25|0D|0A)", lambda m: {"25": "%", "0D": "\r", "0A": "\n"}[m.group(1)], data)


def github_lines(out: str) -> list[tuple[str, dict[str, str], str]]:
    assert out.endswith("\n") and "\r" not in out
    parsed = []
    for line in out.splitlines():
        m = re.fullmatch(r"::(error|warning) ([^:]*)::(.*)", line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        assert list(props) == ["file", "line", "col", "title"]
        parsed.append((m.group(1), props, m.group(3)))
    return parsed


@pytest.fixture
def hostile(make_project: Callable[..., Path]) -> Callable[[str], Path]:
    def make(kind: str) -> Path:
        files = dict(GOOD)
        if kind == "error":
            files["content/gamma.md"] = entry_text("Gamma", extra=f'"{HOSTILE_KEY}": 1\n')
        else:
            files["content/gamma.md"] = rich(f'"{HOSTILE_TITLE}"', related="alpha")
        return make_project(files)

    return make


@pytest.mark.parametrize("kind", ["error", "warning"])
def test_github_annotations_cannot_be_hijacked(
    kind: str, hostile: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = hostile(kind)
    github = check_case(capsys, root, "--format", "github", "--strict")
    assert github.code == 1
    expected = json.loads(check_case(capsys, root, "--format", "json").out)
    assert len(github_lines(github.out)) == len(expected)
    hostile_code = "unknown-key" if kind == "error" else "orphan"  # the problem whose message holds the hostile text
    annotations = [a for a in github_lines(github.out) if a[1]["title"] == hostile_code]
    expected = [d for d in expected if d["code"] == hostile_code]
    assert len(annotations) == len(expected) == 1
    (severity, props, data), d = annotations[0], expected[0]
    assert severity == d["severity"] == kind
    assert props == {"file": "content/gamma.md", "line": str(d["line"]), "col": str(d["col"]), "title": d["code"]}
    assert decode_github_data(data) == d["message"]  # escaped, yet exactly the message
    assert "::set-output" in d["message"] and "%0A::" in d["message"]
    assert "%250A::" in data  # the contributor's own "%0A" stays text
    if kind == "error":
        assert "\r\n" in d["message"] and "%0D%0A" in data


def test_json_is_a_stable_documented_list(hostile: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = hostile("error")
    (root / "content" / "delta.md").write_text(entry_text("Delta", level="expert"), encoding="utf-8")
    run = check_case(capsys, root, "--format", "json")
    assert run.code == 1
    data = json.loads(run.out)
    assert [list(d) for d in data] == [["path", "line", "col", "severity", "code", "message"]] * len(data)
    assert [(d["path"], d["line"], d["col"]) for d in data] == sorted((d["path"], d["line"], d["col"]) for d in data)
    errors = [d for d in data if d["severity"] == "error"]
    assert [(d["path"], d["code"]) for d in errors] == [
        ("content/delta.md", "choice"),
        ("content/gamma.md", "unknown-key"),
    ]
    assert errors[1]["message"].startswith("x%0A::error::pwned\r\n::set-output name=a::b: unknown key")
    assert check_case(capsys, root, "--format", "json").out == run.out  # byte-for-byte the same on a second run


def test_json_reports_warnings_too(hostile: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    run = check_case(capsys, hostile("warning"), "--format", "json")
    assert run.code == 0
    assert [(d["severity"], d["code"]) for d in json.loads(run.out)] == [("warning", "orphan")]
    assert json.loads(run.out)[0]["message"].startswith(f"title: no other entry links to '{HOSTILE_TITLE}'")
