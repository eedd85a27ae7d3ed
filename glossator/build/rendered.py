"""Rendered: the last build's pages known by what they showed, so a build renders again only pages that changed.

For each page the key `PageCache` compares (everything it shows that can
change) is kept as a digest, with the sha256 of each file it made; the bytes
are not kept but taken from the output folder the last build wrote: an entry's
files are hard-linked into the new site unread while they are the very files
that build wrote (the same inode, size and modification time, as the build's
record has them); otherwise, and for every other page, they are read back and
used only when they hash to what was recorded.  What no key holds (the
generator, site.yaml's settings, the templates, the static files) is one
digest for the whole record: when it differs, nothing is reused.  A record
names only digests, so even a forged one can do no more than reuse a file the
output folder already holds.
"""

from __future__ import annotations

__all__ = ["PageRecord", "RenderedPages", "kept_pages"]

import hashlib
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from glossator.build.cache import cache_folder, generator_version, tree_digest
from glossator.build.codec import Codec, DecodeError
from glossator.build.shards import ForeignShardError, ShardError, read_shard, write_shard
from glossator.content.config import SiteConfig
from glossator.content.load import display_path
from glossator.content.project import Project
from glossator.core.canonical import Known, digest
from glossator.pages.render import PageCache, Version
from glossator.pages.shelf import File, Shelf, Shelved
from glossator.pages.urls import Urls
from glossator.pages.views import Card

PAGES_FILE = "pages.json"
_Files = list[tuple[str, bytes]]
_Drawn = list[tuple[str, File]]


@dataclass(frozen=True, slots=True)
class PageRecord:
    """One page as the last build made it: what it showed, as a digest, and the digest of each of its files."""

    lang: str
    entry: bool  # an entry's page (and diagram), named by its slug; else a page named by its path
    name: str
    key: str
    files: tuple[tuple[str, str], ...]  # (path from its language's root, sha256 of its bytes)


CODEC = Codec([PageRecord])
_RECURRING = frozenset({Card, Version})


@dataclass(slots=True)
class RenderedPages(PageCache):
    """A page cache that also knows the last build's pages by their digests (see the module's docstring)."""

    out: Path = Path()
    default_lang: str = ""
    earlier: Mapping[tuple[str, bool, str], PageRecord] = field(default_factory=dict)
    known: Known | None = None  # digests that stand for values inside keys (the memo's entries and prose)
    rendered: list[str] = field(default_factory=list)  # pages rendered rather than read back, for the curious
    _keys: dict[tuple[str, bool, str], tuple[object, str]] = field(default_factory=dict, init=False, repr=False)
    _recurring: dict[int, tuple[object, str]] = field(default_factory=dict, init=False, repr=False)

    def entry_pages(
        self,
        lang: str,
        keys: Mapping[str, tuple[object, ...]],
        render: Callable[[list[str]], list[_Drawn]],
        shelf: Shelf | None = None,
    ) -> _Drawn:
        def read_or_render(todo: list[str]) -> list[_Drawn]:
            done: dict[str, _Drawn] = {}
            for slug in todo:
                reused = self._reused(lang, slug, keys[slug], shelf)
                if reused is not None:
                    done[slug] = reused
            rest = [slug for slug in todo if slug not in done]
            done.update(zip(rest, render(rest), strict=True))
            self.rendered.extend(f"{lang}:{slug}" for slug in rest)
            return [done[slug] for slug in todo]

        return PageCache.entry_pages(self, lang, keys, read_or_render, shelf)

    def page(self, lang: str, path: str, key: tuple[object, ...], render: Callable[[], bytes]) -> bytes:
        def read_or_render() -> bytes:
            record = self._record_for(lang, False, path, key)
            found = self._read_back(lang, record) if record is not None else None
            if found is not None and len(found) == 1:
                return found[0][1]
            self.rendered.append(f"{lang}:{path}")
            return render()

        return PageCache.page(self, lang, path, key, read_or_render)

    def _digest(self, name: tuple[str, bool, str], key: object) -> str | None:
        known = self._keys.get(name)
        if known is not None and known[0] is key:
            return known[1]
        try:
            found = digest(key, self._known)
        except TypeError:  # something in it has no canonical form: never reused
            return None
        self._keys[name] = (key, found)
        return found

    def _known(self, value: object) -> str | None:
        """The digest of a value many keys hold (an entry's card, a language version), worked out once."""
        found = self.known(value) if self.known is not None else None
        if found is not None or type(value) not in _RECURRING:
            return found
        seen = self._recurring.get(id(value))
        if seen is None or seen[0] is not value:
            seen = self._recurring[id(value)] = (value, digest(value))
        return seen[1]

    def _reused(self, lang: str, slug: str, key: object, shelf: Shelf | None) -> _Drawn | None:
        """An entry's files as the last build made them, if its page showed what `key` describes; else None.

        With a shelf they are linked from the last build's output unread while they are the very files
        it wrote, else read back, checked and put on it.
        """
        record = self._record_for(lang, True, slug, key)
        if record is None:
            return None
        if shelf is not None:
            notes = [(path, shelf.keep(path, sha)) for path, sha in record.files]
            if all(note is not None for _, note in notes):
                return [(path, note) for path, note in notes if note is not None]
        found = self._read_back(lang, record)
        if found is None:
            return None
        return [(path, data if shelf is None else shelf.put(path, data, sha)) for path, data, sha in found]

    def _record_for(self, lang: str, entry: bool, name: str, key: object) -> PageRecord | None:
        """The last build's record of this page, if the page showed what `key` describes."""
        record = self.earlier.get((lang, entry, name))
        return record if record is not None and record.key == self._digest((lang, entry, name), key) else None

    def _read_back(self, lang: str, record: PageRecord) -> list[tuple[str, bytes, str]] | None:
        """The files of a record (path, bytes, sha256) read from the output folder; None unless all are intact."""
        prefix = "" if lang == self.default_lang else f"{lang}/"
        files: list[tuple[str, bytes, str]] = []
        for path, sha in record.files:
            data = _read_regular(self.out / (prefix + path))
            if data is None or hashlib.sha256(data).hexdigest() != sha:
                return None
            files.append((path, data, sha))
        return files

    def records(self) -> list[PageRecord]:
        """Every page this cache holds now, as the next build will look for it."""
        found: list[PageRecord] = []
        for (lang, slug), (key, pairs) in self._entries.items():
            found.extend(self._record(lang, True, slug, key, pairs))
        for (lang, path), (key, html) in self._others.items():
            found.extend(self._record(lang, False, path, key, [(Urls.file_for(path), html)]))
        return found

    def _record(self, lang: str, entry: bool, name: str, key: object, files: _Drawn) -> list[PageRecord]:
        key_digest = self._digest((lang, entry, name), key)
        if key_digest is None:
            return []
        shas = tuple((path, _sha(data)) for path, data in files)
        return [PageRecord(lang, entry, name, key_digest, shas)]


def _sha(data: File) -> str:
    return data.sha if isinstance(data, Shelved) else hashlib.sha256(data).hexdigest()


def _read_regular(path: Path) -> bytes | None:
    """A regular file's bytes (never through a symbolic link), or None."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        return path.read_bytes()
    except OSError:
        return None


def settings_digest(project: Project, config: SiteConfig) -> str:
    """What every page depends on that no page's key holds."""
    parts = (generator_version(), config, tree_digest(project.templates), tree_digest(project.static))
    return digest(parts)


@contextmanager
def kept_pages(
    project: Project, config: SiteConfig, report: Callable[[str], object], known: Known | None = None
) -> Iterator[RenderedPages]:
    """A page cache that knows the pages the last build of the project's output folder rendered.

    `known` names digests for values inside the pages' keys (`Memo.known_digest`).

    What it rendered is recorded again when the block ends, if it rendered anything (a
    build with errors renders nothing, and the site it would describe is the last one).
    """
    path = cache_folder(project.cache, project.out) / PAGES_FILE
    settings = settings_digest(project, config)
    generator = generator_version()
    earlier: dict[tuple[str, bool, str], PageRecord] = {}
    if path.is_file():
        try:
            earlier = _load(read_shard(path, generator), settings)
        except ForeignShardError:
            pass  # a record of another generator's pages, whose settings cannot be this one's anyway
        except (ShardError, OSError) as exc:
            report(f"{display_path(path, project.cwd)}: warning: cache ignored: {exc}")
    pages = RenderedPages(out=project.out.absolute(), default_lang=config.language, earlier=earlier, known=known)
    yield pages
    records = pages.records()
    if records:
        try:
            payload = {"settings": settings, "pages": [CODEC.encode(r) for r in records]}
            write_shard(path, generator, payload)
        except OSError:
            return


def _load(payload: object, settings: str) -> dict[tuple[str, bool, str], PageRecord]:
    if type(payload) is not dict or payload.keys() != {"settings", "pages"} or type(payload["pages"]) is not list:
        raise ShardError("not a record of pages")
    if payload["settings"] != settings:
        return {}  # the generator, site.yaml, templates or static files changed: every page may differ
    try:
        records = [CODEC.decode(PageRecord, raw) for raw in payload["pages"]]
    except (DecodeError, TypeError, ValueError) as exc:
        raise ShardError(f"unreadable record: {str(exc)[:120]}") from None
    return {(r.lang, r.entry, r.name): r for r in records}
