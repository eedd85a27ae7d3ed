"""Render: a linked Glossary in, every file of the site out, as {path: bytes}.

Templates are looked up in the site's own `templates/` folder first, then in
the built-in theme; a site template can extend a built-in one by prefixing
its name with `glossator/` (e.g. `{% extends "glossator/entry.html" %}`).
Autoescaping is on for every template and undefined names are errors.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from glossator.assets import Assets
from glossator.diagram import render_svg
from glossator.feeds import atom_feed, robots_txt, sitemap_files, terms_json
from glossator.model import Comparison, Glossary
from glossator.parallel import fork_map
from glossator.search import names_json
from glossator.structured import Head, HeadBuilder
from glossator.urls import Urls
from glossator.views import ViewBuilder

THEME_TEMPLATES = Path(__file__).parent / "theme" / "templates"


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

    def fmt(day: dt.date | None) -> str:
        if day is None:
            return ""
        if len(months) == 12:
            return f"{day.day} {months[day.month - 1].strip()} {day.year}"
        return day.isoformat()

    return fmt


def render_site(
    glossary: Glossary,
    env: jinja2.Environment,
    assets: Assets,
    cards: Mapping[str, bytes] | None = None,
    *,
    jobs: int = 1,
) -> dict[str, bytes]:
    """Every output file of the site, keyed by its path inside the output folder.

    `cards` are the share cards (output path -> PNG); pages point their share tags at those present.
    """
    config = glossary.config
    urls = Urls(config.base_url, config.base_path)
    files: dict[str, bytes] = dict(assets.files)
    cards = cards or {}
    files.update(cards)

    def inline_diagram(comparison: Comparison) -> str:
        return render_svg(comparison, credit=config.credit_line, standalone=False, id_prefix="d", labels=config.labels)

    views = ViewBuilder(glossary, urls, inline_diagram)
    labels = config.labels

    def card_url(slug: str | None = None) -> str:
        return urls.absolute(Urls.card(slug)) if Urls.card(slug) in cards else ""

    heads = HeadBuilder(config, urls, site_image=card_url())
    nav = views.category_counts()  # once: every page shows it

    def page_html(template: str, path: str, head: Head, **context: Any) -> bytes:
        html = env.get_template(template).render(
            site=config,
            labels=labels,
            url=urls.href,
            absolute=urls.absolute,
            asset=lambda name: urls.href(assets.path(name)),
            date=format_date(labels),
            page_path=path,
            page_title=head.name,
            page_description=head.description,
            head=head,
            nav_categories=nav,
            **context,
        )
        return html.encode("utf-8")

    def page(template: str, path: str, head: Head, **context: Any) -> None:
        files[Urls.file_for(path)] = page_html(template, path, head, **context)

    def entry_files(slug: str) -> list[tuple[str, bytes]]:
        """An entry's page and standalone diagram: the bulk of a build, done in parallel."""
        out: list[tuple[str, bytes]] = []
        entry = glossary.entries[slug]
        if entry.comparison is not None:
            svg = render_svg(entry.comparison, credit=config.credit_line, standalone=True, labels=config.labels)
            out.append((Urls.diagram(slug), svg.encode("utf-8")))
        view = views.entry(slug)
        html = page_html(
            "entry.html", view.path, heads.entry(view, card_url(slug)), view=view, tags=views.tags_of(entry)
        )
        out.append((Urls.file_for(view.path), html))
        return out

    for pairs in fork_map(entry_files, list(glossary.entries), jobs):
        files.update(pairs)
    page(
        "home.html",
        "",
        heads.home_page(len(glossary.entries)),
        categories=nav,
        latest=views.latest(),
        letters=views.a_to_z(),
        total=len(glossary.entries),
    )
    for listing in views.listings():
        page("listing.html", listing.path, heads.listing(listing), listing=listing)
    page("search.html", "search/", heads.search())
    page("404.html", "404.html", heads.not_found())
    pages = sorted(p.removesuffix("index.html") for p in files if p.endswith("index.html"))
    modified = {Urls.entry(slug): day for slug, day in glossary.dates.items() if slug in glossary.entries}
    for name, text in sitemap_files(urls, [(p, modified.get(p)) for p in pages]).items():
        files[name] = text.encode("utf-8")
    files["feed.xml"] = atom_feed(glossary, urls, views).encode("utf-8")
    files["robots.txt"] = robots_txt(urls).encode("utf-8")
    files["api/terms.json"] = terms_json(glossary, urls, views).encode("utf-8")
    files["search/names.json"] = names_json(glossary, urls)
    return files
