"""A minimal PNG writer for palette images: IHDR, PLTE, IDAT and IEND, nothing else.

The bytes carry no time, text or colour profile and do not depend on Pillow's
own encoder.  Rows are left unfiltered (filter 0 is the best choice for palette
images).  Most of a share card is runs of identical rows (the paper between
lines of text), and deflating those took as long as all the text: a run is
compressed once per process and its bytes reused, and only the rows between
runs are compressed for each image.  The pieces are separate deflate streams
ended on a byte boundary, so they join into one valid zlib stream.
"""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Iterator

from PIL import Image

# Level 1: on these images level 6 takes several times longer for a quarter fewer bytes.
LEVEL = 1
# A run of at least this many identical rows is compressed once and reused.
MIN_RUN = 4
BAND = 64  # rows read from the image at a time
_ADLER = 65521  # the modulus of the Adler-32 checksum


def encode_png(indices: Image.Image, palette: bytes) -> bytes:
    """`indices` (mode "L") as a PNG whose pixels are those entries of `palette` (RGB triples)."""
    if indices.mode != "L":
        raise ValueError(f"an image of palette indices has mode L, not {indices.mode}")
    if not 3 <= len(palette) <= 768 or len(palette) % 3:
        raise ValueError("a palette holds 1 to 256 RGB triples")
    width, height = indices.size
    pieces: list[bytes] = [b"\x78\x01"]  # zlib header: deflate, 32 KB window
    checksum = 1
    stretch: list[bytes] = []  # rows between runs, compressed together
    for row, count in _repeats(indices):
        if count < MIN_RUN:
            stretch += [row] * count
            continue
        if stretch:
            checksum = _deflate_stretch(stretch, pieces, checksum)
            stretch = []
        data, run_checksum = _deflated_run(row, count)
        pieces.append(data)
        checksum = _adler32_combine(checksum, run_checksum, count * (width + 1))
    if stretch:
        checksum = _deflate_stretch(stretch, pieces, checksum)
    pieces.append(b"\x03\x00")  # an empty final block ends the deflate stream
    pieces.append(struct.pack(">I", checksum))
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8-bit palette indices, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", palette)
        + _chunk(b"IDAT", b"".join(pieces))
        + _chunk(b"IEND", b"")
    )


def _repeats(indices: Image.Image) -> Iterator[tuple[bytes, int]]:
    """The rows of `indices`, each with how many times it comes in a row.

    The image is read a band at a time: reading it whole, beside the image itself, made each card's memory
    cross the size past which the C library hands freed memory back to the system, to fault it in again
    for the next card.
    """
    width, height = indices.size
    previous, count = b"", 0
    for top in range(0, height, BAND):
        raw = indices.crop((0, top, width, min(top + BAND, height))).tobytes()
        for start in range(0, len(raw), width):
            row = raw[start : start + width]
            if row == previous:
                count += 1
            else:
                if count:
                    yield previous, count
                previous, count = row, 1
    if count:
        yield previous, count


def _deflate_stretch(rows: list[bytes], pieces: list[bytes], checksum: int) -> int:
    """Append the deflated scanlines of `rows` to `pieces`; the checksum carried on over them."""
    scanlines = b"\0" + b"\0".join(rows)
    pieces.append(_deflate(scanlines))
    return zlib.adler32(scanlines, checksum)


@functools.lru_cache(maxsize=256)
def _deflated_run(row: bytes, count: int) -> tuple[bytes, int]:
    """`count` scanlines of `row`, deflated, and their Adler-32 checksum."""
    scanlines = (b"\0" + row) * count
    return _deflate(scanlines), zlib.adler32(scanlines)


def _deflate(data: bytes) -> bytes:
    """A raw deflate stream for `data`, left open and ended on a byte boundary, so another can follow it."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two pieces of data joined, from each one's checksum (zlib's adler32_combine)."""
    remainder = second_length % _ADLER
    low = (first & 0xFFFF) + (second & 0xFFFF) - 1
    high = (first >> 16) + (second >> 16) + remainder * (first & 0xFFFF) - remainder
    return (low % _ADLER) | (high % _ADLER) << 16


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
