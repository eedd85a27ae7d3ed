"""Pulldown: pulldown-cmark's events read into tokens, as markdown-it would have made them.

`markdown` parses and hands the events here, one by one, with where each
starts and ends in the text (UTF-8 byte offsets).  The builder makes the
tokens, notes the term links in the order they were written, and lists what
to change in the text where the parser made something markdown-it would
not (see `markdown` and `dialect`); the text is then parsed again.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from glossator.prose.dialect import closed, entity, indent, interrupts, pointy_destination_ok, strikes, table_start
from glossator.prose.tokens import HARDBREAK, SOFTBREAK, Token, tag, text
from glossator.prose.typography import typeset
from glossator.prose.urls import is_safe_url, link_text, normalize_link

_TERM = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_BRACKETS = re.compile(r"\[\[([^\[\]\n]*)\]\]")  # what a term link looks like, whether or not it is one
_PUNCTUATION = frozenset(b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BACKSLASH = 0x5C
_BACKSLASHED = re.compile(r"(\\.)", re.DOTALL)
_INLINE_TAGS = {"Emphasis": "em", "Strong": "strong", "Strikethrough": "s"}
_ALIGNS = {"Left": "left", "Right": "right", "Center": "center"}
_HIDDEN_OPEN = Token("open", "p", hidden=True)
_HIDDEN_CLOSE = Token("close", "p", hidden=True)


def _term_parts(written: str) -> tuple[str, str] | None:
    """The target and shown text of a written `[[...]]`, or None if it is not a term link (or names nothing)."""
    match = _TERM.fullmatch(written)
    if match is None:
        return None
    target = " ".join(match.group(1).split())
    shown = " ".join((match.group(2) or match.group(1)).split())
    return (target, shown) if target and shown else None


class Builder:
    """Tokens from one parse's events, and what to change in the text for markdown-it's reading of it."""

    def __init__(self, data: bytes, inserted: frozenset[int], lead: int) -> None:
        self.data = data
        self.inserted = inserted  # where earlier passes put something in: not the writer's
        self.ordered = sorted(inserted)
        self.lead = lead  # characters to drop from the first text (the space that starts a summary)
        self.inserts: list[tuple[int, bytes]] = []  # (byte offset, what to put there) before parsing again
        self.blocks: list[Token] = []
        self.inline: list[Token] | None = None  # the inline tokens of the open paragraph, heading or cell
        self.pending: list[str] = []  # text not yet made a token: one run of text is one token
        self.hidden = False  # the open inline is a tight list item's paragraph
        self.closing = ""  # the tag that closes the open inline's block
        self.brackets = False  # the open inline holds a term link or a `[`
        self.marks: list[tuple[bool, str]] = []  # (is a term link, target or what was written), in order
        self.lists: list[str] = []
        self.containers = 0  # lists and block quotes open
        self.links: list[int | None] = []  # for each open link: where it starts, or None if not written as one
        self.aligns: tuple[str, ...] = ()
        self.cell = 0
        self.head = False
        self.body = False
        self.code: list[str] | None = None  # the text of the open code block
        self.info = ""
        self.indented = False
        self.autolink = False
        self.skip = 0  # depth inside the events of a term link, which is made from its source
        self.last_end = 0  # where the last piece of inline content ended

    # The text as written

    def written_bytes(self, start: int, end: int) -> bytes:
        """The text from `start` to `end` as its writer wrote it, without what was put in since."""
        if not self.inserted:
            return self.data[start:end]
        return bytes(b for i, b in enumerate(self.data[start:end], start) if i not in self.inserted)

    def written(self, start: int, end: int) -> str:
        return self.written_bytes(start, end).decode()

    def adjusted(self, start: int, end: int) -> bool:
        """Whether something was put into the text between `start` and `end` by an earlier pass."""
        return bool(self.inserted) and bisect_left(self.ordered, end) > bisect_left(self.ordered, start)

    def escape(self, at: int) -> None:
        self.inserts.append((at, b"\\"))

    def escape_at(self, start: int, char: bytes) -> None:
        """Escape the first `char` from `start`: where the construct that starts there begins."""
        at = self.data.find(char, start)
        self.escape(start if at == -1 else at)

    # Blocks and inlines

    def end_hidden(self) -> None:
        """End a tight list item's paragraph, if one is open: a block is coming."""
        if self.hidden:
            self.end_inline()
            self.blocks.append(_HIDDEN_CLOSE)

    def block(self, token: Token) -> None:
        self.end_hidden()
        self.blocks.append(token)

    def start_inline(self, name: str, opening: Token) -> None:
        self.block(opening)
        self.inline, self.closing = [], name

    def flush(self) -> list[Token]:
        """The open inline's tokens, pending text included."""
        inline = self.inline
        if inline is None:
            self.blocks.append(_HIDDEN_OPEN)
            inline = self.inline = []
            self.hidden = True
        if self.pending:
            inline.append(text("".join(self.pending)))
            self.pending = []
        return inline

    def push(self, token: Token) -> None:
        self.flush().append(token)

    def push_text(self, value: str) -> None:
        if self.inline is None:
            self.flush()
        self.pending.append(value)

    def end_inline(self) -> None:
        children = self.flush()
        self.inline, self.hidden = None, False
        if self.brackets:
            self.find_marks(children)
            self.brackets = False
        self.blocks.append(Token("inline", children=typeset(children)))

    def find_marks(self, children: list[Token]) -> None:
        """Note term links, and malformed ones written as text, in the order they were written."""
        for token in children:
            if token.kind == "text":
                for match in _BRACKETS.finditer(token.text):
                    if _term_parts(match.group()) is None:
                        self.marks.append((False, match.group(1)))
            elif token.kind == "term":
                self.marks.append((True, token.info))

    # Events

    def on_text(self, value: str, start: int, end: int) -> None:
        self.last_end = end
        if self.code is not None:
            self.code.append(self.written(start, end) if self.adjusted(start, end) else value)
            return
        if self.skip:
            return
        if self.lead:
            value, self.lead = value[self.lead :], 0
        if not value:
            return
        data = self.data
        if "[" in value:
            self.brackets = True
        if self.autolink:
            self.push(Token("url", text=link_text(value)))
        elif start and data[start - 1] == _BACKSLASH and data[start] in _PUNCTUATION and start - 1 not in self.inserted:
            self.push(Token("escape", text=value[0]))  # a backslash escape: left alone by the typographer
            self.plain(value[1:])
        elif data[start] == 0x26 and value != data[start:end].decode():  # an entity, from `&`
            self.push(Token("escape", text=entity(data[start:end].decode(), value)))
        else:
            self.plain(value)

    def plain(self, value: str) -> None:
        if "\\" not in value[:-1]:
            if value:
                self.push_text(value)
            return
        for n, piece in enumerate(_BACKSLASHED.split(value)):  # markdown-it keeps `\` and what follows together
            if n % 2:
                self.push(Token("escape", text=piece))
            elif piece:
                self.push_text(piece)

    def on_start(self, name: str, data: Any, start: int, end: int) -> None:
        if self.skip:
            self.skip += 1
        elif name == "Paragraph":
            self.start_inline("p", tag("open", "p"))
            if not self.containers:
                self.split_table(start, end)
        elif name in _INLINE_TAGS:
            if name == "Strikethrough" and not strikes(self.data, start, end):
                self.escape(start)
            self.push(tag("open", _INLINE_TAGS[name]))
        elif name == "Link":
            self.start_link(data, start, end)
        elif name == "Item":
            self.block(tag("open", "li"))
        elif name == "Heading":
            level = "h" + data["level"][1]
            self.start_inline(level, tag("open", level))
            if not self.containers and b"\n" in self.data[start:end].rstrip(b"\n"):  # underlined
                self.split_table(start, end)
        elif name == "List":
            name = "ul" if data is None else "ol"
            self.lists.append(name)
            self.containers += 1
            start_at = (("start", str(data)),) if data not in (None, 1) else ()
            self.block(Token("open", name, attrs=start_at) if start_at else tag("open", name))
        elif name == "BlockQuote":
            self.block(tag("open", "blockquote"))
            self.containers += 1
        elif name == "CodeBlock":
            self.end_hidden()  # the block itself is added at its end
            fenced = isinstance(data, dict)
            info = data["Fenced"].split(maxsplit=1) if fenced else []
            self.code, self.info, self.indented = [], info[0] if info else "", not fenced
        elif name.startswith("Table"):
            self.start_table(name, data, start)
        elif name == "Image":
            self.escape_at(start, b"!")
            self.links.append(None)
        elif name == "HtmlBlock":
            self.escape_at(start, b"<")
            self.start_inline("p", tag("open", "p"))

    def start_table(self, name: str, data: Any, start: int) -> None:
        if name == "Table":
            self.block(tag("open", "table"))
            self.aligns, self.body = tuple(data), False
        elif name == "TableHead":
            self.blocks += [tag("open", "thead"), tag("open", "tr")]
            self.head, self.cell = True, 0
        elif name == "TableRow":
            line = self.data.rfind(b"\n", 0, start) + 1
            if not self.containers and indent(self.data[line:start].decode()) >= 4:
                self.inserts.append((line, b"\n"))  # an indented line ends a table for markdown-it
            if not self.body:
                self.blocks.append(tag("open", "tbody"))
                self.body = True
            self.blocks.append(tag("open", "tr"))
            self.cell = 0
        elif name == "TableCell":
            align = _ALIGNS.get(self.aligns[self.cell]) if self.cell < len(self.aligns) else None
            cell = "th" if self.head else "td"
            style = (("style", f"text-align:{align}"),)
            self.blocks.append(Token("open", cell, attrs=style) if align else tag("open", cell))
            self.cell += 1
            self.inline, self.closing = [], cell

    def split_table(self, start: int, end: int) -> None:
        """End a paragraph where markdown-it would see a table begin, with an empty line."""
        if b"|" not in self.data[start:end]:
            return
        lines = self.data[start:end].split(b"\n")
        found = table_start([line.decode(errors="replace") for line in lines]) if len(lines) > 2 else None
        if found is not None:
            self.inserts.append((start + sum(len(line) + 1 for line in lines[:found]), b"\n"))

    def start_link(self, data: Any, start: int, end: int) -> None:
        kind = data["link_type"]
        if isinstance(kind, dict):  # [[target]] or [[target|shown]]
            parts = _term_parts(self.written(start, end))
            if parts is None:
                self.escape(start + 1)  # not a term link: read as a bracket within brackets
                self.links.append(None)
                return
            target, shown = parts
            self.push(Token("term", text=shown, info=target))
            self.skip, self.brackets = 1, True
            return
        url = "mailto:" + data["dest_url"] if kind == "Email" else data["dest_url"]
        href = normalize_link(url)
        if not is_safe_url(href):
            self.escape_at(start, b"<" if kind in ("Autolink", "Email") else b"[")
            self.links.append(None)
            return
        title = (("title", data["title"]),) if data["title"] else ()
        self.push(Token("open", "a", attrs=(("href", href), *title)))
        self.links.append(start)
        self.last_end = start + 1
        self.autolink = kind in ("Autolink", "Email")

    def on_end(self, name: str, end: int) -> None:
        last_end, self.last_end = self.last_end, end
        if self.skip:
            self.skip -= 1
        elif name in ("Paragraph", "Heading", "TableCell", "HtmlBlock"):
            if name == "Heading" and self.pending:
                self.pending[-1] = closed(self.pending[-1])
            self.end_inline()
            self.blocks.append(tag("close", self.closing))
        elif name in _INLINE_TAGS:
            self.push(tag("close", _INLINE_TAGS[name]))
        elif name in ("Link", "Image"):
            self.autolink = False
            opened = self.links.pop()
            if opened is not None:
                self.push(tag("close", "a"))
                if not pointy_destination_ok(self.written_bytes(last_end, end)):
                    self.escape(opened)
        elif name == "Item":
            self.block(tag("close", "li"))
        elif name in ("List", "BlockQuote"):
            self.block(tag("close", self.lists.pop() if name == "List" else "blockquote"))
            self.containers -= 1
        elif name == "CodeBlock":
            code = "".join(self.code or ())
            if self.indented and code and not code.endswith("\n"):
                code += "\n"
            self.blocks.append(Token("code_block", text=code, info=self.info))
            self.code = None
        elif name == "TableHead":
            self.blocks += [tag("close", "tr"), tag("close", "thead")]
            self.head = False
        elif name == "TableRow":
            self.blocks.append(tag("close", "tr"))
        elif name == "Table":
            if self.body:
                self.blocks.append(tag("close", "tbody"))
            self.blocks.append(tag("close", "table"))

    def on_break(self, hard: bool, start: int, end: int) -> None:
        """A line break as markdown-it reads it: hard after two spaces or a backslash; other spaces and tabs kept."""
        data = self.data
        if hard and data[start] == _BACKSLASH:
            self.push(HARDBREAK)
            return
        space = data[start : end - 1] if hard else data[self.last_end : start]
        if space.strip(b" \t"):
            space = b""
        if space.endswith(b"  "):
            kept, hard = space.rstrip(b" "), True
        else:
            kept, hard = space[:-1] if space.endswith(b" ") else space, False
        if kept:
            self.push_text(kept.decode())
        self.push(HARDBREAK if hard else SOFTBREAK)
        self.last_end = end

    def on_other(self, event: Any, start: int, end: int) -> None:
        if self.skip:
            return
        if event in ("SoftBreak", "HardBreak"):
            self.on_break(event == "HardBreak", start, end)
        elif event == "Rule":
            self.block(Token("rule", "hr"))
        elif isinstance(event, dict):
            ((name, value),) = event.items()
            if name == "Code":
                self.last_end = end
                self.push(Token("code", text=self.code_span(value, start, end)))
            elif name in ("InlineHtml", "Html"):
                if name == "InlineHtml" or interrupts(self.data[start:end]):
                    self.escape_at(start, b"<")
                self.on_text(value, start, end)

    def code_span(self, code: str, start: int, end: int) -> str:
        """A code span's text; written again from the source when something was put inside it."""
        if not self.adjusted(start, end):
            return code
        written = self.written(start, end)
        ticks = len(written) - len(written.lstrip("`"))
        inside = written[ticks : len(written) - ticks].replace("\n", " ")
        if len(inside) > 1 and inside[0] == inside[-1] == " " and inside.strip(" "):
            inside = inside[1:-1]
        return inside
