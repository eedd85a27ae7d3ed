"""The entry format as a JSON Schema, for editors: generated from `schema.ENTRY`, never written by hand.

The checked-in copy lives at `schema/entry.schema.json`; regenerate it after
changing `glossator/content/schema.py` or the categories in `site.yaml`:

    python -m glossator.content.jsonschema --write

The schema describes front matter the way an editor's YAML 1.2 parser sees it
(`yes` is a string, `2026-11-20` is a string, `42` is a number); each kind
of value writes its own part (`kinds`).  It never
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

from glossator.content import schema
from glossator.content.config import CONFIG_FILE, read_config
from glossator.content.kinds import Json
from glossator.core.diagnostics import DiagnosticError, format_text

SCHEMA_FILE = Path("schema") / "entry.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def entry_schema(categories: Sequence[str]) -> Json:
    """The JSON Schema (draft 2020-12) of an entry's front matter, with `categories` as the allowed categories."""
    return {
        "$schema": DIALECT,
        "$comment": (
            "Generated from glossator/content/schema.py and the categories in site.yaml by "
            "`python -m glossator.content.jsonschema --write`; do not edit by hand. "
            "`python build.py check` is the authority: it also checks what a schema cannot (links between entries)."
        ),
        "title": "Glossator entry front matter",
        **schema.ENTRY.json_schema(categories),
    }


def render(document: Json) -> str:
    """The schema as the checked-in file's text: stable key order, two-space indent, final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def schema_text(root: Path) -> str:
    """The schema text for the project at `root` (its categories come from its site.yaml)."""
    read = read_config(root / CONFIG_FILE, Path.cwd())
    if read.value is None:
        raise DiagnosticError(read.problems)
    return render(entry_schema([c.name for c in read.value.categories]))


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
