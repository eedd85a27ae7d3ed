"""Raw HTML in imported text: made Markdown where it has a meaning there, taken out where it has none.

Entries are untrusted and Glossator shows raw HTML as text; an imported
glossary full of `<b>` and `<br>` would print them on every page.  So the
few tags with a Markdown equivalent become it (emphasis, code, line breaks,
paragraphs, list items, links with a safe address), `<script>`, `<style>` and
their kind go with everything inside them, and every other tag goes while its
text stays.  Each kind of removal is reported once per text, at the first
place it happened.  Code is left as it is: there the tags are examples.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from glossator.importers.text import clean, masked

_HTML = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<dropped><(?P<drop>script|style|iframe|frame|object|embed|applet|template|noscript|textarea|title|svg|math"
    r"|select|form)\b[^>]*>.*?(?:</(?P=drop)\s*>|\Z))"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>\s[^<>]*)?/?>)",
    re.S | re.I,
)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|[^:/?#]*(?:[/?#]|$))", re.I)
_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`", "kbd": "`", "tt": "`", "var": "*"}
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "aside", "header", "footer", "blockquote", "ul", "ol", "dl", "table", "hr"}
    | {"pre", *(f"h{n}" for n in range(1, 7))}
)


@dataclass(frozen=True, slots=True)
class Removed:
    """What was taken out or changed, and where it first was (an offset into the text)."""

    offset: int
    what: str


def safe_href(url: str) -> bool:
    """Whether a link address is one the site keeps: http, https, mailto or relative."""
    return bool(_SAFE_SCHEME.match(url.strip()))


def without_html(text: str) -> tuple[str, tuple[Removed, ...]]:
    """`text` (Markdown) with no raw HTML left outside code, and what was done about the HTML it had."""
    hidden = masked(text)
    source = hidden.text
    if "<" not in source:
        return text, ()
    out: list[str] = []
    seen: dict[str, Removed] = {}
    link: list[str | None] = []  # the address of each open <a>, None when it is not kept
    at = 0
    for found in _HTML.finditer(source):
        out.append(source[at : found.start()])
        at = found.end()
        if found.group("comment") is not None:
            out.append("\n" * found.group().count("\n"))
            seen.setdefault("comment", Removed(found.start(), "an HTML comment was removed"))
            continue
        if found.group("dropped") is not None:
            name = found.group("drop").lower()
            seen.setdefault(name, Removed(found.start(), f"a <{name}> element was removed with everything in it"))
            continue
        name = found.group("name").lower()
        closing = found.group().startswith("</")
        out.append(_replacement(name, closing, found.group("attrs") or "", link))
        if name not in _MARKS and name not in ("br", "li", "a", *_BLOCKS):
            what = "an image was removed (entries show no images)" if name == "img" else ""
            seen.setdefault(name, Removed(found.start(), what or f"HTML tag <{name}> was removed; its text was kept"))
        elif name == "a" and not closing and link and link[-1] is None:
            seen.setdefault("a", Removed(found.start(), "a link with an address the site does not keep became text"))
    out.append(source[at:])
    cleaned = re.sub(r"\n{3,}", "\n\n", hidden.restore("".join(out)))
    return cleaned, tuple(sorted(seen.values(), key=lambda r: r.offset))


def _replacement(name: str, closing: bool, attrs: str, link: list[str | None]) -> str:
    if name in _MARKS:
        return _MARKS[name]
    if name == "br":
        return "\n"
    if name == "li":
        return "" if closing else "\n- "
    if name in _BLOCKS:
        return "\n\n"
    if name != "a":
        return ""
    if closing:
        href = link.pop() if link else None
        return f"]({href})" if href is not None else ""
    found = _HREF.search(attrs)
    url = next((g for g in found.groups() if g is not None), "") if found else ""
    keep = bool(url) and safe_href(url) and not re.search(r"[\s()<>]", url)
    link.append(url if keep else None)
    return "[" if keep else ""


def plain(text: str) -> str:
    """One line of plain text (a title, an alias, a tag): every tag taken out, entities read, whitespace collapsed."""
    untagged = _HTML.sub(lambda m: " " if m.group("tag") is not None else "", text)
    return " ".join(html.unescape(clean(untagged)).split())
