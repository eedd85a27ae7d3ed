"""HTML: tokens written out, byte for byte as markdown-it's renderer writes them.

Block tags end their line; a tight list item's paragraph is written without
its tags.  Every text and attribute is escaped, so nothing a contributor
writes can become markup of its own.  Term links are written once their
targets are known, through `term_url` (their text escaped as Python's
`html.escape` does, quotes too).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from glossator.prose.tokens import Token


@dataclass(frozen=True, slots=True)
class TermHref:
    """A term link into another language's page: its URL, that language's tag, and the note shown after it."""

    url: str
    lang: str
    note: str


# Maps a term link's target to its URL: None when unknown, "" when it is the current page.
TermUrl = Callable[[str], "str | TermHref | None"]


def escape(text: str) -> str:
    """Text made safe for HTML content and double-quoted attributes (four scans in C beat one translate)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _attrs(token: Token) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in token.attrs)


def _term(token: Token, term_url: TermUrl) -> str:
    shown = html.escape(token.text)
    url = term_url(token.info)
    if url is None:
        return f'<span class="term-missing">{shown}</span>'
    if url == "":  # the page itself: emphasise rather than link to where the reader already is
        return f'<span class="term term--self">{shown}</span>'
    if isinstance(url, TermHref):  # a page in another language, said so in the link itself
        note = f'<span class="term__lang">{html.escape(url.note)}</span>'
        return f'<a class="term" href="{html.escape(url.url)}" hreflang="{html.escape(url.lang)}">{shown}{note}</a>'
    return f'<a class="term" href="{html.escape(url)}">{shown}</a>'


def inline_html(children: Sequence[Token], term_url: TermUrl) -> str:
    """The HTML of a paragraph's (or heading's, or cell's) inline tokens."""
    parts: list[str] = []
    for token in children:
        kind = token.kind
        if kind == "text":
            parts.append(escape(token.text))
        elif kind == "softbreak":
            parts.append("\n")
        elif kind == "open":
            parts.append(f"<{token.tag}{_attrs(token)}>")
        elif kind == "close":
            parts.append(f"</{token.tag}>")
        elif kind == "code":
            parts.append(f"<code>{escape(token.text)}</code>")
        elif kind == "hardbreak":
            parts.append("<br />\n")
        elif kind in ("term", "mention"):  # a term link, written or found
            parts.append(_term(token, term_url))
        else:
            parts.append(escape(token.text))
    return "".join(parts)


def _tag(tokens: Sequence[Token], i: int) -> str:
    """One opening or closing block tag, or a rule, with the line ending markdown-it gives it."""
    token = tokens[i]
    if token.hidden:
        return ""
    before = "\n" if token.kind != "close" and i and tokens[i - 1].hidden else ""
    if token.kind == "rule":
        return f"{before}<hr />\n"
    if token.kind == "close":
        return f"</{token.tag}>\n"
    after = "\n"
    if i + 1 < len(tokens):
        following = tokens[i + 1]
        if following.kind == "inline" or following.hidden or (following.kind == "close" and following.tag == token.tag):
            after = ""
    return f"{before}<{token.tag}{_attrs(token)}>{after}"


def block_html(tokens: Sequence[Token], term_url: TermUrl) -> str:
    """The HTML of a sequence of block tokens."""
    parts: list[str] = []
    for i, token in enumerate(tokens):
        kind = token.kind
        if kind == "inline":
            parts.append(inline_html(token.children, term_url))
        elif kind == "code_block":
            language = f' class="language-{escape(token.info)}"' if token.info else ""
            parts.append(f"<pre><code{language}>{escape(token.text)}</code></pre>\n")
        else:
            parts.append(_tag(tokens, i))
    return "".join(parts)
