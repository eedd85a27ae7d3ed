"""References between terms, made `[[slug|shown text]]` links once every term's slug is known.

Readers write a reference as `[[key|shown]]` with the source's own key (see
`terms.reference`); a `[[...]]` the source had written itself is read the
same way.  Each is looked up by that key first, then as a name (title or
alias, case- and space-insensitive) of an imported term or of an entry that
is in `content/` already.  One that names nothing becomes its shown text and
is reported: `check` would refuse a link that leads nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from glossator.importers.terms import fold, key_slug
from glossator.importers.text import masked

# As the Markdown reader takes a term link: a target with no brackets, bar or line break, then the shown text.
_LINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")


@dataclass(frozen=True, slots=True)
class Names:
    """What a reference may name, and the slug it leads to."""

    keys: Mapping[str, str]  # the source's own keys, exactly as written
    names: Mapping[str, str]  # folded titles, aliases and slugs
    titles: Mapping[str, str]  # each slug's title, shown when a reference gives no text

    def resolve(self, target: str) -> str | None:
        target = " ".join(target.split())
        found = self.keys.get(target) or self.names.get(fold(target))
        if found is None and (slug := key_slug(target)):
            found = self.names.get(slug)
        return found


@dataclass(frozen=True, slots=True)
class Rewritten:
    text: str
    links: int  # references made links
    unresolved: tuple[tuple[int, str], ...]  # (offset in the text, target) of those that name nothing


def link_references(text: str, names: Names, *, own: str = "") -> Rewritten:
    """Every `[[key|shown]]` outside code made `[[slug|shown]]`, or its shown text when it names nothing.

    A reference to `own` (the entry the text belongs to) becomes plain text: an entry does not link itself.
    """
    hidden = masked(text)
    unresolved: list[tuple[int, str]] = []
    links = 0

    def replace(found: re.Match[str]) -> str:
        nonlocal links
        target = " ".join(found.group(1).split())
        shown = " ".join((found.group(2) or "").split())
        slug = names.resolve(target)
        if slug is None:
            unresolved.append((found.start(), target))
            return shown or target
        # With no text of its own, a reference by key (an id) shows the term's title; one by name shows the name.
        shown = shown or (names.titles.get(slug, target) if target in names.keys else target)
        if slug == own:
            return shown
        links += 1
        return f"[[{slug}|{shown}]]"

    done = _LINK.sub(replace, hidden.text)
    return Rewritten(hidden.restore(done), links, tuple(unresolved))
