"""The entry format, declared once.

Each field of an entry's front matter: its name, the kind of value it takes
(whose class, in `kinds`, reads it, describes it as JSON Schema and scaffolds
it), whether it is required, whether only the entry's own page shows it, and
how `glossator new` writes it.  Validation, the entry's prose fields, weaving,
the views, the JSON Schema for editors and both scaffolds follow this table;
a new Markdown field needs only its line here and the template that shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from glossator.content.kinds import (
    PLACEHOLDER,
    SOURCE_HASH_LENGTH,
    Bool,
    CategoryName,
    Choice,
    Date,
    Field,
    Guide,
    Inline,
    ListOf,
    Markdown,
    Record,
    Slug,
    SourceHash,
    Spec,
    Tag,
    Text,
)
from glossator.content.model import KINDS, LEVELS, MARK_KINDS, STATUSES, Example, Meaning, Misconception, Ref, Row
from glossator.content.table import CellValue, Table

__all__ = [
    "COMPARISON",
    "ENTRY",
    "EXAMPLE",
    "MISCONCEPTION",
    "PAGE_ONLY_FIELDS",
    "PLACEHOLDER",
    "ROW",
    "SOURCE_HASH_LENGTH",
    "Field",
    "Guide",
    "Spec",
    "markdown",
    "record",
    "text",
]


def text(description: str) -> Text:
    return Text(description)


def markdown(description: str) -> Markdown:
    return Markdown(description)


def record(description: str, *fields: Field, make: Callable[..., object] | None = None) -> Record:
    return Record(description, fields=fields, make=make)


CELL = CellValue(
    "A plain string, {yes: text}, {no: text}, {partial: text} or {rating: n} (optionally with of: m)",
    choices=(*MARK_KINDS, "rating"),
)

ROW = record(
    "One row of the comparison",
    Field("label", text("What this row compares"), required=True),
    Field("hint", text("An optional second, quieter line under the label")),
    Field("cells", ListOf("One cell per column, in column order", item=CELL), required=True),
    make=Row,
)

COMPARISON = Table(
    "The table behind the entry's comparison diagram",
    fields=(
        Field("title", text("The diagram's title; by default the columns joined by ' vs ', e.g. 'Fine-Tuning vs RAG'")),
        Field(
            "columns",
            ListOf(
                "2 to 5 column names; the first is this entry", item=text("A column name"), min_items=2, max_items=5
            ),
            required=True,
        ),
        Field("rows", ListOf("The rows of the comparison", item=ROW, min_items=1), required=True),
    ),
)

EXAMPLE = record(
    "A real-world example",
    Field("title", text("A short headline for the example"), required=True),
    Field("body", markdown("The example itself (Markdown)"), required=True),
    make=Example,
)

MISCONCEPTION = record(
    "A common misconception and its correction",
    Field("myth", text("What people wrongly believe"), required=True),
    Field("truth", markdown("What is actually the case (Markdown)"), required=True),
    make=Misconception,
)


def _meaning(slug: Ref, note: str) -> Meaning:
    return Meaning(slug.slug, note, slug.pos)


MEANING = Record(
    "One meaning of the name",
    fields=(
        Field(
            "slug",
            Slug(
                "The slug of the entry that explains this meaning",
                code="meanings",
                itself="a disambiguation page cannot list itself as a meaning",
            ),
            required=True,
        ),
        Field("note", text("One line that tells this meaning apart from the others"), required=True),
    ),
    make=_meaning,
    unique="slug",
)

# The kinds of entry: a term explains one thing; a disambiguation page lists what one name may mean,
# so it needs no level and takes none of a term's explanation (comparison, example, misconceptions, impact).
TERM, DISAMBIGUATION = KINDS

_COMPARISON_EXAMPLE = """\
  title: {title} vs Alternative
  columns: [{title}, Alternative]
  rows:
    - label: What changes
      hint: An optional second line
      cells: [{yes: Something}, {no: Nothing}]
    - label: Effort
      cells: [{rating: 3}, {rating: 1}]"""

ENTRY = Record(
    "A glossary entry's front matter",
    variant_key="kind",
    fields=(
        Field(
            "title",
            text("The term, as plain text"),
            required=True,
            guide=Guide("The term as readers know it; the file name ({slug}.md) is its address.", "{title}"),
        ),
        Field(
            "sort_as", text("How the title sorts in the A–Z, when the title alone does not sort well (e.g. a reading)")
        ),
        Field(
            "source_hash",
            SourceHash("Translations only: the hash of the source version this was translated from (tools fill it in)"),
        ),
        Field(
            "category",
            CategoryName("One of the categories in site.yaml"),
            required=True,
            guide=Guide("One of: {categories}", "{category}"),
        ),
        Field(
            "level",
            Choice("Who the entry is written for", choices=LEVELS),
            required_in=(TERM,),
            guide=Guide("{choices}", "{level}"),
        ),
        Field(
            "summary",
            Inline("The 30-second version (inline Markdown)"),
            required=True,
            guide=Guide("The 30-second version: two or three plain sentences, at most about 60 words."),
        ),
        Field(
            "aliases",
            ListOf("Other names for the term", item=text("Another name")),
            guide=Guide("Other names people use (search and auto-linking find the entry by these)."),
        ),
        Field("tags", ListOf("Free-form tags", item=Tag("A tag")), guide=Guide("A few lowercase topic words.")),
        Field(
            "related",
            ListOf("Slugs of related entries", item=Slug("An entry's slug")),
            guide=Guide("Slugs of closely related entries (file names without .md)."),
        ),
        Field(
            "updated",
            Date("When the entry last changed meaningfully (YYYY-MM-DD)"),
            guide=Guide("The date of the last meaningful change, YYYY-MM-DD.", "{today}"),
        ),
        Field(
            "status",
            Choice("published (default), draft, or deprecated (kept for readers, no longer in use)", choices=STATUSES),
        ),
        Field(
            "replaced_by",
            Slug(
                "With status: deprecated, the slug of the entry to use instead",
                code="replaced-by",
                itself="an entry cannot be replaced by itself",
            ),
        ),
        Field(
            "redirect_from",
            ListOf(
                "Old slugs of this entry, whose addresses lead here",
                item=Slug(
                    "A slug this entry had before",
                    code="redirect-from",
                    itself="this is the entry's own slug; list only the slugs it had before",
                    default_language_only=True,
                ),
            ),
        ),
        Field("reviewed", Date("When an expert last reviewed the entry (YYYY-MM-DD)")),
        Field("reviewers", ListOf("Who reviewed the entry", item=text("A reviewer's name"))),
        Field(
            "kind",
            Choice(
                "term (default), or disambiguation: a page that lists the meanings of one name",
                choices=KINDS,
            ),
        ),
        Field(
            "meanings",
            ListOf("The entries this name may mean, each with a line telling it apart", item=MEANING, min_items=2),
            required_in=(DISAMBIGUATION,),
            only_in=(DISAMBIGUATION,),
        ),
        Field("autolink", Bool("Link mentions of other terms automatically (default from site.yaml)")),
        Field(
            "comparison",
            COMPARISON,
            page_only=True,
            only_in=(TERM,),
            guide=Guide(
                "Optional: a comparison table, drawn as a diagram. Delete the '#' marks to use it.",
                example=_COMPARISON_EXAMPLE,
            ),
        ),
        Field(
            "example",
            EXAMPLE,
            page_only=True,
            only_in=(TERM,),
            guide=Guide("A concrete, realistic situation where the term matters."),
        ),
        Field(
            "misconceptions",
            ListOf("Common misconceptions", item=MISCONCEPTION),
            page_only=True,
            only_in=(TERM,),
            guide=Guide("What people often get wrong: each myth in one sentence, then the correction."),
        ),
        Field(
            "impact",
            markdown("The missing link: how this term directly affects the reader (Markdown)"),
            page_only=True,
            only_in=(TERM,),
            guide=Guide("The missing link: how the term directly affects the reader's decisions, cost or risk."),
        ),
    ),
)

# What an entry's own page alone shows: its body (the Markdown after the front matter) and the
# fields marked page_only.  Every other field appears on other pages too (cards, listings, names,
# links, dates) or decides where the entry is, so a save that changes only these can be answered
# by rendering that one page again.
PAGE_ONLY_FIELDS = frozenset({"body", *(f.name for f in ENTRY.fields if f.page_only)})
