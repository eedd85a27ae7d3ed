"""Machine-readable outputs: sitemap, Atom feed, robots.txt and the terms API."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from glossator.model import Glossary
from glossator.urls import Urls

if TYPE_CHECKING:
    from glossator.views import ViewBuilder

FEED_SIZE = 20


def sitemap(urls: Urls, pages: list[str]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in pages:
        path = page.removesuffix("index.html")
        lines.append(f"  <url><loc>{escape(urls.absolute(path))}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(urls: Urls) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {urls.absolute('sitemap.xml')}\n"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(glossary: Glossary, urls: Urls, views: ViewBuilder) -> str:
    """The most recently updated entries, newest first (entries without a date are left out)."""
    config = glossary.config
    dates = glossary.dates
    dated = [glossary.entries[slug] for slug in sorted(dates, key=lambda s: (dates[s], s), reverse=True)[:FEED_SIZE]]
    newest = dates[dated[0].slug] if dated else dt.date(2000, 1, 1)
    assert newest is not None
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(config.title)}</title>",
        f"  <subtitle>{escape(config.description)}</subtitle>" if config.description else "",
        f'  <link href="{escape(urls.absolute(""))}"/>',
        f'  <link rel="self" href="{escape(urls.absolute("feed.xml"))}"/>',
        f"  <id>{escape(urls.absolute(''))}</id>",
        f"  <updated>{_stamp(newest)}</updated>",
        f"  <author><name>{escape(config.author or config.title)}</name></author>",
    ]
    for e in dated:
        link = urls.absolute(Urls.entry(e.slug))
        out += [
            "  <entry>",
            f"    <title>{escape(e.title)}</title>",
            f'    <link href="{escape(link)}"/>',
            f"    <id>{escape(link)}</id>",
            f"    <updated>{_stamp(dates[e.slug])}</updated>",
            f"    <category term={quoteattr(e.category)}/>",
            f"    <summary>{escape(views.card(e.slug).summary)}</summary>",
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(line for line in out if line) + "\n"


def terms_json(glossary: Glossary, urls: Urls, views: ViewBuilder) -> str:
    """Every published entry, machine-readable; the schema is documented in the README."""
    terms = [
        {
            "slug": e.slug,
            "title": e.title,
            "aliases": list(e.aliases),
            "category": e.category,
            "level": e.level,
            "tags": list(e.tags),
            "summary": views.card(e.slug).summary,
            "url": urls.absolute(Urls.entry(e.slug)),
            "related": list(glossary.related.get(e.slug, ())),
            "updated": glossary.dates[e.slug].isoformat() if e.slug in glossary.dates else None,
        }
        for e in glossary.entries.values()
    ]
    return json.dumps({"version": 1, "terms": terms}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
