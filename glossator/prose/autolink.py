"""Auto-linking: the first mention of another entry's name becomes a term link.

Names (titles and aliases) are stored in a trie of words, so finding every
mention in a text is one pass over its words, whatever the number of entries.
Matching is by whole words, longest name first; a name written in capitals
(an acronym such as "RAG") only matches in capitals, so that "rag" the word
is left alone.  Headings, code, and text already inside a link are skipped.

Chinese and Japanese are written without spaces, so each of their characters
counts as a word of its own and the characters of a name follow each other
with nothing between them: "嵌入" is found inside "使用嵌入模型".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from glossator.prose.link import plurals
from glossator.prose.markdown import Document
from glossator.prose.tokens import Token

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs, as a character range of a regex
_IDEOGRAPHIC = "\u3040-\u30ff" + HAN  # and kana
_WORD = re.compile(rf"[{_IDEOGRAPHIC}]|[^\W{_IDEOGRAPHIC}]+")
_JOINER = re.compile(r"[ \u00a0-]")  # what may stand between the words of a name in running text
# Each ASCII byte: a letter in lowercase, a digit or _ as itself, anything else a space (what splits words).
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 or c == 95 else 32 for c in range(256)
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _is_ideograph(word: str) -> bool:
    return len(word) == 1 and re.match(rf"[{_IDEOGRAPHIC}]", word) is not None


def _joined(text: str, before: re.Match[str], after: re.Match[str]) -> bool:
    """Whether two neighbouring words may belong to one name."""
    gap = text[before.end() : after.start()]
    if not gap:
        return _is_ideograph(before.group()) or _is_ideograph(after.group())
    return _JOINER.fullmatch(gap) is not None


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    slug: str | None = None  # the entry a name ending here names
    exact_slug: str | None = None  # set when a name (not a plural form) ends here


def _plural_last_words(keys: list[str]) -> tuple[str, ...]:
    """How the last word of a name reads in each of the name's plurals.

    The plural is taken of the whole name, as a written term link is resolved,
    so that a mention is linked exactly when `[[the mention]]` would resolve.
    """
    return tuple(form.rsplit(" ", 1)[-1] for form in plurals(" ".join(keys)))


def words(text: str) -> list[str]:
    """The words of `text` as the matcher reads them (each CJK character a word of its own)."""
    return _WORD.findall(text)


def name_keys(name: str) -> tuple[list[str], tuple[str, ...]] | None:
    """How the matcher looks a name up: its words as keys, and every form its last word may take.

    Keys are casefolded, except in an acronym, which matches only as written; the
    forms are the last key, then the last word of each plural of the name.  None
    for a name with no words, which is never found.
    """
    found = _WORD.findall(name)
    if not found:
        return None
    exact = name.isupper() and len(name) > 1  # acronyms match only as written
    keys = [word if exact else word.casefold() for word in found]
    last = keys[-1]
    return keys, (last,) if _is_ideograph(last) else (last, *_plural_last_words(keys))


class Matcher:
    """Finds mentions of names in text: name -> slug, built once per glossary.

    Plural forms are stored in the trie when it is built, so matching is one
    dictionary lookup per word and never rewrites the text's words.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)  # what it was built from: two matchers of equal names match alike
        self._root = _Node()
        for name, slug in sorted(names.items()):
            looked_up = name_keys(name)
            if looked_up is None:
                continue
            keys, forms = looked_up
            parent = self._root
            for key in keys[:-1]:
                parent = parent.children.setdefault(key, _Node())
            last = keys[-1]
            for form in forms:
                node = parent.children.setdefault(form, _Node())
                if form == last:
                    node.exact_slug = node.exact_slug or slug
                # A name spelt exactly like this beats the plural form of another name.
                node.slug = node.exact_slug or node.slug or slug
        # Every first word, casefolded: a text none of whose casefolded words is here holds no name.
        self._first_folded = frozenset(key.casefold() for key in self._root.children)
        self._first_ascii = frozenset(key.encode() for key in self._first_folded if key.isascii())

    @staticmethod
    def _child(node: _Node, word: str) -> _Node | None:
        found = node.children.get(word)
        return found if found is not None else node.children.get(word.casefold())

    def _may_name(self, text: str) -> bool:
        """Whether a casefolded word of `text` begins a name: most texts hold none, and are told in C.

        An ASCII text is cut into lowercase words by a byte table, many times faster than the word pattern.
        """
        if text.isascii():
            return not self._first_ascii.isdisjoint(text.encode().translate(_ASCII_WORDS).split())
        return not self._first_folded.isdisjoint(map(str.casefold, _WORD.findall(text)))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, slug) of the longest names in `text`, left to right."""
        if not self._may_name(text):
            return []
        words = _WORD.findall(text)
        first = self._root.children
        spans = list(_WORD.finditer(text))
        found: list[tuple[int, int, str]] = []
        child = self._child
        i, count = 0, len(spans)
        while i < count:
            word = words[i]
            node = first.get(word) or first.get(word.casefold())
            if node is None:
                i += 1
                continue
            best = (i, node.slug) if node.slug else None
            j = i + 1
            while j < count and node.children and _joined(text, spans[j - 1], spans[j]):
                node = child(node, words[j])
                if node is None:
                    break
                if node.slug:
                    best = (j, node.slug)
                j += 1
            if best is None:
                i += 1
                continue
            end_word, slug = best
            found.append((spans[i].start(), spans[end_word].end(), slug))
            i = end_word + 1
        return found


def _linked_children(children: tuple[Token, ...], matcher: Matcher, taken: set[str]) -> tuple[Token, ...] | None:
    """The inline tokens with first mentions linked, or None when there is none to link."""
    out: list[Token] = []
    linked = False
    depth = 0  # inside an ordinary link
    for child in children:
        if child.kind == "open" and child.tag == "a":
            depth += 1
        elif child.kind == "close" and child.tag == "a":
            depth -= 1
        if child.kind != "text" or depth > 0:
            out.append(child)
            continue
        text, cursor = child.text, 0
        for start, end, slug in matcher.find(text):
            if slug in taken:
                continue
            taken.add(slug)
            if start > cursor:
                out.append(Token("text", text=text[cursor:start]))
            out.append(Token("mention", text=text[start:end], info=slug))
            cursor, linked = end, True
        if cursor == 0:
            out.append(child)
        elif cursor < len(text):
            out.append(Token("text", text=text[cursor:]))
    return tuple(out) if linked else None


def autolink(doc: Document, matcher: Matcher, taken: set[str]) -> Document:
    """`doc` with the first mention of each name not yet in `taken` linked; `taken` is updated."""
    tokens: list[Token] = []
    in_heading = False
    for token in doc.tokens:
        if token.kind == "open" and token.tag in _HEADINGS:
            in_heading = True
        elif token.kind == "close" and token.tag in _HEADINGS:
            in_heading = False
        elif token.kind == "inline" and not in_heading:
            children = _linked_children(token.children, matcher, taken)
            if children is not None:
                token = token._replace(children=children)
        tokens.append(token)
    return Document(tuple(tokens), doc.refs, doc.malformed)


def auto_targets(doc: Document) -> list[str]:
    """Slugs auto-linked in a document."""
    return [child.info for token in doc.tokens for child in token.children if child.kind == "mention"]
