"""Dialect: where markdown-it reads Markdown otherwise than pulldown-cmark, told from the text.

The parser (see `markdown`) asks these questions of what it parsed, and
adjusts the text or the tokens where the answer differs: a table may begin
in the middle of a paragraph and ends at an indented line, a link's `<`
destination must close before the next `<`, `~~` strikes out
only where its neighbours allow, a heading's closing `#`s may follow a tab,
and a numeric entity for a forbidden code point stands for U+FFFD.
"""

from __future__ import annotations

import re

from glossator.prose.typography import is_punctuation, is_whitespace

_DELIMITER_CELL = re.compile(r"^:?-+:?$")
_NUMERIC_ENTITY = re.compile(r"&#([xX][0-9a-fA-F]{1,6}|[0-9]{1,7});")
_POINTY = re.compile(rb"<(?:[^<>\n\\]|\\.)*>(?:[ \t\n]|\)|$)")
_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl"
    "|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main"
    "|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead"
    "|title|tr|track|ul"
)
_INTERRUPTING_HTML = re.compile(
    rb"[ \t]*<(?:(?:script|pre|style|textarea)(?:[ \t>]|$)|!--|\?|![A-Za-z]|!\[CDATA\[|/?(?:"
    + _BLOCK_TAGS.encode()
    + rb")(?:[ \t/>]|$))",
    re.IGNORECASE,
)
_TRIM = "\t\n\v\f\r \xa0\u1680\u202f\u205f\u3000\u2028\u2029" + "".join(map(chr, range(0x2000, 0x200B)))


def indent(line: str) -> int:
    """How far a line is indented, in columns (a tab to the next multiple of four)."""
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _cells(row: str) -> list[str]:
    """A header row's cells, split at pipes that are not escaped."""
    cells, current, escaped = [], "", False
    for ch in row:
        if ch == "|" and not escaped:
            cells.append(current)
            current = ""
        else:
            current = current[:-1] + ch if ch == "|" else current + ch
        escaped = ch == "\\"
    cells.append(current)
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _delimiter_columns(line: str) -> int | None:
    """How many columns a table's delimiter row (`|---|:-:|`) gives, or None if `line` is not one."""
    if indent(line) >= 4:
        return None
    row = line.lstrip(" \t")
    if len(row) < 2 or row[0] not in "|-:" or (row[1] not in "|-: \t") or (row[0] == "-" and row[1] in " \t"):
        return None
    if any(ch not in "|-: \t" for ch in row[2:]):
        return None
    parts = row.split("|")
    columns = 0
    for i, part in enumerate(parts):
        cell = part.strip(_TRIM)
        if not cell:
            if i in (0, len(parts) - 1):
                continue
            return None
        if not _DELIMITER_CELL.match(cell):
            return None
        columns += 1
    return columns


def table_start(lines: list[str]) -> int | None:
    """The first line after the first of a paragraph that markdown-it would read as a table's header row."""
    for i in range(1, len(lines) - 1):
        header = lines[i].lstrip(" \t").strip(_TRIM)
        if "|" not in header or indent(lines[i]) >= 4:
            continue
        columns = _delimiter_columns(lines[i + 1])
        if columns and columns == len(_cells(header)):
            return i
    return None


def pointy_destination_ok(tail: bytes) -> bool:
    """Given what follows a link's text (`](<dest> "title")`), False when it is a `<` markdown-it does not close.

    A destination that starts with `<` must end with `>` on the same line, with no `<` between.
    """
    if not tail.startswith(b"]("):
        return True
    rest = tail[2:].lstrip(b" \t\n")
    return not rest.startswith(b"<") or _POINTY.match(rest) is not None


def interrupts(line: bytes) -> bool:
    """Whether a line starts an HTML block that may interrupt a paragraph (CommonMark's kinds 1 to 6).

    Inside a block of raw HTML, these are the lines to escape at once: escaped, the block reads as a
    paragraph, and only such a line would start a block of its own again.
    """
    return _INTERRUPTING_HTML.match(line) is not None


def closed(heading: str) -> str:
    """The end of a heading's text without its closing `#`s and trailing whitespace (tabs too)."""
    text = heading.rstrip(" \t")
    bare = text.rstrip("#")
    if len(bare) < len(text) and bare and bare[-1] in " \t":
        text = bare
    return text.rstrip(_TRIM)


def _char_before(data: bytes, at: int) -> str:
    if at <= 0:
        return " "
    start = at - 1
    while start > 0 and data[start] & 0xC0 == 0x80:
        start -= 1
    return data[start:at].decode(errors="replace")


def _char_after(data: bytes, at: int) -> str:
    if at >= len(data):
        return " "
    end = at + 1
    while end < len(data) and data[end] & 0xC0 == 0x80:
        end += 1
    return data[at:end].decode(errors="replace")


def strikes(data: bytes, start: int, end: int) -> bool:
    """Whether markdown-it strikes out `data[start:end]`: `~~` on each side, each free to open or close."""
    if not (data.startswith(b"~~", start) and data.endswith(b"~~", 0, end)) or end - start < 4:
        return False
    if data[start + 2 : start + 3] == b"~" or data[end - 3 : end - 2] == b"~":
        return False
    before, after = _char_before(data, start), _char_after(data, start + 2)
    opens = not is_whitespace(after) and (not is_punctuation(after) or is_whitespace(before) or is_punctuation(before))
    before, after = _char_before(data, end - 2), _char_after(data, end)
    closes = not is_whitespace(before) and (not is_punctuation(before) or is_whitespace(after) or is_punctuation(after))
    return opens and closes


def entity(written: str, decoded: str) -> str:
    """An entity's character; a numeric one for a code point markdown-it refuses is U+FFFD."""
    match = _NUMERIC_ENTITY.fullmatch(written)
    if match is None:
        return decoded
    digits = match.group(1)
    code = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
    refused = (
        0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFF in (0xFFFE, 0xFFFF)
        or code <= 0x08
        or code == 0x0B
        or 0x0E <= code <= 0x1F
        or 0x7F <= code <= 0x9F
        or code > 0x10FFFF
    )
    return "\ufffd" if refused else chr(code)
