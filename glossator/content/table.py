"""The comparison's kinds: a table of rows, each with one cell per column, and the cells themselves.

A row's cells are counted against the table's columns, and the rows against
the site's limit, so the table reads its parts itself rather than field by field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from glossator.content.kinds import PATTERN_MESSAGE, SCALAR, Json, ListOf, Reader, Record, Spec
from glossator.content.model import MARK_KINDS, Cell, Comparison, Row
from glossator.content.yamlnodes import describe, scalar_text
from glossator.core.diagnostics import did_you_mean

_WHOLE_NUMBER = r"^[-+]?[0-9]+$"
_MARKS = {
    "yes": "A ✓ mark, with a short note (may be empty)",
    "no": "A ✗ mark, with a short note (may be empty)",
    "partial": "A ~ mark, with a short note (may be empty)",
}


@dataclass(frozen=True, slots=True)
class Table(Record):
    """The comparison: its columns, rows of one cell per column (no more than site.yaml allows), and a title.

    The title is optional: without one, the columns joined by " vs " name the diagram.
    """

    kind: str = field(default="comparison", init=False)

    def read(self, reader: Reader, node: yaml.Node, where: str) -> Comparison | None:
        found = self.present(reader, node, where)
        if found is None:
            return None
        # Each part is read even when another is missing or wrong, so that every problem shows at once.
        title = self.spec_of("title").read(reader, found["title"], f"{where}.title") if "title" in found else ""
        columns_spec, rows_spec = self.spec_of("columns"), self.spec_of("rows")
        assert isinstance(columns_spec, ListOf) and isinstance(rows_spec, ListOf)
        column_nodes = columns_spec.items(reader, found["columns"], f"{where}.columns") if "columns" in found else None
        columns = columns_spec.read_items(reader, column_nodes or [], f"{where}.columns")
        row_nodes = (rows_spec.items(reader, found["rows"], f"{where}.rows") if "rows" in found else None) or []
        limit = reader.limits.comparison_rows
        if len(row_nodes) > limit:
            reader.error(
                found["rows"],
                "too-large",
                f"{where}.rows: {len(row_nodes)} rows; the limit is {limit} (limits.comparison_rows in site.yaml)",
            )
            return None
        # Cells are counted against the columns only when the columns themselves could be read as a list.
        width = len(column_nodes) if column_nodes is not None else None
        assert isinstance(rows_spec.item, Record)
        rows = [_row(rows_spec.item, reader, r, f"{where}.rows[{i}]", width) for i, r in enumerate(row_nodes)]
        if not self.complete(found) or not isinstance(title, str) or column_nodes is None or columns is None:
            return None
        if None in rows:
            return None
        names = tuple(str(c) for c in columns)
        return Comparison(title or default_title(names), names, tuple(r for r in rows if r is not None))


def default_title(columns: Sequence[str]) -> str:
    """A comparison's title when it gives none: its columns, "A vs B vs C"."""
    return " vs ".join(columns)


def _row(spec: Record, reader: Reader, node: yaml.Node, where: str, width: int | None) -> Row | None:
    found = spec.present(reader, node, where)
    if found is None:
        return None
    label = spec.spec_of("label").read(reader, found["label"], f"{where}.label") if "label" in found else None
    hint = spec.spec_of("hint").read(reader, found["hint"], f"{where}.hint") if "hint" in found else ""
    cells_spec = spec.spec_of("cells")
    assert isinstance(cells_spec, ListOf)
    cell_nodes = cells_spec.items(reader, found["cells"], f"{where}.cells") if "cells" in found else None
    if cell_nodes is None:
        return None
    counted = width is None or len(cell_nodes) == width
    if not counted:
        reader.error(
            found["cells"],
            "cell-count",
            f"{where}.cells: expected {width} cells, one per column (got {len(cell_nodes)})",
        )
    cells = cells_spec.read_items(reader, cell_nodes, f"{where}.cells")
    if not isinstance(label, str) or cells is None or not counted:
        return None
    return Row(label, tuple(c for c in cells if isinstance(c, Cell)), hint if isinstance(hint, str) else "")


@dataclass(frozen=True, slots=True)
class CellValue(Spec):
    """One cell of a comparison: plain text, or one of `choices` as a one-key mapping."""

    kind: str = field(default="cell", init=False)

    def read(self, reader: Reader, node: yaml.Node, where: str) -> Cell | None:
        if isinstance(node, yaml.ScalarNode):
            value = reader.text(node, where, allow_empty=True)
            return None if value is None else Cell("text", " ".join(value.split()))
        if not isinstance(node, yaml.MappingNode) or not node.value:
            reader.error(
                node,
                "cell",
                f"{where}: expected text or one of {{yes: ...}}, {{no: ...}}, {{partial: ...}}, {{rating: n}} "
                f"(got {describe(node)})",
            )
            return None
        # Read keys as written: YAML 1.1 would turn a bare `yes`/`no` into a boolean.
        pairs = [(scalar_text(k), k, v) for k, v in node.value]
        keys = [k for k, _, _ in pairs]
        kinds = [k for k in keys if k in self.choices]
        if len(kinds) != 1:
            if kinds:
                reader.error(node, "cell", f"{where}: a cell has one kind; found {', '.join(kinds)}")
            else:
                reader.error(
                    pairs[0][1],
                    "cell",
                    f"{where}: unknown cell kind {keys[0]!r}; use yes, no, partial or rating"
                    f"{did_you_mean(keys[0], self.choices)}",
                )
            return None
        kind = kinds[0]
        allowed = ("rating", "of") if kind == "rating" else (kind,)
        for key, key_node, _ in pairs:
            if key not in allowed:
                shape = "rating: n and optionally of: m" if kind == "rating" else f"only {kind}: text"
                reader.error(
                    key_node, "cell", f"{where}.{key}: a {kind} cell takes {shape}{did_you_mean(key, allowed)}"
                )
                return None
        values = {key: value for key, _, value in pairs}
        if kind == "rating":
            of = reader.integer(values["of"], f"{where}.of", 1, 10) if "of" in values else 5
            if of is None:
                return None
            rating = reader.integer(values["rating"], f"{where}.rating", 0, of)
            return None if rating is None else Cell("rating", rating=rating, of=of)
        text = reader.text(values[kind], f"{where}.{kind}", allow_empty=True)
        return None if text is None else Cell(kind, " ".join(text.split()))  # type: ignore[arg-type]  # a mark kind, by the check above

    def json_schema(self, categories: Sequence[str]) -> Json:
        choices: list[Json] = [{"description": "Plain text", "type": [*SCALAR, "null"]}]
        for kind in self.choices:
            if kind in MARK_KINDS:
                choices.append(
                    {
                        "type": "object",
                        "properties": {kind: {"description": _MARKS[kind], "type": [*SCALAR, "null"]}},
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
                raise ValueError(f"no JSON Schema for the cell kind {kind!r}; give CellValue one")
        return {"description": self.description, "oneOf": choices}


def _whole_number(description: str, minimum: int) -> Json:
    # A quoted number ("3") is read as one, so it is accepted here too.
    return {
        "description": description,
        "type": ["integer", "string"],
        "minimum": minimum,
        "pattern": _WHOLE_NUMBER,
        PATTERN_MESSAGE: "A whole number",
    }
