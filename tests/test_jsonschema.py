"""The editor schema: generated from schema.ENTRY, checked in, current, and faithful to `check`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from glossator.content.config import read_config
from glossator.content.frontmatter import split_front_matter
from glossator.content.jsonschema import SCHEMA_FILE, entry_schema, schema_text
from glossator.content.load import SourceFile
from glossator.content.schema import ENTRY, Field, Spec, record
from glossator.content.validate import validate
from tests.conftest import MINIMAL_SITE_YAML, ROOT, entry_text

FIXTURES = ROOT / "tests" / "fixtures"

# YAML 1.2 core schema, the way yaml-language-server reads front matter (PyYAML reads YAML 1.1).
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def as_editor_sees(node: yaml.Node) -> Any:
    """A composed YAML node as JSON data under the YAML 1.2 core schema."""
    if isinstance(node, yaml.MappingNode):
        return {str(as_editor_sees(k)): as_editor_sees(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [as_editor_sees(item) for item in node.value]
    text = str(node.value)
    if node.style:  # quoted or block scalar: always a string
        return text
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text):
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
    if _FLOAT.match(text):
        special = {".inf": "inf", "+.inf": "inf", "-.inf": "-inf", ".nan": "nan"}
        return float(special.get(text.lower(), text))
    return text


def front_matter(text: str) -> Any:
    split = split_front_matter(SourceFile("x.md", "x", "en", text, ""), 10**6)
    assert split.value is not None, split.problems
    node = yaml.compose(split.value.yaml, Loader=yaml.SafeLoader)
    return None if node is None else as_editor_sees(node)


def starter_schema() -> dict[str, Any]:
    import json

    data: dict[str, Any] = json.loads((ROOT / SCHEMA_FILE).read_text(encoding="utf-8"))
    return data


def errors(schema: dict[str, Any], data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return sorted(e.message for e in validator.iter_errors(data))


def test_the_checked_in_schema_is_current() -> None:
    assert (ROOT / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(ROOT), (
        "schema/entry.schema.json is stale: run python -m glossator.content.jsonschema --write"
    )


def test_the_schema_is_valid_draft_2020_12() -> None:
    schema = starter_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_schema_follows_schema_entry_and_site_yaml() -> None:
    schema = starter_schema()
    assert list(schema["properties"]) == [f.name for f in ENTRY.fields]
    assert schema["required"] == [f.name for f in ENTRY.fields if f.required]
    needed = {rule["if"]["properties"]["kind"]["const"]: rule["then"].get("required") for rule in schema["allOf"]}
    assert needed == {"term": ["level"], "disambiguation": ["meanings"]}
    assert schema["additionalProperties"] is False
    site = yaml.safe_load((ROOT / "site.yaml").read_text(encoding="utf-8"))
    assert schema["properties"]["category"]["enum"] == [c["name"] for c in site["categories"]]
    assert schema["properties"]["level"]["enum"] == ["beginner", "intermediate", "advanced"]
    columns = schema["properties"]["comparison"]["properties"]["columns"]
    assert (columns["minItems"], columns["maxItems"]) == (2, 5)


def test_a_new_kind_of_value_cannot_be_left_out_of_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    from glossator.content import schema

    mystery = record("x", *ENTRY.fields[:1], Field("odd", Spec("mystery", "?")))
    monkeypatch.setattr(schema, "ENTRY", mystery)
    with pytest.raises(ValueError, match="mystery"):
        entry_schema(["A"])


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "content").glob("*.md")) + sorted((FIXTURES / "golden-site" / "content").glob("*.md")),
    ids=lambda p: p.name,
)
def test_every_entry_that_checks_clean_matches_the_schema(path: Path) -> None:
    schema = starter_schema()
    if "golden-site" in path.parts:
        site = yaml.safe_load((FIXTURES / "golden-site" / "site.yaml").read_text(encoding="utf-8"))
        schema = entry_schema([c["name"] for c in site["categories"]])
    assert errors(schema, front_matter(path.read_text(encoding="utf-8"))) == []


def test_text_that_only_looks_like_a_number_or_boolean_is_accepted_as_check_does(tmp_path: Path) -> None:
    text = entry_text(
        "2024",
        extra="""\
        aliases: [true, 3.5]
        related: [42]
        comparison:
          title: A vs B
          columns: [A, B]
          rows:
            - label: Marks
              cells: [{yes: }, {partial: 7}]
            - label: Stars
              cells: [{rating: "3"}, {rating: 2, of: 10}]
        """,
    )
    (tmp_path / "site.yaml").write_text(MINIMAL_SITE_YAML, encoding="utf-8")
    read = read_config(tmp_path / "site.yaml", tmp_path)
    config, problems = read.value, read.problems
    assert config is not None, problems
    assert validate(SourceFile("x.md", "x", "en", text, ""), config).problems == ()
    assert errors(entry_schema(["Core Concepts"]), front_matter(text)) == []


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("category-unknown", "is not one of"),
        ("level-not-a-choice", "is not one of"),
        ("status-typo", "is not one of"),
        ("related-not-a-slug", "does not match"),
        ("comparison-one-column", "is too short"),
        ("comparison-six-columns", "is too long"),
        ("comparison-unknown-cell-kind", "is not valid under any of the given schemas"),
        ("date-not-a-date", "does not match"),
        ("summary-empty", "does not match"),
        ("missing-required-fields", "is a required property"),
        ("nested-missing-fields", "is a required property"),
        ("autolink-not-a-boolean", "is not of type 'boolean'"),
        ("front-matter-is-a-list", "is not of type 'object'"),
    ],
)
def test_the_schema_rejects_what_an_editor_can_catch(case: str, expected: str) -> None:
    files = sorted((FIXTURES / "invalid" / case).rglob("*.md"))
    assert files, case
    found = [m for f in files for m in errors(entry_schema(["Core Concepts", "Tools"]), front_matter(f.read_text()))]
    assert any(expected in m for m in found), found


def test_an_unknown_key_and_a_multi_line_title_are_rejected() -> None:
    text = entry_text("Two\n  lines", extra="relatd: [x]\n")
    text = text.replace("title: Two\n  lines", 'title: "Two\\nlines"')
    found = errors(entry_schema(["Core Concepts"]), front_matter(text))
    assert any("'relatd' was unexpected" in m for m in found), found
    assert any("'Two\\nlines' does not match" in m for m in found), found


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glossator.content.jsonschema", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )


def test_the_module_writes_checks_and_prints_the_schema(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(MINIMAL_SITE_YAML, encoding="utf-8")
    stale = run_module("--check", cwd=tmp_path)
    assert stale.returncode == 1 and "python -m glossator.content.jsonschema --write" in stale.stderr
    assert run_module("--write", cwd=tmp_path).returncode == 0
    written = (tmp_path / SCHEMA_FILE).read_text(encoding="utf-8")
    assert '"Tools"' in written and written.endswith("}\n")
    assert run_module("--check", cwd=tmp_path).returncode == 0
    assert run_module(cwd=tmp_path).stdout == written
    (tmp_path / "site.yaml").write_text(MINIMAL_SITE_YAML.replace("Tools", "Gadgets"), encoding="utf-8")
    assert run_module("--check", cwd=tmp_path).returncode == 1


def test_the_module_reports_a_broken_site_yaml_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("title: T\n", encoding="utf-8")
    result = run_module(cwd=tmp_path)
    assert result.returncode == 2
    assert "site.yaml" in result.stderr and "Traceback" not in result.stderr


def test_the_contributing_guide_documents_every_field() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for field in ENTRY.fields:
        kinds = " and ".join(field.required_in)
        required = "yes" if field.required else f"{kinds} only" if kinds else "no"
        assert f"| `{field.name}` | {required} |" in guide, field.name
