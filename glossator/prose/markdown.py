"""Markdown: prose parsed into tokens, with the term links found in it and where they were written.

The parser is pulldown-cmark (through pyromark), and this is the only module
that calls it (its events are read into tokens by `pulldown`): everything
else sees `Token`s and `Document`s.  What it makes
is what markdown-it made with the configuration this project had
(CommonMark, tables, `~~strikethrough~~`, markdown-it's typographer), under
these rules: raw HTML is never passed through, images are not rendered
(they would load from anywhere), and a link's URL must be http, https,
mailto or relative.  Whatever of that the parser does build (raw HTML, an
image, a refused link or reference definition, a `~~` markdown-it would not
strike out, a `[[...]]` that is not a term link) has its first character
escaped with a backslash in the text, which is parsed again: it then reads
as the text it was written as.  Where markdown-it ends a block that the
parser goes on with (a table inside a paragraph), an empty line is put in.

`[[target]]` and `[[target|shown text]]` become `term` tokens; the targets
are collected as data with their positions so that the link stage can check
them, and so are malformed ones (`[[x|]]`), kept as text.  Parsing and
rendering are separate steps: the link stage parses, the render stage turns
the tokens into HTML once every target is known.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

import pyromark

from glossator.content.model import Prose
from glossator.prose.document import Document, Section, TermRef, plain_text, render, split_sections
from glossator.prose.html import TermHref, TermUrl
from glossator.prose.pulldown import Builder
from glossator.prose.tokens import Token
from glossator.prose.urls import is_safe_url, normalize_link

__all__ = [
    "Document",
    "Section",
    "TermHref",
    "TermRef",
    "TermUrl",
    "is_safe_url",
    "parse",
    "parse_inline",
    "plain_text",
    "render",
    "split_sections",
]

_PARSER = pyromark.Markdown(
    options=pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH | pyromark.Options.ENABLE_WIKILINKS
)
_NBSP = "\u00a0"  # starts a summary, so that no line of it can begin a block
_MAX_ROUNDS = 64  # passes before what remains is written as it is (always as text, never as markup)


def _build(source: str, inserted: frozenset[int], lead: int) -> Builder:
    built = Builder(source.encode(), inserted, lead)
    events: Iterator[tuple[Any, Any]] = _PARSER.events_with_range(source)  # read by shape, as pyromark documents it
    for event, span in events:
        start, end = span["start"], span["end"]
        if isinstance(event, str):
            built.on_other(event, start, end)
            continue
        ((name, value),) = event.items()
        if name == "Text":
            built.on_text(value, start, end)
        elif name == "Start":  # the tag is a name ("Paragraph") or one named value ({"Heading": {...}})
            if isinstance(value, str):
                built.on_start(value, None, start, end)
            else:
                ((element, data),) = value.items()
                built.on_start(element, data, start, end)
        elif name == "End":
            built.on_end(value if isinstance(value, str) else next(iter(value)), end)
        else:
            built.on_other(event, start, end)
    if "]:" in source:  # a reference definition to a refused URL is text to markdown-it
        for definition in _PARSER.reference_definitions(source).values():
            if not is_safe_url(normalize_link(definition["dest"])):
                built.escape(definition["span"]["start"])
    return built


def _tokens(source: str, lead: int = 0) -> Builder:
    """Parse `source`, changing it and parsing again until the parser makes only what markdown-it would."""
    try:
        data, inserted = source.encode(), frozenset[int]()
    except UnicodeEncodeError:  # a lone surrogate, which no file holds but a string may: read as U+FFFD
        source = source.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        data, inserted = source.encode(), frozenset[int]()
    built = _build(source, inserted, lead)
    for _ in range(_MAX_ROUNDS):
        if not built.inserts:
            break
        inserts = sorted(set(built.inserts))
        pieces, added, previous, at_new = [], 0, 0, set()
        offsets, shifts = [], []  # where each piece goes, and how far the text after it moves
        for at, piece in inserts:
            pieces += [data[previous:at], piece]
            at_new.add(at + added)
            added += len(piece)
            offsets.append(at)
            shifts.append(added)
            previous = at
        pieces.append(data[previous:])
        moved = {p + (shifts[n - 1] if (n := bisect_right(offsets, p)) else 0) for p in inserted}
        data, inserted = b"".join(pieces), frozenset(at_new | moved)
        built = _build(data.decode(), inserted, lead)
    return built


def _find_brackets(source: str, written: str, start: int, *, whole: bool) -> int | None:
    """Where `[[written` begins in `source` from `start`, however its words are spaced or wrapped.

    A term link is matched by its target (up to `|`), a malformed one by all it holds (`whole`);
    brackets escaped with a backslash are not term links and are passed over.
    """
    wanted = " ".join(written.split())
    i = source.find("[[", start)
    while i != -1:
        ends = [source.find("]]", i + 2)] + ([] if whole else [source.find("|", i + 2)])
        inside = source[i + 2 : min((j for j in ends if j != -1), default=len(source))]
        backslashes = i - len(source[:i].rstrip("\\"))
        if backslashes % 2 == 0 and " ".join(inside.split()) == wanted:
            return i
        i = source.find("[[", i + 2)
    return None


def _document(built: Builder, tokens: tuple[Token, ...], prose: Prose) -> Document:
    """The document, each term link (and malformed one) pointed at its `[[` in the text as written."""
    source = prose.text if prose.source is None else prose.source
    refs: list[TermRef] = []
    malformed: list[TermRef] = []
    offset = 0
    for is_term, written in built.marks:
        found = _find_brackets(source, written, offset, whole=not is_term)
        at = offset if found is None else found
        offset = at if found is None else found + 2
        pos = prose.position_of(at)
        (refs if is_term else malformed).append(TermRef(written, pos.line, pos.col))
    return Document(tokens, tuple(refs), tuple(malformed))


def parse(prose: Prose) -> Document:
    """Parse block Markdown."""
    built = _tokens(prose.text)
    return _document(built, tuple(built.blocks), prose)


def parse_inline(prose: Prose) -> Document:
    """Parse a single paragraph of inline Markdown (a summary): no line of it starts a block."""
    built = _tokens(_NBSP + " ".join(prose.text.split()), lead=len(_NBSP))
    children = tuple(child for token in built.blocks if token.kind == "inline" for child in token.children)
    return _document(built, (Token("inline", children=children),), prose)
