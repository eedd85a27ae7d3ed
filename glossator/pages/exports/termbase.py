"""Termbase: the glossary as concepts with a term set per language, the shape every export writes.

A concept is an entry of the default language; its translations add the
same concept's terms in other languages.  Everything here is plain text
(the 30-second version without markup): each export escapes it for its own
format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from glossator.pages.urls import Urls
from glossator.prose.glossary import Glossary


@dataclass(frozen=True, slots=True)
class Terms:
    """One concept in one language."""

    lang: str  # BCP 47 tag
    title: str
    aliases: tuple[str, ...]
    definition: str  # the 30-second version, as plain text
    category: str  # the category's name in this language
    url: str  # the page in this language
    diagram_title: str  # the comparison's title, "" without one


@dataclass(frozen=True, slots=True)
class Concept:
    slug: str
    url: str  # the default language's page: the concept's identifier
    category: str  # the category's slug, the same in every language
    level: str
    tags: tuple[str, ...]
    related: tuple[str, ...]  # slugs
    languages: tuple[Terms, ...]  # the default language first, then site.yaml's order


@dataclass(frozen=True, slots=True)
class Category:
    slug: str
    url: str
    names: tuple[tuple[str, str], ...]  # (language tag, name) for every language


@dataclass(frozen=True, slots=True)
class Termbase:
    title: str
    description: str
    url: str  # the site's home page
    lang: str  # the default language's tag
    categories: tuple[Category, ...]
    concepts: tuple[Concept, ...]  # in slug order


def termbase(glossary: Glossary, translations: Sequence[Glossary] = ()) -> Termbase:
    config = glossary.config
    urls = Urls.of(config.base_url)
    every = (glossary, *translations)
    language_urls = [Urls.of(g.config.base_url, g.config.root_url) for g in every]
    categories = tuple(
        Category(
            c.slug,
            urls.absolute(Urls.category(c.slug)),
            tuple((g.config.lang.tag, next(x.name for x in g.config.categories if x.slug == c.slug)) for g in every),
        )
        for c in config.categories
    )
    concepts = []
    for slug, entry in glossary.entries.items():
        category = config.category(entry.category)
        terms = []
        for g, language_url in zip(every, language_urls, strict=True):
            translated = g.entries.get(slug)
            if translated is None:
                continue
            name = next((c.name for c in g.config.categories if category and c.slug == category.slug), entry.category)
            terms.append(
                Terms(
                    lang=g.config.lang.tag,
                    title=translated.title,
                    aliases=tuple(translated.aliases),
                    definition=g.prose[slug].summary_text,
                    category=name,
                    url=language_url.absolute(Urls.entry(slug)),
                    diagram_title=translated.comparison.title if translated.comparison else "",
                )
            )
        concepts.append(
            Concept(
                slug=slug,
                url=urls.absolute(Urls.entry(slug)),
                category=category.slug if category else "",
                level=entry.level,
                tags=tuple(entry.tags),
                related=glossary.related.get(slug, ()),
                languages=tuple(terms),
            )
        )
    return Termbase(config.title, config.description, urls.absolute(""), config.lang.tag, categories, tuple(concepts))
