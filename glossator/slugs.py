"""Slugs: the URL-safe names of entries, categories and tags."""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slugify(name: str) -> str:
    """ASCII-folded, lowercase, hyphen-separated; '' when nothing usable is left ('Café Model' -> 'cafe-model')."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def is_slug(text: str) -> bool:
    return SLUG_RE.fullmatch(text) is not None
