"""Validate: turn one SourceFile into an Entry, or into diagnostics that say how to fix it.

Front matter is composed into YAML nodes and read field by field as
`schema.ENTRY` declares, so that every problem carries the line and column of
the value at fault.  Checks that need the whole glossary (related slugs,
duplicate names, term links) belong to the link stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import yaml

from glossator.content import schema
from glossator.content.config import SiteConfig
from glossator.content.frontmatter import FrontMatter, split_front_matter
from glossator.content.kinds import PLACEHOLDER, ListOf, Reader, marked_at
from glossator.content.kinds import SOURCE_HASH_LENGTH as SOURCE_HASH_LENGTH  # where translations.py looks for it
from glossator.content.load import SourceFile
from glossator.content.model import KINDS, LEVELS, Entry, FieldMap, PartialEntry, Prose
from glossator.content.yamlnodes import YamlInputError, compose, scalar_text
from glossator.core.diagnostics import START, Diagnostic, Position, Result, closest, has_errors

E = TypeVar("E", bound=Entry)


@dataclass(frozen=True, slots=True)
class Validated(Result[Entry]):
    """An entry's validation: the Entry when it has no error; when it has, what of it could be read."""

    partial: PartialEntry | None = None


def partial_of(checked: Result[Entry]) -> PartialEntry | None:
    """What could be read of an entry that failed validation, for the link stage to check."""
    return checked.partial if isinstance(checked, Validated) else None


# Lists whose items mean the same alone, so those that can be read are kept when others cannot.
# An alias is not among them: messages about it name it by its place in the list.
_SALVAGED = frozenset({"tags", "related", "misconceptions"})


def validate(source: SourceFile, config: SiteConfig) -> Result[Entry]:
    """The Entry a source describes, with every problem found in it.

    When there are errors, the answer's value is None; a `Validated` answer
    then also carries the `PartialEntry` read from the fields that were valid.
    """
    split = split_front_matter(source, config.limits.front_matter_bytes)
    if split.value is None:
        return Result(None, split.problems)
    front = split.value
    try:
        root = compose(front.yaml)
    except YamlInputError as exc:
        at = Position(exc.position.line + front.first_line - 1, exc.position.col)
        return Result(None, (Diagnostic.error(source.path, at, "yaml", exc.message),))
    if root is None:
        *first, last = (f.name for f in schema.ENTRY.fields if f.required_of(schema.TERM))
        needed = f"{', '.join(first)} and {last}"
        message = f"front matter is empty; it needs at least {needed}"
        return Result(None, (Diagnostic.error(source.path, START, "front-matter", message),))
    reader = Reader(
        source.path,
        front.yaml,
        line_offset=front.first_line - 1,
        slug=source.slug,
        translation=source.lang != config.default_code,
        categories=[c.name for c in config.categories],
        limits=config.limits,
    )
    kind = _kind(root)
    found = reader.mapping(root, schema.ENTRY.fields_of(kind), "")
    if found is None:
        return Result(None, tuple(reader.diagnostics))
    _kind_rules(reader, found, kind)
    values, items = _read_fields(reader, found)
    if "level" not in found:  # a disambiguation page, written for anyone
        values.setdefault("level", LEVELS[0])
    _placeholders(reader, front.body)
    problems = tuple(reader.diagnostics)
    if has_errors(problems):
        return Validated(None, problems, _partial(source, front, reader, root, found, values, items))
    aliases = found.get("aliases")
    alias_nodes = aliases.value if aliases is not None else ()
    return Validated(_entry(Entry, source, front, reader, found, values, alias_nodes), problems)


def _kind(root: yaml.Node) -> str:
    """The kind of entry the front matter says it is (a term unless `kind:` names another); read properly later."""
    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if isinstance(key, yaml.ScalarNode) and key.value == "kind" and isinstance(value, yaml.ScalarNode):
            return value.value if value.value in KINDS else schema.TERM
    return schema.TERM


def _kind_rules(reader: Reader, found: dict[str, yaml.Node], kind: str) -> None:
    """Fields an entry of this kind may not give, and a successor named by an entry that is not deprecated."""
    for f in schema.ENTRY.fields:
        if f.name in found and not f.allowed_in(kind):
            if kind == schema.DISAMBIGUATION:
                message = (
                    f"{f.name}: a disambiguation page only lists the meanings of its name; "
                    "explain each meaning in its own entry"
                )
            else:
                message = f"{f.name}: only a disambiguation page lists meanings; add kind: disambiguation"
            reader.error(found[f.name], "kind", message)
    status = found.get("status")
    if "replaced_by" in found and not (isinstance(status, yaml.ScalarNode) and status.value == "deprecated"):
        message = "replaced_by: only a deprecated entry names a successor; add status: deprecated, or remove it"
        reader.error(found["replaced_by"], "replaced-by", message)


def _read_fields(
    reader: Reader, found: dict[str, yaml.Node]
) -> tuple[dict[str, object], dict[str, list[tuple[yaml.Node, object]]]]:
    """Each field given, read in the order declared (None for one that cannot be), and the items of each list read."""
    values: dict[str, object] = {}
    items: dict[str, list[tuple[yaml.Node, object]]] = {}
    for f in schema.ENTRY.fields:
        if f.name not in found:
            continue
        if isinstance(f.spec, ListOf):
            nodes = f.spec.items(reader, found[f.name], f.name)
            some = items[f.name] = f.spec.read_some(reader, nodes or [], f.name)
            whole = nodes is not None and len(some) == len(nodes)
            values[f.name] = tuple(v for _, v in some) if whole else None
        else:
            values[f.name] = f.spec.read(reader, found[f.name], f.name)
    return values, items


def _entry(
    cls: type[E],
    source: SourceFile,
    front: FrontMatter,
    reader: Reader,
    found: dict[str, yaml.Node],
    values: dict[str, object],
    alias_nodes: Sequence[yaml.Node],
    **extra: object,
) -> E:
    """The entry from its fields as read: the prose fields by name, every other field as itself."""
    values = dict(values)
    prose: FieldMap[Prose] = FieldMap(
        (name, value) for name in schema.ENTRY.prose_fields if isinstance(value := values.pop(name, None), Prose)
    )
    # Positions that later stages point diagnostics at.
    title = found.get("title")
    source_hash = found.get("source_hash")
    reviewed = found.get("reviewed")
    return cls(
        slug=source.slug,
        path=source.path,
        rel=source.rel or source.path,
        lang=source.lang,
        body=front.body,
        prose=prose,
        title_pos=reader.position(title) if title is not None else START,
        alias_pos=tuple(reader.position(n) for n in alias_nodes),
        source_hash_pos=reader.position(source_hash) if source_hash is not None else None,
        reviewed_pos=reader.position(reviewed) if reviewed is not None else None,
        **values,  # type: ignore[arg-type]  # each kind reads the type the model's field of that name holds
        **extra,  # type: ignore[arg-type]
    )


def _partial(
    source: SourceFile,
    front: FrontMatter,
    reader: Reader,
    root: yaml.Node,
    found: dict[str, yaml.Node],
    values: dict[str, object],
    items: dict[str, list[tuple[yaml.Node, object]]],
) -> PartialEntry:
    """The entry as far as it could be read: fields that failed hold safe defaults and are named as unread."""
    names = [f.name for f in schema.ENTRY.fields]
    unread = {name for name, value in values.items() if value is None}
    kind = values.get("kind") if isinstance(values.get("kind"), str) else schema.TERM
    unread |= {f.name for f in schema.ENTRY.fields if f.required_of(str(kind)) and f.name not in found}
    # A misspelt key leaves the field it meant unread, though it is not missing as far as the format goes.
    for key, _ in root.value if isinstance(root, yaml.MappingNode) else ():
        meant = closest(scalar_text(key), names) if isinstance(key, yaml.ScalarNode) else None
        if meant is not None and meant not in found:
            unread.add(meant)
    kept = {name: value for name, value in values.items() if value is not None}
    for name in _SALVAGED & items.keys():
        kept.setdefault(name, tuple(value for _, value in items[name]))
    # Required fields have no default in the model; these are never shown, only kept out of the way.
    defaults = {"title": source.slug, "category": "", "level": LEVELS[0], "summary": Prose("", front.first_line)}
    for name, default in defaults.items():
        kept.setdefault(name, default)
    alias_nodes = found["aliases"].value if kept.get("aliases") else ()
    return _entry(PartialEntry, source, front, reader, found, kept, alias_nodes, unread=frozenset(unread))


def _placeholders(reader: Reader, body: Prose) -> None:
    for i, line in enumerate(body.text.split("\n")):
        at = marked_at(line)
        if at is not None:
            message = f"body: replace this {PLACEHOLDER} line with your own text"
            reader.error_at(Position(body.line + i, at + 1), "placeholder", message)
