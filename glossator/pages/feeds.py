"""Machine-readable outputs: sitemap, Atom feed, robots.txt and the terms API."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from glossator.content.model import Entry
from glossator.pages.lifecycle import lifecycle
from glossator.pages.urls import Urls
from glossator.prose.glossary import Glossary

if TYPE_CHECKING:
    from glossator.content.model import Entry
    from glossator.pages.views import ViewBuilder

FEED_SIZE = 20
SITEMAP_LIMIT = 50_000  # URLs per sitemap file, as the sitemaps protocol allows
SITEMAP = "sitemap.xml"  # where robots.txt and search consoles look, whether one file or an index
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# path -> (hreflang, absolute URL) of every language version of that page, itself included
Alternates = Mapping[str, Sequence[tuple[str, str]]]


def _urlset(urls: Urls, pages: Sequence[tuple[str, dt.date | None]], alternates: Alternates | None) -> str:
    namespaces = f' xmlns:xhtml="{XHTML_NS}"' if alternates is not None else ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}"{namespaces}>']
    for path, modified in pages:
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        versions = (alternates or {}).get(path, ())
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(tag)} href={quoteattr(href)}/>'
            for tag, href in versions
            if len(versions) > 1
        )
        lines.append(f"  <url><loc>{escape(urls.absolute(path))}</loc>{lastmod}{links}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_files(
    urls: Urls,
    pages: Sequence[tuple[str, dt.date | None]],
    limit: int = SITEMAP_LIMIT,
    *,
    alternates: Alternates | None = None,
) -> dict[str, str]:
    """`sitemap.xml` listing every page (path, last modified), or, past `limit` URLs, a sitemap index.

    The sitemaps protocol allows 50,000 URLs in one file; a larger site gets
    `sitemap.xml` as an index of `sitemap-1.xml`, `sitemap-2.xml`, ... so that
    robots.txt and search consoles keep pointing at the same address.  With
    `alternates`, each page lists its versions in other languages.
    """
    if len(pages) <= limit:
        return {SITEMAP: _urlset(urls, pages, alternates)}
    files: dict[str, str] = {}
    index = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for number, start in enumerate(range(0, len(pages), limit), 1):
        chunk = pages[start : start + limit]
        name = f"sitemap-{number}.xml"
        files[name] = _urlset(urls, chunk, alternates)
        dates = [d for _, d in chunk if d is not None]
        lastmod = f"<lastmod>{max(dates).isoformat()}</lastmod>" if dates else ""
        index.append(f"  <sitemap><loc>{escape(urls.absolute(name))}</loc>{lastmod}</sitemap>")
    index.append("</sitemapindex>")
    files[SITEMAP] = "\n".join(index) + "\n"
    return files


def robots_txt(urls: Urls) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(SITEMAP)}\n"


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
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(config.lang.tag)}>',
        f"  <title>{escape(config.title)}</title>",
        f"  <subtitle>{escape(config.description)}</subtitle>" if config.description else "",
        f'  <link href="{escape(urls.absolute(""))}"/>',
        f'  <link rel="self" href="{escape(urls.absolute(Urls.feed()))}"/>',
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


def _lifecycle_fields(glossary: Glossary, e: Entry) -> dict[str, object]:
    """What the API says of an entry's lifecycle: only what applies, so that a plain term reads as before."""
    out: dict[str, object] = {}
    source = glossary.source.entries.get(e.slug) if glossary.source else None
    deprecated, successor = lifecycle(e, source)
    if deprecated:
        out["status"] = "deprecated"
        out["replaced_by"] = successor or None
    old = (source or e).redirect_from
    if old:
        out["redirect_from"] = [r.slug for r in old]
    if e.disambiguation:
        out["kind"] = "disambiguation"
        out["meanings"] = [{"slug": m.slug, "note": m.note} for m in e.meanings]
    if e.reviewed is not None:
        out["reviewed"] = e.reviewed.isoformat()
        out["reviewers"] = list(e.reviewers)
    return out


def terms_files(glossary: Glossary, urls: Urls, views: ViewBuilder) -> dict[str, str]:
    """The terms API: `api/terms.json` with every published entry, or past a size an index of its parts.

    Up to `api_page_size` terms, `api/terms.json` holds them all.  Past it, the
    terms (in the same order, by slug) are split into `api/terms-1.json`,
    `api/terms-2.json`, ... of that many each, and `api/terms.json` lists the
    parts instead of the terms.  The schema of both is documented in the README.
    """
    terms = [_term(glossary, urls, views, e) for e in glossary.entries.values()]
    language = glossary.config.lang.tag
    size = glossary.config.api_page_size
    if len(terms) <= size:
        return {Urls.terms(): _json({"version": 1, "language": language, "terms": terms})}
    chunks = [terms[start : start + size] for start in range(0, len(terms), size)]
    files: dict[str, str] = {}
    parts: list[dict[str, object]] = []
    for number, chunk in enumerate(chunks, 1):
        path = Urls.terms(number)
        files[path] = _json(
            {"version": 1, "language": language, "part": number, "part_count": len(chunks), "terms": chunk}
        )
        parts.append(
            {"url": urls.absolute(path), "count": len(chunk), "first": chunk[0]["slug"], "last": chunk[-1]["slug"]}
        )
    files[Urls.terms()] = _json({"version": 1, "language": language, "count": len(terms), "parts": parts})
    return files


def _term(glossary: Glossary, urls: Urls, views: ViewBuilder, e: Entry) -> dict[str, object]:
    return _lifecycle_fields(glossary, e) | {
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


def _json(data: Mapping[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
