"""Shelf: where a build puts the files of a site as they are drawn, so that no process holds them all.

Rendering hands back a file's bytes.  A build instead gives the render a
shelf, and an entry's page and diagram go onto it where they are drawn (in
the worker process that drew them); what comes back is a `Shelved` note, the
file's digest, while the bytes are already on disk.  The preview passes no
shelf: it serves the bytes it keeps.
"""

from __future__ import annotations

__all__ = ["File", "Shelf", "Shelved", "Under"]

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Shelved:
    """A file already put on the shelf: the sha256 of its bytes, and whether the last build's copy was kept."""

    sha: str
    kept: bool = False


File = bytes | Shelved  # a file of the site as rendering hands it back


class Shelf(Protocol):
    def put(self, name: str, data: bytes, sha: str | None = None, *, made: Path | None = None) -> Shelved:
        """Put the file `name` (a path from the site's root) on the shelf; `sha`, when known, is its bytes' sha256.

        `made` is a file on disk that holds `data` already, which the shelf may link rather than copy.
        Safe to call from a forked worker process: everything it records travels back in the answer.
        """
        ...

    def keep(self, name: str, sha: str) -> Shelved | None:
        """Put the last build's copy of `name` on the shelf, if it is still the very file it wrote with digest `sha`.

        None when it is not (then only `put` can shelve the file): nothing is read to tell.
        """
        ...


@dataclass(frozen=True, slots=True)
class Under:
    """A shelf whose names are given from a folder of the site (a language's, say) rather than from its root."""

    shelf: Shelf
    prefix: str

    def put(self, name: str, data: bytes, sha: str | None = None, *, made: Path | None = None) -> Shelved:
        return self.shelf.put(self.prefix + name, data, sha, made=made)

    def keep(self, name: str, sha: str) -> Shelved | None:
        return self.shelf.keep(self.prefix + name, sha)
