"""Render: a linked Glossary in, every file of the site out, as {path: bytes}.

Templates are looked up in the site's own `templates/` folder first, then in
the built-in theme; a site template can extend a built-in one by prefixing
its name with `glossator/` (e.g. `{% extends "glossator/entry.html" %}`).
Autoescaping is on for every template and undefined names are errors.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from glossator.content.config import Language, SiteConfig
from glossator.content.model import Comparison
from glossator.core.parallel import fork_map
from glossator.diagram.svg import render_svg
from glossator.pages.assets import Assets
from glossator.pages.feeds import atom_feed, robots_txt, sitemap_files, terms_json
from glossator.pages.search import names_json
from glossator.pages.structured import Head, HeadBuilder
from glossator.pages.urls import Urls
from glossator.pages.views import ViewBuilder
from glossator.prose.glossary import Glossary

THEME_TEMPLATES = Path(__file__).parents[1] / "theme" / "templates"


def make_environment(site_templates: Path | None) -> jinja2.Environment:
    theme = jinja2.FileSystemLoader(THEME_TEMPLATES)
    loaders: list[jinja2.BaseLoader] = []
    if site_templates is not None and site_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(site_templates))
    loaders += [jinja2.PrefixLoader({"glossator": theme}), theme]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,  # for every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tojson_safe"] = json_for_script
    return env


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a <script> element: no '</script>' or '<!--' can form."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def format_date(labels: Mapping[str, str]) -> Callable[[dt.date | None], str]:
    months = labels.get("months", "").split(",")
    pattern = labels.get("date_format", "{day} {month} {year}")

    def fmt(day: dt.date | None) -> str:
        if day is None:
            return ""
        if len(months) != 12:
            return day.isoformat()
        month = months[day.month - 1].strip()
        return pattern.replace("{day}", str(day.day)).replace("{month}", month).replace("{year}", str(day.year))

    return fmt


@dataclass(frozen=True, slots=True)
class Version:
    """One language's version of a page: for the language switcher and the hreflang alternates."""

    language: Language
    href: str
    absolute: str
    exists: bool  # False when the page is not translated: href leads to that language's home instead
    current: bool


class Versions:
    """Which pages exist in which language, so each page can point to its other versions."""

    def __init__(self, views: Sequence[ViewBuilder]) -> None:
        self.views = views
        self.pages = [_page_paths(v) for v in views]

    def of(self, path: str, current: str) -> tuple[Version, ...]:
        if len(self.views) < 2:
            return ()
        out: list[Version] = []
        for views, pages in zip(self.views, self.pages, strict=True):
            language, urls = views.g.config.lang, views.urls
            exists = path in pages
            target = path if exists else ""
            out.append(Version(language, urls.href(target), urls.absolute(target), exists, language.code == current))
        return tuple(out)


@dataclass
class PageCache:
    """Entry pages of earlier renders, kept with what they were made from (the preview's memory).

    An entry page is rendered again only when something it shows has changed:
    the entry, its prose as linked, the cards of the entries it links to,
    lists or is mentioned by, its date, its language versions and the header.
    Other pages are kept while everything handed to their template is equal.
    Templates, assets or site.yaml changing means starting a new cache.
    """

    pages: dict[tuple[str, str], tuple[tuple[object, ...], list[tuple[str, bytes]]]] = field(default_factory=dict)
    others: dict[tuple[str, str], tuple[tuple[object, ...], bytes]] = field(default_factory=dict)  # listings, home
    reused: int = 0
    # What does not change while templates and assets do not: their environment, and the share cards drawn.
    env: jinja2.Environment | None = None
    assets: Assets | None = None
    cards: tuple[object, dict[str, bytes]] | None = None
    renderers: dict[str, _LanguageRenderer] = field(default_factory=dict)  # language -> the last render's


def render_entry_again(cache: PageCache, glossary: Glossary, slug: str) -> tuple[set[str], dict[str, bytes]] | None:
    """An entry's own files (its page and diagram) after an edit that changed nothing other pages show.

    `glossary` is the last one rendered with this entry's new version, its card,
    names and links unchanged; the views of the last render are reused.  Returns
    the paths (from the site's root) the entry no longer has and its files, or
    None when its language has not been rendered with this cache.
    """
    renderer = cache.renderers.get(glossary.language)
    if renderer is None:
        return None
    renderer = cache.renderers[glossary.language] = renderer.with_glossary(glossary)
    key = (glossary.language, slug)
    before = {path for path, _ in cache.pages[key][1]} if key in cache.pages else set()
    pairs = renderer.entry_files(slug)
    cache.pages[key] = (renderer.entry_key(slug), pairs)
    prefix = "" if glossary.source is None else f"{glossary.language}/"
    files = {prefix + path: data for path, data in pairs}
    return {prefix + path for path in before} - files.keys(), files


def _page_paths(views: ViewBuilder) -> set[str]:
    return {"", "search/", *(Urls.entry(slug) for slug in views.g.entries), *(x.path for x in views.listings())}


def render_site(
    glossary: Glossary,
    env: jinja2.Environment,
    assets: Assets,
    cards: Mapping[str, bytes] | None = None,
    *,
    translations: Sequence[Glossary] = (),
    jobs: int = 1,
    cache: PageCache | None = None,
) -> dict[str, bytes]:
    """Every output file of the site, keyed by its path inside the output folder.

    `cards` are the share cards (output path -> PNG); pages point their share tags at those present.
    Each glossary in `translations` is another language's, published under /<code>/.
    `cache` keeps entry pages from one render to the next, so that unchanged ones are not rendered again.
    """
    config = glossary.config
    urls = Urls.of(config.base_url)
    files: dict[str, bytes] = dict(assets.files)
    cards = cards or {}
    files.update(cards)
    views = [ViewBuilder(glossary, urls, _inline_diagram(config))]
    for translated in translations:
        part = translated.config
        views.append(ViewBuilder(translated, Urls.of(part.base_url, part.root_url), _inline_diagram(part), views[0]))
    versions = Versions(views)
    pages: list[tuple[str, dt.date | None]] = []
    alternates: dict[str, list[tuple[str, str]]] = {}
    for language_views in views:
        code = language_views.g.language
        prefix = "" if language_views is views[0] else f"{code}/"
        renderer = _LanguageRenderer(language_views, env, assets, cards, versions)
        own = renderer.files(jobs, cache)
        if cache is not None:
            cache.renderers[code] = renderer
        files.update((prefix + name, data) for name, data in own.items())
        modified = {Urls.entry(slug): day for slug, day in language_views.g.dates.items()}
        for path in sorted(p.removesuffix("index.html") for p in own if p.endswith("index.html")):
            if path == "404.html":
                continue
            pages.append((prefix + path, modified.get(path)))
            shown = [v for v in versions.of(path, code) if v.exists]
            alternates[prefix + path] = [(v.language.tag, v.absolute) for v in shown]
    pages.sort()
    for name, text in sitemap_files(urls, pages, alternates=alternates if translations else None).items():
        files[name] = text.encode("utf-8")
    files["robots.txt"] = robots_txt(urls).encode("utf-8")
    return files


def _inline_diagram(config: SiteConfig) -> Callable[[Comparison], str]:
    def inline(comparison: Comparison) -> str:
        return render_svg(comparison, credit=config.credit_line, standalone=False, id_prefix="d", labels=config.labels)

    return inline


class _LanguageRenderer:
    """The pages of one language, as paths relative to that language's root."""

    def __init__(
        self,
        views: ViewBuilder,
        env: jinja2.Environment,
        assets: Assets,
        cards: Mapping[str, bytes],
        versions: Versions,
    ) -> None:
        self.views, self.env, self.assets, self.cards, self.versions = views, env, assets, cards, versions
        self.glossary = views.g
        self.config = views.g.config
        self.urls = views.urls
        self.heads = HeadBuilder(self.config, self.urls, site_image=self.card_url())
        self.nav = views.category_counts()  # once: every page shows it
        self.header = tuple((c.category, c.path) for c in self.nav)  # what of it can change (PageCache keys)
        self.date = format_date(self.config.labels)

    def with_glossary(self, glossary: Glossary) -> _LanguageRenderer:
        """This renderer for a glossary that differs from its own only in what entry pages alone show."""
        views = copy.copy(self.views)
        views.g = glossary
        renderer = copy.copy(self)
        renderer.views, renderer.glossary = views, glossary
        return renderer

    def card_url(self, slug: str | None = None) -> str:
        # An entry's card is drawn from its default-language title, so other languages use the site's card.
        if slug is not None and self.glossary.source is not None:
            slug = None
        path = Urls.card(slug)
        return self.urls.shared_absolute(path) if path in self.cards else ""

    def page_html(self, template: str, path: str, head: Head, **context: Any) -> bytes:
        config, urls = self.config, self.urls
        html = self.env.get_template(template).render(
            site=config,
            labels=config.labels,
            language=config.lang,
            versions=self.versions.of(path, config.language),
            url=urls.href,
            absolute=urls.absolute,
            shared=urls.shared,
            asset=lambda name: urls.shared(self.assets.path(name)),
            date=self.date,
            page_path=path,
            page_title=head.name,
            page_description=head.description,
            head=head,
            nav_categories=self.nav,
            **context,
        )
        return html.encode("utf-8")

    def entry_files(self, slug: str) -> list[tuple[str, bytes]]:
        """An entry's page and standalone diagram: the bulk of a build, done in parallel."""
        config, glossary, views = self.config, self.glossary, self.views
        out: list[tuple[str, bytes]] = []
        entry = glossary.entries[slug]
        if entry.comparison is not None:
            svg = render_svg(entry.comparison, credit=config.credit_line, standalone=True, labels=config.labels)
            out.append((Urls.diagram(slug), svg.encode("utf-8")))
        view = views.entry(slug)
        head = self.heads.entry(view, self.card_url(slug))
        html = self.page_html("entry.html", view.path, head, view=view, tags=views.tags_of(entry))
        out.append((Urls.file_for(view.path), html))
        return out

    def entry_key(self, slug: str) -> tuple[object, ...]:
        """Everything an entry's page shows that can change between renders (see PageCache)."""
        g, views = self.glossary, self.views
        neighbours = (*g.links.get(slug, ()), *g.related.get(slug, ()), *g.backlinks.get(slug, ()))
        return (
            g.entries[slug],
            g.prose[slug],  # the same object while its text and every name in its language are
            tuple(views.card(s) for s in neighbours),
            g.dates.get(slug),
            self.versions.of(Urls.entry(slug), self.config.language),
            g.outdated(slug),
            self.card_url(slug),
            self.header,
        )

    def entry_pages(self, jobs: int, cache: PageCache | None) -> list[tuple[str, bytes]]:
        slugs = list(self.glossary.entries)
        if cache is None:
            return [pair for pairs in fork_map(self.entry_files, slugs, jobs) for pair in pairs]
        lang = self.config.language
        keys = {slug: self.entry_key(slug) for slug in slugs}
        kept = {slug: cache.pages.get((lang, slug)) for slug in slugs}
        todo = [slug for slug in slugs if (found := kept[slug]) is None or found[0] != keys[slug]]
        fresh = dict(zip(todo, fork_map(self.entry_files, todo, jobs), strict=True))
        cache.reused += len(slugs) - len(todo)
        for key in [k for k in cache.pages if k[0] == lang and k[1] not in keys]:
            del cache.pages[key]
        out: list[tuple[str, bytes]] = []
        for slug in slugs:
            pairs = fresh[slug] if slug in fresh else kept[slug][1]  # type: ignore[index]
            cache.pages[(lang, slug)] = (keys[slug], pairs)
            out.extend(pairs)
        return out

    def files(self, jobs: int, cache: PageCache | None = None) -> dict[str, bytes]:
        glossary, views, heads = self.glossary, self.views, self.heads
        files: dict[str, bytes] = dict(self.entry_pages(jobs, cache))
        lang = self.config.language

        def page(template: str, path: str, head: Head, **context: Any) -> None:
            if cache is None:
                files[Urls.file_for(path)] = self.page_html(template, path, head, **context)
                return
            key = (template, head, context, self.versions.of(path, lang), self.header)
            found = cache.others.get((lang, path))
            if found is not None and found[0] == key:
                cache.reused += 1
                html = found[1]
            else:
                html = self.page_html(template, path, head, **context)
                cache.others[(lang, path)] = (key, html)
            files[Urls.file_for(path)] = html

        page(
            "home.html",
            "",
            heads.home_page(len(glossary.entries)),
            categories=self.nav,
            latest=views.latest(),
            letters=views.a_to_z(),
            total=len(glossary.entries),
        )
        for listing in views.listings():
            page("listing.html", listing.path, heads.listing(listing), listing=listing)
        page("search.html", "search/", heads.search())
        if glossary.source is None:  # one 404 page for the whole site
            page("404.html", "404.html", heads.not_found())
        files["feed.xml"] = atom_feed(glossary, self.urls, views).encode("utf-8")
        files["api/terms.json"] = terms_json(glossary, self.urls, views).encode("utf-8")
        files["search/names.json"] = names_json(glossary, self.urls)
        return files
