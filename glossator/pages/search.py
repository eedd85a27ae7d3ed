"""Search data: Pagefind's full-text index of entry pages (the index of names is `names`).

Pagefind indexes the rendered entry pages and its bundle joins the rest of the
site in the same atomic write.  Only entry pages carry `data-pagefind-body`, so listings
and the home page stay out of the results.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from glossator.pages import cbor

SEARCH_DIR = "pagefind/"
# Pagefind ships several ready-made interfaces; the site uses its own, so only the engine is kept.
_UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


class Indexing:
    """A Pagefind run over some pages, under way in the background until `bundle()` is asked for.

    The pages (output path -> HTML, or -> a file already written, which is
    hard-linked rather than copied) are put in a private temporary folder and
    indexed by the Pagefind binary in one run.  (Pagefind's Python API answers
    one request per tenth of a second, far too slow for thousands of pages.)
    Result URLs are relative to the site root; the search page tells Pagefind
    the base path.  With a `language`, every page is indexed as that language;
    without, Pagefind makes one index per language from each page's `<html lang>`.
    Used as a context manager, which stops Pagefind and removes the folder
    however the block ends.  The folder is made in `near`, when given, so that
    the pages can be linked from there and the bundle's files linked back.
    """

    def __init__(self, pages: Mapping[str, bytes | Path], language: str | None, *, near: Path | None = None) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise RuntimeError("the Pagefind binary is missing: install it with pip install 'pagefind[extended]'")
        self._folder = tempfile.TemporaryDirectory(prefix="glossator-search-", dir=near)
        try:
            site, self._out = Path(self._folder.name) / "site", Path(self._folder.name) / "bundle"
            for path in sorted(pages):
                target = site / path
                target.parent.mkdir(parents=True, exist_ok=True)
                _place(pages[path], target)
            command = [str(binary), "--site", str(site), "--output-path", str(self._out), "--silent"]
            if language is not None:
                command += ["--force-language", language]
            self._process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        except BaseException:
            self._folder.cleanup()
            raise

    def __enter__(self) -> Indexing:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        self.cancel()

    def bundle(self) -> dict[str, bytes]:
        """Wait for Pagefind, and its bundle as output path -> bytes (byte-identical for the same pages)."""
        files = self.bundle_files()
        return {path: data if isinstance(data, bytes) else data.read_bytes() for path, data in files.items()}

    def bundle_files(self) -> dict[str, bytes | Path]:
        """Wait for Pagefind, and its bundle as output path -> bytes, or -> the file Pagefind wrote.

        The files whose bytes are given are those made canonical (see `canonical_bundle`); the
        others are as Pagefind wrote them, in the temporary folder, until the block ends.
        """
        try:
            stdout, stderr = self._process.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            raise RuntimeError("Pagefind did not finish within 10 minutes") from None
        if self._process.returncode != 0:
            raise RuntimeError(f"Pagefind failed: {(stderr or stdout).strip()}")
        written = {
            file.relative_to(self._out).as_posix(): file
            for file in sorted(self._out.rglob("*"))
            if file.is_file() and not file.name.startswith(_UNUSED)
        }
        rewritten = canonical_bundle({path: file.read_bytes() for path, file in written.items() if _rewritten(path)})
        bundle: dict[str, bytes | Path] = {path: file for path, file in written.items() if not _rewritten(path)}
        bundle.update(rewritten)
        return {SEARCH_DIR + path: bundle[path] for path in sorted(bundle)}

    def cancel(self) -> None:
        """Stop Pagefind if it still runs, and remove its folder."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._folder.cleanup()


def _place(page: bytes | Path, target: Path) -> None:
    if isinstance(page, bytes):
        target.write_bytes(page)
        return
    try:
        os.link(page, target)
    except OSError:  # another file system, or links not allowed: copy it
        shutil.copyfile(page, target)


# Pagefind writes each filter's values in hash-map order, which changes from run to
# run; its file names are hashes of the contents, so the names change too.  The
# values are sorted here and the affected files renamed, which makes the bundle
# byte-identical for the same pages.  Pagefind finds files through the names
# recorded in pagefind-entry.json and the .pf_meta file, which are rewritten to match.
_SIGNATURE = b"pagefind_dcd"


def _rewritten(path: str) -> bool:
    """Whether `canonical_bundle` may rewrite or rename the bundle's file `path` (it reads no other)."""
    return (
        (path.startswith("filter/") and path.endswith(".pf_filter"))
        or path.endswith(".pf_meta")
        or (path == "pagefind-entry.json")
    )


def _unpack(data: bytes) -> cbor.Value:
    raw = gzip.decompress(data)
    if not raw.startswith(_SIGNATURE):
        raise ValueError("not a Pagefind data file")
    return cbor.loads(raw[len(_SIGNATURE) :])


def _pack(value: cbor.Value) -> bytes:
    return gzip.compress(_SIGNATURE + cbor.dumps(value), compresslevel=9, mtime=0)


def _renamed(old: str, data: bytes) -> str:
    prefix, _, digest = old.rpartition("_")
    return f"{prefix}_{hashlib.sha256(data).hexdigest()[: len(digest)]}"


def _rewrite_meta(value: cbor.Value, names: Mapping[str, str]) -> cbor.Value:
    """Point the meta file at renamed filter files, and list the filters by name."""
    if isinstance(value, str):
        return names.get(value, value)
    if not isinstance(value, list):
        return value
    items = [_rewrite_meta(v, names) for v in value]
    renamed = set(names.values())
    if items and all(isinstance(i, list) and len(i) == 2 and isinstance(i[1], str) and i[1] in renamed for i in items):
        items.sort(key=lambda pair: str(pair[0]) if isinstance(pair, list) else "")
    return items


def canonical_bundle(bundle: Mapping[str, bytes]) -> dict[str, bytes]:
    """The bundle with filter values sorted and every file name that depends on them updated.

    Only the filter files, the meta files and `pagefind-entry.json` are read or changed; the
    bundle handed in may hold those alone (`_rewritten`).
    """
    out = dict(bundle)
    names: dict[str, str] = {}
    for path in sorted(p for p in bundle if p.startswith("filter/") and p.endswith(".pf_filter")):
        record = _unpack(bundle[path])
        if not (isinstance(record, list) and len(record) == 2 and isinstance(record[1], list)):
            raise ValueError(f"unexpected Pagefind filter file {path}")
        name, values = record[0], record[1]
        packed = _pack([name, sorted(values, key=lambda pair: str(pair[0]) if isinstance(pair, list) else "")])
        old = path.removeprefix("filter/").removesuffix(".pf_filter")
        names[old] = _renamed(old, packed)
        del out[path]
        out[f"filter/{names[old]}.pf_filter"] = packed
    for path in sorted(p for p in bundle if p.endswith(".pf_meta")):
        packed = _pack(_rewrite_meta(_unpack(bundle[path]), names))
        old = path.removeprefix("pagefind.").removesuffix(".pf_meta")
        names[old] = _renamed(old, packed)
        del out[path]
        out[f"pagefind.{names[old]}.pf_meta"] = packed
    entry = json.loads(bundle["pagefind-entry.json"])
    for language in entry.get("languages", {}).values():
        language["hash"] = names.get(language["hash"], language["hash"])
    if "languages" in entry:  # one per language, listed in hash-map order
        entry["languages"] = dict(sorted(entry["languages"].items()))
    out["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return out
