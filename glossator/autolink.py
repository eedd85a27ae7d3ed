"""Auto-linking: the first mention of another entry's name becomes a term link.

Names (titles and aliases) are stored in a trie of words, so finding every
mention in a text is one pass over its words, whatever the number of entries.
Matching is by whole words, longest name first; a name written in capitals
(an acronym such as "RAG") only matches in capitals, so that "rag" the word
is left alone.  Headings, code, and text already inside a link are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markdown_it.token import Token

from glossator.markdown import Document

_WORD = re.compile(r"\w+")
_JOINER = re.compile(r"[ \u00a0-]")  # what may stand between the words of a name in running text


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    slug: str | None = None


def _singulars(word: str) -> Iterable[str]:
    if word.endswith("ies") and len(word) > 4:
        yield word[:-3] + "y"
    if word.endswith("es") and len(word) > 3:
        yield word[:-2]
    if word.endswith("s") and len(word) > 2:
        yield word[:-1]


class Matcher:
    """Finds mentions of names in text: name -> slug, built once per glossary."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self._root = _Node()
        for name, slug in sorted(names.items()):
            words = _WORD.findall(name)
            if not words:
                continue
            exact = name.isupper() and len(name) > 1  # acronyms match only as written
            node = self._root
            for word in words:
                key = word if exact else word.casefold()
                node = node.children.setdefault(key, _Node())
            node.slug = node.slug or slug

    def _step(self, node: _Node, word: str, last: bool) -> _Node | None:
        for key in (word, word.casefold()):
            if key in node.children:
                return node.children[key]
        if last:
            for key in (*_singulars(word), *_singulars(word.casefold())):
                if key in node.children and node.children[key].slug:
                    return node.children[key]
        return None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, slug) of the longest names in `text`, left to right."""
        words = list(_WORD.finditer(text))
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            node: _Node | None = self._root
            best: tuple[int, str] | None = None
            j = i
            while node is not None and j < len(words):
                if j > i and not _JOINER.fullmatch(text[words[j - 1].end() : words[j].start()]):
                    break
                nxt = self._step(node, words[j].group(), last=False)
                if nxt is not None and nxt.slug:
                    best = (j, nxt.slug)
                plural = self._step(node, words[j].group(), last=True) if nxt is None or not nxt.slug else None
                if plural is not None and plural.slug and (best is None or best[0] < j):
                    best = (j, plural.slug)
                node = nxt
                j += 1
            if best is None:
                i += 1
                continue
            end_word, slug = best
            found.append((words[i].start(), words[end_word].end(), slug))
            i = end_word + 1
        return found


def _linked_children(children: list[Token], matcher: Matcher, taken: set[str]) -> list[Token]:
    out: list[Token] = []
    depth = 0  # inside an ordinary link
    for child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        if child.type != "text" or depth > 0:
            out.append(child)
            continue
        text, cursor = child.content, 0
        for start, end, slug in matcher.find(text):
            if slug in taken:
                continue
            taken.add(slug)
            if start > cursor:
                out.append(Token("text", "", 0, content=text[cursor:start]))
            out.append(Token("term_link", "a", 0, content=text[start:end], meta={"target": slug, "auto": True}))
            cursor = end
        if cursor == 0:
            out.append(child)
        elif cursor < len(text):
            out.append(Token("text", "", 0, content=text[cursor:]))
    return out


def autolink(doc: Document, matcher: Matcher, taken: set[str]) -> Document:
    """`doc` with the first mention of each name not yet in `taken` linked; `taken` is updated."""
    tokens: list[Token] = []
    in_heading = False
    for token in doc.tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        if token.type == "inline" and token.children and not in_heading:
            children = _linked_children(list(token.children), matcher, taken)
            if children != token.children:
                token = token.copy(children=children)
        tokens.append(token)
    return Document(tuple(tokens), doc.refs)


def auto_targets(doc: Document) -> list[str]:
    """Slugs auto-linked in a document."""
    return [
        child.meta["target"]
        for token in doc.tokens
        for child in token.children or ()
        if child.type == "term_link" and child.meta.get("auto")
    ]
