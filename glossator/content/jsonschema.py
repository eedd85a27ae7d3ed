"""The entry format as a JSON Schema, for editors: generated from `schema.ENTRY`, never written by hand.

The checked-in copy lives at `schema/entry.schema.json`; regenerate it after
changing `glossator/schema.py` or the categories in `site.yaml`:

    python -m glossator.content.jsonschema --write

The schema describes front matter the way an editor's YAML 1.2 parser sees it
(`yes` is a string, `2026-11-20` is a string, `42` is a number).  It never
rejects front matter that `check` accepts; it may accept some that `check`
refuses, because rules that need the whole glossary (a `related` slug that
does not exist, a name used twice) or several values at once (a row with the
wrong number of cells, a rating above its `of`) are not expressed in it.
`check` stays the authority.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from glossator.content.config import CONFIG_FILE, read_config
from glossator.content.model import MARK_KINDS
from glossator.content.schema import ENTRY, Spec
from glossator.core.diagnostics import DiagnosticError, format_text
from glossator.core.slugs import SLUG_RE

SCHEMA_FILE = Path("schema") / "entry.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

Json = dict[str, object]

# The validator reads every scalar as the characters written, so a number or a
# boolean is acceptable text too; only an empty value (null) is not.
_SCALAR = ["string", "number", "boolean"]
# Printable characters of one line: no line break and no control character.
_IN_LINE = r"[^\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_ONE_LINE = rf"^[\t\n\r ]*{_IN_LINE}*[^\s\x00-\x1f\x7f]{_IN_LINE}*[\t\n\r ]*$"
_NOT_BLANK = r"\S"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_WHOLE_NUMBER = r"^[-+]?[0-9]+$"
# Not a JSON Schema keyword: VS Code's and yaml-language-server's message for a failed
# `pattern`, instead of the regular expression itself.  Validators ignore it.
_PATTERN_MESSAGE = "patternErrorMessage"

_MARKS = {
    "yes": "A ✓ mark, with a short note (may be empty)",
    "no": "A ✗ mark, with a short note (may be empty)",
    "partial": "A ~ mark, with a short note (may be empty)",
}


def _whole_number(description: str, minimum: int) -> Json:
    # A quoted number ("3") is accepted by the validator, so it is accepted here too.
    return {
        "description": description,
        "type": ["integer", "string"],
        "minimum": minimum,
        "pattern": _WHOLE_NUMBER,
        _PATTERN_MESSAGE: "A whole number",
    }


def _cell(spec: Spec) -> Json:
    choices: list[Json] = [{"description": "Plain text", "type": [*_SCALAR, "null"]}]
    for kind in spec.choices:
        if kind in MARK_KINDS:
            choices.append(
                {
                    "type": "object",
                    "properties": {kind: {"description": _MARKS[kind], "type": [*_SCALAR, "null"]}},
                    "required": [kind],
                    "additionalProperties": False,
                }
            )
        elif kind == "rating":
            choices.append(
                {
                    "type": "object",
                    "properties": {
                        "rating": _whole_number("How many stars are filled", 0),
                        "of": _whole_number("How many stars there are (default 5)", 1),
                    },
                    "required": ["rating"],
                    "additionalProperties": False,
                }
            )
        else:
            raise ValueError(f"no JSON Schema for the cell kind {kind!r}; teach glossator/jsonschema.py about it")
    return {"description": spec.description, "oneOf": choices}


def _value(spec: Spec, categories: Sequence[str]) -> Json:
    """The JSON Schema of one value, from its Spec."""
    d = spec.description
    match spec.kind:
        case "text" | "tag":
            return {
                "description": d,
                "type": _SCALAR,
                "pattern": _ONE_LINE,
                _PATTERN_MESSAGE: "Must not be empty, and must be plain text on one line",
            }
        case "markdown" | "inline":
            return {"description": d, "type": _SCALAR, "pattern": _NOT_BLANK, _PATTERN_MESSAGE: "Must not be empty"}
        case "category":
            return {"description": d, "type": "string", "enum": list(categories)}
        case "hash":
            return {
                "description": d,
                "type": "string",
                "pattern": "^[0-9a-f]{12}$",
                _PATTERN_MESSAGE: "12 hexadecimal digits, as written by glossator translate-status --update",
            }
        case "choice":
            return {"description": d, "type": "string", "enum": list(spec.choices)}
        case "slug":
            return {
                "description": d,
                "type": ["string", "integer"],
                "minimum": 0,
                "pattern": SLUG_RE.pattern,
                _PATTERN_MESSAGE: "An entry's file name without .md: lowercase letters, digits and single hyphens",
            }
        case "date":
            return {
                "description": d,
                "type": "string",
                "format": "date",
                "pattern": _DATE,
                _PATTERN_MESSAGE: "YYYY-MM-DD",
            }
        case "bool":
            return {"description": d, "type": "boolean"}
        case "cell":
            return _cell(spec)
        case "list":
            if spec.item is None:
                raise ValueError(f"the list {d!r} has no item spec")
            out: Json = {"description": d, "type": "array", "items": _value(spec.item, categories)}
            if spec.min_items:
                out["minItems"] = spec.min_items
            if spec.max_items is not None:
                out["maxItems"] = spec.max_items
            return out
        case "record":
            out = {
                "description": d,
                "type": "object",
                "properties": {f.name: _value(f.spec, categories) for f in spec.fields},
            }
            required = [f.name for f in spec.fields if f.required]
            if required:
                out["required"] = required
            out["additionalProperties"] = False
            return out
    raise ValueError(f"no JSON Schema for the value kind {spec.kind!r}; teach glossator/jsonschema.py about it")


def entry_schema(categories: Sequence[str]) -> Json:
    """The JSON Schema (draft 2020-12) of an entry's front matter, with `categories` as the allowed categories."""
    return {
        "$schema": DIALECT,
        "$comment": (
            "Generated from glossator/schema.py and the categories in site.yaml by "
            "`python -m glossator.content.jsonschema --write`; do not edit by hand. "
            "`python build.py check` is the authority: it also checks what a schema cannot (links between entries)."
        ),
        "title": "Glossator entry front matter",
        **_value(ENTRY, categories),
    }


def render(schema: Json) -> str:
    """The schema as the checked-in file's text: stable key order, two-space indent, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_text(root: Path) -> str:
    """The schema text for the project at `root` (its categories come from its site.yaml)."""
    config, problems = read_config(root / CONFIG_FILE, Path.cwd())
    if config is None:
        raise DiagnosticError(problems)
    return render(entry_schema([c.name for c in config.categories]))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m glossator.content.jsonschema",
        description=f"Print the JSON Schema of entry front matter, or keep {SCHEMA_FILE.as_posix()} up to date.",
    )
    parser.add_argument("--root", type=Path, default=Path(), help="the project folder (default: here)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help=f"write ROOT/{SCHEMA_FILE.as_posix()}")
    action.add_argument("--check", action="store_true", help=f"exit 1 when ROOT/{SCHEMA_FILE.as_posix()} is stale")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        text = schema_text(args.root)
    except DiagnosticError as exc:
        sys.stderr.write(format_text(exc.diagnostics))
        return 2
    target: Path = args.root / SCHEMA_FILE
    if args.check:
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            sys.stderr.write(
                f"{target.as_posix()} is out of date with glossator/schema.py and site.yaml; "
                "regenerate it with: python -m glossator.content.jsonschema --write\n"
            )
            return 1
        return 0
    if args.write:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        sys.stderr.write(f"wrote {target.as_posix()}\n")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
