"""Where every page lives: one place for the site's URL scheme."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from glossator.slugs import slugify


@dataclass(frozen=True, slots=True)
class Urls:
    """Paths of pages relative to the site root, and their public forms."""

    base_url: str  # absolute, ends with '/'
    base_path: str  # path of base_url, starts and ends with '/'

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
        return f"tag/{slugify(name)}/"

    @staticmethod
    def level(level: str) -> str:
        return f"level/{level}/"

    def href(self, path: str) -> str:
        """A link that works wherever the site is served under base_url's path."""
        return self.base_path + path

    def absolute(self, path: str) -> str:
        return urljoin(self.base_url, path)

    @staticmethod
    def file_for(path: str) -> str:
        """The output file that serves a page path ('glossary/x/' -> 'glossary/x/index.html')."""
        return path + "index.html" if path == "" or path.endswith("/") else path
