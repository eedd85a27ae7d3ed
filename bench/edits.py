"""Edits to corpus entries, for the measures that time a change: a new word at the start of the body's prose.

The word goes after the first section's heading, which every entry of both
copies of the corpus has, so the edit changes one entry's prose and nothing
else (not its names, summary, tags or links).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from bench.corpus import SECTIONS

FIRST_SECTION = f"## {SECTIONS[0]}\n\n".encode()


def with_new_word(entry: bytes, word: bytes) -> bytes:
    """The entry with `word` starting its first section's prose."""
    if FIRST_SECTION not in entry:
        raise ValueError(f"no {FIRST_SECTION!r} in the entry")
    return entry.replace(FIRST_SECTION, FIRST_SECTION + word + b" ", 1)


def spread(files: Sequence[Path], count: int) -> list[Path]:
    """`count` of the files, evenly spread over them (the middle one when `count` is 1)."""
    return [files[(i * len(files)) // count + len(files) // (2 * count)] for i in range(count)]


@contextlib.contextmanager
def new_word(files: Sequence[Path], word: str) -> Iterator[None]:
    """The files with `word` in their prose while the block runs; as they were afterwards, however it ends."""
    originals = {path: path.read_bytes() for path in files}
    try:
        for path, data in originals.items():
            path.write_bytes(with_new_word(data, word.encode()))
        yield
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
