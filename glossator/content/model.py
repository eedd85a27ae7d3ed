"""An entry as validation makes it: immutable values read from one file.

Everything here is a frozen, slotted dataclass.  Stages never mutate what an
earlier stage produced; they build new values from it.  What linking adds
(prose as HTML, links between entries) is `glossator.prose.glossary`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from glossator.core.diagnostics import Position

V = TypeVar("V")

Level = Literal["beginner", "intermediate", "advanced"]
LEVELS: tuple[Level, ...] = ("beginner", "intermediate", "advanced")

Status = Literal["published", "draft", "deprecated"]
STATUSES: tuple[Status, ...] = ("published", "draft", "deprecated")

# What an entry is: a term explained (the default), or a page listing the meanings of one name.
Kind = Literal["term", "disambiguation"]
KINDS: tuple[Kind, ...] = ("term", "disambiguation")

CellKind = Literal["text", "yes", "no", "partial", "rating"]
MARK_KINDS: tuple[CellKind, ...] = ("yes", "no", "partial")


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


class FieldMap(Mapping[str, V]):
    """Values by field name, in the order given: immutable, and hashable when its values are.

    An Entry is a dictionary key (the preview remembers what each one weaves
    to), so what it holds must hash, and equal maps must hash alike whatever
    their order.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Iterable[tuple[str, V]] = ()) -> None:
        self._values = dict(values)

    def __getitem__(self, name: str) -> V:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldMap) and self._values == other._values

    def __hash__(self) -> int:
        return hash(frozenset(self._values.items()))

    def __repr__(self) -> str:
        return f"FieldMap({self._values!r})"

    def __reduce__(self) -> tuple[type[FieldMap[V]], tuple[tuple[tuple[str, V], ...]]]:
        return (FieldMap, (tuple(self._values.items()),))


@dataclass(frozen=True, slots=True)
class Ref:
    """A slug named by an entry (in `related`), with where it was written."""

    slug: str
    pos: Position


@dataclass(frozen=True, slots=True)
class Meaning:
    """One meaning a disambiguation page lists: the entry that explains it, and a line telling it apart."""

    slug: str
    note: str
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
    prose: FieldMap[Prose] = field(default_factory=FieldMap)  # the prose fields given (`impact`...), by name
    title_pos: Position = field(default=Position(1, 1))
    rel: str = ""  # the file relative to the project root (edit links, history)
    alias_pos: tuple[Position, ...] = ()
    sort_as: str = ""  # what the title sorts as, when given
    source_hash: str = ""  # a translation's record of the source version it was made from
    source_hash_pos: Position | None = None
    replaced_by: Ref | None = None  # with status: deprecated, the entry to use instead
    redirect_from: tuple[Ref, ...] = ()  # old slugs whose addresses lead here
    reviewed: dt.date | None = None  # the last expert review
    reviewed_pos: Position | None = None
    reviewers: tuple[str, ...] = ()
    kind: Kind = "term"
    meanings: tuple[Meaning, ...] = ()  # a disambiguation page's

    @property
    def sort_text(self) -> str:
        return self.sort_as or self.title

    @property
    def deprecated(self) -> bool:
        return self.status == "deprecated"

    @property
    def disambiguation(self) -> bool:
        return self.kind == "disambiguation"

    @property
    def names(self) -> tuple[str, ...]:
        """The title followed by every alias: what a reader might call this entry."""
        return (self.title, *self.aliases)


@dataclass(frozen=True, slots=True)
class PartialEntry(Entry):
    """What could be read of an entry that has errors: for the link stage to check, never to publish.

    Each field that could not be read holds a safe default (a required one
    too), and `unread` names those fields, so that nothing is concluded from
    them: no warning that `related` is empty when it only failed to read.
    """

    unread: frozenset[str] = frozenset()


def unread(entry: Entry) -> frozenset[str]:
    """The fields of `entry` that could not be read (none for an entry that validated)."""
    return entry.unread if isinstance(entry, PartialEntry) else frozenset()
