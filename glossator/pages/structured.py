"""What each page says about itself: title, description, canonical URL, share tags and JSON-LD.

Computed here so templates only print it.  Every entry is a schema.org
`DefinedTerm` in the site's `DefinedTermSet`, which is the home page; pages
below the home page carry a `BreadcrumbList` that matches the visible
breadcrumb.  The JSON-LD dictionaries are serialised by the template filter
`tojson_safe`, which escapes `<`, `>` and `&` so that contributor text can
never close the script element.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from glossator.content.config import Category, SiteConfig
from glossator.core.labels import count_label, filled, page_of
from glossator.core.shorten import shorten
from glossator.pages.urls import Urls
from glossator.pages.views import EntryView, ListingPart

DESCRIPTION_LENGTH = 300
CONTEXT = "https://schema.org"
JsonLd = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ShareImage:
    """A share card: absolute URL, size and a text alternative."""

    url: str
    alt: str
    width: int = 1200
    height: int = 630


@dataclass(frozen=True, slots=True)
class Head:
    """Everything a page's <head> says about the page."""

    title: str  # the <title>: unique per page, ends with the site's name
    name: str  # the page's own name, for og:title
    description: str  # meta description and og:description
    canonical: str  # absolute URL; empty for the 404 page, which has no address of its own
    og_type: str = "website"
    image: ShareImage | None = None
    robots: str = ""  # e.g. 'noindex'
    modified: str = ""  # ISO date the page's content last changed
    json_ld: JsonLd | None = field(default=None)


def _description(text: str) -> str:
    """A meta description: at most DESCRIPTION_LENGTH characters, cut at a break with an ellipsis."""
    return shorten(text, DESCRIPTION_LENGTH)


def _crumbs(items: Sequence[tuple[str, str]]) -> JsonLd:
    """A BreadcrumbList; every item but the current page (the last) has its URL."""
    elements: list[JsonLd] = []
    for position, (name, url) in enumerate(items, 1):
        element: JsonLd = {"@type": "ListItem", "position": position, "name": name}
        if url:
            element["item"] = url
        elements.append(element)
    return {"@type": "BreadcrumbList", "itemListElement": elements}


class HeadBuilder:
    """Builds each page's Head for one site."""

    def __init__(self, config: SiteConfig, urls: Urls, site_image: str = "") -> None:
        self.config = config
        self.urls = urls
        self.labels = config.labels
        self.home = urls.absolute("")
        self.site_image = site_image

    def _title(self, *parts: str) -> str:
        return " · ".join([*parts, self.config.title])

    def _image(self, url: str, alt: str) -> ShareImage | None:
        return ShareImage(url, alt) if url else None

    def term_set(self) -> JsonLd:
        """The glossary as a DefinedTermSet, identified by the home page's URL."""
        return {"@type": "DefinedTermSet", "@id": self.home + "#glossary", "name": self.config.title, "url": self.home}

    def _page(self, url: str, name: str, description: str, kind: str = "WebPage") -> JsonLd:
        return {
            "@type": kind,
            "@id": url,
            "url": url,
            "name": name,
            "description": description,
            "inLanguage": self.config.lang.tag,
            "isPartOf": {"@id": self.home + "#website"},
        }

    def entry(self, view: EntryView, image: str = "") -> Head:
        e = view.entry
        url = self.urls.absolute(view.path)
        description = _description(view.summary_text)
        term: JsonLd = {
            "@type": "DefinedTerm",
            "@id": url + "#term",
            "name": e.title,
            "description": view.summary_text,
            "url": url,
            "inDefinedTermSet": self.term_set(),
        }
        if e.aliases:
            term["alternateName"] = list(e.aliases)
        if image:
            term["image"] = image
        page = self._page(url, e.title, description)
        del page["description"]  # the term's own description says it
        page["mainEntity"] = {"@id": url + "#term"}
        page["breadcrumb"] = {"@id": url + "#breadcrumb"}
        if view.updated:
            page["dateModified"] = view.updated.isoformat()
        crumbs = _crumbs(
            [
                (self.labels["glossary"], self.home),
                (view.category.name, self.urls.absolute(Urls.category(view.category.slug))),
                (e.title, ""),
            ]
        )
        crumbs["@id"] = url + "#breadcrumb"
        return Head(
            title=self._title(e.title),
            name=e.title,
            description=description,
            canonical=url,
            og_type="article",
            image=self._image(image, f"{e.title} · {view.category.name} · {self.config.title}"),
            modified=view.updated.isoformat() if view.updated else "",
            json_ld={"@context": CONTEXT, "@graph": [term, page, crumbs]},
        )

    def home_page(self, total: int) -> Head:
        count = count_label(self.labels, "terms_count", total)
        description = _description(self.config.description or f"{self.config.title}: {count}")
        website: JsonLd = {
            "@type": "WebSite",
            "@id": self.home + "#website",
            "url": self.home,
            "name": self.config.title,
            "description": description,
            "inLanguage": self.config.lang.tag,
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": self.urls.absolute(Urls.search()) + "?q={query}"},
                "query-input": "required name=query",
            },
        }
        if self.config.author:
            website["publisher"] = {"@type": "Organization", "name": self.config.author}
        term_set = self.term_set()
        term_set["description"] = description
        term_set["inLanguage"] = self.config.lang.tag
        # Terms name their set (inDefinedTermSet) rather than the set listing them all: the home
        # page of a glossary of thousands stays light.
        return Head(
            title=self.config.title,
            name=self.config.title,
            description=description,
            canonical=self.home,
            image=self._image(self.site_image, self.config.title),
            json_ld={"@context": CONTEXT, "@graph": [website, term_set]},
        )

    def listing(self, part: ListingPart) -> Head:
        """A listing's page: the listing as a whole on its first page, and each later page with a title of its own."""
        listing = part.listing
        kind = self.labels[listing.kind]  # each kind of listing has a label of its own name
        shown = f"#{listing.title}" if listing.kind == "tag" else listing.title
        url = self.urls.absolute(part.path)
        count = count_label(self.labels, "terms_count", len(listing.cards))
        names = ", ".join(c.title for c in part.cards)
        lead = f"{listing.description} " if listing.description else f"{kind} {shown} · "
        about = f" {self.config.description}" if self.config.description else ""
        numbered = page_of(self.labels, part.number, part.count) if part.number > 1 else ""
        if numbered:
            count = f"{count} · {numbered}"
        description = _description(f"{lead}{count}: {names}." if names else f"{lead}{count}.{about}")
        name = " · ".join(x for x in (shown, numbered, kind) if x)
        page = self._page(url, name, description, "CollectionPage")
        page["breadcrumb"] = {"@id": url + "#breadcrumb"}
        if numbered:  # a later page sits under the listing's first, as its breadcrumb shows
            crumbs = _crumbs(
                [(self.labels["glossary"], self.home), (shown, self.urls.absolute(part.first)), (numbered, "")]
            )
        else:
            crumbs = _crumbs([(self.labels["glossary"], self.home), (shown, "")])
        crumbs["@id"] = url + "#breadcrumb"
        return Head(
            title=self._title(*(x for x in (shown, numbered, kind) if x)),
            name=name,
            description=description,
            canonical=url,
            image=self._image(self.site_image, self.config.title),
            json_ld={"@context": CONTEXT, "@graph": [page, crumbs]},
        )

    def search(self) -> Head:
        url = self.urls.absolute(Urls.search())
        name = self.labels["search"]
        description = _description(f"{name} · {self.config.description}" if self.config.description else name)
        page = self._page(url, name, description, "SearchResultsPage")
        page["breadcrumb"] = {"@id": url + "#breadcrumb"}
        crumbs = _crumbs([(self.labels["glossary"], self.home), (name, "")])
        crumbs["@id"] = url + "#breadcrumb"
        return Head(
            title=self._title(name),
            name=name,
            description=description,
            canonical=url,
            image=self._image(self.site_image, self.config.title),
            json_ld={"@context": CONTEXT, "@graph": [page, crumbs]},
        )

    def printed(self, category: Category | None) -> Head:
        """A document to print: it repeats pages that have addresses of their own, so it is kept out of indexes."""
        name = self.labels["print_version"]
        about = category.description if category and category.description else self.config.description
        return Head(
            title=self._title(*([name, category.name] if category else [name])),
            name=name,
            description=_description(f"{name} · {about}" if about else name),
            canonical="",
            robots="noindex",
        )

    def not_found(self) -> Head:
        """The 404 page is served at any missing address: no canonical URL, kept out of indexes."""
        labels = self.labels
        text = filled(labels["not_found_text"], search=labels["not_found_search"], index=labels["not_found_index"])
        return Head(
            title=self._title(self.labels["not_found_title"]),
            name=self.labels["not_found_title"],
            description=_description(text),
            canonical="",
            robots="noindex",
        )
