"""Markdown text as the importers rework it: code kept out of reach, paragraphs, sentences, words.

What an importer rewrites (raw HTML, references) must never be rewritten
inside code, where it is an example and not markup.  `masked` swaps each
fenced block and code span for a token that no rewriting matches, with as
many line breaks, so positions keep their lines, and gives it back after.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Characters from the Private Use Area stand for masked code (a span, or a whole fenced block);
# they are taken out of source text first.
_OPEN, _CLOSE, _BLOCK = "\ue000", "\ue001", "\ue002"
_TOKEN = re.compile(f"[{_OPEN}{_BLOCK}](\\d+)\\s*{_CLOSE}")  # its line breaks may have become spaces
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TICKS = re.compile(r"`+")

# The 30-second version: what the style guide aims for, and where `check` starts to warn.
SUMMARY_WORDS = 60
MAX_SUMMARY_WORDS = 75
_ENDS = ".!?"
_WIDE_ENDS = "。！？"  # no space follows these in Chinese or Japanese text
_CLOSERS = "\"'”’»)]*_"
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "vs", "cf", "mr", "mrs", "ms", "dr", "st", "no", "approx", "ca", "fig", "eq", "al"}
)
_LINKS = re.compile(r"\[\[[^\[\]|\n]+\|([^\[\]\n]+)\]\]|\[\[([^\[\]|\n]+)\]\]|\[([^\[\]\n]*)\]\([^()\s]*\)")
_WIDE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+")
_BLOCK_MARKERS = re.compile(r"^\s{0,3}(?:[-*+]\s+|\d+[.)]\s+|>\s?)+")


@dataclass(frozen=True, slots=True)
class Masked:
    """Text with its code swapped for tokens, and the code to put back."""

    text: str
    code: tuple[str, ...]

    def restore(self, text: str) -> str:
        return _TOKEN.sub(lambda m: self.code[int(m.group(1))], text)


# Control characters no entry may hold (YAML refuses them, and so does `check`), and the ones masking uses.
_UNWANTED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff{_OPEN}{_CLOSE}{_BLOCK}]")


def clean(text: str) -> str:
    """Source text without control characters and the characters masking uses."""
    return _UNWANTED.sub("", text)


def masked(text: str) -> Masked:
    """`text` with every fenced code block and code span replaced by a token (see the module's docstring)."""
    code: list[str] = []

    def token(piece: str, opener: str = _OPEN) -> str:
        code.append(piece)
        return f"{opener}{len(code) - 1}{chr(10) * piece.count(chr(10))}{_CLOSE}"

    out: list[str] = []
    lines = text.split("\n")
    i = 0
    prose: list[str] = []
    while i < len(lines):
        opened = _FENCE.match(lines[i])
        if opened is None:
            prose.append(lines[i])
            i += 1
            continue
        fence = opened.group(1)
        end = next(
            (j for j in range(i + 1, len(lines)) if re.match(rf"^ {{0,3}}{fence[0]}{{{len(fence)},}}\s*$", lines[j])),
            len(lines) - 1,
        )
        if prose:
            out.append(_spans("\n".join(prose), token) + "\n")
            prose = []
        out.append(token("\n".join(lines[i : end + 1]), _BLOCK) + ("\n" if end + 1 < len(lines) else ""))
        i = end + 1
    if prose:
        out.append(_spans("\n".join(prose), token))
    return Masked("".join(out), tuple(code))


def _spans(text: str, token: Callable[[str], str]) -> str:
    """`text` with each code span (a run of backticks, to the next run of the same length) made a token."""
    out: list[str] = []
    at = 0
    runs = list(_TICKS.finditer(text))
    k = 0
    while k < len(runs):
        run = runs[k]
        j = next((j for j in range(k + 1, len(runs)) if len(runs[j].group()) == len(run.group())), None)
        if j is None or "\n\n" in text[run.end() : runs[j].start()]:
            k += 1
            continue
        out.append(text[at : run.start()])
        out.append(token(text[run.start() : runs[j].end()]))
        at = runs[j].end()
        k = j + 1
    out.append(text[at:])
    return "".join(out)


def rewrite_prose(text: str, rewrite: Callable[[str], str]) -> str:
    """`rewrite` applied to `text` with its code masked, then the code put back."""
    hidden = masked(text)
    return hidden.restore(rewrite(hidden.text))


def collapse(text: str) -> str:
    return " ".join(text.split())


def words(markdown: str) -> int:
    """About how many words a reader sees: links count as their shown text, two Han or kana characters as one."""
    shown = _LINKS.sub(lambda m: m.group(1) or m.group(2) or m.group(3) or "", markdown)
    wide = len(_WIDE.findall(shown))
    return len(_WIDE.sub(" ", shown).split()) + (wide + 1) // 2


def first_paragraph(markdown: str) -> str:
    """The first paragraph of prose, on one line: headings, code, tables and rules skipped, list markers dropped."""
    hidden = masked(markdown)
    for block in re.split(r"\n\s*\n", hidden.text):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        fenced = next((k for k, line in enumerate(lines) if line.lstrip().startswith(_BLOCK)), None)
        if fenced:  # a code block straight after the text ends the paragraph
            lines = lines[:fenced]
        first = lines[0].lstrip()
        if first.startswith(("#", "|", _BLOCK, "---", "***", "===")):
            continue
        if _LIST_ITEM.match(lines[0]):  # a list: its first item
            rest = next((k for k in range(1, len(lines)) if _LIST_ITEM.match(lines[k])), len(lines))
            lines = lines[:rest]
        text = collapse(" ".join(_BLOCK_MARKERS.sub("", line) for line in lines))
        if text:
            return hidden.restore(text)
    return ""


def _sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence of `text` that is not inside brackets or code."""
    ends: list[int] = []
    depth = 0
    ticks = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "`":
            ticks = not ticks
        elif not ticks and ch in "[(":
            depth += 1
        elif not ticks and ch in "])":
            depth = max(0, depth - 1)
        elif not ticks and depth == 0 and ch in _WIDE_ENDS:
            ends.append(i + 1)
        elif not ticks and depth == 0 and ch in _ENDS:
            j = i + 1
            while j < len(text) and text[j] in _CLOSERS:
                j += 1
            if j == len(text) or (text[j] == " " and _starts_sentence(text[j + 1 :]) and not _abbreviation(text, i)):
                ends.append(j)
                i = j
                continue
        i += 1
    return ends


def _starts_sentence(rest: str) -> bool:
    rest = rest.lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘([*_`")


def _abbreviation(text: str, period: int) -> bool:
    if text[period] != ".":
        return False
    word = text[max(0, period - 12) : period].rsplit(" ", 1)[-1].lstrip("([\"'")
    return word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def summary_of(markdown: str, *, target: int = SUMMARY_WORDS, limit: int = MAX_SUMMARY_WORDS) -> tuple[str, bool]:
    """The opening sentences of `markdown`'s first paragraph, about `target` words, never past `limit`.

    Whole sentences are taken while they fit; a first sentence longer than
    `limit` is cut at a word, outside any link or code, and ends with '…'.
    The flag says whether anything was cut.
    """
    paragraph = first_paragraph(markdown)
    if not paragraph or words(paragraph) <= target:
        return paragraph, False
    chosen = ""
    # Sentences past the first few hundred words are never taken: do not look for them.
    for end in _sentence_ends(paragraph[: 40 * limit]):
        candidate = paragraph[:end].strip()
        if words(candidate) > (target if chosen else limit):
            break
        chosen = candidate
    if chosen:
        return chosen, chosen != paragraph
    return _cut(paragraph, target), True


def _cut(text: str, budget: int) -> str:
    """The first words of `text`, about `budget` of them, ending where no link or code span is open."""
    best = ""
    at = 0
    for n, found in enumerate(re.finditer(r"\S+", text)):
        piece = text[: found.end()]
        if n > 3 * budget or (best and words(piece) > budget):
            break
        at = found.end()
        if _balanced(piece):
            best = piece
    return (best or text[:at]).rstrip(",;:—–- ") + "…"


def _balanced(text: str) -> bool:
    return text.count("[") == text.count("]") and text.count("(") == text.count(")") and text.count("`") % 2 == 0
