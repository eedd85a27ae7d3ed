"""Previews on other sites: embed.js, embed.css and the index they read.

A page anywhere adds `<script src="<site>/embed.js" defer></script>` and its links
to entries show the same previews as the glossary's own pages.  embed.js and
embed.css keep their names (other sites refer to them); everything they load
carries the index's version in a query, so a new build is picked up as soon as
embed.js is.  The index is split by a hash of the slug into chunks of about
PER_CHUNK entries, so a page loads only the chunks of the entries it links to.
Each chunk (`assets/embed/[<code>/]<bucket>.js`) is a script calling the
`glossatorEmbed` callback that embed.js registers, rather than JSON to fetch:
scripts load across origins from any static host, with no CORS headers, under a
Content-Security-Policy that allows the glossary's origin for scripts.
What a chunk holds is contributor text, written as JSON data and shown as text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from glossator.pages.urls import EMBED_CHUNKS, Urls
from glossator.prose.glossary import Glossary

EMBED_SOURCES = Path(__file__).parents[1] / "theme" / "embed"
CALLBACK = "glossatorEmbed"
PER_CHUNK = 20  # entries a chunk holds on average: a few kilobytes
_CONFIG_MARK = "GLOSSATOR_EMBED_CONFIG"
_FNV_OFFSET, _FNV_PRIME = 0x811C9DC5, 0x01000193


def bucket(slug: str, buckets: int) -> str:
    """The chunk a slug's entry is in: FNV-1a of the slug, modulo `buckets`, in hex (embed.js does the same)."""
    value = _FNV_OFFSET
    for byte in slug.encode("ascii"):
        value = ((value ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return format(value % buckets, "x")


def bucket_count(entries: int) -> int:
    """How many chunks each language's index is split into: a power of two, about PER_CHUNK entries each."""
    count = 1
    while count * PER_CHUNK < entries:
        count *= 2
    return count


def script_data(value: object) -> str:
    """JSON that reads as the same value in a script and can never end one: no '<', '>', '&', U+2028 or U+2029."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _chunks(glossary: Glossary, prefix: str, buckets: int) -> dict[str, bytes]:
    config = glossary.config
    language = config.lang
    grouped: dict[str, dict[str, dict[str, str]]] = {}
    for slug, entry in sorted(glossary.entries.items()):
        category = config.category(entry.category)
        grouped.setdefault(bucket(slug, buckets), {})[slug] = {
            "title": entry.title,
            "summary": glossary.prose[slug].summary_text,
            "category": category.name if category is not None else entry.category,
            "level": config.labels.get(f"level_{entry.level}", entry.level),
        }
    site = config.site_url
    files: dict[str, bytes] = {}
    for name, entries in sorted(grouped.items()):
        chunk = {"id": site, "prefix": prefix, "lang": language.tag, "dir": language.dir, "entries": entries}
        files[Urls.embed_chunk(prefix, name)] = f"{CALLBACK}({script_data(chunk)});\n".encode()
    return files


def embed_files(glossary: Glossary, translations: Sequence[Glossary] = ()) -> dict[str, bytes]:
    """embed.js, embed.css and the index chunks of every language, as output path -> bytes."""
    languages = [("", glossary), *((f"{t.language}/", t) for t in translations)]
    buckets = bucket_count(max(len(g.entries) for _, g in languages))
    files: dict[str, bytes] = {Urls.embed_styles(): (EMBED_SOURCES / "embed.css").read_bytes()}
    for prefix, part in languages:
        files.update(_chunks(part, prefix, buckets))
    config = glossary.config
    settings = {
        "id": config.site_url,
        "bases": list(dict.fromkeys(x for x in (config.site_url, config.published_url) if x)),
        "prefixes": [prefix for prefix, _ in languages],
        "buckets": buckets,
        "chunks": EMBED_CHUNKS,
        "version": _version(files),
    }
    source = (EMBED_SOURCES / "embed.js").read_text(encoding="utf-8")
    if source.count(_CONFIG_MARK) != 1:
        raise ValueError(f"embed.js must name {_CONFIG_MARK} exactly once")
    files[Urls.embed_script()] = source.replace(_CONFIG_MARK, script_data(settings)).encode("utf-8")
    return dict(sorted(files.items()))


def _version(files: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path, data in sorted(files.items()):
        digest.update(path.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:10]
