"""Shortening text for a card, an index line or a description: cut where a reader expects a cut.

A cut falls at the last break the text allows within the limit, then an
ellipsis follows.  What counts as a break depends on the script:

- in scripts that put spaces between words (Latin, Greek, Cyrillic, Arabic,
  Hebrew, Hangul, ...) a cut is made at a space, or after punctuation that
  ends a phrase, never inside a word;
- Chinese and Japanese put no spaces between words and may be cut between
  any two characters;
- Thai, Lao, Khmer and Myanmar put spaces between phrases only: a cut is
  made at a space or punctuation when one falls in the second half of the
  limit, else between two characters;
- whatever the script, a cut never separates a character from the marks,
  joiners or selectors that go with it (one grapheme as a reader sees it).
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"

# Left off the end of a cut, before the ellipsis: spaces, phrase punctuation and openers that would dangle.
_DANGLING = frozenset(" ,;:.–—-/、，。；：・([{（「『【〔〈《‘“")
# Punctuation after which a phrase may end, when what follows is not part of the same word ("3.5", "U.S.").
_PHRASE_END = frozenset(",;:.!?)]}、，。；：！？）」』】〕〉》’”…")
_ZWJ = "\u200d"


def _cjk(ch: str) -> bool:
    """Written without spaces and broken between any two characters: Han, kana, CJK punctuation."""
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x30FF  # radicals, CJK symbols and punctuation, kana
        or 0x3100 <= cp <= 0x31FF  # bopomofo, katakana extensions
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFF60  # full-width forms
        or 0x20000 <= cp <= 0x3FFFF
    )


# Thai and Lao vowels written before their consonant, and vowels that follow it as letters rather than marks:
# a cut between two characters keeps them with their consonant.
_LEADING_VOWELS = frozenset("เแโใไເແໂໃໄ")
_FOLLOWING_VOWELS = frozenset("ะาำๅະາຳ")


def _joins(before: str, ch: str) -> bool:
    """Whether `ch` belongs to the same grapheme as the character `before` it."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Mc", "Me")
        or ch == _ZWJ
        or before == _ZWJ
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors
        or 0xE0100 <= cp <= 0xE01EF
        or 0xE0020 <= cp <= 0xE007F  # emoji tag sequences
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
    )


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _grapheme_starts(text: str) -> list[bool]:
    """For each index, whether a grapheme (or a Thai or Lao syllable's start) begins there.

    Flags are pairs of regional indicators.
    """
    starts = [True] * len(text)
    run = 0  # regional indicators in a row so far
    for i, ch in enumerate(text):
        if i and (_joins(text[i - 1], ch) or text[i - 1] in _LEADING_VOWELS or ch in _FOLLOWING_VOWELS):
            starts[i] = False
        if _regional(ch):
            starts[i] = starts[i] and run % 2 == 0
            run += 1
        else:
            run = 0
    return starts


def _word_break(text: str, i: int) -> bool:
    """Whether a word may end before index i (0 < i < len(text)) in spaced text."""
    before, after = text[i - 1], text[i]
    if after.isspace() or before.isspace():
        return True
    if _cjk(before) or _cjk(after):
        return True  # between two CJK characters, or where CJK meets other text
    return before in _PHRASE_END and not after.isalnum()


def shorten(text: str, limit: int) -> str:
    """`text` on one line, and if longer than `limit` characters, cut at a break with an ellipsis (within `limit`)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = max(limit - len(ELLIPSIS), 1)
    starts = _grapheme_starts(text[: room + 1])  # where a grapheme starts depends only on what comes before it
    cut = 0
    for i in range(room, 0, -1):
        if starts[i] and _word_break(text, i):
            cut = i
            break
    if cut < room // 2:
        # No break late enough: a word longer than half the limit, or a phrase of Thai and the like.
        # Between two characters then, which is where those scripts are broken at a line's end too.
        # (A lone letter carrying more marks than the limit has room for is cut among its marks.)
        cut = next((i for i in range(room, 0, -1) if starts[i]), room)
    kept = text[:cut]
    while len(kept) > 1 and kept[-1] in _DANGLING:
        kept = kept[:-1]
    return kept + ELLIPSIS
