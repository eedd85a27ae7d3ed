"""Render: a linked Glossary in, every file of the site out, as {path: bytes}.

Pages are drawn with the project's templates over the theme's (see
glossator.pages.templates); a page whose template has a mistake raises
BrokenTemplateError, and `template_problems` tries each kind of page once so that
`check` finds such mistakes without building the site.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from pathlib import Path
from typing import Any, assert_never

import markupsafe

from glossator.content.config import Language, SiteConfig
from glossator.content.model import LEVELS, Comparison
from glossator.core.diagnostics import Diagnostic
from glossator.core.labels import PLURAL_FORMS, count_label, page_of
from glossator.core.parallel import fork_map
from glossator.core.shorten import shorten
from glossator.diagram.svg import render_svg
from glossator.pages.assets import Assets, collect_assets
from glossator.pages.cards import CardSpec
from glossator.pages.embed import embed_files
from glossator.pages.exports import pdf
from glossator.pages.exports.files import export_files
from glossator.pages.feeds import atom_feed, robots_txt, sitemap_files, terms_files
from glossator.pages.lifecycle import REDIRECTS_FILE, moves, redirect_pages, redirects_file
from glossator.pages.names import NAMES_MANIFEST, name_files
from glossator.pages.printed import EntryPrints, print_documents, prints
from glossator.pages.shelf import File, Shelf, Under
from glossator.pages.structured import Head, HeadBuilder
from glossator.pages.templates import BrokenTemplateError, Templates, unique
from glossator.pages.urls import Urls
from glossator.pages.views import Listing, ViewBuilder
from glossator.prose.glossary import Glossary
from glossator.prose.link import has_related


def make_environment(site_templates: Path | None, cwd: Path | None = None) -> Templates:
    """The templates of a project's `templates/` folder over the theme's; problems are shown from `cwd`."""
    env = Templates(
        site_templates,
        cwd or Path.cwd(),
        autoescape=True,  # for every template, whatever its extension
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tojson_safe"] = json_for_script
    env.filters["shorten"] = shorten  # a summary cut at a break, in any script: `card.summary|shorten(110)`
    # Facts the templates share with the code; `paths` is the URL scheme (`url(paths.search())`).
    env.globals.update(
        levels=LEVELS,
        count_label=count_label,
        plural_forms=PLURAL_FORMS,
        fill=fill,
        paths=Urls,
        names_index=NAMES_MANIFEST,
        page_of=page_of,
    )
    return env


def fill(label: str, **values: str) -> markupsafe.Markup:
    """A label with its `{name}` placeholders filled, for a template: `fill(labels.ask_field, title=e.title)`.

    The label and plain values are escaped, markup values (a link made with `{% set %}`) are kept, and
    each value is isolated in <bdi>, so that a name in another script keeps its own order on the line.
    """
    out = markupsafe.escape(label)
    for name, value in values.items():
        out = out.replace("{" + name + "}", markupsafe.Markup("<bdi>{}</bdi>").format(value))
    return out


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
            target = path if exists else _nearest(path, pages)
            out.append(Version(language, urls.href(target), urls.absolute(target), exists, language.code == current))
        return tuple(out)


def _nearest(path: str, pages: set[str]) -> str:
    """Where a language without `path` leads instead: a listing's first page for a later one it lacks, else home."""
    first = Urls.first_part(path)
    return first if first in pages else ""


class ChangeKind(Enum):
    """What a batch of saves changed, told apart as far as the caches kept between builds need.

    Each kind leads the preview to do something different, or its caches to drop something
    different.  The preview sorts every batch into one (glossator.preview.changes); the kinds
    are declared here, below every cache that is told of them.
    """

    PAGE = "page"  # saved entries whose paths say they may change their own pages alone (or no file the build reads)
    ENTRIES = "entries"  # the content, in a way only building it again can tell
    CONFIG = "config"  # site.yaml
    TEMPLATES = "templates"
    STYLES = "styles"  # static files, stylesheets among them: the new build may differ only by its CSS
    STATIC = "static"  # static files, none a stylesheet
    EVERYTHING = "everything"  # anything else, a mix, or not known (the first build)


@dataclass(slots=True)
class PageCache:
    """What rendering keeps between calls: the preview's memory of its pages.

    An entry page is rendered again only when something it shows has changed:
    the entry, its prose as linked, the cards of the entries it links to,
    lists or is mentioned by, its date, its language versions and the header.
    Other pages are kept while everything handed to their template is equal.
    Share cards are kept while what they show is equal.  What no key holds
    (site.yaml's settings, the templates, the assets) is the business of
    `invalidate`.
    """

    _entries: dict[tuple[str, str], tuple[tuple[object, ...], list[tuple[str, File]]]] = field(
        default_factory=dict, init=False, repr=False
    )
    _others: dict[tuple[str, str], tuple[tuple[object, ...], bytes]] = field(
        default_factory=dict, init=False, repr=False
    )
    _env: Templates | None = field(default=None, init=False, repr=False)
    _assets: Assets | None = field(default=None, init=False, repr=False)
    _cards: tuple[Mapping[str, CardSpec], Mapping[str, File]] | None = field(default=None, init=False, repr=False)
    _renderers: dict[str, _LanguageRenderer] = field(default_factory=dict, init=False, repr=False)  # the last render's

    def invalidate(self, kind: ChangeKind) -> None:
        """Drop what a change of this kind may have made stale."""
        match kind:
            case ChangeKind.PAGE | ChangeKind.ENTRIES:
                pass  # every page and card is kept with what it was made from, and checked against it
            case ChangeKind.CONFIG:
                self._drop_pages()  # pages show settings their keys do not hold
            case ChangeKind.TEMPLATES:
                self._env = None
                self._drop_pages()
            case ChangeKind.STYLES | ChangeKind.STATIC:
                self._assets = None
                self._drop_pages()  # pages name the assets by their fingerprints
            case ChangeKind.EVERYTHING:
                self._env, self._assets, self._cards = None, None, None
                self._drop_pages()
            case _:
                assert_never(kind)

    def _drop_pages(self) -> None:
        self._entries.clear()
        self._others.clear()
        self._renderers.clear()

    def environment(self, templates: Path, cwd: Path | None = None) -> Templates:
        """The Jinja environment of the project's `templates` folder and the theme."""
        if self._env is None:
            self._env = make_environment(templates, cwd)
        return self._env

    def assets(self, static: Path) -> Assets:
        """The theme's static files and those of the project's `static` folder, fingerprinted."""
        if self._assets is None:
            self._assets = collect_assets(static if static.is_dir() else None)
        return self._assets

    def cards_for(
        self, specs: Mapping[str, CardSpec], draw: Callable[[Mapping[str, CardSpec]], Mapping[str, File]]
    ) -> Mapping[str, File]:
        """The share cards that `specs` describe: the last ones while the specs are equal, else what `draw` makes."""
        if self._cards is None or self._cards[0] != specs:
            self._cards = (specs, draw(specs))
        return self._cards[1]

    def entry_pages(
        self,
        lang: str,
        keys: Mapping[str, tuple[object, ...]],
        render: Callable[[list[str]], list[list[tuple[str, File]]]],
        shelf: Shelf | None = None,
    ) -> list[tuple[str, File]]:
        """The files of each entry in `keys` (slug -> what its page shows), in that order.

        An entry whose key is as it was keeps its files; the others are rendered,
        all in one call to `render` (which puts them on `shelf`, if there is one).
        Entries of `lang` not in `keys` are forgotten.
        """
        kept = {slug: self._entries.get((lang, slug)) for slug in keys}
        todo = [slug for slug, key in keys.items() if (found := kept[slug]) is None or found[0] != key]
        fresh = dict(zip(todo, render(todo), strict=True))
        for gone in [k for k in self._entries if k[0] == lang and k[1] not in keys]:
            del self._entries[gone]
        out: list[tuple[str, File]] = []
        for slug, key in keys.items():
            found = kept[slug]
            pairs = fresh[slug] if found is None or slug in fresh else found[1]
            self._entries[(lang, slug)] = (key, pairs)
            out.extend(pairs)
        return out

    def page(self, lang: str, path: str, key: tuple[object, ...], render: Callable[[], bytes]) -> bytes:
        """A page other than an entry's: the last one while `key` (what its template is handed) is equal."""
        found = self._others.get((lang, path))
        if found is not None and found[0] == key:
            return found[1]
        html = render()
        self._others[(lang, path)] = (key, html)
        return html

    def keep_renderer(self, renderer: _LanguageRenderer) -> None:
        """Remember how the last render drew its language's pages, for `render_entry_again`."""
        self._renderers[renderer.glossary.language] = renderer

    def render_entry_again(self, glossary: Glossary, slug: str) -> tuple[set[str], dict[str, bytes]] | None:
        """An entry's own files (its page and diagram) after an edit that changed nothing other pages show.

        `glossary` is the last one rendered with this entry's new version, its card,
        names and links unchanged; the views of the last render are reused.  Returns
        the paths (from the site's root) the entry no longer has and its files, or
        None when its language has not been rendered since the cache last dropped its pages.
        """
        renderer = self._renderers.get(glossary.language)
        if renderer is None:
            return None
        renderer = self._renderers[glossary.language] = renderer.with_glossary(glossary, edited=slug)
        key = (glossary.language, slug)
        before = {path for path, _ in self._entries[key][1]} if key in self._entries else set()
        pairs = renderer.entry_files(slug)
        self._entries[key] = (renderer.entry_key(slug), list(pairs))
        prefix = "" if glossary.source is None else f"{glossary.language}/"
        files = {prefix + path: data for path, data in [*pairs, *renderer.print_pages(holding=slug)]}
        return {prefix + path for path in before} - files.keys(), files


def _page_paths(views: ViewBuilder) -> set[str]:
    return {
        "",
        Urls.search(),
        *(Urls.entry(slug) for slug in views.g.entries),
        *(x.path for x in views.listing_parts()),
    }


def render_site(
    glossary: Glossary,
    env: Templates,
    assets: Assets,
    cards: Collection[str] = (),
    *,
    translations: Sequence[Glossary] = (),
    jobs: int = 1,
    cache: PageCache | None = None,
    entries_drawn: Callable[[Mapping[str, File]], object] | None = None,
    shelf: Shelf | None = None,
) -> dict[str, File]:
    """Every output file of the site but the share cards, keyed by its path inside the output folder.

    `cards` are the paths of the share cards the site has; pages point their share tags at them.
    Each glossary in `translations` is another language's, published under /<code>/.
    `cache` keeps entry pages from one render to the next, so that unchanged ones are not rendered again.
    The entries' pages of every language are drawn first and handed to `entries_drawn`, if given,
    before the rest: search can index them while the other pages are drawn.
    With a `shelf`, the entries' pages and diagrams are put on it where they are drawn, and the
    files returned (and handed to `entries_drawn`) hold a `Shelved` note for each in place of its bytes.
    """
    files: dict[str, File] = dict(assets.files)
    views = _language_views(glossary, translations)
    urls = views[0].urls
    versions = Versions(views)
    renderers = [(_LanguageRenderer(v, env, assets, cards, versions), _prefix(v, views[0])) for v in views]
    own: list[dict[str, File]] = [
        dict(renderer.entry_pages(jobs, cache, Under(shelf, prefix) if shelf is not None else None))
        for renderer, prefix in renderers
    ]
    if entries_drawn is not None:
        every_entry: dict[str, File] = {}
        for (_, prefix), drawn in zip(renderers, own, strict=True):
            every_entry.update((prefix + name, data) for name, data in drawn.items())
        entries_drawn(every_entry)
    pages: list[tuple[str, dt.date | None]] = []
    alternates: dict[str, list[tuple[str, str]]] = {}
    for (renderer, prefix), drawn in zip(renderers, own, strict=True):
        language_views = renderer.views
        code = language_views.g.language
        drawn.update(renderer.other_files(cache))
        if cache is not None:
            cache.keep_renderer(renderer)
        files.update((prefix + name, data) for name, data in drawn.items())
        modified = {Urls.entry(slug): day for slug, day in language_views.g.dates.items()}
        for path in sorted(p.removesuffix("index.html") for p in drawn if p.endswith("index.html")):
            if path == "404.html" or path.startswith(Urls.printed()):  # print documents repeat other pages
                continue
            pages.append((prefix + path, modified.get(path)))
            shown = [v for v in versions.of(path, code) if v.exists]
            alternates[prefix + path] = [(v.language.tag, v.absolute) for v in shown]
    pages.sort()
    for name, text in sitemap_files(urls, pages, alternates=alternates if translations else None).items():
        files[name] = text.encode("utf-8")
    files["robots.txt"] = robots_txt(urls).encode("utf-8")
    files.update(export_files(glossary, translations))
    files.update(embed_files(glossary, translations))
    moved = moves(glossary, translations)
    if moved:  # old addresses of renamed entries; added after the sitemap, which lists current ones only
        files.update(redirect_pages(env, glossary, translations, icon=urls.shared(assets.path("favicon.svg"))))
        files[REDIRECTS_FILE] = redirects_file(urls, moved).encode("utf-8")
    return files


def _prefix(views: ViewBuilder, default: ViewBuilder) -> str:
    """Where a language's files go: the default language's at the root, another's under /<code>/."""
    return "" if views is default else f"{views.g.language}/"


def _language_views(glossary: Glossary, translations: Sequence[Glossary]) -> list[ViewBuilder]:
    """What each language's pages show: the default language first, then each translation under /<code>/."""
    config = glossary.config
    views = [ViewBuilder(glossary, Urls.of(config.base_url), _inline_diagram(config))]
    for translated in translations:
        part = translated.config
        views.append(ViewBuilder(translated, Urls.of(part.base_url, part.root_url), _inline_diagram(part), views[0]))
    return views


def _inline_diagram(config: SiteConfig) -> Callable[[Comparison], str]:
    credit = config.credit_line

    def inline(comparison: Comparison) -> str:
        return render_svg(comparison, credit=credit, standalone=False, id_prefix="d", labels=config.labels)

    return inline


class _LanguageRenderer:
    """The pages of one language, as paths relative to that language's root."""

    def __init__(
        self,
        views: ViewBuilder,
        env: Templates,
        assets: Assets,
        cards: Collection[str],
        versions: Versions,
    ) -> None:
        self.views, self.env, self.assets, self.cards, self.versions = views, env, assets, cards, versions
        self.glossary = views.g
        self.config = views.g.config
        self.urls = views.urls
        self.heads = HeadBuilder(self.config, self.urls, site_image=self.card_url())
        self.nav = views.category_counts()  # once: every page shows it
        self.printed = prints(self.config, len(views.g.entries))  # whether /print/ exists: the footer links to it
        self.prints = EntryPrints(views)  # what the print documents share, made once
        # What of the header and footer can change (PageCache keys).
        self.header = (tuple((c.category, c.path) for c in self.nav), self.printed)
        self.date = format_date(self.config.labels)

    def with_glossary(self, glossary: Glossary, *, edited: str) -> _LanguageRenderer:
        """This renderer for a glossary that differs from its own only in what `edited`'s own page shows."""
        views = copy.copy(self.views)
        views.g = glossary
        renderer = copy.copy(self)
        renderer.views, renderer.glossary = views, glossary
        renderer.prints = self.prints.after_edit(views, edited)
        return renderer

    def card_url(self, slug: str | None = None) -> str:
        # An entry's card is drawn from its default-language title, so other languages use the site's card.
        if slug is not None and self.glossary.source is not None:
            slug = None
        path = Urls.card(slug)
        return self.urls.shared_absolute(path) if path in self.cards else ""

    def page_html(self, template: str, path: str, head: Head, **context: Any) -> bytes:
        config, urls = self.config, self.urls
        html = self.env.render_page(
            template,
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
            printed=self.printed,
            **context,
        )
        return html.encode("utf-8")

    def pdf_path(self) -> str:
        """Where the PDF of this language's print document goes, from the site's root ("" when there is none)."""
        wanted = "pdf" in self.config.exports and self.printed and pdf.available()
        return Urls.pdf(self.config.language) if wanted else ""

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

    def print_pages(self, *, holding: str) -> list[tuple[str, bytes]]:
        """The print documents that hold the entry `holding`, drawn again: they show all of it."""
        return [
            (Urls.file_for(doc.path), self.page_html("print.html", doc.path, self.heads.printed(doc.category), doc=doc))
            for doc in print_documents(self.views, pdf=self.pdf_path(), holding=holding, entries=self.prints)
        ]

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

    def entry_pages(self, jobs: int, cache: PageCache | None, shelf: Shelf | None = None) -> list[tuple[str, File]]:
        """Every entry's page and diagram, drawn over `jobs` processes; with a `shelf`, put on it as they are drawn."""
        slugs = list(self.glossary.entries)

        def draw(slug: str) -> list[tuple[str, File]]:
            files = self.entry_files(slug)
            if shelf is None:
                return list(files)
            return [(path, shelf.put(path, data)) for path, data in files]

        def render(todo: list[str]) -> list[list[tuple[str, File]]]:
            return fork_map(draw, todo, jobs)

        if cache is None:
            return [pair for pairs in render(slugs) for pair in pairs]
        keys = {slug: self.entry_key(slug) for slug in slugs}
        return cache.entry_pages(self.config.language, keys, render, shelf)

    def other_pages(self, printing: Collection[str] | None = None) -> Iterator[tuple[str, str, Head, dict[str, Any]]]:
        """Every page but the entries': its template, path, head, and what its template is handed.

        With `printing`, one print document holding those entries stands for every print document.
        """
        glossary, views, heads = self.glossary, self.views, self.heads
        home = {
            "categories": self.nav,
            "latest": views.latest(),
            "letters": views.a_to_z(),
            "total": len(glossary.entries),
            "split": views.split,
        }
        yield "home.html", "", heads.home_page(len(glossary.entries)), home
        letters = views.letter_nav()
        for part in views.listing_parts():
            shown = letters if part.listing.kind == "a_to_z" else ()
            yield (
                "listing.html",
                part.path,
                heads.listing(part),
                {"listing": part.listing, "part": part, "letters": shown},
            )
        yield "search.html", Urls.search(), heads.search(), {}
        for doc in print_documents(views, pdf=self.pdf_path(), only=printing, entries=self.prints):
            yield "print.html", doc.path, heads.printed(doc.category), {"doc": doc}
        if glossary.source is None:  # one 404 page for the whole site
            yield "404.html", "404.html", heads.not_found(), {}

    def other_files(self, cache: PageCache | None = None) -> dict[str, bytes]:
        """Every file of this language but its entries' pages and diagrams."""
        glossary, views = self.glossary, self.views
        files: dict[str, bytes] = {}
        lang = self.config.language
        for template, path, head, context in self.other_pages():

            def render(template: str = template, path: str = path, head: Head = head, context: Any = context) -> bytes:
                return self.page_html(template, path, head, **context)

            if cache is None:
                files[Urls.file_for(path)] = render()
            else:
                key = (template, head, context, self.versions.of(path, lang), self.header)
                files[Urls.file_for(path)] = cache.page(lang, path, key, render)
        files[Urls.feed()] = atom_feed(glossary, self.urls, views).encode("utf-8")
        files.update((name, text.encode("utf-8")) for name, text in terms_files(glossary, self.urls, views).items())
        files.update(name_files(glossary, self.urls))
        return files

    def trial(self) -> list[Diagnostic]:
        """The template mistakes found by drawing each kind of page once, and a few entries that show everything."""
        problems: list[Diagnostic] = []
        samples = sample_entries(self.glossary)
        for slug in samples:
            try:
                self.entry_files(slug)
            except BrokenTemplateError as exc:
                problems.extend(exc.diagnostics)
        tried: set[tuple[str, str, bool]] = set()
        for template, path, head, context in self.other_pages(printing=samples):
            listing = context.get("listing")
            kind = (
                (template, listing.kind, bool(listing.cards)) if isinstance(listing, Listing) else (template, "", True)
            )
            if kind in tried:
                continue
            tried.add(kind)
            try:
                self.page_html(template, path, head, **context)
            except BrokenTemplateError as exc:
                problems.extend(exc.diagnostics)
        return problems


def sample_entries(glossary: Glossary) -> list[str]:
    """A few entries that between them show every part an entry page may have, each both there and not.

    A part is a field of the entry or of its prose, its status, and what it
    links to and from; entries are picked greedily, most parts not yet seen first.
    """
    traits = {slug: _traits(glossary, slug) for slug in glossary.entries}
    wanted: set[tuple[str, object]] = set().union(*traits.values())
    chosen: list[str] = []
    while wanted:
        best = max(traits, key=lambda slug: len(traits[slug] & wanted))
        chosen.append(best)
        wanted -= traits[best]
    return chosen


def _traits(glossary: Glossary, slug: str) -> set[tuple[str, object]]:
    entry, prose = glossary.entries[slug], glossary.prose[slug]
    traits: set[tuple[str, object]] = {(f.name, bool(getattr(entry, f.name))) for f in fields(entry)}
    traits |= {("prose." + f.name, bool(getattr(prose, f.name))) for f in fields(prose)}
    traits |= {("field." + name, True) for name in entry.prose}
    traits |= {
        ("status", entry.status),
        ("links", bool(glossary.links.get(slug))),
        ("backlinks", bool(glossary.backlinks.get(slug))),
        ("related", has_related(glossary, slug)),
        ("dated", slug in glossary.dates),
        ("outdated", glossary.outdated(slug)),
    }
    return traits


def template_problems(
    glossary: Glossary,
    env: Templates,
    assets: Assets,
    cards: Collection[str] = (),
    *,
    translations: Sequence[Glossary] = (),
) -> list[Diagnostic]:
    """Every template mistake that can be found without drawing the whole site, each once, sorted.

    The project's templates are compiled, then each kind of page is drawn once in
    every language, and the entries of `sample_entries`.  Nothing is kept.
    """
    problems = env.compile_problems()
    views = _language_views(glossary, translations)
    versions = Versions(views)
    for language_views in views:
        problems += _LanguageRenderer(language_views, env, assets, cards, versions).trial()
    return unique(problems)
