"""Kinds of value: how each is read from YAML nodes, described as JSON Schema, and scaffolded.

A `Spec` says what a value accepts, in words for people (`description`);
its class, one per kind of value, knows the rest: `read` checks a composed
YAML node and says what it means (or reports why it cannot be read, at the
node's line and column), `json_schema` is the fragment an editor checks the
value with, and `scaffold` is what `glossator new` writes for it.  The entry
format (`schema.ENTRY`) is a table of these; nothing else interprets it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import yaml

from glossator.content.load import Limits
from glossator.content.model import Meaning, Prose, Ref
from glossator.content.yamlnodes import NodeReader, describe
from glossator.core.diagnostics import did_you_mean
from glossator.core.slugs import SLUG_RE, is_slug, name_slug

Json = dict[str, object]

# Lines that `glossator new` leaves for the author start with this mark; `check` reports any left behind.
PLACEHOLDER = "✎"
# Markdown's line openers (headings, list items, quotes), which a mark to fill in comes after.
_LINE_MARKERS = re.compile(r"\s*(?:(?:#{1,6}|[-*+>]|\d+[.)])\s+)*")

SOURCE_HASH_LENGTH = 12
SOURCE_HASH = re.compile(rf"^[0-9a-f]{{{SOURCE_HASH_LENGTH}}}$")

# The reader takes every scalar as the characters written, so a number or a
# boolean is acceptable text too; only an empty value (null) is not.
SCALAR = ["string", "number", "boolean"]
# Printable characters of one line: no line break and no control character.
_IN_LINE = r"[^\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_ONE_LINE = rf"^[\t\n\r ]*{_IN_LINE}*[^\s\x00-\x1f\x7f]{_IN_LINE}*[\t\n\r ]*$"
_NOT_BLANK = r"\S"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# Not a JSON Schema keyword: VS Code's and yaml-language-server's message for a failed
# `pattern`, instead of the regular expression itself.  Validators ignore it.
PATTERN_MESSAGE = "patternErrorMessage"


def _after_openers(line: str) -> int:
    found = _LINE_MARKERS.match(line)
    return found.end() if found else 0


def marked_at(line: str) -> int | None:
    """The 0-based column of the mark on a line still to be written (the mark after any Markdown openers)."""
    at = _after_openers(line)
    return at if line.startswith(PLACEHOLDER, at) else None


def mark(line: str) -> str:
    """`line` marked as still to be written: the mark goes after its Markdown openers."""
    at = _after_openers(line)
    return f"{line[:at]}{PLACEHOLDER} {line[at:]}"


class Reader(NodeReader):
    """Reads an entry's front matter: a NodeReader that knows what the kinds check values against."""

    def __init__(
        self,
        path: str,
        front_matter: str,
        *,
        line_offset: int,
        slug: str,
        translation: bool,
        categories: Sequence[str],
        limits: Limits,
    ) -> None:
        super().__init__(path, line_offset=line_offset)
        self.front_matter = front_matter  # the YAML text, for the source of a Markdown value
        self.slug = slug
        self.translation = translation
        self.categories = tuple(categories)
        self.limits = limits

    def text(self, node: yaml.Node, where: str, *, allow_empty: bool = False) -> str | None:
        value = super().text(node, where, allow_empty=allow_empty)
        if value is not None and value.lstrip().startswith(PLACEHOLDER):
            self.error(node, "placeholder", f"{where}: replace the text marked {PLACEHOLDER} with your own")
        return value

    def source_of(self, node: yaml.Node) -> str:
        """The value of `node` as written: indentation, folding and quotes included."""
        return self.front_matter[node.start_mark.index : node.end_mark.index]


@dataclass(frozen=True, slots=True)
class Guide:
    """How `glossator new` writes a field: the comment above it and what it starts as.

    `value` and `example` may name {title}, {slug}, {category}, {level},
    {today}, {categories} and {choices} (the field's own).  A field with an
    `example` is optional: it is written after the others, commented out.
    """

    comment: str
    value: str | None = None  # None: the kind's own value still to be written
    example: str = ""


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a record: its name, what its value accepts, and how the rest of Glossator treats it."""

    name: str
    spec: Spec
    required: bool = False  # in every kind of entry (see `required_in` for some kinds only)
    page_only: bool = False  # shown on the entry's own page and nowhere else
    guide: Guide | None = None  # None: `glossator new` leaves the field out
    required_in: tuple[str, ...] = ()  # the kinds of entry (`kind:`) that must give it
    only_in: tuple[str, ...] = ()  # the kinds of entry that may give it; () for every kind

    def required_of(self, kind: str) -> bool:
        """Whether an entry of `kind` must give this field."""
        return self.required or kind in self.required_in

    def allowed_in(self, kind: str) -> bool:
        return not self.only_in or kind in self.only_in


@dataclass(frozen=True, slots=True)
class Spec:
    """What a value accepts.  A subclass per kind reads it, describes it as JSON Schema and scaffolds it.

    A plain Spec only describes: a reader that checks its values itself
    (site.yaml's) takes its words and counts from it.
    """

    kind: str
    description: str
    choices: tuple[str, ...] = ()
    item: Spec | None = None
    fields: tuple[Field, ...] = ()
    min_items: int = 0
    max_items: int | None = None

    def read(self, reader: Reader, node: yaml.Node, where: str) -> object:
        """What `node` means, or None when it cannot be read (a diagnostic says why)."""
        raise ValueError(f"no reading for the value kind {self.kind!r}; give it a class of its own in kinds.py")

    def json_schema(self, categories: Sequence[str]) -> Json:
        """The JSON Schema of this value, with `categories` as the categories site.yaml allows."""
        raise ValueError(f"no JSON Schema for the value kind {self.kind!r}; give it a class of its own in kinds.py")

    def scaffold(self, indent: str) -> str:
        """What a new entry writes after `key:` for this value, still to be written."""
        return ' ""'

    def repeats(self, reader: Reader, node: yaml.Node, where: str, value: object, earlier: Sequence[object]) -> bool:
        """Whether `value`, an item of a list, repeats one of the items before it (and says so)."""
        return False


def _text_schema(description: str) -> Json:
    return {
        "description": description,
        "type": SCALAR,
        "pattern": _ONE_LINE,
        PATTERN_MESSAGE: "Must not be empty, and must be plain text on one line",
    }


def _plain(reader: Reader, node: yaml.Node, where: str) -> str | None:
    value = reader.text(node, where)
    if value is None:
        return None
    if "\n" in value.strip():
        reader.error(node, "plain-text", f"{where}: must be plain text on one line")
        return None
    return value.strip()


@dataclass(frozen=True, slots=True)
class Text(Spec):
    """Plain text on one line."""

    kind: str = field(default="text", init=False)

    def read(self, reader: Reader, node: yaml.Node, where: str) -> str | None:
        return _plain(reader, node, where)

    def json_schema(self, categories: Sequence[str]) -> Json:
        return _text_schema(self.description)


@dataclass(frozen=True, slots=True)
class _Prose(Spec):
    def read(self, reader: Reader, node: yaml.Node, where: str) -> Prose | None:
        value = reader.text(node, where)
        if value is None:
            return None
        at = reader.position(node)
        return Prose(value.strip("\n"), at.line, at.col, reader.source_of(node))

    def json_schema(self, categories: Sequence[str]) -> Json:
        return {
            "description": self.description,
            "type": SCALAR,
            "pattern": _NOT_BLANK,
            PATTERN_MESSAGE: "Must not be empty",
        }


@dataclass(frozen=True, slots=True)
class Markdown(_Prose):
    """Markdown: paragraphs, lists, term links.  At the top of an entry, one of its prose fields."""

    kind: str = field(default="markdown", init=False)


@dataclass(frozen=True, slots=True)
class Inline(_Prose):
    """Markdown within one paragraph."""

    kind: str = field(default="inline", init=False)


@dataclass(frozen=True, slots=True)
class Choice(Spec):
    """One of `choices`."""

    kind: str = field(default="choice", init=False)

    def read(self, reader: Reader, node: yaml.Node, where: str) -> str | None:
        return reader.choice(node, where, self.choices)

    def json_schema(self, categories: Sequence[str]) -> Json:
        return {"description": self.description, "type": "string", "enum": list(self.choices)}


def not_a_category(value: str, names: Sequence[str]) -> str:
    """Why `value` names no category: the one it probably meant, else every one there is."""
    hint = did_you_mean(value, names) or f"; choose one of {', '.join(names)}"
    return f"{value!r} is not a category in site.yaml{hint}"


@dataclass(frozen=True, slots=True)
class CategoryName(Spec):
    """The name of one of the categories in site.yaml."""

    kind: str = field(default="category", init=False)

    def read(self, reader: Reader, node: yaml.Node, where: str) -> str | None:
        value = reader.text(node, where, allow_empty=True)
        if value is None:
            return None
        names = reader.categories
        if not value.strip():
            reader.error(node, "empty", f"{where}: must not be empty; choose one of {', '.join(names)}")
            return None
        if value not in names:
            reader.error(node, "unknown-category", f"{where}: {not_a_category(value, names)}")
            return None
        return value

    def json_schema(self, categories: Sequence[str]) -> Json:
        return {"description": self.description, "type": "string", "enum": list(categories)}


@dataclass(frozen=True, slots=True)
class SourceHash(Spec):
    """A translation's record of the version of its source it translates."""

    kind: str = field(default="hash", init=False)

    def read(self, reader: Reader, node: yaml.Node, where: str) -> str | None:
        if not reader.translation:
            reader.error(
                node,
                "source-hash",
                f"{where}: only a translation (content/<language>/{reader.slug}.md) records its source",
            )
            return None
        value = reader.text(node, where)
        if value is None:
            return None
        if not SOURCE_HASH.fullmatch(value):
            reader.error(
                node,
                "source-hash",
                f"{where}: expected {SOURCE_HASH_LENGTH} hexadecimal digits as written by "
                f"`glossator translate-status --update` (got {value!r})",
            )
            return None
        return value

    def json_schema(self, categories: Sequence[str]) -> Json:
        return {
            "description": self.description,
            "type": "string",
            "pattern": SOURCE_HASH.pattern,
            PATTERN_MESSAGE: f"{SOURCE_HASH_LENGTH} hexadecimal digits, as written by "
            "glossator translate-status --update",
        }


@dataclass(frozen=True, slots=True)
class Date(Spec):
    """A day, as YYYY-MM-DD."""

    kind: str = field(default="date", init=False)

    def read(self, reader: Reader, node: yaml.Node, where: str) -> object:
        return reader.date(node, where)

    def json_schema(self, categories: Sequence[str]) -> Json:
        return {
            "description": self.description,
            "type": "string",
            "format": "date",
            "pattern": _DATE,
            PATTERN_MESSAGE: "YYYY-MM-DD",
        }


@dataclass(frozen=True, slots=True)
class Bool(Spec):
    """true or false."""

    kind: str = field(default="bool", init=False)

    def read(self, reader: Reader, node: yaml.Node, where: str) -> bool | None:
        return reader.boolean(node, where)

    def json_schema(self, categories: Sequence[str]) -> Json:
        return {"description": self.description, "type": "boolean"}


@dataclass(frozen=True, slots=True)
class Slug(Spec):
    """The slug of another entry, with where it is written.

    `code` is the code of its diagnostics, and `itself` what is wrong with naming the entry's own slug.
    """

    kind: str = field(default="slug", init=False)
    code: str = "related"
    itself: str = "an entry cannot be related to itself"
    default_language_only: bool = False  # a translation follows its source here and may not give it

    def read(self, reader: Reader, node: yaml.Node, where: str) -> Ref | None:
        if self.default_language_only and reader.translation:
            reader.error(
                node,
                self.code,
                f"{where}: only the entry in the default language (content/{reader.slug}.md) gives this; "
                "its translations follow it",
            )
            return None
        value = reader.text(node, where)
        if value is None:
            return None
        if not is_slug(value):
            reader.error(
                node, self.code, f"{where}: expected an entry's slug such as 'fine-tuning' (got {describe(node)})"
            )
            return None
        if value == reader.slug:
            reader.error(node, f"{self.code}-self", f"{where}: {self.itself}")
            return None
        return Ref(value, reader.position(node))

    def repeats(self, reader: Reader, node: yaml.Node, where: str, value: object, earlier: Sequence[object]) -> bool:
        slug = value.slug if isinstance(value, (Ref, Meaning)) else None
        if any(isinstance(e, (Ref, Meaning)) and e.slug == slug for e in earlier):
            reader.error(node, self.code, f"{where}: {slug!r} is listed twice")
            return True
        return False

    def json_schema(self, categories: Sequence[str]) -> Json:
        return {
            "description": self.description,
            "type": ["string", "integer"],
            "minimum": 0,
            "pattern": SLUG_RE.pattern,
            PATTERN_MESSAGE: "An entry's file name without .md: lowercase letters, digits and single hyphens",
        }


@dataclass(frozen=True, slots=True)
class Tag(Spec):
    """A free-form tag, which names a tag page."""

    kind: str = field(default="tag", init=False)

    def read(self, reader: Reader, node: yaml.Node, where: str) -> str | None:
        value = _plain(reader, node, where)
        if value is not None and not name_slug(value):
            reader.error(node, "tag", f"{where}: {value!r} has no letters or digits to make a tag page address from")
            return None
        return value

    def repeats(self, reader: Reader, node: yaml.Node, where: str, value: object, earlier: Sequence[object]) -> bool:
        assert isinstance(value, str)
        if name_slug(value) in (name_slug(e) for e in earlier if isinstance(e, str)):
            reader.error(node, "duplicate-tag", f"{where}: {value!r} is given twice")
            return True
        return False

    def json_schema(self, categories: Sequence[str]) -> Json:
        return _text_schema(self.description)


@dataclass(frozen=True, slots=True)
class ListOf(Spec):
    """A list of `item`s, between `min_items` and `max_items` of them."""

    kind: str = field(default="list", init=False)

    def items(self, reader: Reader, node: yaml.Node, where: str) -> list[yaml.Node] | None:
        """The item nodes, when `node` is a list of an allowed length."""
        return reader.sequence(node, where, self)

    def read_some(self, reader: Reader, nodes: Sequence[yaml.Node], where: str) -> list[tuple[yaml.Node, object]]:
        """The items that can be read, each with its node; every problem with the others is reported."""
        assert self.item is not None, f"the list {self.description!r} has no item spec"
        read: list[tuple[yaml.Node, object]] = []
        values: list[object] = []
        for i, node in enumerate(nodes):
            at = f"{where}[{i}]"
            value = self.item.read(reader, node, at)
            if value is not None and not self.item.repeats(reader, node, at, value, values):
                read.append((node, value))
                values.append(value)
        return read

    def read_items(self, reader: Reader, nodes: Sequence[yaml.Node], where: str) -> tuple[object, ...] | None:
        """Every item read (each problem reported), or None when any cannot be."""
        read = self.read_some(reader, nodes, where)
        return tuple(v for _, v in read) if len(read) == len(nodes) else None

    def read(self, reader: Reader, node: yaml.Node, where: str) -> tuple[object, ...] | None:
        nodes = self.items(reader, node, where)
        return None if nodes is None else self.read_items(reader, nodes, where)

    def json_schema(self, categories: Sequence[str]) -> Json:
        if self.item is None:
            raise ValueError(f"the list {self.description!r} has no item spec")
        out: Json = {"description": self.description, "type": "array", "items": self.item.json_schema(categories)}
        if self.min_items:
            out["minItems"] = self.min_items
        if self.max_items is not None:
            out["maxItems"] = self.max_items
        return out

    def scaffold(self, indent: str) -> str:
        if not isinstance(self.item, Record):
            return " []"
        # One item to fill in, its first key after the dash.
        first, *rest = self.item.scaffold(indent + "  ").split("\n")[1:]
        return "\n" + "\n".join([f"{indent}  - {first.lstrip()}", *rest])


@dataclass(frozen=True, slots=True)
class Record(Spec):
    """A mapping of the keys in `fields`, made into a value by `make` (given the fields read, by name)."""

    kind: str = field(default="record", init=False)
    make: Callable[..., object] | None = None
    unique: str = ""  # the attribute of a made value that no two items of a list may share
    variant_key: str = ""  # the field (a Choice, its first choice the default) whose value says which fields apply

    def spec_of(self, name: str) -> Spec:
        return next(f.spec for f in self.fields if f.name == name)

    def present(self, reader: Reader, node: yaml.Node, where: str) -> dict[str, yaml.Node] | None:
        """The nodes of the keys given, when `node` is a mapping (a missing required key is reported, not fatal)."""
        return reader.mapping(node, self.fields, where)

    def complete(self, found: dict[str, yaml.Node]) -> bool:
        """Whether every required key is among `found`."""
        return all(f.name in found for f in self.fields if f.required)

    def read_fields(self, reader: Reader, found: dict[str, yaml.Node], where: str) -> dict[str, object]:
        """Each field given, read in the order declared; None for one that cannot be read."""
        return {
            f.name: f.spec.read(reader, found[f.name], f"{where}.{f.name}" if where else f.name)
            for f in self.fields
            if f.name in found
        }

    def read(self, reader: Reader, node: yaml.Node, where: str) -> object:
        found = self.present(reader, node, where)
        if found is None:
            return None
        # Every key given is read even when a required one is missing, so that each problem shows at once.
        values = self.read_fields(reader, found, where)
        if not self.complete(found) or any(v is None for v in values.values()):
            return None
        return self.make(**values) if self.make is not None else values

    def repeats(self, reader: Reader, node: yaml.Node, where: str, value: object, earlier: Sequence[object]) -> bool:
        if not self.unique:
            return False
        mine = getattr(value, self.unique, None)
        if any(getattr(e, self.unique, None) == mine for e in earlier):
            reader.error(node, "duplicate", f"{where}: {mine!r} is listed twice")
            return True
        return False

    def fields_of(self, variant: str) -> tuple[Field, ...]:
        """Every field, each required as an entry of `variant` (the `variant_key` field's value) needs it."""
        return tuple(replace(f, required=f.required_of(variant), required_in=()) for f in self.fields)

    @property
    def prose_fields(self) -> tuple[str, ...]:
        """The names of the fields that are Markdown prose, in the order declared."""
        return tuple(f.name for f in self.fields if isinstance(f.spec, Markdown))

    def json_schema(self, categories: Sequence[str]) -> Json:
        out: Json = {
            "description": self.description,
            "type": "object",
            "properties": {f.name: f.spec.json_schema(categories) for f in self.fields},
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        if self.variant_key:
            out["allOf"] = self._variants_schema()
        return out

    def _variants_schema(self) -> list[Json]:
        """For each value of the variant key, the fields it must give and those it may not."""
        choices = self.spec_of(self.variant_key).choices
        rules: list[Json] = []
        for i, variant in enumerate(choices):
            # The first choice is the default: it applies when the key is not given, too.
            condition: Json = {"properties": {self.variant_key: {"const": variant}}}
            if i:
                condition["required"] = [self.variant_key]
            then: Json = {}
            needed = [f.name for f in self.fields if variant in f.required_in]
            if needed:
                then["required"] = needed
            refused = {f.name: False for f in self.fields if not f.allowed_in(variant)}
            if refused:
                then["properties"] = refused
            rules.append({"if": condition, "then": then})
        return rules

    def scaffold(self, indent: str) -> str:
        inner = indent + "  "
        return "".join(f"\n{inner}{f.name}:{f.spec.scaffold(inner)}" for f in self.fields)
