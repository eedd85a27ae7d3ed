"""The glossary as one document to print: /print/ holds every entry, /print/<category>/ one category.

A printed entry shows what its page shows, every section open, without the
controls (search, the question form, share and download links).  Paper has no
links, so each entry's prose is written again for it (`Printing`): a link to an
entry in the same document becomes a link to that entry further on; every
other link keeps its text and gains a numbered note, and the entry's notes
list the addresses in full.  The PDF (glossator.pages.exports.pdf) is made from
these documents.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import cast
from urllib.parse import unquote, urljoin, urlsplit

from glossator.content.config import Category, SiteConfig
from glossator.diagram.svg import render_svg
from glossator.pages.lifecycle import MeaningView
from glossator.pages.urls import Urls
from glossator.pages.views import Card, EntryView, ViewBuilder, sort_key

# An opening <a> tag of the prose's HTML, its text and its closing tag.  The HTML is the prose
# writer's own (glossator.prose.html): attributes double-quoted and escaped, links never nested.
_LINK = re.compile(r"<a( [^>]*)>(.*?)</a>", re.DOTALL)
_HREF = re.compile(r' href="([^"]*)"')
_ENTRY = re.compile(r"glossary/([^/?#]+)/")  # an entry's page, from its language's root


# The widest a diagram is drawn for paper, in CSS pixels: within an A4 page's text (174 mm, 657 px), so that
# nothing has to scale it.
PAPER_WIDTH = 640


@dataclass(frozen=True, slots=True)
class Note:
    """A numbered note of a printed entry: the full address of a link its text made."""

    number: int
    anchor: str
    url: str


@dataclass(frozen=True, slots=True)
class PrintedEntry:
    """An entry as the print document shows it: its page's view, with every link written for paper."""

    view: EntryView
    anchor: str  # the entry's id in the document
    level: str  # the level's name
    notes: tuple[Note, ...]


@dataclass(frozen=True, slots=True)
class Chapter:
    """A category's entries in a print document, A–Z."""

    category: Category
    anchor: str
    entries: tuple[PrintedEntry, ...]


@dataclass(frozen=True, slots=True)
class PrintDocument:
    """One document to print: the whole glossary, or one category."""

    path: str
    title: str
    category: Category | None  # None for the whole glossary
    chapters: tuple[Chapter, ...]
    online: str  # the address of what it prints, for the cover: the site's or the category page's
    pdf: str = ""  # the PDF made from it, when the site exports one (a path from the language's root)

    @property
    def count(self) -> int:
        return sum(len(c.entries) for c in self.chapters)


# Past this many entries a glossary has no print document unless site.yaml asks for one (`print: true`, or a PDF
# among its exports): at about three pages an entry, a thousand entries already make a book of three thousand.
PRINT_AUTO_LIMIT = 1000


def prints(config: SiteConfig, entries: int) -> bool:
    """Whether a glossary of `entries` entries with these settings has print documents."""
    if config.print is not None:
        return config.print
    return "pdf" in config.exports or entries <= PRINT_AUTO_LIMIT


def print_documents(
    views: ViewBuilder,
    pdf: str = "",
    *,
    only: Collection[str] | None = None,
    holding: str | None = None,
    entries: EntryPrints | None = None,
) -> Iterator[PrintDocument]:
    """The whole glossary, then each category that has entries, as documents to print.

    Each is made when it is asked for.  With `only`, the whole glossary's document alone, holding
    those entries (what `check` draws to try the template); with `holding`, only the documents that
    hold that entry (what an edit of it alone changes).  `entries` keeps what the documents share
    from one call to the next (the preview's).
    """
    config = views.g.config
    if not prints(config, len(views.g.entries)):
        return
    by_category: dict[str, list[str]] = {c.id: [] for c in config.categories}
    for card in sorted((views.card(slug) for slug in views.g.entries), key=_order):
        if only is None or card.slug in only:
            by_category[card.category.id].append(card.slug)
    filled = [c for c in config.categories if by_category[c.id]]
    entries = entries or EntryPrints(views)
    yield _document(entries, Urls.printed(), config.title, None, filled, by_category, pdf)
    if only is not None:
        return
    for c in filled:
        if holding is None or holding in by_category[c.id]:
            yield _document(entries, Urls.printed(c.slug), f"{c.name} · {config.title}", c, [c], by_category, "")


def _order(card: Card) -> tuple[object, ...]:
    return (sort_key(card.title), card.slug)


def _document(
    entries: EntryPrints,
    path: str,
    title: str,
    category: Category | None,
    categories: list[Category],
    slugs: Mapping[str, list[str]],
    pdf: str,
) -> PrintDocument:
    inside = {slug for c in categories for slug in slugs[c.id]}
    online = entries.views.urls.absolute(Urls.category(category.slug) if category else "")
    chapters = tuple(
        Chapter(c, f"chapter-{c.slug}", tuple(entries.printed(slug, inside) for slug in slugs[c.id]))
        for c in categories
    )
    return PrintDocument(path, title, category, chapters, online, pdf)


class EntryPrints:
    """Printed entries for the documents of one language: what every document shows alike is made once."""

    def __init__(self, views: ViewBuilder, made: Mapping[str, tuple[EntryView, str]] | None = None) -> None:
        self.views = views
        self._plain = copy.copy(views)
        self._plain.diagram = lambda comparison: ""  # the page's own diagram is not the one paper shows
        self._made: dict[str, tuple[EntryView, str]] = dict(made or {})

    def after_edit(self, views: ViewBuilder, slug: str) -> EntryPrints:
        """These prints for `views`, whose glossary differs from the last only in what `slug`'s own page shows."""
        return EntryPrints(views, {s: made for s, made in self._made.items() if s != slug})

    def _view(self, slug: str) -> tuple[EntryView, str]:
        found = self._made.get(slug)
        if found is None:
            view = self._plain.entry(slug)
            found = self._made[slug] = (view, _diagram(view, self.views.g.config, prefix=f"d-{slug}"))
        return found

    def printed(self, slug: str, inside: Collection[str]) -> PrintedEntry:
        """`slug` written for a document that holds the entries `inside`."""
        view, diagram = self._view(slug)
        return printed_entry(self.views, view, diagram, inside)


def printed_entry(views: ViewBuilder, view: EntryView, diagram: str, inside: Collection[str]) -> PrintedEntry:
    """An entry's view (and its diagram for paper) written for a document that holds the entries `inside`."""
    config = views.g.config
    slug = view.entry.slug
    printing = Printing(views.urls, inside, anchor=entry_anchor(slug), site=config.site_url)
    write, link = printing.html, printing.href
    life = view.lifecycle
    successor = life.successor and replace(life.successor, href=link(life.successor.href))
    written = replace(
        view,
        summary_html=write(view.summary_html),
        intro_html=write(view.intro_html),
        sections=tuple(
            replace(s, title_html=write(s.title_html), html=write(s.html), anchor=f"{slug}--{s.anchor}")
            for s in view.sections
        ),
        example_html=write(view.example_html),
        diagram_svg=diagram,
        misconceptions=tuple(replace(m, truth_html=write(m.truth_html)) for m in view.misconceptions),
        fields_html={name: write(text) for name, text in view.fields_html.items()},
        related=tuple(replace(c, href=link(c.href)) for c in view.related),
        mentioned_in=tuple(replace(c, href=link(c.href)) for c in view.mentioned_in),
        previews={},
        lifecycle=replace(
            life,
            successor=successor or None,
            meanings=tuple(
                MeaningView(replace(cast(Card, m.card), href=link(m.card.href)), m.note) for m in life.meanings
            ),
        ),
    )
    level = config.labels[f"level_{view.entry.level}"]
    return PrintedEntry(written, entry_anchor(slug), level, printing.notes())


def _diagram(view: EntryView, config: SiteConfig, *, prefix: str) -> str:
    """The entry's diagram for paper: its light colours alone, with ids of its own (a document holds many)."""
    if view.comparison is None:
        return ""
    return render_svg(
        view.comparison,
        credit=config.credit_line,
        standalone=False,
        id_prefix=prefix,
        labels=config.labels,
        max_width=PAPER_WIDTH,
        paper=True,
    )


def entry_anchor(slug: str) -> str:
    """An entry's id in a print document."""
    return f"entry-{slug}"


class Printing:
    """Links written for paper, for one entry of a document holding the entries `inside`.

    `href` gives where a link leads in the document: an entry inside it is found
    further on (`#entry-<slug>`), anything else keeps its full address.  `html`
    writes a piece of the entry's prose so: links out of the document gain a
    numbered note, links within the page it came from lose their link.
    """

    def __init__(self, urls: Urls, inside: Collection[str], *, anchor: str, site: str) -> None:
        self.urls, self.inside, self.anchor = urls, inside, anchor
        self.site = site  # the root of the whole site: term links into another language start there
        parts = urlsplit(site)
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self._notes: dict[str, Note] = {}

    def href(self, href: str) -> str:
        """Where a link to `href` (a URL as the site's pages write it) leads in the document."""
        if not href or href.startswith("#"):
            return href
        urls = self.urls
        if href.startswith("/") and not href.startswith("//"):  # from the site's root, as the pages write links
            absolute = self._origin + href
        else:
            absolute = urljoin(self.site, href)
        if absolute.startswith(urls.base_url):
            found = _ENTRY.fullmatch(absolute, len(urls.base_url))
            slug = unquote(found.group(1)) if found else ""
            if slug in self.inside:
                return "#" + entry_anchor(slug)
        return absolute

    def html(self, text: str) -> str:
        return _LINK.sub(self._link, text) if "<a " in text else text

    def _link(self, match: re.Match[str]) -> str:
        attributes, shown = match.group(1), match.group(2)
        found = _HREF.search(attributes)
        href = html.unescape(found.group(1)) if found else ""
        if not href or href.startswith("#"):  # a place on the page it came from: nowhere on paper
            return shown
        target = self.href(href)
        written = ' href="' + html.escape(target) + '"'
        opening = "<a" + _HREF.sub(lambda _: written, attributes, count=1) + ">"
        if target.startswith("#"):
            return f"{opening}{shown}</a>"
        note = self._note(target)
        call = f'<a class="note-call" href="#{note.anchor}" role="doc-noteref">{note.number}</a>'
        return f"{opening}{shown}</a><sup>{call}</sup>"

    def _note(self, url: str) -> Note:
        found = self._notes.get(url)
        if found is None:
            number = len(self._notes) + 1
            found = self._notes[url] = Note(number, f"{self.anchor}--note-{number}", url)
        return found

    def notes(self) -> tuple[Note, ...]:
        return tuple(self._notes.values())
