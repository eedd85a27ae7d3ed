"""Spreadsheets: a CSV or TSV file with a header row, one term per row.

The columns are found by their names in the header, whatever their order
and case: the term (`term`, `name` or `title`), its `definition` (or
`description`, `meaning`), and optionally `aliases`, `category`, `tags`,
`level`, `related`, `summary` and `id` (or `slug`).  Several aliases, tags or
related terms in one cell are separated by `;` or `|`.  A definition may be
Markdown, and may already link other terms with `[[Name]]`.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from glossator.content.load import display_path
from glossator.importers.terms import MAX_SOURCE_BYTES, Notes, Options, Passage, Reading, Term, Version, read_text
from glossator.importers.text import clean

FORMATS = ("csv", "tsv")
MAPPED = (
    "term -> title",
    "definition -> the body; its first sentences -> summary (or the summary column)",
    "aliases (separated by ; or |) -> aliases",
    "category -> category, when site.yaml has it",
    "tags, level, related, id -> tags, level, related, the file name",
)
# Each column an entry takes, by the names a header may give it.
COLUMNS = {
    "title": ("term", "name", "title", "word", "headword"),
    "definition": ("definition", "description", "meaning", "def", "explanation", "body"),
    "aliases": ("aliases", "alias", "synonyms", "synonym", "aka", "also known as", "other names", "acronym"),
    "category": ("category", "categories", "group", "type", "domain"),
    "tags": ("tags", "tag", "keywords"),
    "level": ("level", "difficulty"),
    "related": ("related", "see also", "see", "related terms"),
    "summary": ("summary", "short definition", "short description", "short"),
    "key": ("id", "slug", "key"),
}
_SEPARATORS = re.compile(r"[;|]")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _SEPARATORS.split(cell) if part.strip())


def read(source: Path, options: Options, cwd: Path, *, delimiter: str = "") -> Reading:
    """Every row of a CSV (or, with a .tsv or .tab name or delimiter '\\t', TSV) file."""
    notes = Notes()
    path = display_path(source, cwd)
    text = read_text(source, path)
    if text.value is None:
        return Reading((), text.problems, MAPPED, failed=True)
    body = clean(text.value)
    delimiter = delimiter or ("\t" if source.suffix.lower() in (".tsv", ".tab") else _delimiter(body))
    csv.field_size_limit(MAX_SOURCE_BYTES)
    rows = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(rows, [])
        columns = _columns(header)
        if "title" not in columns or "definition" not in columns:
            found = ", ".join(repr(h) for h in header if h.strip()) or "nothing"
            message = (
                "the header row needs a column for the term (term, name or title) and one for its definition "
                f"(definition or description); found {found}"
            )
            notes.add(path, 1, "import-header", message, error=True)
            return Reading((), tuple(notes.found), MAPPED, failed=True)
        unused = [h for i, h in enumerate(header) if h.strip() and i not in columns.values()]
        if unused:
            listed = ", ".join(repr(h) for h in unused)
            notes.add(path, 1, "import-field", f"column(s) {listed} have no place in an entry; not imported")
        terms: list[Term] = []
        line = rows.line_num + 1
        for row in rows:
            term = _term(row, columns, path, line, notes)
            if term is not None:
                terms.append(term)
            line = rows.line_num + 1
    except csv.Error as exc:
        kind = "CSV" if delimiter == "," else "TSV"
        notes.add(path, rows.line_num, "import-csv", f"not valid {kind}: {exc}", error=True)
        return Reading((), tuple(notes.found), MAPPED, failed=True)
    return Reading(tuple(terms), tuple(notes.found), MAPPED)


def _delimiter(text: str) -> str:
    """What separates the header's cells: a comma, or the semicolon or tab a spreadsheet in some locales uses."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count) if header.count(",") == 0 else ","


def _columns(header: list[str]) -> dict[str, int]:
    """Each column an entry takes, by its index in the header."""
    names = {" ".join(h.casefold().replace("_", " ").split()): i for i, h in reversed(list(enumerate(header)))}
    found: dict[str, int] = {}
    for field, options in COLUMNS.items():
        index = next((names[n] for n in options if n in names), None)
        if index is not None and index not in found.values():
            found[field] = index
    return found


def _term(row: list[str], columns: dict[str, int], path: str, line: int, notes: Notes) -> Term | None:
    if not any(cell.strip() for cell in row):
        return None

    def cell(name: str) -> str:
        index = columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    title = " ".join(cell("title").split())
    if not title:
        notes.add(path, line, "import-row", "row has no term; not imported")
        return None
    definition = cell("definition")
    summary = cell("summary")
    return Term(
        key=cell("key") or title,
        path=path,
        line=line,
        text=Version(
            title=title,
            body=Passage(definition, line, exact=False),
            summary=Passage(summary, line, exact=False) if summary else None,
            aliases=_split(cell("aliases")),
        ),
        category=cell("category"),
        level=cell("level").casefold(),
        tags=_split(cell("tags")),
        related=_split(cell("related")),
        key_is_name=not cell("key"),
    )
