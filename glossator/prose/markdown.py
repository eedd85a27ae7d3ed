"""Markdown: one configured markdown-it parser, term links, safe URLs and sections.

Raw HTML is never passed through, images are not rendered (they would load
from anywhere), and a link's URL must be http, https, mailto or relative.
`[[target]]` and `[[target|shown text]]` become `term_link` tokens; the
targets are collected as data with their positions so that the link stage can
check them.  Parsing and rendering are separate steps: the link stage parses,
the render stage turns the parsed tokens into HTML once every target is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from glossator.content.model import Prose
from glossator.core.slugs import name_slug

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_TERM = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")


@dataclass(frozen=True, slots=True)
class TermHref:
    """A term link into another language's page: its URL, that language's tag, and the note shown after it."""

    url: str
    lang: str
    note: str


# Maps a term link's target to its URL: None when unknown, "" when it is the current page.
TermUrl = Callable[[str], "str | TermHref | None"]


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs; False for every other scheme and for `//host`."""
    cleaned = _INVISIBLE.sub("", url)
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return False
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES


@dataclass(frozen=True, slots=True)
class TermRef:
    """A `[[target]]` written in prose, with its 1-based position in the file."""

    target: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Document:
    """Parsed Markdown: tokens ready to render and the term links found in them."""

    tokens: tuple[Token, ...]
    refs: tuple[TermRef, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A `##` section of a body: its heading, a stable anchor, and its content."""

    title: Document
    anchor: str
    content: Document


def _term_link_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = _TERM.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        target = " ".join(match.group(1).split())
        shown = " ".join((match.group(2) or match.group(1)).split())
        token = state.push("term_link", "a", 0)
        token.content = shown
        token.meta = {"target": target}
    state.pos = match.end()
    return True


def _render_term_link(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    from html import escape

    token = tokens[idx]
    shown = escape(token.content)
    term_url: TermUrl | None = env.get("term_url")
    url = term_url(token.meta["target"]) if term_url else None
    if url is None:
        return f'<span class="term-missing">{shown}</span>'
    if url == "":  # the page itself: emphasise rather than link to where the reader already is
        return f'<span class="term term--self">{shown}</span>'
    if isinstance(url, TermHref):  # a page in another language, said so in the link itself
        note = f'<span class="term__lang">{escape(url.note)}</span>'
        return f'<a class="term" href="{escape(url.url)}" hreflang="{escape(url.lang)}">{shown}{note}</a>'
    return f'<a class="term" href="{escape(url)}">{shown}</a>'


def term_links_plugin(md: MarkdownIt) -> None:
    """`[[target]]` and `[[target|shown text]]` as `term_link` tokens."""
    md.inline.ruler.before("link", "term_link", _term_link_rule)
    md.add_render_rule("term_link", _render_term_link)


@cache
def parser() -> MarkdownIt:
    """The one Markdown configuration every piece of prose goes through."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = is_safe_url  # type: ignore[method-assign]
    md.use(term_links_plugin)
    return md


def _targets(tokens: Sequence[Token]) -> list[str]:
    found: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type == "term_link":
                found.append(child.meta["target"])
    return found


def _locate(targets: list[str], prose: Prose) -> tuple[TermRef, ...]:
    """Point each term link at its `[[` in the text as written, in document order."""
    source = prose.text if prose.source is None else prose.source
    refs: list[TermRef] = []
    offset = 0
    for target in targets:
        found = _find_term(source, target, offset)
        at = offset if found is None else found
        offset = at if found is None else found + 2
        pos = prose.position_of(at)
        refs.append(TermRef(target, pos.line, pos.col))
    return tuple(refs)


def _find_term(source: str, target: str, start: int) -> int | None:
    """Where `[[target` begins in `source` from `start`, however its words are spaced or wrapped."""
    i = source.find("[[", start)
    while i != -1:
        ends = [j for j in (source.find("]]", i + 2), source.find("|", i + 2)) if j != -1]
        written = source[i + 2 : min(ends)] if ends else source[i + 2 :]
        if " ".join(written.split()) == target:
            return i
        i = source.find("[[", i + 2)
    return None


def parse(prose: Prose) -> Document:
    """Parse block Markdown."""
    tokens = parser().parse(prose.text, {})
    return Document(tuple(tokens), _locate(_targets(tokens), prose))


def parse_inline(prose: Prose) -> Document:
    """Parse a single paragraph of inline Markdown (a summary)."""
    tokens = parser().parseInline(" ".join(prose.text.split()), {})
    return Document(tuple(tokens), _locate(_targets(tokens), prose))


def render(doc: Document, term_url: TermUrl) -> str:
    """HTML for a parsed document; `term_url` maps a term link's target to its URL."""
    md = parser()
    env: dict[str, Any] = {"term_url": term_url}
    tokens = list(doc.tokens)
    if len(tokens) == 1 and tokens[0].type == "inline":
        tokens = list(tokens[0].children or [])
    return str(md.renderer.render(tokens, md.options, env))


def plain_text(doc: Document) -> str:
    """The words of a document without markup, for descriptions, cards and search data."""
    words: list[str] = []
    for token in doc.tokens:
        for child in token.children or [token]:
            if child.type in ("text", "code_inline", "term_link"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.type.endswith("_close") and token.block:
            words.append(" ")
    return " ".join("".join(words).split())


def split_sections(doc: Document) -> tuple[Document, tuple[Section, ...]]:
    """The content before the first `##`, then one Section per `##` heading."""
    tokens = list(doc.tokens)
    starts = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    intro = Document(tuple(tokens[: starts[0]] if starts else tokens), ())
    sections: list[Section] = []
    used: set[str] = set()
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(tokens)
        heading = tokens[start + 1]
        title = Document((heading,), ())
        base = name_slug(plain_text(title)) or f"section-{n + 1}"
        anchor, k = base, 2
        while anchor in used:
            anchor, k = f"{base}-{k}", k + 1
        used.add(anchor)
        sections.append(Section(title, anchor, Document(tuple(tokens[start + 3 : end]), ())))
    return intro, tuple(sections)
