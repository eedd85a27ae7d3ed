"""Tokens: parsed Markdown as the rest of the code sees it, whichever parser made it.

A document is a flat sequence of block tokens, as markdown-it has it: an
`open` and its `close` around what a block holds, and an `inline` token
whose children are the text of a paragraph, heading or table cell.  Nothing
here belongs to a parser library, so linking and rendering never depend on
one.  Tokens are named tuples: immutable, typed, and cheap to make by the
thousand.

Kinds of block token: `open`, `close` (`tag` is the HTML element; a hidden
`p` is the paragraph of a tight list item, written without its tags),
`inline`, `code_block` (`text`; `info` is the fence's language), `rule`.
Kinds of inline token: `text`, `code`, `softbreak`, `hardbreak`, `open` and
`close` (`em`, `strong`, `s`, `a`), `term` (a written `[[target]]`: `text`
is what is shown, `info` the target) and `mention` (a first mention linked
automatically: `info` is the slug).
"""

from __future__ import annotations

from typing import NamedTuple


class Token(NamedTuple):
    """One piece of parsed Markdown."""

    kind: str
    tag: str = ""
    text: str = ""
    info: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    children: tuple[Token, ...] = ()
    hidden: bool = False


_new = tuple.__new__


def text(value: str) -> Token:
    """A text token (made without the named tuple's slower keyword path: prose holds thousands)."""
    return _new(Token, ("text", "", value, "", (), (), False))


def tag(kind: str, name: str) -> Token:
    """The `open` or `close` token of element `name`, with no attributes (one shared token for each known one)."""
    return _TAGS.get((kind, name)) or Token(kind, name)


_ELEMENTS = (
    *("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote"),
    *("table", "thead", "tbody", "tr", "th", "td", "em", "strong", "s", "a"),
)
_TAGS = {(kind, name): Token(kind, name) for kind in ("open", "close") for name in _ELEMENTS}
SOFTBREAK = Token("softbreak")
HARDBREAK = Token("hardbreak")
