"""CSV: a row per entry and language, for spreadsheets.

Cells come from contributors, and a spreadsheet runs a cell that starts
with `=`, `+`, `-` or `@` as a formula: such a cell is written with a
leading apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io

from glossator.pages.exports.termbase import Termbase

COLUMNS = ("slug", "language", "title", "aliases", "category", "level", "tags", "summary", "url", "related")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def terms_csv(base: Termbase) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for concept in base.concepts:
        for t in concept.languages:
            row = (
                concept.slug,
                t.lang,
                t.title,
                "; ".join(t.aliases),
                t.category,
                concept.level,
                "; ".join(concept.tags),
                t.definition,
                t.url,
                "; ".join(concept.related),
            )
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()
