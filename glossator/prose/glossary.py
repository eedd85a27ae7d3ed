"""The linked glossary: every entry of a language with its prose as HTML and the links between entries.

What weaving gives for one entry (`Woven`, `EntryProse`) and what joining a
language gives (`Glossary`): the values that rendering reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from glossator.content.config import SiteConfig
from glossator.content.model import Entry, FieldMap
from glossator.core.diagnostics import Diagnostic
from glossator.prose.markdown import Document


@dataclass(frozen=True, slots=True)
class Parsed:
    """An entry's prose, parsed once: the summary, body, example, truths and prose fields (by name)."""

    summary: Document
    body: Document
    example: Document | None
    truths: tuple[Document, ...]
    fields: Mapping[str, Document]

    def documents(self) -> tuple[Document, ...]:
        example = (self.example,) if self.example is not None else ()
        return (self.summary, self.body, *example, *self.fields.values(), *self.truths)


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
    fields_html: FieldMap[str]  # each prose field the entry gives (`impact`...), by name


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
        """A translated entry not known to follow its source: the version it records is not the source's now,
        or it records none (it is `untracked`)."""
        current = self.source_hashes.get(slug)
        return current is not None and self.entries[slug].source_hash != current

    def untracked(self, slug: str) -> bool:
        """A translated entry that records no `source_hash`: which version of its source it follows is not known."""
        return slug in self.source_hashes and not self.entries[slug].source_hash
