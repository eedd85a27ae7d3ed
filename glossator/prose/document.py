"""Document: parsed prose with the term links found in it, and what can be read from it without a parser.

Its HTML (`render`), its words without markup (`plain_text`), and a body cut
into its `##` sections (`split_sections`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from glossator.core.slugs import name_slug
from glossator.prose.html import TermUrl, block_html, inline_html
from glossator.prose.tokens import Token

# The ids an entry page gives its own elements: its templates, the inline diagram, and what site.js and the
# preview's script add.  A section's anchor never takes one of them, or the page would have two elements
# with one id (`## Main` would steal the skip link's target).  tests/test_page_ids.py reads these off a
# rendered page and the scripts, so a new id there fails until it is listed here.
PAGE_IDS = frozenset(
    {
        "main",
        "site-search-input",
        "site-search-list",
        "entry-title",
        "tldr-label",
        "explanation-title",
        "example-title",
        "diagram-title",
        "misconceptions-title",
        "impact-title",
        "ask-title",
        "meanings-title",
        "ask-question",
        "ask-hint",
        "related-title",
        "term-previews",
        "term-preview",
        "d",  # the inline diagram, its <title> and <desc>
        "d-title",
        "d-desc",
        "glossator-errors",
        "glossator-warnings",  # the preview's error overlay
    }
)
# Ids a script numbers: the header search's options.
NUMBERED_PAGE_IDS = re.compile(r"site-search-option-[0-9]+")


def is_page_id(anchor: str) -> bool:
    """Whether the entry page already uses `anchor` as an id of its own."""
    return anchor in PAGE_IDS or NUMBERED_PAGE_IDS.fullmatch(anchor) is not None


@dataclass(frozen=True, slots=True)
class TermRef:
    """A `[[target]]` written in prose, with its 1-based position in the file."""

    target: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Document:
    """Parsed Markdown: tokens ready to render, the term links found in them, and the malformed ones.

    A malformed term link (`[[]]`, `[[x|]]`, `[[|x]]`) is kept as text; its `target` is what was written
    between the brackets.
    """

    tokens: tuple[Token, ...]
    refs: tuple[TermRef, ...]
    malformed: tuple[TermRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A `##` section of a body: its heading, a stable anchor, and its content."""

    title: Document
    anchor: str
    content: Document


def render(doc: Document, term_url: TermUrl) -> str:
    """HTML for a parsed document; `term_url` maps a term link's target to its URL."""
    tokens = doc.tokens
    if len(tokens) == 1 and tokens[0].kind == "inline":
        return inline_html(tokens[0].children, term_url)
    return block_html(tokens, term_url)


def _words(tokens: Sequence[Token]) -> Iterator[str]:
    for token in tokens:
        for child in token.children:
            if child.kind in ("text", "code", "term", "mention"):
                yield child.text
            elif child.kind in ("softbreak", "hardbreak"):
                yield " "
        if token.kind == "close":
            yield " "


def plain_text(doc: Document) -> str:
    """The words of a document without markup, for descriptions, cards and search data."""
    return " ".join("".join(_words(doc.tokens)).split())


def split_sections(doc: Document) -> tuple[Document, tuple[Section, ...]]:
    """The content before the first `##`, then one Section per `##` heading.

    Each section's anchor is its heading as a name slug, made unique among the sections and kept off the
    page's own ids (PAGE_IDS) with a number: `## Main` is `#main-2`.
    """
    tokens = doc.tokens
    starts = [i for i, t in enumerate(tokens) if t.kind == "open" and t.tag == "h2"]
    intro = Document(tokens[: starts[0]] if starts else tokens, ())
    sections: list[Section] = []
    used: set[str] = set()
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(tokens)
        title = Document((tokens[start + 1],), ())
        base = name_slug(plain_text(title)) or f"section-{n + 1}"
        anchor, k = base, 2
        while anchor in used or is_page_id(anchor):
            anchor, k = f"{base}-{k}", k + 1
        used.add(anchor)
        sections.append(Section(title, anchor, Document(tokens[start + 3 : end], ())))
    return intro, tuple(sections)
