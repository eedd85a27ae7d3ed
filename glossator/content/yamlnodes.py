"""Safe YAML: compose to nodes (never construct objects) and read them with positions.

Front matter and `site.yaml` come from people we do not know.  PyYAML's node
graph lets us check every value against the schema while keeping its line and
column, and composing (rather than constructing) never instantiates a Python
object, whatever tag the text carries.  Anchors and aliases are refused, which
rules out alias bombs and recursive structures before anything walks them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Protocol

import yaml

from glossator.content.yamlsyntax import Loader as _Loader
from glossator.content.yamlsyntax import YamlInputError as YamlInputError
from glossator.content.yamlsyntax import char_name, explain, in_field, position_of, refuse_unreadable
from glossator.core.diagnostics import START, Diagnostic, Position, closest, did_you_mean

_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OTHER_BOOLEANS = {"yes": True, "on": True, "y": True, "no": False, "off": False, "n": False}
MAX_DEPTH = 50  # lists and mappings inside each other; entries need 6
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


# Far below the tens of thousands of levels that overflow libyaml's recursive composer.
_SAFE_TO_COMPOSE = 1_000


def compose(text: str) -> yaml.Node | None:
    """Compose YAML text into a node tree, refusing aliases, non-standard tags and deep nesting.

    Only line feeds may break lines (as in an editor), so that every mark's line is the one shown.
    """
    refuse_unreadable(text)
    try:
        if _could_nest(text) > _SAFE_TO_COMPOSE:
            _refuse_deep_nesting(text)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise explain(text, exc) from None
    except yaml.YAMLError as exc:
        raise YamlInputError(f"invalid YAML: {exc}", START) from None
    except RecursionError:
        raise YamlInputError("YAML is nested too deeply", START) from None
    if root is not None:
        try:
            _refuse_aliases_and_tags(root)
        except _RefusedError as refused:
            at = refused.node.start_mark.index
            raise YamlInputError(in_field(text, at, refused.message), position_of(text, at)) from None
    return root


class _RefusedError(Exception):
    """A node that the safe subset of YAML does not allow, and why."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node, self.message = node, message


def _could_nest(text: str) -> int:
    """An upper bound on how deeply `text` can nest, found at C speed.

    A flow collection opens with '[' or '{'; a block collection nested in
    another starts on a new line, or after '- ' or '? ' on the same line.
    Real front matter stays in the low hundreds, so the slower exact check
    below is only needed for text written to nest.
    """
    return text.count("[") + text.count("{") + text.count("\n") + text.count("- ") + text.count("? ") + 1


def _refuse_deep_nesting(text: str) -> None:
    # libyaml's composer recurses in C once per level with no depth check: some tens of
    # thousands of '[' (well inside the front-matter limit) overflow the stack and kill
    # the process.  The event stream is flat, so the depth is measured there first.
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                at = event.start_mark.index if event.start_mark is not None else 0
                message = in_field(text, at, f"YAML is nested more than {MAX_DEPTH} levels deep")
                raise YamlInputError(message, position_of(text, at))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _refuse_aliases_and_tags(root: yaml.Node) -> None:
    # Nesting is counted here too: text that could not nest deeply enough to harm the composer
    # skipped the exact check before composing.  An alias composes to the very node object its
    # anchor names, so a node met twice is an alias; stopping there also stops cycles and alias bombs.
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            raise _RefusedError(node, f"YAML is nested more than {MAX_DEPTH} levels deep")
        if id(node) in seen:
            raise _RefusedError(node, "anchors and aliases (&name, *name) are not allowed; write the value out")
        seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            message = (
                "merge keys (<<) are not allowed; write the keys out"
                if shown == "!!merge"
                else f"YAML tags such as '{shown}' are not allowed"
            )
            raise _RefusedError(node, message)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)


def scalar_text(node: yaml.Node) -> str:
    """The text of a scalar exactly as written (so `yes` stays 'yes', not True)."""
    return str(node.value)


def describe(node: yaml.Node) -> str:
    """How a value looks to a contributor, for 'got ...' in messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    text = scalar_text(node)
    if node.tag.endswith(":null") and text in ("", "~", "null", "Null", "NULL"):
        return "nothing"
    shown = text if len(text) <= 40 else text[:37] + "..."
    return repr(shown)


class _Described(Protocol):
    @property
    def description(self) -> str: ...


class Key(Protocol):
    """A key that a mapping may hold, as a declaration of the format names it."""

    @property
    def name(self) -> str: ...

    @property
    def required(self) -> bool: ...

    @property
    def spec(self) -> _Described: ...


class Counted(Protocol):
    """How many items a list may hold."""

    @property
    def min_items(self) -> int: ...

    @property
    def max_items(self) -> int | None: ...


class NodeReader:
    """Reads nodes against a declaration of the format, collecting a diagnostic for every problem."""

    def __init__(self, path: str, line_offset: int = 0, document: str = "front matter") -> None:
        self.path = path
        self.document = document  # what the root mapping is called in messages
        self.line_offset = line_offset
        self.diagnostics: list[Diagnostic] = []

    # -- positions and reporting ---------------------------------------------------
    def position(self, node: yaml.Node) -> Position:
        """Where `node` starts in the file."""
        return Position(self.line(node), int(node.start_mark.column) + 1)

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.line_offset

    def error(self, node: yaml.Node, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic.error(self.path, self.position(node), code, message))

    def error_at(self, at: Position, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic.error(self.path, at, code, message))

    def warning(self, node: yaml.Node, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic.warning(self.path, self.position(node), code, message))

    # -- structure -------------------------------------------------------------------
    def mapping(self, node: yaml.Node, fields: Sequence[Key], where: str) -> dict[str, yaml.Node] | None:
        """The fields of a mapping node by name; reports wrong type, duplicates, unknown and missing keys.

        `where` names the mapping in messages ('' for the document's root).
        """
        if not isinstance(node, yaml.MappingNode):
            shown = where or self.document
            self.error(node, "type", f"{shown}: expected a mapping of keys to values (got {describe(node)})")
            return None
        known = {f.name: f for f in fields}
        found: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        suggested: set[str] = set()  # fields a misspelt key probably meant: not reported missing too
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                shown = where or self.document
                self.error(key_node, "type", f"{shown}: keys must be plain names (got {describe(key_node)})")
                continue
            key = scalar_text(key_node)
            label = f"{where}.{key}" if where else key
            if key in first_line:
                self.error(
                    key_node,
                    "duplicate-key",
                    f"{label}: duplicate key (first given on line {first_line[key]}); keep one",
                )
                continue
            first_line[key] = self.line(key_node)
            if key not in known:
                guess = closest(key, known)
                hint = f" (did you mean '{guess}'?)" if guess else ""
                if guess:
                    suggested.add(guess)
                allowed = "" if hint else f"; allowed keys: {', '.join(known)}"
                self.error(key_node, "unknown-key", f"{label}: unknown key{hint}{allowed}")
                continue
            found[key] = value_node
        for f in fields:
            if f.required and f.name not in found and f.name not in first_line and f.name not in suggested:
                label = f"{where}.{f.name}" if where else f.name
                self.error(node, "missing-field", f"{label}: required field is missing: {f.spec.description}")
        return found

    def sequence(self, node: yaml.Node, where: str, spec: Counted) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "type", f"{where}: expected a list, e.g. [a, b] (got {describe(node)})")
            return None
        items: list[yaml.Node] = list(node.value)
        if len(items) < spec.min_items or (spec.max_items is not None and len(items) > spec.max_items):
            wanted = (
                f"{spec.min_items} to {spec.max_items}" if spec.max_items is not None else f"at least {spec.min_items}"
            )
            self.error(node, "count", f"{where}: expected {wanted} items (got {len(items)})")
            return None
        return items

    # -- scalars ---------------------------------------------------------------------
    def text(self, node: yaml.Node, where: str, *, allow_empty: bool = False) -> str | None:
        """A scalar as text.  Numbers and booleans are read as the characters written."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, "type", f"{where}: expected text (got {describe(node)})")
            return None
        value = scalar_text(node)
        if node.tag.endswith(":null") and not node.style:
            value = ""
        bad = _UNPRINTABLE.search(value)
        if bad:
            # Only a quoted escape such as "\0" or "\e" can put one here; XML (feeds, SVG) cannot hold it.
            message = f"{where}: contains {char_name(bad.group())}, a control character; remove it"
            self.error(node, "control-char", message)
            return None
        if not value.strip() and not allow_empty:
            written = scalar_text(node)
            if written.strip():  # null, ~: a word YAML reads as no value at all
                self.error(
                    node,
                    "empty",
                    f"{where}: YAML reads {written} as no value (null); if you mean the text, put it in quotes: "
                    f"'{written}'",
                )
            else:
                self.error(node, "empty", f"{where}: must not be empty")
            return None
        return value

    def choice(self, node: yaml.Node, where: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(node, where, allow_empty=True)
        if value is None:
            return None
        if not value.strip():
            self.error(node, "empty", f"{where}: must not be empty; choose one of {', '.join(choices)}")
            return None
        if value not in choices:
            self.error(
                node,
                "choice",
                f"{where}: must be one of {', '.join(choices)} (got {value!r}){did_you_mean(value, choices)}",
            )
            return None
        return value

    def boolean(self, node: yaml.Node, where: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and not node.style:
            word = scalar_text(node)
            if word in ("true", "True", "TRUE"):
                return True
            if word in ("false", "False", "FALSE"):
                return False
        quoted = isinstance(node, yaml.ScalarNode) and node.style in ("'", '"')
        word = scalar_text(node).lower() if isinstance(node, yaml.ScalarNode) else ""
        hint = "; remove the quotes" if quoted and word in ("true", "false") else ""
        if not quoted and word in _OTHER_BOOLEANS:  # what YAML 1.1 reads as a boolean; only true and false are
            hint = f"; write {str(_OTHER_BOOLEANS[word]).lower()}"
        self.error(node, "type", f"{where}: expected true or false (got {describe(node)}{hint})")
        return None

    def integer(self, node: yaml.Node, where: str, low: int, high: int) -> int | None:
        if isinstance(node, yaml.ScalarNode) and re.fullmatch(r"[-+]?[0-9]+", scalar_text(node)):
            # int() refuses more than 4,300 digits (ValueError); a number that long is out of range anyway.
            value = int(scalar_text(node)) if len(scalar_text(node)) <= 30 else None
            if value is not None and low <= value <= high:
                return value
            shown = describe(node) if value is None else value
            self.error(node, "range", f"{where}: must be between {low} and {high} (got {shown})")
            return None
        self.error(node, "type", f"{where}: expected a whole number (got {describe(node)})")
        return None

    def date(self, node: yaml.Node, where: str) -> dt.date | None:
        value = scalar_text(node) if isinstance(node, yaml.ScalarNode) else None
        if value is None or not _ISO_DATE.match(value):
            shown = describe(node)
            self.error(node, "date", f"{where}: expected a date as YYYY-MM-DD (got {shown})")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            self.error(node, "date", f"{where}: expected a real date as YYYY-MM-DD (got {value!r}: {exc})")
            return None
