"""Where every page lives: one place for the site's URL scheme."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from glossator.core.slugs import name_slug

EMBED_CHUNKS = "assets/embed/"


@dataclass(frozen=True, slots=True)
class Urls:
    """Paths of pages relative to the site root, and their public forms.

    For a language other than the default, base_url is that language's root
    (`.../zh-tw/`) and root_url the whole site's, where the files every
    language shares live (assets, share cards, the search index).
    """

    base_url: str  # absolute, ends with '/'
    base_path: str  # path of base_url, starts and ends with '/'
    root_url: str = ""  # "" when it is base_url

    @classmethod
    def of(cls, base_url: str, root_url: str = "") -> Urls:
        path = urlsplit(base_url).path or "/"
        return cls(base_url, path if path.endswith("/") else path + "/", root_url)

    # Paths below are relative to the site root, as written into the output folder.
    @staticmethod
    def entry(slug: str) -> str:
        return f"glossary/{slug}/"

    @staticmethod
    def diagram(slug: str) -> str:
        return f"glossary/{slug}/diagram.svg"

    @staticmethod
    def card(slug: str | None = None) -> str:
        """An entry's share card, or the site's own (for every other page) when `slug` is None."""
        return f"glossary/{slug}/card.png" if slug else "card.png"

    @staticmethod
    def category(slug: str) -> str:
        return f"category/{slug}/"

    @staticmethod
    def tag(name: str) -> str:
        return f"tag/{name_slug(name)}/"

    @staticmethod
    def level(level: str) -> str:
        return f"level/{level}/"

    @staticmethod
    def letter(letter: str) -> str:
        """The A–Z page of the entries under one initial letter ('#' gathers those under no letter)."""
        return f"a-z/{letter.lower() if letter != '#' else 'other'}/"

    @staticmethod
    def part(path: str, number: int) -> str:
        """Page `number` of a listing split into pages: the listing's own address first, then `<path>page/<n>/`."""
        return path if number == 1 else f"{path}page/{number}/"

    @staticmethod
    def first_part(path: str) -> str:
        """The first page of the listing a later page belongs to ('tag/x/page/2/' -> 'tag/x/'); else `path`."""
        found = _LATER_PART.fullmatch(path)
        return found.group(1) if found else path

    @staticmethod
    def terms(part: int | None = None) -> str:
        """The terms API: every entry, or past a size an index of parts, each at `api/terms-<n>.json`."""
        return "api/terms.json" if part is None else f"api/terms-{part}.json"

    @staticmethod
    def search() -> str:
        return "search/"

    @staticmethod
    def printed(category: str = "") -> str:
        """The document to print: the whole glossary, or the category whose slug is `category`."""
        return f"print/{category}/" if category else "print/"

    @staticmethod
    def pdf(language: str) -> str:
        """The PDF of the whole glossary in one language, made from its print document."""
        return f"exports/glossary.{language.lower()}.pdf"

    @staticmethod
    def a_to_z() -> str:
        """The A–Z index, a part of the home page."""
        return "#a-z"

    @staticmethod
    def feed() -> str:
        """The Atom feed of the latest entries."""
        return "feed.xml"

    @staticmethod
    def embed_script() -> str:
        """The script other sites load for previews of links to entries; its name never changes."""
        return "embed.js"

    @staticmethod
    def embed_styles() -> str:
        return "embed.css"

    @staticmethod
    def embed_chunk(prefix: str, bucket: str) -> str:
        """One part of the previews' index: a language's entries (prefix '' or '<code>/') whose slugs hash to `bucket`.

        Among the assets, whose folder no language can take; embed.js names them with the index's version.
        """
        return f"{EMBED_CHUNKS}{prefix}{bucket}.js"

    def href(self, path: str) -> str:
        """A link that works wherever the site is served under base_url's path."""
        return self.base_path + _escaped(path)

    def absolute(self, path: str) -> str:
        return urljoin(self.base_url, _escaped(path))

    def shared(self, path: str) -> str:
        """A link to a file all languages share, such as an asset."""
        if not self.root_url:
            return self.href(path)
        return Urls.of(self.root_url).href(path)

    def shared_absolute(self, path: str) -> str:
        return urljoin(self.root_url or self.base_url, _escaped(path))

    @staticmethod
    def file_for(path: str) -> str:
        """The output file that serves a page path ('glossary/x/' -> 'glossary/x/index.html')."""
        return path + "index.html" if path == "" or path.endswith("/") else path


_LATER_PART = re.compile(r"(.+/)page/[0-9]+/")


def _escaped(path: str) -> str:
    """`path` with anything but ASCII URL characters percent-encoded (a tag page may be named in Chinese)."""
    return path if path.isascii() else quote(path, safe="/#?&=%:@!$'()*+,;~")
