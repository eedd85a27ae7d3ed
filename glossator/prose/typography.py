"""Typography: curly quotes, dashes, ellipses and (c), exactly as markdown-it's typographer makes them.

The rules are markdown-it's `replacements` and `smartquotes`, applied to the
inline tokens of one paragraph, heading or cell, and then the pieces of text
are joined.  Before joining, `escape` tokens (a backslash escape or an
entity) are left alone, as are the letters of an address written as an
autolink (`url`, which gets curly quotes but nothing else), but both still
count as neighbouring characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from glossator.prose.tokens import Token

_RARE = re.compile(r"\+-|\.\.|\?\?\?\?|!!!!|,,|--")
_SCOPED = re.compile(r"\((c|tm|r)\)", flags=re.IGNORECASE)
_SYMBOLS = {"c": "©", "r": "®", "tm": "™"}
_REPLACEMENTS = (
    (re.compile(r"\+-"), "±"),
    (re.compile(r"\.{2,}"), "…"),
    (re.compile(r"([?!])…"), "\\1.."),
    (re.compile(r"([?!]){4,}"), "\\1\\1\\1"),
    (re.compile(r",{2,}"), ","),
    (re.compile(r"(^|[^-])---(?=[^-]|$)", flags=re.MULTILINE), "\\1\u2014"),
    (re.compile(r"(^|\s)--(?=\s|$)", flags=re.MULTILINE), "\\1\u2013"),
    (re.compile(r"(^|[^-\s])--(?=[^-\s]|$)", flags=re.MULTILINE), "\\1\u2013"),
)
_QUOTE = re.compile(r"['\"]")
_OPEN_DOUBLE, _CLOSE_DOUBLE, _OPEN_SINGLE, _CLOSE_SINGLE = "\u201c\u201d\u2018\u2019"
_APOSTROPHE = "\u2019"
_WHITESPACE = frozenset("\t\n\v\f\r \xa0\u1680\u202f\u205f\u3000") | frozenset(map(chr, range(0x2000, 0x200B)))
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BREAKS = ("softbreak", "hardbreak")
_TEXTS = ("text", "escape", "url")
_QUOTED = ("text", "url")
_Quote = tuple[int, int, bool, int]  # a quote that may open: (token, position, single, level)


def typeset(children: Sequence[Token]) -> tuple[Token, ...]:
    """The inline tokens of one block with quotes, dashes and symbols made typographic, and text joined."""
    kinds = [t.kind for t in children]
    written = "".join([t.text for t, kind in zip(children, kinds, strict=True) if kind in _QUOTED])
    texts = None
    if _may_change(written):
        texts = [t.text for t in children]
        if _SCOPED.search(written) or _RARE.search(written):
            _replace(children, texts)
        if _QUOTE.search(written):
            _smarten(children, texts)
    if texts is None and "escape" not in kinds and "url" not in kinds:  # most often: nothing to change or join
        return tuple(children)
    joined: list[Token] = []
    run: list[str] = []  # text waiting to be joined into one token
    for i, token in enumerate(children):
        if token.kind in _TEXTS:
            run.append(token.text if texts is None else texts[i])
            continue
        if run:
            joined.append(Token("text", text="".join(run)))
            run = []
        joined.append(token)
    if run:
        joined.append(Token("text", text="".join(run)))
    return tuple(joined)


def _may_change(text: str) -> bool:
    """Whether any rule could apply: a quote, or what a replacement starts from (tested one by one, quickly)."""
    return (
        "'" in text
        or '"' in text
        or "--" in text
        or ".." in text
        or "(" in text
        or "+-" in text
        or ",," in text
        or "!!!!" in text
        or "????" in text
    )


def _replace(children: Sequence[Token], texts: list[str]) -> None:
    for i, token in enumerate(children):
        if token.kind != "text":
            continue
        text = _SCOPED.sub(lambda m: _SYMBOLS[m.group(1).lower()], texts[i])
        if _RARE.search(text):
            for pattern, replacement in _REPLACEMENTS:
                text = pattern.sub(replacement, text)
        texts[i] = text


def is_punctuation(ch: str) -> bool:
    """Punctuation or a symbol, as markdown-it tells them (for quotes and for delimiters alike)."""
    return ch in _ASCII_PUNCTUATION or unicodedata.category(ch).startswith(("P", "S"))


def is_whitespace(ch: str) -> bool:
    """Whitespace, as markdown-it tells it."""
    return ch in _WHITESPACE


def _levels(children: Sequence[Token]) -> list[int]:
    levels, level = [], 0
    for token in children:
        if token.kind == "close":
            level -= 1
        levels.append(level)
        if token.kind == "open":
            level += 1
    return levels


def _neighbour(children: Sequence[Token], texts: list[str], i: int, step: int) -> str:
    """The character next to token `i` on one side, across tokens but not across a line break; a space if none."""
    j = i + step
    while 0 <= j < len(children):
        if children[j].kind in _BREAKS:
            break
        if texts[j]:
            return texts[j][-1] if step < 0 else texts[j][0]
        j += step
    return " "


def _smarten(children: Sequence[Token], texts: list[str]) -> None:
    """markdown-it's smartquotes: pair quotes by level, and make the rest apostrophes."""
    levels = _levels(children)
    stack: list[_Quote] = []
    for i, token in enumerate(children):
        level = levels[i]
        while stack and stack[-1][3] > level:
            stack.pop()
        if token.kind not in _QUOTED:
            continue
        pos = 0
        while pos < len(texts[i]):
            text = texts[i]
            found = _QUOTE.search(text, pos)
            if found is None:
                break
            at = found.start()
            pos = at + 1
            single = found.group() == "'"
            last = text[at - 1] if at > 0 else _neighbour(children, texts, i, -1)
            following = text[pos] if pos < len(text) else _neighbour(children, texts, i, 1)
            last_punct, next_punct = is_punctuation(last), is_punctuation(following)
            last_space, next_space = last in _WHITESPACE, following in _WHITESPACE
            can_open = not next_space and (not next_punct or last_space or last_punct)
            can_close = not last_space and (not last_punct or next_space or next_punct)
            if following == '"' and not single and "0" <= last <= "9":
                can_open = can_close = False  # 1"" - the first quote is an inch
            if can_open and can_close:  # inside a word only between punctuation: foo-"-bar-"-baz
                can_open, can_close = last_punct, next_punct
            if not can_open and not can_close:
                if single:
                    texts[i] = text[:at] + _APOSTROPHE + text[pos:]
                continue
            if can_close and _close(stack, texts, i, at, single, level):
                continue
            if can_open:
                stack.append((i, at, single, level))
            elif can_close and single:
                texts[i] = text[:at] + _APOSTROPHE + text[pos:]


def _close(stack: list[_Quote], texts: list[str], i: int, at: int, single: bool, level: int) -> bool:
    """Pair the quote at `at` of token `i` with the nearest open one like it, if any; True when paired."""
    for j in range(len(stack) - 1, -1, -1):
        token, pos, was_single, was_level = stack[j]
        if was_level < level:
            return False
        if was_single == single and was_level == level:
            opening, closing = (_OPEN_SINGLE, _CLOSE_SINGLE) if single else (_OPEN_DOUBLE, _CLOSE_DOUBLE)
            texts[i] = texts[i][:at] + closing + texts[i][at + 1 :]
            texts[token] = texts[token][:pos] + opening + texts[token][pos + 1 :]
            del stack[j:]
            return True
    return False
