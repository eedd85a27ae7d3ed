"""Mentions: what weaving an entry reads besides the entry itself, so its woven prose is kept while that stays.

Woven prose depends on the entry, on whether it is auto-linked, on what each
of its term links resolves to (or whether it names a draft or a broken file),
on the names the auto-linker can find in its text, and on where links to the
entries so named lead.  The words of the text are noted as it is woven, from
the tokens the auto-linker reads, and the targets of its term links as
written.  The auto-linker finds a name only in a text holding every one of
the name's words (its last perhaps as a plural, as the matcher stores it),
so the names whose words are not all there cannot change the weave: they are
left out of its `Context`, and adding or changing one re-weaves nothing.
"""

from __future__ import annotations

__all__ = ["Context", "Reading", "weave_noting"]

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from glossator.content.model import Entry
from glossator.prose.autolink import Matcher, name_keys, words
from glossator.prose.glossary import Parsed, Woven
from glossator.prose.html import TermHref
from glossator.prose.link import fold, resolve
from glossator.prose.weave import Surroundings, parse_entry, weave_parsed


@dataclass(frozen=True, slots=True)
class Reading:
    """What of an entry's own prose its weave looks up in its surroundings."""

    words: str  # every word of its text, as written and casefolded, sorted and joined by spaces (none holds one)
    targets: frozenset[str]  # every term link's target, as written


def reading(parsed: Parsed) -> Reading:
    """The words and term-link targets of parsed prose (all of it: more than the auto-linker visits)."""
    texts: list[str] = []
    targets: set[str] = set()
    for doc in parsed.documents():
        for token in doc.tokens:
            texts.extend(child.text for child in token.children if child.kind == "text")
        targets.update(ref.target for ref in doc.refs)
    # All at once: no word runs across a line break, so the words are those of each text.
    found = set(words("\n".join(texts)))
    found.update([word.casefold() for word in found])
    # One string, not a set of them: far smaller to keep for every entry, and split in C when needed.
    return Reading(" ".join(sorted(found)), frozenset(targets))


def weave_noting(entry: Entry, around: Surroundings, matcher: Matcher) -> tuple[Woven, Reading]:
    """`weave`, and what the weave read."""
    parsed = parse_entry(entry)
    return weave_parsed(entry, parsed, around, matcher), reading(parsed)


@dataclass(frozen=True, slots=True)
class _Name:
    name: str  # as written
    slug: str
    keys: tuple[str, ...]  # all but the last, as the matcher looks them up
    forms: tuple[str, ...]  # what the last may be


class Context:
    """One language's surroundings, ready to say which part of them each entry's weave reads."""

    def __init__(self, around: Surroundings, matcher: Matcher) -> None:
        self.around = around
        self._by_first: dict[str, list[_Name]] | None = None
        self._names = matcher.names

    def _index(self) -> dict[str, list[_Name]]:
        """Each name under every form the first of its words may take in a text."""
        if self._by_first is None:
            index: dict[str, list[_Name]] = defaultdict(list)
            for name, slug in self._names.items():
                looked_up = name_keys(name)
                if looked_up is None:
                    continue
                keys, forms = looked_up
                found = _Name(name, slug, tuple(keys[:-1]), forms)
                for first in forms if len(keys) == 1 else keys[:1]:
                    index[first].append(found)
            self._by_first = dict(index)
        return self._by_first

    def mentioned(self, words: Iterable[str]) -> list[tuple[str, str]]:
        """(name, slug) of every name whose words all occur among `words`, sorted."""
        seen = words if isinstance(words, (set, frozenset)) else set(words)
        index = self._index()
        found: set[tuple[str, str]] = set()
        for word in index.keys() & seen:  # most words of a text begin no name
            for name in index[word]:
                if all(key in seen for key in name.keys) and any(form in seen for form in name.forms):
                    found.add((name.name, name.slug))
        return sorted(found)

    def of(self, entry: Entry, read: Reading) -> str:
        """A digest of what weaving `entry` reads of these surroundings, given what it read of itself."""
        around = self.around
        directory = around.directory
        terms = []
        slugs: set[str] = set(read.targets)
        for target in sorted(read.targets):
            slug = resolve(target, directory.names)
            terms.append([target, slug, resolve(target, directory.drafts), fold(target) in directory.broken])
            if slug is not None:
                slugs.add(slug)
        automatic = entry.autolink if entry.autolink is not None else around.autolink
        mentioned = self.mentioned(read.words.split(" ")) if automatic else []
        slugs.update(slug for _, slug in mentioned)
        hrefs = [[slug, _href(around.hrefs.get(slug))] for slug in sorted(slugs)]
        plain = [automatic, terms, mentioned, hrefs]
        return hashlib.sha256(json.dumps(plain, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def _href(href: str | TermHref | None) -> object:
    return href if href is None or isinstance(href, str) else [href.url, href.lang, href.note]
