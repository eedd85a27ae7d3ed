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
from glossator.feeds import atom_feed, robots_txt, sitemap, terms_json
from glossator.model import Glossary
from glossator.search import names_json
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


def render_site(glossary: Glossary, env: jinja2.Environment, assets: Assets) -> dict[str, bytes]:
    """Every output file of the site, keyed by its path inside the output folder."""
    config = glossary.config
    urls = Urls(config.base_url, config.base_path)
    diagrams_inline: dict[str, str] = {}
    files: dict[str, bytes] = dict(assets.files)
    for slug, entry in glossary.entries.items():
        if entry.comparison is not None:
            diagrams_inline[slug] = render_svg(
                entry.comparison, credit=config.credit_line, standalone=False, id_prefix="d"
            )
            standalone = render_svg(entry.comparison, credit=config.credit_line, standalone=True)
            files[Urls.diagram(slug)] = standalone.encode("utf-8")
    views = ViewBuilder(glossary, urls, diagrams_inline)
    labels = config.labels

    def page(template: str, path: str, title: str, description: str, **context: Any) -> None:
        html = env.get_template(template).render(
            site=config,
            labels=labels,
            url=urls.href,
            absolute=urls.absolute,
            asset=lambda name: urls.href(assets.path(name)),
            date=format_date(labels),
            page_path=path,
            page_title=title,
            page_description=description,
            nav_categories=views.category_counts(),
            **context,
        )
        files[Urls.file_for(path)] = html.encode("utf-8")

    for slug in glossary.entries:
        view = views.entry(slug)
        page("entry.html", view.path, view.entry.title, view.summary_text, view=view, tags=views.tags_of(view.entry))
    page(
        "home.html",
        "",
        config.title,
        config.description,
        categories=views.category_counts(),
        latest=views.latest(),
        letters=views.a_to_z(),
        total=len(glossary.entries),
    )
    for listing in views.listings():
        description = listing.description or f"{listing.title}: {len(listing.cards)} terms"
        page("listing.html", listing.path, listing.title, description, listing=listing)
    page("search.html", "search/", labels["search"], config.description)
    page("404.html", "404.html", labels["not_found_title"], labels["not_found_text"])
    files["sitemap.xml"] = sitemap(urls, sorted(p for p in files if p.endswith("index.html"))).encode("utf-8")
    files["feed.xml"] = atom_feed(glossary, urls, views).encode("utf-8")
    files["robots.txt"] = robots_txt(urls).encode("utf-8")
    files["api/terms.json"] = terms_json(glossary, urls, views).encode("utf-8")
    files["search/names.json"] = names_json(glossary, urls)
    return files
