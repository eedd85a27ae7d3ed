"""Validate: turn one SourceFile into an Entry, or into diagnostics that say how to fix it.

Front matter is composed into YAML nodes and read field by field as
`schema.ENTRY` declares, so that every problem carries the line and column of
the value at fault.  Checks that need the whole glossary (related slugs,
duplicate names, term links) belong to the link stage.
"""

from __future__ import annotations

import yaml

from glossator.content import schema
from glossator.content.config import SiteConfig
from glossator.content.frontmatter import FrontMatter, split_front_matter
from glossator.content.kinds import PLACEHOLDER, Reader, marked_at
from glossator.content.kinds import SOURCE_HASH_LENGTH as SOURCE_HASH_LENGTH  # where translations.py looks for it
from glossator.content.load import SourceFile
from glossator.content.model import Entry, FieldMap, Prose
from glossator.content.yamlnodes import YamlInputError, compose
from glossator.core.diagnostics import START, Diagnostic, Position, Result, has_errors


def validate(source: SourceFile, config: SiteConfig) -> Result[Entry]:
    """The Entry a source describes, with every problem found in it."""
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
        *first, last = (f.name for f in schema.ENTRY.fields if f.required)
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
    found = reader.mapping(root, schema.ENTRY.fields, "")
    if found is None:
        return Result(None, tuple(reader.diagnostics))
    values = schema.ENTRY.read_fields(reader, found, "")
    _placeholders(reader, front.body)
    if has_errors(reader.diagnostics):
        return Result(None, tuple(reader.diagnostics))
    return Result(_entry(source, front, reader, found, values), tuple(reader.diagnostics))


def _entry(
    source: SourceFile, front: FrontMatter, reader: Reader, found: dict[str, yaml.Node], values: dict[str, object]
) -> Entry:
    """The entry from its fields as read: the prose fields by name, every other field as itself."""
    prose: FieldMap[Prose] = FieldMap(
        (name, value) for name in schema.ENTRY.prose_fields if isinstance(value := values.pop(name, None), Prose)
    )
    # Positions that later stages point diagnostics at.
    aliases = found.get("aliases")
    source_hash = found.get("source_hash")
    return Entry(
        slug=source.slug,
        path=source.path,
        rel=source.rel or source.path,
        lang=source.lang,
        body=front.body,
        prose=prose,
        title_pos=reader.position(found["title"]),
        alias_pos=tuple(reader.position(n) for n in aliases.value) if aliases is not None else (),
        source_hash_pos=reader.position(source_hash) if source_hash is not None else None,
        **values,  # type: ignore[arg-type]  # each kind reads the type the model's field of that name holds
    )


def _placeholders(reader: Reader, body: Prose) -> None:
    for i, line in enumerate(body.text.split("\n")):
        at = marked_at(line)
        if at is not None:
            message = f"body: replace this {PLACEHOLDER} line with your own text"
            reader.error_at(Position(body.line + i, at + 1), "placeholder", message)
