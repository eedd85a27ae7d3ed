"""Lifecycle pages: what a deprecated entry, a disambiguation page and a review show, and old addresses kept.

An entry page shows a deprecation notice with its successor, the meanings of
a disambiguation page, and the last review (`LifecycleView`).  An entry's old
slugs (`redirect_from`) get a small page each at their old address, which sends
the reader on to the new one, and a `_redirects` file at the site's root gives
hosts that read one (Netlify, Cloudflare Pages) the same moves as real 301s.
Neither kind of old address is in the sitemap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import jinja2

from glossator.content.config import Category, Language
from glossator.content.model import Entry
from glossator.pages.urls import Urls
from glossator.prose.glossary import Glossary


class _Card(Protocol):
    """What of an entry's card (views.Card) the lifecycle part of a page shows."""

    @property
    def title(self) -> str: ...
    @property
    def href(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def category(self) -> Category: ...
    @property
    def language(self) -> Language | None: ...


REDIRECTS_FILE = "_redirects"


@dataclass(frozen=True, slots=True)
class Linked:
    """A label with a link in its middle: the text before the link, the link, the text after it."""

    before: str
    text: str
    href: str
    after: str


def linked(label: str, placeholder: str, text: str, href: str) -> Linked:
    """`label` split around `{placeholder}`, where a link to `href` showing `text` goes."""
    before, found, after = label.partition("{" + placeholder + "}")
    return Linked(before, text, href, after) if found else Linked(label + " ", text, href, "")


@dataclass(frozen=True, slots=True)
class MeaningView:
    card: _Card  # the meaning's entry, as a card
    note: str


@dataclass(frozen=True, slots=True)
class LifecycleView:
    """What an entry page shows of the entry's place in the glossary's life: deprecation, meanings, review."""

    deprecated: bool = False
    successor: Linked | None = None  # "Use X instead.", when the deprecated entry names one
    meanings_intro: str = ""
    meanings: tuple[MeaningView, ...] = ()
    reviewed: dt.date | None = None
    reviewers: str = ""  # their names, joined as the language lists things


def lifecycle(entry: Entry, source: Entry | None) -> tuple[bool, str]:
    """Whether an entry is deprecated, and its successor's slug: a translation follows its source as well."""
    deprecated = entry.deprecated or (source is not None and source.deprecated)
    successor = entry.replaced_by or (source.replaced_by if source is not None else None)
    return deprecated, successor.slug if successor else ""


def lifecycle_view(glossary: Glossary, slug: str, card: Callable[[str], _Card]) -> LifecycleView:
    """The lifecycle part of `slug`'s page; `card` gives an entry's card (this language's, else the source's)."""
    entry = glossary.entries[slug]
    labels = glossary.config.labels
    source = glossary.source.entries.get(slug) if glossary.source else None
    deprecated, successor = lifecycle(entry, source)
    replacement = None
    if deprecated and successor:
        target = card(successor)
        replacement = linked(labels["deprecated_use"], "term", target.title, target.href)
    meanings = tuple(MeaningView(card(m.slug), m.note) for m in entry.meanings)
    return LifecycleView(
        deprecated=deprecated,
        successor=replacement,
        meanings_intro=labels["meanings_intro"].replace("{title}", entry.title) if meanings else "",
        meanings=meanings,
        reviewed=entry.reviewed,
        reviewers=labels["list_separator"].join(entry.reviewers),
    )


@dataclass(frozen=True, slots=True)
class Move:
    """An old address of an entry page and the entry it leads to (paths from the site's root)."""

    old: str
    new: str
    slug: str
    language: str  # "" for the default language


def moves(glossary: Glossary, translations: Sequence[Glossary]) -> tuple[Move, ...]:
    """Every old page address and the current page it leads to, in every language, by old address.

    Old slugs are the default language's (`redirect_from`); each translated entry keeps them under its language.
    """
    out = [
        Move(Urls.entry(old.slug), Urls.entry(entry.slug), entry.slug, "")
        for entry in glossary.entries.values()
        for old in entry.redirect_from
    ]
    for translated in translations:
        prefix = f"{translated.language}/"
        for slug in translated.entries:
            source = glossary.entries.get(slug)
            for old in source.redirect_from if source else ():
                out.append(Move(prefix + Urls.entry(old.slug), prefix + Urls.entry(slug), slug, translated.language))
    return tuple(sorted(out, key=lambda m: m.old))


def redirect_pages(
    env: jinja2.Environment, glossary: Glossary, translations: Sequence[Glossary], *, icon: str = ""
) -> dict[str, bytes]:
    """A page at each old address that sends the reader on to the new one: never indexed, never in the sitemap.

    `icon` is the site's favicon, so that the moment the page is shown looks like the site's.
    """
    urls = Urls.of(glossary.config.base_url)
    languages = {t.language: t for t in translations}
    template = env.get_template("redirect.html")
    out: dict[str, bytes] = {}
    for move in moves(glossary, translations):
        language = languages.get(move.language, glossary)
        labels = language.config.labels
        title = language.entries[move.slug].title
        href = urls.href(move.new)
        html = template.render(
            language=language.config.lang,
            labels=labels,
            title=title,
            href=href,
            canonical=urls.absolute(move.new),
            icon=icon,
            moved=linked(labels["moved"], "page", title, href),
        )
        out[Urls.file_for(move.old)] = html.encode("utf-8")
    return out


def redirects_file(urls: Urls, moved: Sequence[Move]) -> str:
    """`_redirects` in the format Netlify and Cloudflare Pages read: `/old/ /new/ 301`, under the base path."""
    return "".join(f"{urls.href(m.old)} {urls.href(m.new)} 301\n" for m in moved)
