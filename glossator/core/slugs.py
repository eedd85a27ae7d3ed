"""Slugs: the URL-safe names of entries, categories and tags."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@lru_cache(maxsize=65_536)  # the same tags and headings come back on every page
def slugify(name: str) -> str:
    """ASCII-folded, lowercase, hyphen-separated; '' when nothing usable is left ('Café Model' -> 'cafe-model')."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


@lru_cache(maxsize=65_536)
def name_slug(name: str) -> str:
    """Like slugify, but letters of every script are kept: for tag pages and section anchors.

    Latin accents are still folded ('Café' -> 'cafe'), so English names give the
    same addresses as slugify; '檢索 系統' gives '檢索-系統' rather than nothing.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_LETTER_OR_DIGIT.sub("-", unicodedata.normalize("NFKC", kept).casefold()).strip("-")


def is_slug(text: str) -> bool:
    return SLUG_RE.fullmatch(text) is not None
