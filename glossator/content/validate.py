"""Validate: turn one SourceFile into an Entry, or into diagnostics that say how to fix it.

Front matter is composed into YAML nodes and checked against `schema.ENTRY`,
so that every problem carries the line and column of the value at fault.
Checks that need the whole glossary (related slugs, duplicate names, term
links) belong to the link stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from glossator.content.config import SiteConfig
from glossator.content.load import SourceFile
from glossator.content.model import MARK_KINDS, Cell, Comparison, Entry, Example, Misconception, Prose, Ref, Row
from glossator.content.schema import COMPARISON, ENTRY, EXAMPLE, MISCONCEPTION, PLACEHOLDER, ROW, Field, Spec
from glossator.content.yamlnodes import NodeReader, YamlInputError, compose, describe, scalar_text
from glossator.core.diagnostics import Diagnostic, Position, did_you_mean
from glossator.core.slugs import is_slug, name_slug

_FENCE = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"(---|\.\.\.)[ \t]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPEC = {f.name: f.spec for f in ENTRY.fields}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    yaml: str
    body: Prose
    first_line: int  # file line of the first YAML line


def split_front_matter(source: SourceFile, limit: int) -> FrontMatter | Diagnostic:
    """Separate the YAML between the `---` fences from the Markdown body."""
    lines = source.text.split("\n")
    if not lines or not _FENCE.fullmatch(lines[0]):
        if not source.text.strip():
            return Diagnostic(
                source.path,
                1,
                1,
                "error",
                "front-matter",
                "file is empty; an entry starts with front matter between '---' lines",
            )
        return Diagnostic(
            source.path,
            1,
            1,
            "error",
            "front-matter",
            "no front matter: the first line must be '---', followed by the fields and a closing '---'",
        )
    for i in range(1, len(lines)):
        if _CLOSE.fullmatch(lines[i]):
            front = "\n".join(lines[1:i])
            if len(front.encode("utf-8")) > limit:
                return Diagnostic(
                    source.path,
                    2,
                    1,
                    "error",
                    "too-large",
                    f"front matter is {len(front.encode('utf-8')):,} bytes; the limit is {limit:,} "
                    "(limits.front_matter_bytes in site.yaml)",
                )
            return FrontMatter(front, Prose("\n".join(lines[i + 1 :]), i + 2), 2)
    return Diagnostic(
        source.path, 1, 1, "error", "front-matter", "front matter is not closed: add a line '---' after the last field"
    )


def validate(source: SourceFile, config: SiteConfig) -> tuple[Entry | None, list[Diagnostic]]:
    """The Entry a source describes, with every problem found in it."""
    split = split_front_matter(source, config.limits.front_matter_bytes)
    if isinstance(split, Diagnostic):
        return None, [split]
    try:
        root = compose(split.yaml)
    except YamlInputError as exc:
        line = exc.line + split.first_line
        return None, [Diagnostic(source.path, line, exc.col + 1, "error", "yaml", exc.message)]
    if root is None:
        return None, [
            Diagnostic(
                source.path,
                1,
                1,
                "error",
                "front-matter",
                "front matter is empty; it needs at least title, category, level and summary",
            )
        ]
    return _EntryReader(source, config, split).read(root)


# A body line still to be written: ✎ first, after any heading, list or quote marker.
_MARKED_LINE = re.compile(rf"^\s*(?:(?:#{{1,6}}|[-*+>]|\d+[.)])\s+)*{PLACEHOLDER}")
SOURCE_HASH_LENGTH = 12
SOURCE_HASH = re.compile(rf"^[0-9a-f]{{{SOURCE_HASH_LENGTH}}}$")


class _EntryReader(NodeReader):
    def __init__(self, source: SourceFile, config: SiteConfig, split: FrontMatter) -> None:
        super().__init__(source.path, line_offset=split.first_line - 1)
        self.source, self.config, self.split = source, config, split

    def read(self, root: yaml.Node) -> tuple[Entry | None, list[Diagnostic]]:
        f = self.mapping(root, ENTRY.fields, "")
        if f is None:
            return None, self.diagnostics
        title = self.plain(f, "title")
        sort_as = self.plain(f, "sort_as") or ""
        source_hash = self.source_hash(f.get("source_hash"))
        category = self.category(f.get("category"))
        level = self.choice(f["level"], "level", _SPEC["level"].choices) if "level" in f else None
        summary = self.prose(f.get("summary"), "summary")
        aliases, alias_pos = self.names(f.get("aliases"), "aliases")
        tags = self.tags(f.get("tags"))
        related = self.related(f.get("related"))
        updated = self.date(f["updated"], "updated") if "updated" in f else None
        status = self.choice(f["status"], "status", _SPEC["status"].choices) if "status" in f else "published"
        autolink = self.boolean(f["autolink"], "autolink") if "autolink" in f else None
        comparison = self.comparison(f["comparison"]) if "comparison" in f else None
        example = self.example(f["example"]) if "example" in f else None
        misconceptions = self.misconceptions(f.get("misconceptions"))
        impact = self.prose(f.get("impact"), "impact") if "impact" in f else None
        self.placeholders()
        if any(d.severity == "error" for d in self.diagnostics):
            return None, self.diagnostics
        assert title is not None and category is not None and level is not None and summary is not None
        entry = Entry(
            slug=self.source.slug,
            path=self.source.path,
            rel=self.source.rel or self.source.path,
            lang=self.source.lang,
            title=title,
            category=category,
            level=level,  # type: ignore[arg-type]
            summary=summary,
            body=self.split.body,
            aliases=aliases,
            tags=tags,
            related=related,
            updated=updated,
            status=status,  # type: ignore[arg-type]
            autolink=autolink,
            comparison=comparison,
            example=example,
            misconceptions=misconceptions,
            impact=impact,
            title_pos=Position(self.line(f["title"]), self.col(f["title"])),
            alias_pos=alias_pos,
            sort_as=sort_as,
            source_hash=source_hash,
            source_hash_pos=self.position(f.get("source_hash")),
        )
        return entry, self.diagnostics

    # -- helpers ---------------------------------------------------------------------
    def text(self, node: yaml.Node, where: str, *, allow_empty: bool = False) -> str | None:
        value = super().text(node, where, allow_empty=allow_empty)
        if value is not None and value.lstrip().startswith(PLACEHOLDER):
            self.error(node, "placeholder", f"{where}: replace the text marked {PLACEHOLDER} with your own")
        return value

    def position(self, node: yaml.Node | None) -> Position | None:
        return Position(self.line(node), self.col(node)) if node is not None else None

    def source_hash(self, node: yaml.Node | None) -> str:
        if node is None:
            return ""
        if self.source.lang == self.config.default_code:
            self.error(
                node,
                "source-hash",
                f"source_hash: only a translation (content/<language>/{self.source.slug}.md) records its source",
            )
            return ""
        value = self.text(node, "source_hash")
        if value is None:
            return ""
        if not SOURCE_HASH.fullmatch(value):
            self.error(
                node,
                "source-hash",
                f"source_hash: expected {SOURCE_HASH_LENGTH} hexadecimal digits as written by "
                f"`glossator translate-status --update` (got {value!r})",
            )
            return ""
        return value

    def placeholders(self) -> None:
        body = self.split.body
        for i, line in enumerate(body.text.split("\n")):
            if _MARKED_LINE.match(line):
                self.error_at(
                    body.line + i,
                    line.index(PLACEHOLDER) + 1,
                    "placeholder",
                    f"body: replace this {PLACEHOLDER} line with your own text",
                )

    def plain(self, f: dict[str, yaml.Node], key: str, where: str | None = None) -> str | None:
        """Plain text on one line, with control characters refused."""
        if key not in f:
            return None
        value = self.text(f[key], where or key)
        if value is None:
            return None
        if "\n" in value.strip() or _CONTROL.search(value):
            self.error(f[key], "plain-text", f"{where or key}: must be plain text on one line")
            return None
        return value.strip()

    def prose(self, node: yaml.Node | None, where: str) -> Prose | None:
        if node is None:
            return None
        value = self.text(node, where)
        if value is None:
            return None
        source = self.split.yaml[node.start_mark.index : node.end_mark.index]
        return Prose(value.strip("\n"), self.line(node), self.col(node), source)

    def category(self, node: yaml.Node | None) -> str | None:
        if node is None:
            return None
        value = self.text(node, "category")
        if value is None:
            return None
        names = [c.name for c in self.config.categories]
        if value not in names:
            hint = did_you_mean(value, names) or f"; choose one of {', '.join(names)}"
            self.error(node, "unknown-category", f"category: {value!r} is not a category in site.yaml{hint}")
            return None
        return value

    def items(self, node: yaml.Node | None, where: str) -> list[yaml.Node]:
        if node is None:
            return []
        spec = _SPEC.get(where) or Spec("list", where)
        return self.sequence(node, where, spec) or []

    def names(self, node: yaml.Node | None, where: str) -> tuple[tuple[str, ...], tuple[Position, ...]]:
        values: list[str] = []
        positions: list[Position] = []
        for i, item in enumerate(self.items(node, where)):
            value = self.plain({"x": item}, "x", f"{where}[{i}]")
            if value is not None:
                values.append(value)
                positions.append(Position(self.line(item), self.col(item)))
        return tuple(values), tuple(positions)

    def tags(self, node: yaml.Node | None) -> tuple[str, ...]:
        tags: list[str] = []
        for i, item in enumerate(self.items(node, "tags")):
            value = self.plain({"x": item}, "x", f"tags[{i}]")
            if value is None:
                continue
            if not name_slug(value):
                self.error(
                    item, "tag", f"tags[{i}]: {value!r} has no letters or digits to make a tag page address from"
                )
            elif name_slug(value) in (name_slug(t) for t in tags):
                self.error(item, "duplicate-tag", f"tags[{i}]: {value!r} is given twice")
            else:
                tags.append(value)
        return tuple(tags)

    def related(self, node: yaml.Node | None) -> tuple[Ref, ...]:
        refs: list[Ref] = []
        for i, item in enumerate(self.items(node, "related")):
            value = self.text(item, f"related[{i}]")
            if value is None:
                continue
            if not is_slug(value):
                self.error(
                    item,
                    "related",
                    f"related[{i}]: expected an entry's slug such as 'fine-tuning' (got {describe(item)})",
                )
            elif value == self.source.slug:
                self.error(item, "related-self", f"related[{i}]: an entry cannot be related to itself")
            elif value in (r.slug for r in refs):
                self.error(item, "related", f"related[{i}]: {value!r} is listed twice")
            else:
                refs.append(Ref(value, Position(self.line(item), self.col(item))))
        return tuple(refs)

    def record(self, node: yaml.Node, fields: tuple[Field, ...], where: str) -> dict[str, yaml.Node] | None:
        f = self.mapping(node, fields, where)
        if f is None or any(fd.required and fd.name not in f for fd in fields):
            return None
        return f

    def comparison(self, node: yaml.Node) -> Comparison | None:
        f = self.record(node, COMPARISON.fields, "comparison")
        if f is None:
            return None
        title = self.plain(f, "title", "comparison.title")
        columns_spec = next(fd.spec for fd in COMPARISON.fields if fd.name == "columns")
        column_nodes = self.sequence(f["columns"], "comparison.columns", columns_spec)
        columns = [self.plain({"x": c}, "x", f"comparison.columns[{i}]") for i, c in enumerate(column_nodes or [])]
        rows_spec = next(fd.spec for fd in COMPARISON.fields if fd.name == "rows")
        row_nodes = self.sequence(f["rows"], "comparison.rows", rows_spec) or []
        limit = self.config.limits.comparison_rows
        if len(row_nodes) > limit:
            self.error(
                f["rows"],
                "too-large",
                f"comparison.rows: {len(row_nodes)} rows; the limit is {limit} (limits.comparison_rows in site.yaml)",
            )
            return None
        width = len(columns) if column_nodes is not None else None
        rows = [self.row(r, i, width) for i, r in enumerate(row_nodes)]
        if title is None or column_nodes is None or None in columns or None in rows:
            return None
        return Comparison(title, tuple(c for c in columns if c), tuple(r for r in rows if r))

    def row(self, node: yaml.Node, i: int, width: int | None) -> Row | None:
        where = f"comparison.rows[{i}]"
        f = self.record(node, ROW.fields, where)
        if f is None:
            return None
        label = self.plain(f, "label", f"{where}.label")
        hint = (self.plain(f, "hint", f"{where}.hint") or "") if "hint" in f else ""
        cell_nodes = self.sequence(f["cells"], f"{where}.cells", Spec("list", "cells"))
        if cell_nodes is None:
            return None
        if width is not None and len(cell_nodes) != width:
            self.error(
                f["cells"],
                "cell-count",
                f"{where}.cells: expected {width} cells, one per column (got {len(cell_nodes)})",
            )
            return None
        cells = [self.cell(c, f"{where}.cells[{j}]") for j, c in enumerate(cell_nodes)]
        if label is None or None in cells:
            return None
        return Row(label, tuple(c for c in cells if c), hint)

    def cell(self, node: yaml.Node, where: str) -> Cell | None:
        if isinstance(node, yaml.ScalarNode):
            value = self.text(node, where, allow_empty=True)
            return None if value is None else Cell("text", " ".join(value.split()))
        if not isinstance(node, yaml.MappingNode) or not node.value:
            self.error(
                node,
                "cell",
                f"{where}: expected text or one of {{yes: ...}}, {{no: ...}}, {{partial: ...}}, {{rating: n}} "
                f"(got {describe(node)})",
            )
            return None
        # Read keys as written: YAML 1.1 would turn a bare `yes`/`no` into a boolean.
        pairs = [(scalar_text(k), k, v) for k, v in node.value]
        keys = [k for k, _, _ in pairs]
        kinds = [k for k in keys if k in (*MARK_KINDS, "rating")]
        if len(kinds) != 1:
            first = pairs[0][1]
            if kinds:
                self.error(node, "cell", f"{where}: a cell has one kind; found {', '.join(kinds)}")
            else:
                self.error(
                    first,
                    "cell",
                    f"{where}: unknown cell kind {keys[0]!r}; use yes, no, partial or rating"
                    f"{did_you_mean(keys[0], (*MARK_KINDS, 'rating'))}",
                )
            return None
        kind = kinds[0]
        allowed = ("rating", "of") if kind == "rating" else (kind,)
        for key, key_node, _ in pairs:
            if key not in allowed:
                shape = "rating: n and optionally of: m" if kind == "rating" else f"only {kind}: text"
                self.error(
                    key_node,
                    "cell",
                    f"{where}.{key}: a {kind} cell takes {shape}{did_you_mean(key, allowed)}",
                )
                return None
        values = {key: value for key, _, value in pairs}
        if kind == "rating":
            of = self.integer(values["of"], f"{where}.of", 1, 10) if "of" in values else 5
            if of is None:
                return None
            rating = self.integer(values["rating"], f"{where}.rating", 0, of)
            return None if rating is None else Cell("rating", rating=rating, of=of)
        text = self.text(values[kind], f"{where}.{kind}", allow_empty=True)
        return None if text is None else Cell(kind, " ".join(text.split()))

    def example(self, node: yaml.Node) -> Example | None:
        f = self.record(node, EXAMPLE.fields, "example")
        if f is None:
            return None
        title = self.plain(f, "title", "example.title")
        body = self.prose(f["body"], "example.body")
        return Example(title, body) if title is not None and body is not None else None

    def misconceptions(self, node: yaml.Node | None) -> tuple[Misconception, ...]:
        out: list[Misconception] = []
        for i, item in enumerate(self.items(node, "misconceptions")):
            where = f"misconceptions[{i}]"
            f = self.record(item, MISCONCEPTION.fields, where)
            if f is None:
                continue
            myth = self.plain(f, "myth", f"{where}.myth")
            truth = self.prose(f["truth"], f"{where}.truth")
            if myth is not None and truth is not None:
                out.append(Misconception(myth, truth))
        return tuple(out)
