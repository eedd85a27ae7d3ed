"""The imported term: what every reader makes of its format, before it is mapped onto an entry.

A reader keeps the source's own words and names.  References to other terms
are written as `[[key|shown text]]`, where the key is whatever the source
refers by (an id, a slug, a name); `references` turns them into links to
entry slugs once every term's slug is known.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from glossator.content.load import decode
from glossator.content.yamlnodes import scalar_text
from glossator.core.diagnostics import Diagnostic, Position, Result
from glossator.core.slugs import slugify

# A whole source file is read into memory; past this it is refused.  The largest real glossaries
# kept in one file (glosario's, in about 30 languages) are under half a megabyte.
MAX_SOURCE_BYTES = 8_000_000
# A folder of one file per term: more files than this is not a glossary.
MAX_SOURCE_FILES = 20_000


@dataclass(frozen=True, slots=True)
class Passage:
    """A piece of Markdown from the source, and the source line it starts on.

    With `exact`, each line of `text` is a line of the source, so a position
    inside it can be told; otherwise (a folded YAML value, a CSV cell) only
    where the passage starts is known.
    """

    text: str
    line: int
    exact: bool = True

    def lines(self) -> Callable[[int], int]:
        """The source line of a character of the text, by its offset (many offsets cost one pass over the text)."""
        if not self.exact:
            return lambda offset: self.line
        index = LineIndex(self.text)
        return lambda offset: self.line + index.before(offset)


class LineIndex:
    """Where the line breaks of a text are, so that the line of any offset is found by bisection."""

    __slots__ = ("_breaks",)

    def __init__(self, text: str) -> None:
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def before(self, offset: int) -> int:
        """How many line breaks come before `offset`."""
        return bisect.bisect_left(self._breaks, offset)


@dataclass(frozen=True, slots=True)
class Version:
    """A term in one language: its names and its text."""

    title: str
    body: Passage  # the definition, the full text
    summary: Passage | None = None  # the source's own short text, when it has one
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Term:
    """One term of the source, with where it was found."""

    key: str  # what other terms refer to it by; also the first choice of slug
    path: str  # the source file, as shown to people
    line: int
    text: Version  # in the site's default language
    category: str = ""
    level: str = ""
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # keys or names of other terms
    translations: tuple[tuple[str, Version], ...] = ()  # (language code, text), in the source's order
    key_is_name: bool = False  # the key is the title (Sphinx, CSV): no slug of the source's own to keep

    @property
    def position(self) -> Position:
        return Position(self.line)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reader made of a source: the terms, what it mapped, and what it could not."""

    terms: tuple[Term, ...]
    notes: tuple[Diagnostic, ...] = ()
    mapped: tuple[str, ...] = ()  # what became what, in words ("aka -> aliases")
    failed: bool = False  # the source could not be read at all (the notes say why)


@dataclass
class Notes:
    """Problems a reader collects as it goes: each one a warning at a place in the source."""

    found: list[Diagnostic] = field(default_factory=list)

    def add(self, path: str, line: int, code: str, message: str, *, error: bool = False) -> None:
        make = Diagnostic.error if error else Diagnostic.warning
        self.found.append(make(path, Position(max(line, 1)), code, message))


def fold(name: str) -> str:
    """The key a name is matched by: case- and space-insensitive (as term links are)."""
    return " ".join(name.casefold().split())


def key_slug(key: str) -> str:
    """The slug a source's own id or name gives ('68_95_997_rule' -> '68-95-997-rule', '../../x' -> 'x')."""
    return slugify(key)


def reference(key: str, shown: str) -> str:
    """A reference to another term, as readers write it: `[[key|shown]]`, on one line, brackets kept out."""
    key = " ".join(re.sub(r"[\[\]|]", " ", key).split())
    shown = " ".join(shown.replace("[", "(").replace("]", ")").split())
    if not key:
        return shown
    return f"[[{key}|{shown}]]" if shown else f"[[{key}]]"


def read_text(path: Path, shown: str, limit: int | None = None) -> Result[str]:
    """A source file's text (UTF-8, line endings made \\n), or why it cannot be read; `limit` bytes at most."""
    limit = MAX_SOURCE_BYTES if limit is None else limit
    try:
        size = path.stat().st_size
        if size > limit:
            message = f"file is {size:,} bytes; an import reads at most {limit:,} bytes from one file"
            return Result(None, (Diagnostic.error(shown, Position(1), "import-too-large", message),))
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror or exc}"
        return Result(None, (Diagnostic.error(shown, Position(1), "import-unreadable", message),))
    if len(raw) > limit:  # grew while being read
        message = f"file is over {limit:,} bytes; an import reads at most that from one file"
        return Result(None, (Diagnostic.error(shown, Position(1), "import-too-large", message),))
    return decode(raw, shown)


@dataclass(frozen=True, slots=True)
class Options:
    """What a reader needs to know of the site it reads for."""

    default_lang: str = "en"
    languages: tuple[str, ...] = ()  # every other language of the site
    link_base: str = ""  # where links relative to the old site should lead, if anywhere
    file_bytes: int = MAX_SOURCE_BYTES  # the most read from one file of a folder of one term per file


def yaml_value(node: yaml.Node) -> object:
    """A composed YAML node as plain values: text (as written; '' for null), lists and dicts of them."""
    if isinstance(node, yaml.MappingNode):
        return {scalar_text(k) if isinstance(k, yaml.ScalarNode) else "": yaml_value(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [yaml_value(item) for item in node.value]
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.style:
        return ""
    return scalar_text(node)


def yaml_fields(node: yaml.Node, line_offset: int = 0) -> dict[str, tuple[object, int]] | None:
    """A mapping node's keys, each with its value (as `yaml_value`) and the line it is on; None when not a mapping."""
    if not isinstance(node, yaml.MappingNode):
        return None
    fields: dict[str, tuple[object, int]] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            fields.setdefault(scalar_text(key), (yaml_value(value), key.start_mark.line + 1 + line_offset))
    return fields


def texts(value: object) -> tuple[str, ...]:
    """A value that should be a list of names: a list, or one text (split at commas when it holds several)."""
    if isinstance(value, list):
        items = [str(v) for v in value if not isinstance(v, list | dict)]
    elif isinstance(value, str):
        items = value.split(",") if "," in value else [value]
    else:
        items = []
    return tuple(item.strip() for item in items if item.strip())
