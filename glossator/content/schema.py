"""The entry format, declared once.

The validator reads this table to know which keys exist, which are required
and what each one accepts; the JSON Schema for editors is generated from it.
Nothing about the shape of front matter is written anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from glossator.content.model import LEVELS, MARK_KINDS, STATUSES

# What an entry's own page alone shows.  Every other field appears on other pages too (cards,
# listings, names, links, dates) or decides where the entry is, so a save that changes only
# these can be answered by rendering that one page again.
PAGE_ONLY_FIELDS = frozenset({"body", "example", "misconceptions", "impact", "comparison"})

# Lines that `glossator new` leaves for the author start with this mark; `check` reports any left behind.
PLACEHOLDER = "✎"


@dataclass(frozen=True, slots=True)
class Spec:
    """What a value accepts.  `kind` is one of the names handled by the validator."""

    kind: str
    description: str
    choices: tuple[str, ...] = ()
    item: Spec | None = None
    fields: tuple[Field, ...] = ()
    min_items: int = 0
    max_items: int | None = None


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    spec: Spec
    required: bool = False


def text(description: str) -> Spec:
    return Spec("text", description)


def markdown(description: str) -> Spec:
    return Spec("markdown", description)


def record(description: str, *fields: Field) -> Spec:
    return Spec("record", description, fields=fields)


CELL = Spec(
    "cell",
    "A plain string, {yes: text}, {no: text}, {partial: text} or {rating: n} (optionally with of: m)",
    choices=(*MARK_KINDS, "rating"),
)

ROW = record(
    "One row of the comparison",
    Field("label", text("What this row compares"), required=True),
    Field("hint", text("An optional second, quieter line under the label")),
    Field("cells", Spec("list", "One cell per column, in column order", item=CELL), required=True),
)

COMPARISON = record(
    "The table behind the entry's comparison diagram",
    Field("title", text("The diagram's title, e.g. 'Fine-Tuning vs RAG'"), required=True),
    Field(
        "columns",
        Spec(
            "list", "2 to 5 column names; the first is this entry", item=text("A column name"), min_items=2, max_items=5
        ),
        required=True,
    ),
    Field("rows", Spec("list", "The rows of the comparison", item=ROW, min_items=1), required=True),
)

EXAMPLE = record(
    "A real-world example",
    Field("title", text("A short headline for the example"), required=True),
    Field("body", markdown("The example itself (Markdown)"), required=True),
)

MISCONCEPTION = record(
    "A common misconception and its correction",
    Field("myth", text("What people wrongly believe"), required=True),
    Field("truth", markdown("What is actually the case (Markdown)"), required=True),
)

ENTRY = record(
    "A glossary entry's front matter",
    Field("title", text("The term, as plain text"), required=True),
    Field("sort_as", text("How the title sorts in the A–Z, when the title alone does not sort well (e.g. a reading)")),
    Field(
        "source_hash",
        Spec("hash", "Translations only: the hash of the source version this was translated from (tools fill it in)"),
    ),
    Field("category", Spec("category", "One of the categories in site.yaml"), required=True),
    Field("level", Spec("choice", "Who the entry is written for", choices=LEVELS), required=True),
    Field("summary", Spec("inline", "The 30-second version (inline Markdown)"), required=True),
    Field("aliases", Spec("list", "Other names for the term", item=text("Another name"))),
    Field("tags", Spec("list", "Free-form tags", item=Spec("tag", "A tag"))),
    Field("related", Spec("list", "Slugs of related entries", item=Spec("slug", "An entry's slug"))),
    Field("updated", Spec("date", "When the entry last changed meaningfully (YYYY-MM-DD)")),
    Field("status", Spec("choice", "published (default) or draft", choices=STATUSES)),
    Field("autolink", Spec("bool", "Link mentions of other terms automatically (default from site.yaml)")),
    Field("comparison", COMPARISON),
    Field("example", EXAMPLE),
    Field("misconceptions", Spec("list", "Common misconceptions", item=MISCONCEPTION)),
    Field("impact", markdown("The missing link: how this term directly affects the reader (Markdown)")),
)
