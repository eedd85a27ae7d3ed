"""Views: what each page shows, computed in Python and handed to templates.

Templates only present; sorting, grouping, counting and choosing happen here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from glossator.content import schema
from glossator.content.config import Category, Language, SiteConfig
from glossator.content.model import LEVELS, Comparison, Entry
from glossator.core.slugs import name_slug
from glossator.pages.lifecycle import LifecycleView, lifecycle, lifecycle_view
from glossator.pages.urls import Urls
from glossator.prose.glossary import Glossary
from glossator.prose.markdown import TermHref

LATEST_COUNT = 6


@dataclass(frozen=True, slots=True)
class Card:
    """An entry as a link with its summary: in listings, related topics and A–Z."""

    slug: str
    title: str
    path: str  # relative to its language's root
    summary: str
    level: str
    category: Category
    href: str = ""  # the link, wherever the page showing the card is
    language: Language | None = None  # set when the entry is not in the page's language (a fallback)
    deprecated: bool = False


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
    fields_html: Mapping[str, str]  # every prose field declared (`impact`...) as HTML, "" when not given
    related: tuple[Card, ...]
    mentioned_in: tuple[Card, ...]
    previews: dict[str, dict[str, str]]  # href of a linked entry -> what its preview shows
    edit_url: str
    updated: dt.date | None
    outdated_source: Card | None = None  # a translation whose source has changed since: the source's card
    lifecycle: LifecycleView = field(default_factory=LifecycleView)  # deprecation, meanings, last review


@dataclass(frozen=True, slots=True)
class LetterGroup:
    letter: str
    anchor: str
    cards: tuple[Card, ...]
    path: str = ""  # its own A–Z page, when the glossary is too large for one ("": a group on the home page)


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: Category
    path: str
    count: int


@dataclass(frozen=True, slots=True)
class Listing:
    """A page listing entries: a category, a tag, a level or (in a large glossary) an initial letter."""

    kind: str  # 'category' | 'tag' | 'level' | 'a_to_z'; each is also the key of its label
    key: str  # category name, tag, level or letter
    title: str
    description: str
    path: str
    cards: tuple[Card, ...]


@dataclass(frozen=True, slots=True)
class ListingPart:
    """One page of a listing: the whole of it, or past the page size one part, with the way to the others."""

    listing: Listing
    number: int  # from 1
    count: int  # how many pages the listing has
    path: str
    cards: tuple[Card, ...]
    previous: str = ""  # the page before's path ("" on the first)
    next: str = ""  # the page after's path ("" on the last)
    pages: tuple[tuple[int, str], ...] = ()  # the numbered links to show, in order: (number, path); 0 is a gap

    @property
    def first(self) -> str:
        """The listing's first page, where the listing as a whole lives."""
        return self.listing.path


PAGER_REACH = 1  # numbered links on either side of the current page (and the first and last): one line on a phone


def listing_parts(listing: Listing, size: int) -> tuple[ListingPart, ...]:
    """`listing` as pages of at most `size` entries: one page, as it is, unless it holds more."""
    cards = listing.cards
    if len(cards) <= size:
        return (ListingPart(listing, 1, 1, listing.path, cards),)
    count = -(-len(cards) // size)
    paths = [Urls.part(listing.path, n) for n in range(1, count + 1)]
    return tuple(
        ListingPart(
            listing,
            n,
            count,
            paths[n - 1],
            cards[(n - 1) * size : n * size],
            previous=paths[n - 2] if n > 1 else "",
            next=paths[n] if n < count else "",
            pages=tuple((k, paths[k - 1]) if k else (0, "") for k in _pager(n, count)),
        )
        for n in range(1, count + 1)
    )


def _pager(current: int, count: int) -> list[int]:
    """The page numbers a pager shows around `current`, with 0 for each gap: 1 0 5 6 7 0 20."""
    shown = sorted({1, count, *range(max(1, current - PAGER_REACH), min(count, current + PAGER_REACH) + 1)})
    out: list[int] = []
    for number in shown:
        if out and number - out[-1] == 2:
            out.append(number - 1)  # a gap of one page is shown as that page
        elif out and number - out[-1] > 2:
            out.append(0)
        out.append(number)
    return out


def sort_key(text: str) -> tuple[str, str]:
    """A–Z order that ignores case, accents and leading punctuation, in any script.

    Scripts whose order is not their code points' (Chinese, for one) sort
    well only by a reading, which an entry gives in `sort_as`.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    start = next((i for i, ch in enumerate(folded) if ch.isalnum()), len(folded))
    return (folded[start:] or folded, text)


def _card_order(card: Card) -> tuple[tuple[str, str], str]:
    return (sort_key(card.title), card.slug)


def letter_of(text: str) -> str:
    """The A–Z group of a sort text: its first letter (in any alphabet), or '#'."""
    first = sort_key(text)[0][:1].upper()
    return first if first.isalpha() else "#"


def term_hrefs(config: SiteConfig, slugs: Iterable[str], source: Glossary | None) -> dict[str, str | TermHref]:
    """Where a term link to each entry leads from one language's pages.

    To the entry's page in that language, else (for a translation) to the
    default language's page, with the language named after the link: "(English)".
    """
    urls = Urls.of(config.base_url, config.root_url)
    hrefs: dict[str, str | TermHref] = {}
    if source is not None:
        origin = source.config
        there = Urls.of(origin.base_url, origin.root_url)
        note = config.labels["in_language"].replace("{language}", origin.lang.name)
        hrefs = {slug: TermHref(there.href(Urls.entry(slug)), origin.lang.tag, note) for slug in source.entries}
    hrefs.update((slug, urls.href(Urls.entry(slug))) for slug in slugs)
    return hrefs


def _anchor(letter: str) -> str:
    return "letter-" + (letter.lower() if letter != "#" else "other")


class ViewBuilder:
    """Builds the views of one glossary; every page's data comes from here."""

    def __init__(
        self,
        glossary: Glossary,
        urls: Urls,
        diagram: Callable[[Comparison], str] = lambda comparison: "",
        source: ViewBuilder | None = None,
    ) -> None:
        self.g = glossary
        self.urls = urls
        self.diagram = diagram  # the inline SVG of a comparison
        self.source = source  # the default language's views, for entries this language lacks
        self._cards = {slug: self._card(e) for slug, e in glossary.entries.items()}
        self._by_title = sorted(glossary.entries.values(), key=lambda e: (sort_key(e.sort_text), e.slug))
        self._listings: tuple[Listing, ...] | None = None
        self._parts: tuple[ListingPart, ...] | None = None

    def category(self, entry: Entry) -> Category:
        found = self.g.config.category(entry.category)
        assert found is not None, "validation admits only configured categories"
        return found

    def _card(self, entry: Entry) -> Card:
        summary = self.g.prose[entry.slug].summary_text
        path = Urls.entry(entry.slug)
        deprecated, _ = lifecycle(entry, self.g.source.entries.get(entry.slug) if self.g.source else None)
        category, href = self.category(entry), self.urls.href(path)
        return Card(entry.slug, entry.title, path, summary, entry.level, category, href, deprecated=deprecated)

    def card(self, slug: str) -> Card:
        """The card of `slug`: this language's entry, else the default language's, marked as such."""
        found = self._cards.get(slug)
        if found is None and self.source is not None:
            return self._source_card(slug)
        if found is None:
            raise KeyError(slug)
        return found

    def _source_card(self, slug: str) -> Card:
        """The default language's card of `slug`, marked with its language, its category named in this one."""
        assert self.source is not None
        card = self.source.card(slug)
        category = self.g.config.category(card.category.id) or card.category
        return replace(card, language=self.source.g.config.lang, category=category)

    def preview(self, card: Card) -> dict[str, str]:
        """What a term link's preview shows: the target's title, level and 30-second version."""
        labels = (self.source.g if card.language and self.source else self.g).config.labels
        level = labels[f"level_{card.level}"]
        shown = {"title": card.title, "summary": card.summary, "meta": f"{card.category.name} · {level}"}
        return shown | ({"lang": card.language.tag} if card.language else {})

    def entry(self, slug: str) -> EntryView:
        e = self.g.entries[slug]
        p = self.g.prose[slug]
        edit = self.g.config.edit_url.replace("{path}", e.rel) if self.g.config.edit_url else ""
        return EntryView(
            entry=e,
            path=Urls.entry(slug),
            category=self.category(e),
            summary_html=p.summary_html,
            summary_text=p.summary_text,
            intro_html=p.intro_html,
            sections=tuple(
                NumberedSection(f"{n:02d}", s.title_html, s.anchor, s.html) for n, s in enumerate(p.sections, 1)
            ),
            example_title=e.example.title if e.example else "",
            example_html=p.example_html,
            comparison=e.comparison,
            diagram_svg=self.diagram(e.comparison) if e.comparison else "",
            diagram_path=Urls.diagram(slug) if e.comparison else "",
            misconceptions=tuple(
                MisconceptionView(m.myth, truth) for m, truth in zip(e.misconceptions, p.truths_html, strict=True)
            ),
            fields_html={name: p.fields_html.get(name, "") for name in schema.ENTRY.prose_fields},
            related=tuple(self.card(s) for s in self.g.related.get(slug, ())),
            mentioned_in=tuple(sorted((self._cards[s] for s in self.g.backlinks.get(slug, ())), key=_card_order)),
            previews={c.href: self.preview(c) for c in map(self.card, self.g.links.get(slug, ()))},
            edit_url=edit,
            updated=self.g.dates.get(slug),
            outdated_source=self._source_card(slug) if self.source and self.g.outdated(slug) else None,
            lifecycle=lifecycle_view(self.g, slug, self.card),
        )

    @property
    def split(self) -> bool:
        """Whether the glossary is past the listing page size: the home page then leads to A–Z pages instead."""
        return len(self.g.entries) > self.g.config.listing_page_size

    def a_to_z(self) -> tuple[LetterGroup, ...]:
        """The entries by initial letter, in the order of the letters' alphabet (the rest, '#', last)."""
        groups: dict[str, list[Card]] = defaultdict(list)
        for e in self._by_title:
            groups[letter_of(e.sort_text)].append(self._cards[e.slug])
        order = sorted(groups, key=lambda letter: (letter == "#", letter))
        paths = {x: Urls.letter(x) if self.split else "" for x in order}
        return tuple(LetterGroup(x, _anchor(x), tuple(groups[x]), paths[x]) for x in order)

    def letter_nav(self) -> tuple[LetterGroup, ...]:
        """The A–Z's letters and where each leads, without their entries: what each A–Z page shows of the others."""
        return tuple(replace(g, cards=()) for g in self.a_to_z())

    def latest(self) -> tuple[Card, ...]:
        dates = self.g.dates
        entries = self.g.entries
        dated = sorted(dates, key=lambda slug: (-dates[slug].toordinal(), sort_key(entries[slug].sort_text), slug))
        return tuple(self._cards[slug] for slug in dated[:LATEST_COUNT])

    def category_counts(self) -> tuple[CategoryCount, ...]:
        counts: dict[str, int] = defaultdict(int)
        for e in self.g.entries.values():
            counts[e.category] += 1
        return tuple(CategoryCount(c, Urls.category(c.slug), counts[c.id]) for c in self.g.config.categories)

    def listings(self) -> tuple[Listing, ...]:
        """Every category, level and tag listing, each A–Z, and the A–Z's letters when split (worked out once)."""
        if self._listings is None:
            self._listings = self._make_listings()
        return self._listings

    def listing_parts(self) -> tuple[ListingPart, ...]:
        """Every page of every listing: one each, or past the page size each listing's parts in turn."""
        if self._parts is None:
            size = self.g.config.listing_page_size
            self._parts = tuple(part for listing in self.listings() for part in listing_parts(listing, size))
        return self._parts

    def _make_listings(self) -> tuple[Listing, ...]:
        labels = self.g.config.labels
        out: list[Listing] = []
        for c in self.g.config.categories:
            cards = tuple(self._cards[e.slug] for e in self._by_title if e.category == c.id)
            out.append(Listing("category", c.name, c.name, c.description, Urls.category(c.slug), cards))
        for level in LEVELS:
            cards = tuple(self._cards[e.slug] for e in self._by_title if e.level == level)
            out.append(Listing("level", level, labels[f"level_{level}"], "", Urls.level(level), cards))
        tags: dict[str, list[Card]] = defaultdict(list)
        names: dict[str, str] = {}
        for e in self._by_title:
            for t in e.tags:
                tags[name_slug(t)].append(self._cards[e.slug])
                names.setdefault(name_slug(t), t)
        for key in sorted(tags):
            out.append(Listing("tag", names[key], names[key], "", Urls.tag(key), tuple(tags[key])))
        for group in self.a_to_z() if self.split else ():
            out.append(Listing("a_to_z", group.letter, group.letter, "", group.path, group.cards))
        return tuple(out)

    def tags_of(self, entry: Entry) -> tuple[tuple[str, str], ...]:
        return tuple((t, Urls.tag(t)) for t in entry.tags)
