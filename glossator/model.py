"""The glossary's data: immutable values that flow from validation to rendering.

Everything here is a frozen, slotted dataclass.  Stages never mutate what an
earlier stage produced; they build new values from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from glossator.config import SiteConfig
    from glossator.diagnostics import Diagnostic
    from glossator.markdown import Document

Level = Literal["beginner", "intermediate", "advanced"]
LEVELS: tuple[Level, ...] = ("beginner", "intermediate", "advanced")

Status = Literal["published", "draft"]
STATUSES: tuple[Status, ...] = ("published", "draft")

CellKind = Literal["text", "yes", "no", "partial", "rating"]
MARK_KINDS: tuple[CellKind, ...] = ("yes", "no", "partial")


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Prose:
    """A piece of Markdown, and the text it was written as in its file.

    For the body, `source` is the text itself.  For a YAML value it is the
    value as written (indentation, folding and quotes included), starting at
    `line` and `col`, so that a term link can be pointed at exactly.
    """

    text: str
    line: int
    col: int = 1
    source: str | None = None

    def position_of(self, offset: int) -> Position:
        """The file position of character `offset` of `source`."""
        source = self.text if self.source is None else self.source
        before = source[:offset]
        newlines = before.count("\n")
        if newlines == 0:
            return Position(self.line, self.col + offset)
        return Position(self.line + newlines, offset - before.rfind("\n"))


@dataclass(frozen=True, slots=True)
class Ref:
    """A slug named by an entry (in `related`), with where it was written."""

    slug: str
    pos: Position


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a comparison: plain text, a yes/no/partial mark, or a rating."""

    kind: CellKind
    text: str = ""
    rating: int = 0
    of: int = 5


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """The table behind an entry's diagram; the first column is the entry itself."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Example:
    title: str
    body: Prose


@dataclass(frozen=True, slots=True)
class Misconception:
    myth: str
    truth: Prose


@dataclass(frozen=True, slots=True)
class Entry:
    """One validated glossary entry, exactly as its author wrote it."""

    slug: str
    path: str
    lang: str
    title: str
    category: str
    level: Level
    summary: Prose
    body: Prose
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    related: tuple[Ref, ...] = ()
    updated: dt.date | None = None
    status: Status = "published"
    autolink: bool | None = None
    comparison: Comparison | None = None
    example: Example | None = None
    misconceptions: tuple[Misconception, ...] = ()
    impact: Prose | None = None
    title_pos: Position = field(default=Position(1, 1))
    rel: str = ""  # the file relative to the project root (edit links, history)
    alias_pos: tuple[Position, ...] = ()
    sort_as: str = ""  # what the title sorts as, when given
    source_hash: str = ""  # a translation's record of the source version it was made from
    source_hash_pos: Position | None = None

    @property
    def sort_text(self) -> str:
        return self.sort_as or self.title

    @property
    def names(self) -> tuple[str, ...]:
        """The title followed by every alias: what a reader might call this entry."""
        return (self.title, *self.aliases)


@dataclass(frozen=True, slots=True)
class Parsed:
    """An entry's prose, parsed once: the summary, body, example, truths and impact."""

    summary: Document
    body: Document
    example: Document | None
    truths: tuple[Document, ...]
    impact: Document | None

    def documents(self) -> tuple[Document, ...]:
        extra = tuple(d for d in (self.example, self.impact) if d is not None)
        return (self.summary, self.body, *extra, *self.truths)


@dataclass(frozen=True, slots=True)
class ProseSection:
    """A `##` section of a body, as HTML: its heading, a stable anchor, and its content."""

    title_html: str
    title_text: str
    anchor: str
    html: str


@dataclass(frozen=True, slots=True)
class EntryProse:
    """An entry's prose as HTML, with its term links resolved and first mentions of other entries linked.

    Only strings: cheap to send between processes and to compare.
    """

    summary_html: str
    summary_text: str
    intro_html: str
    sections: tuple[ProseSection, ...]
    example_html: str
    example_text: str
    truths_html: tuple[str, ...]
    impact_html: str


@dataclass(frozen=True, slots=True)
class Woven:
    """An entry's prose as HTML, the entries it links to, and its broken links: what weaving it gives."""

    prose: EntryProse
    explicit: frozenset[str]  # slugs its [[term links]] name
    auto: frozenset[str]  # slugs its first mentions were linked to
    problems: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class Glossary:
    """Every entry with its prose and the links between entries: ready to render."""

    config: SiteConfig
    entries: Mapping[str, Entry]  # slug -> entry, in slug order
    prose: Mapping[str, EntryProse]  # slug -> its prose, linked, as HTML
    links: Mapping[str, tuple[str, ...]]  # slug -> slugs of the entries it links to
    backlinks: Mapping[str, tuple[str, ...]]  # slug -> slugs of entries linking to it
    related: Mapping[str, tuple[str, ...]]  # slug -> related slugs, best first
    dates: Mapping[str, dt.date] = field(default_factory=dict)  # slug -> last updated: `updated`, else git
    # A translation's glossary knows its source (the default language's), for links to untranslated
    # entries, and the current hash of each translated entry's source file, to tell outdated ones.
    source: Glossary | None = None
    source_hashes: Mapping[str, str] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.config.language

    def outdated(self, slug: str) -> bool:
        """A translated entry whose source has changed since the version it records (or records none)."""
        current = self.source_hashes.get(slug)
        return current is not None and self.entries[slug].source_hash != current
