"""The name index of the header's search box: every entry's title and aliases, in chunks by first letters.

A reader types the beginning of a name, so the box needs only the names that
begin with it.  The index is cut, in the order of the names' keys, into chunks
of at most `CHUNK_BYTES`; a small manifest lists where each chunk starts.  The
box fetches the manifest when it gets focus and then, for what has been typed,
the one chunk that holds names beginning with it.  A glossary of a few hundred
entries has one chunk; in a larger one each first letter has its own chunk (or
shares one with its neighbours), and a first letter with more names than fit
is split further by its second letter, and so on.

A name's key is `fold(name)`: compatibility-decomposed, lower-cased, without
accents, punctuation or spaces, with a few letters that do not decompose
spelled out and hiragana written as katakana.  The theme's script folds what
is typed the same way (tests compare the two), and both order keys by their
UTF-16 code units, as JavaScript compares strings.

    search/names/index.json         {"chunks": [[start, file], ...]}, by start
    search/names/<hash>.json        [[title, url, [names]], ...]

A chunk holds every key from its start up to the next chunk's start.  Each
name is in exactly one chunk; an entry whose names begin differently has a row
in each chunk, with the names that chunk holds (its title is repeated so that a
match can be shown by it).  Chunk files are named by a hash of their contents,
so they can be cached for ever, and the bytes depend only on the names.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from glossator.content.model import Entry
from glossator.pages.lifecycle import lifecycle
from glossator.pages.urls import Urls
from glossator.prose.glossary import Glossary

NAMES_DIR = Urls.search() + "names/"
NAMES_MANIFEST = NAMES_DIR + "index.json"
# Most bytes a chunk may have; with the manifest, what the first keystroke fetches stays under 20 KB
# even from a host that does not compress (gzip makes a chunk about a fifth of this).
CHUNK_BYTES = 16_000

# Letters that no decomposition takes apart, so that "strasse", "aeon" or "lodz" find them.
# The theme's script has the same table (site.js, `SPELLED`).
SPELLED = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th", "ς": "σ"}
_FOLDS = str.maketrans({**SPELLED, **{chr(c): chr(c + 0x60) for c in range(0x3041, 0x3097)}})  # hiragana: katakana


def fold(text: str) -> str:
    """The key a name is found by: what a reader might type for it, reduced to letters and digits."""
    # isalnum() is true of exactly the letters (L*) and numbers (N*) that the script's \p{L}\p{N} keeps.
    if text.isascii():
        return "".join(filter(str.isalnum, text.lower()))
    return "".join(filter(str.isalnum, unicodedata.normalize("NFKD", text).lower().translate(_FOLDS)))


def order(key: str) -> bytes:
    """A sort key that orders strings as JavaScript compares them (by UTF-16 code unit)."""
    return key.encode("utf-16-be", "surrogatepass")


@dataclass(frozen=True, slots=True)
class Named:
    """An entry as the search box knows it: shown by `title`, found by any of `names`, at `url`."""

    title: str
    url: str
    names: tuple[str, ...]
    note: str = ""  # a deprecated term's label: offered after current terms, marked


@dataclass(frozen=True, slots=True)
class _Name:
    key: str
    name: str
    entry: int  # index into the entries
    size: int  # bytes it adds to its entry's row: itself and a comma


def name_files(glossary: Glossary, urls: Urls) -> dict[str, bytes]:
    """The manifest and chunks of the glossary's names, by output path."""
    shared = disambiguated_names(glossary)  # a disambiguation page's names find each of its meanings
    label = glossary.config.labels["deprecated"]
    return chunked(
        [
            Named(
                e.title,
                urls.href(Urls.entry(e.slug)),
                (e.title, *e.aliases, *shared.get(e.slug, ())),
                label if lifecycle(e, _source(glossary, e.slug))[0] else "",
            )
            for e in glossary.entries.values()
        ]
    )


def disambiguated_names(glossary: Glossary) -> dict[str, list[str]]:
    """slug -> the names of the disambiguation pages that list it among their meanings, and not its own."""
    found: dict[str, list[str]] = {}
    for page in glossary.entries.values():
        for meaning in page.meanings:
            target = glossary.entries.get(meaning.slug)
            own = {n.casefold() for n in target.names} if target else set()
            names = found.setdefault(meaning.slug, [])
            names += [n for n in page.names if n.casefold() not in own and n not in names]
    return found


def _source(glossary: Glossary, slug: str) -> Entry | None:
    return glossary.source.entries.get(slug) if glossary.source else None


def chunked(entries: Sequence[Named], budget: int = CHUNK_BYTES) -> dict[str, bytes]:
    """The manifest and chunk files of `entries`, each chunk at most `budget` bytes unless one key needs more."""
    entries = sorted(entries, key=lambda e: (e.title.casefold(), e.title, e.url, e.names))  # rows in this order
    names = sorted(
        {_Name(fold(name), name, i, _size(name) + 1) for i, entry in enumerate(entries) for name in entry.names},
        key=lambda n: (order(n.key), order(n.name), n.entry),
    )
    sizes = _Sizes(entries)
    files: dict[str, bytes] = {}
    starts: list[list[str]] = []
    previous = ""
    for chunk in _chunks(_units(names, 0, sizes, budget), sizes, budget):
        data = _chunk_bytes(chunk, entries)
        name = hashlib.sha256(data).hexdigest()[:10] + ".json"
        files[NAMES_DIR + name] = data
        starts.append([_separator(previous, chunk[0].key) if starts else "", name])
        previous = chunk[-1].key
    if not starts:  # no entries: one empty chunk, so that the script has the same shape to read
        data = b"[]\n"
        name = hashlib.sha256(data).hexdigest()[:10] + ".json"
        files[NAMES_DIR + name] = data
        starts.append(["", name])
    manifest = _json({"chunks": starts}) + "\n"
    files[NAMES_MANIFEST] = manifest.encode("utf-8")
    return files


class _Sizes:
    """Exact byte sizes of chunks, from each entry's row and each name's share of it."""

    def __init__(self, entries: Sequence[Named]) -> None:
        # A row is [title,url,[...]] and a comma after it; each name adds itself and a comma.
        self._row = [_size(_row(e, [])) + 1 for e in entries]

    def of(self, names: Sequence[_Name]) -> int:
        """Bytes of the chunk holding exactly `names`: '[', rows, ']' and a newline, less the last comma."""
        rows = {n.entry for n in names}
        per_name = sum(n.size for n in names) - len(rows)  # no comma after a row's last name
        return 2 + sum(self._row[i] for i in rows) + per_name - (1 if rows else 0) + 1


def _units(names: list[_Name], depth: int, sizes: _Sizes, budget: int) -> Iterator[list[_Name]]:
    """The names (sorted, their keys alike in the first `depth` characters) in runs that share one character more.

    A run too big for a chunk is split again by the next character, unless its keys are all the same.
    """
    for _, group in groupby(names, key=lambda n: n.key[: depth + 1]):
        run = list(group)
        if sizes.of(run) <= budget or all(n.key == run[0].key for n in run):
            yield run
        else:
            yield from _units(run, depth + 1, sizes, budget)


def _chunks(units: Iterator[list[_Name]], sizes: _Sizes, budget: int) -> Iterator[list[_Name]]:
    """Neighbouring runs joined while they fit in one chunk."""
    current: list[_Name] = []
    for unit in units:
        if current and sizes.of(current + unit) > budget:
            yield current
            current = []
        current += unit
    if current:
        yield current


def _separator(before: str, first: str) -> str:
    """The shortest beginning of `first` that sorts after `before`: where the chunk starting with `first` starts."""
    for end in range(1, len(first) + 1):
        if order(first[:end]) > order(before):
            return first[:end]
    return first


def _row(entry: Named, names: list[str]) -> list[object]:
    """[title, url, names], and {"deprecated": label} after them for a deprecated term."""
    return [entry.title, entry.url, names, *([{"deprecated": entry.note}] if entry.note else [])]


def _chunk_bytes(chunk: Sequence[_Name], entries: Sequence[Named]) -> bytes:
    here: dict[int, set[str]] = {}
    for n in chunk:
        here.setdefault(n.entry, set()).add(n.name)
    rows = []
    for i in sorted(here):
        entry = entries[i]
        rows.append(_row(entry, [name for name in dict.fromkeys(entry.names) if name in here[i]]))
    return (_json(rows) + "\n").encode("utf-8")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(value: object) -> str:
    return _ENCODER.encode(value)


def _size(value: object) -> int:
    return len(_json(value).encode("utf-8"))
