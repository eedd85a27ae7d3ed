"""Views: what each page shows, computed in Python and handed to templates.

Templates only present; sorting, grouping, counting and choosing happen here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from glossator.config import Category
from glossator.markdown import Document, plain_text, render, split_sections
from glossator.model import Comparison, Entry, Glossary
from glossator.slugs import slugify
from glossator.urls import Urls

LATEST_COUNT = 6


@dataclass(frozen=True, slots=True)
class Card:
    """An entry as a link with its summary: in listings, related topics and A–Z."""

    slug: str
    title: str
    path: str
    summary: str
    level: str
    category: Category


@dataclass(frozen=True, slots=True)
class NumberedSection:
    number: str  # "01"
    title_html: str
    anchor: str
    html: str


@dataclass(frozen=True, slots=True)
class MisconceptionView:
    myth: str
    truth_html: str


@dataclass(frozen=True, slots=True)
class EntryView:
    entry: Entry
    path: str
    category: Category
    summary_html: str
    summary_text: str
    intro_html: str
    sections: tuple[NumberedSection, ...]
    example_title: str
    example_html: str
    comparison: Comparison | None
    diagram_svg: str
    diagram_path: str
    misconceptions: tuple[MisconceptionView, ...]
    impact_html: str
    related: tuple[Card, ...]
    mentioned_in: tuple[Card, ...]
    previews: dict[str, dict[str, str]]  # href of a linked entry -> what its preview shows
    edit_url: str
    updated: dt.date | None


@dataclass(frozen=True, slots=True)
class LetterGroup:
    letter: str
    anchor: str
    cards: tuple[Card, ...]


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: Category
    path: str
    count: int


@dataclass(frozen=True, slots=True)
class Listing:
    """A page listing entries: a category, a tag or a level."""

    kind: str  # 'category' | 'tag' | 'level'
    key: str  # category name, tag or level
    title: str
    description: str
    path: str
    cards: tuple[Card, ...]


def sort_key(title: str) -> tuple[str, str]:
    """A–Z order that ignores case and accents."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").casefold()
    return (folded or title.casefold(), title)


def _card_order(card: Card) -> tuple[tuple[str, str], str]:
    return (sort_key(card.title), card.slug)


def letter_of(title: str) -> str:
    first = sort_key(title)[0][:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


class ViewBuilder:
    """Builds the views of one glossary; every page's data comes from here."""

    def __init__(
        self, glossary: Glossary, urls: Urls, diagram: Callable[[Comparison], str] = lambda comparison: ""
    ) -> None:
        self.g = glossary
        self.urls = urls
        self.diagram = diagram  # the inline SVG of a comparison
        self._cards = {slug: self._card(e) for slug, e in glossary.entries.items()}
        self._by_title = sorted(glossary.entries.values(), key=lambda e: (sort_key(e.title), e.slug))

    def _term_url(self, target: str, current: str = "") -> str | None:
        slug = self.g.targets.get(target)
        if slug is None:
            return None
        return "" if slug == current else self.urls.href(Urls.entry(slug))

    def category(self, entry: Entry) -> Category:
        found = self.g.config.category(entry.category)
        assert found is not None, "validation admits only configured categories"
        return found

    def _card(self, entry: Entry) -> Card:
        summary = plain_text(self.g.parsed[entry.slug].summary)
        return Card(entry.slug, entry.title, Urls.entry(entry.slug), summary, entry.level, self.category(entry))

    def card(self, slug: str) -> Card:
        return self._cards[slug]

    def preview(self, card: Card) -> dict[str, str]:
        """What a term link's preview shows: the target's title, level and 30-second version."""
        level = self.g.config.labels[f"level_{card.level}"]
        return {"title": card.title, "summary": card.summary, "meta": f"{card.category.name} · {level}"}

    def entry(self, slug: str) -> EntryView:
        e = self.g.entries[slug]
        p = self.g.parsed[slug]

        def html(doc: Document) -> str:
            return render(doc, lambda target: self._term_url(target, slug))

        intro, sections = split_sections(p.body)
        edit = self.g.config.edit_url.replace("{path}", e.rel) if self.g.config.edit_url else ""
        return EntryView(
            entry=e,
            path=Urls.entry(slug),
            category=self.category(e),
            summary_html=html(p.summary),
            summary_text=plain_text(p.summary),
            intro_html=html(intro) if intro.tokens else "",
            sections=tuple(
                NumberedSection(f"{n:02d}", html(s.title), s.anchor, html(s.content)) for n, s in enumerate(sections, 1)
            ),
            example_title=e.example.title if e.example else "",
            example_html=html(p.example) if p.example else "",
            comparison=e.comparison,
            diagram_svg=self.diagram(e.comparison) if e.comparison else "",
            diagram_path=Urls.diagram(slug) if e.comparison else "",
            misconceptions=tuple(
                MisconceptionView(m.myth, html(t)) for m, t in zip(e.misconceptions, p.truths, strict=True)
            ),
            impact_html=html(p.impact) if p.impact else "",
            related=tuple(self._cards[s] for s in self.g.related.get(slug, ())),
            mentioned_in=tuple(sorted((self._cards[s] for s in self.g.backlinks.get(slug, ())), key=_card_order)),
            previews={self.urls.href(c.path): self.preview(c) for c in map(self.card, self.g.links.get(slug, ()))},
            edit_url=edit,
            updated=self.g.dates.get(slug),
        )

    def a_to_z(self) -> tuple[LetterGroup, ...]:
        groups: dict[str, list[Card]] = defaultdict(list)
        for e in self._by_title:
            groups[letter_of(e.title)].append(self._cards[e.slug])
        order = sorted(groups, key=lambda letter: (letter == "#", letter))
        return tuple(LetterGroup(x, "letter-" + (x.lower() if x != "#" else "other"), tuple(groups[x])) for x in order)

    def latest(self) -> tuple[Card, ...]:
        dates = self.g.dates
        dated = sorted(dates, key=lambda slug: (-dates[slug].toordinal(), sort_key(self.g.entries[slug].title)))
        return tuple(self._cards[slug] for slug in dated[:LATEST_COUNT])

    def category_counts(self) -> tuple[CategoryCount, ...]:
        counts: dict[str, int] = defaultdict(int)
        for e in self.g.entries.values():
            counts[e.category] += 1
        return tuple(CategoryCount(c, Urls.category(c.slug), counts[c.name]) for c in self.g.config.categories)

    def listings(self) -> tuple[Listing, ...]:
        """Every category, level and tag page, each with its entries A–Z."""
        labels = self.g.config.labels
        out: list[Listing] = []
        for c in self.g.config.categories:
            cards = tuple(self._cards[e.slug] for e in self._by_title if e.category == c.name)
            out.append(Listing("category", c.name, c.name, c.description, Urls.category(c.slug), cards))
        for level in ("beginner", "intermediate", "advanced"):
            cards = tuple(self._cards[e.slug] for e in self._by_title if e.level == level)
            out.append(Listing("level", level, labels[f"level_{level}"], "", Urls.level(level), cards))
        tags: dict[str, list[Card]] = defaultdict(list)
        names: dict[str, str] = {}
        for e in self._by_title:
            for t in e.tags:
                tags[slugify(t)].append(self._cards[e.slug])
                names.setdefault(slugify(t), t)
        for key in sorted(tags):
            out.append(Listing("tag", names[key], names[key], "", Urls.tag(key), tuple(tags[key])))
        return tuple(out)

    def tags_of(self, entry: Entry) -> tuple[tuple[str, str], ...]:
        return tuple((t, Urls.tag(t)) for t in entry.tags)
