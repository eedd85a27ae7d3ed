"""YAML's errors in our words: where an editor shows the problem, in which field, and what to do.

PyYAML reports a syntax error in the parser's terms ("while scanning a
simple key ... could not find expected ':'"), sometimes at a place other
than the one to fix (an unclosed '[' is found where the text ends), and it
counts line breaks an editor does not show (U+2028 and its kin).  Here each
problem is found where a contributor would fix it, named by the field it is
in, and said in words that suggest the fix.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

from glossator.core.diagnostics import START, Position

try:  # libyaml's parser is several times faster when it is installed
    Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    Loader = yaml.SafeLoader


class YamlInputError(Exception):
    """A YAML text that cannot be composed, with where in that text the problem is."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message, self.position = message, position


# Characters YAML refuses outright (it allows tab, line feed and carriage return of the C0 controls).
_REFUSED = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff"
# Characters YAML reads as line breaks though editors show none there: what follows would be read
# on a line of its own, and every line number after it would be off by one.
_HIDDEN_BREAKS = "\x85\u2028\u2029"
_UNREADABLE = re.compile(f"[{_REFUSED}{_HIDDEN_BREAKS}]")
_TAB = re.compile(r"\btab\b")
# What YAML reads a value that starts with '*', '&' or '!' as.
_MARKERS = {"alias": "the name of an alias", "anchor": "an anchor", "tag": "a tag"}
_LONGEST_KEY = 1024  # a key on one line, as YAML reads it without a '?' before it
_C0_NAMES = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "FILE SEPARATOR",
    "GROUP SEPARATOR",
    "RECORD SEPARATOR",
    "UNIT SEPARATOR",
)
_OTHER_NAMES = {"\x7f": "DELETE", "\x85": "NEXT LINE"}


def char_name(char: str) -> str:
    """A character as Unicode names it, e.g. 'U+2028 LINE SEPARATOR' or 'U+0007 BELL'."""
    code = ord(char)
    name = _C0_NAMES[code] if code < len(_C0_NAMES) else _OTHER_NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{code:04X} {name}" if name else f"U+{code:04X}"


def position_of(text: str, index: int) -> Position:
    """The 1-based line and column of character `index`, counting line feeds only, as editors do."""
    before = text[:index]
    return Position(before.count("\n") + 1, index - before.rfind("\n"))


def refuse_unreadable(text: str) -> None:
    """Raise for the first character YAML refuses, or reads as a line break that an editor does not show."""
    found = _UNREADABLE.search(text)
    if found is None:
        return
    char, index = found.group(), found.start()
    if char in _HIDDEN_BREAKS:
        problem = (
            f"{char_name(char)} is here, an invisible character that YAML reads as a line break though "
            "editors show none; remove it, or make it a real line break"
        )
    else:
        problem = f"{char_name(char)} is here, a control character that YAML does not allow; remove it"
    # The field is looked for in the text with the character blanked out, so that it can be parsed.
    blanked = _UNREADABLE.sub(" ", text)
    raise YamlInputError(_in(field_at(blanked, index), problem), position_of(text, index))


def explain(text: str, exc: yaml.MarkedYAMLError) -> YamlInputError:
    """A YAML syntax error in words a contributor can act on, where they would fix it."""
    found = _Explained.of(text, exc)
    if found.at is None:
        return YamlInputError(f"invalid YAML: {found.message}", START)
    within = found.within if found.within is not None else found.at
    where = field_at(text, within, collections_only=found.collections_only)
    return YamlInputError(_in(where, f"invalid YAML: {found.message}"), position_of(text, found.at))


def in_field(text: str, index: int, message: str) -> str:
    """`message` about the character at `index`, prefixed with the field it is in (when it is in one)."""
    return _in(field_at(text, index), message)


_LONGEST_FIELD = 60  # past this, a path (deep nesting, most likely) is named by its field at the top


def _in(where: str, message: str) -> str:
    if len(where) > _LONGEST_FIELD:
        where = re.split(r"[.\[]", where, maxsplit=1)[0]
    return f"in `{where}`: {message}" if where else message


@dataclass(frozen=True, slots=True)
class _Explained:
    message: str
    at: int | None  # the index in the text of what to fix
    collections_only: bool = False  # a problem between values: the key before it is not its field
    within: int | None = None  # where to look for its field, when not at `at`

    @classmethod
    def of(cls, text: str, exc: yaml.MarkedYAMLError) -> _Explained:
        problem = exc.problem or "this is not YAML"
        context = exc.context or ""
        marked = exc.problem_mark or exc.context_mark
        at = marked.index if marked is not None else None
        opened = exc.context_mark.index if exc.context_mark is not None else None
        char = text[at] if at is not None and at < len(text) else ""
        line = _line_before(text, at) if at is not None else ""
        if _TAB.search(problem) or char == "\t":
            return cls("a tab is here, and YAML indents with spaces only; replace it with spaces", at, True)
        if "cannot start any token" in problem and char:
            return cls(f"a value cannot start with {char!r}; put the whole value in quotes", at)
        if "mapping values are not allowed" in problem:
            if line.strip() and not line[0].strip():
                return cls(
                    "this line is indented, so YAML reads it as part of the value above; if it is a key of "
                    "its own, remove the spaces before it",
                    at,
                )
            return cls(f"{problem}; put text that contains ': ' in quotes", at)
        if "quoted scalar" in context and "escape" in problem and at is not None:
            return cls(
                f"'{text[at : at + 2]}' is not an escape YAML knows in double quotes; write '\\\\' for a "
                "backslash, or put the value in single quotes",
                at,
            )
        if "quoted scalar" in context and opened is not None:
            return cls(f"{problem}; this quote is never closed", opened)
        if "flow sequence" in context or "flow mapping" in context:
            opener, closer = ("[", "]") if "sequence" in context else ("{", "}")
            if opened is not None and closer not in _line_after(text, opened):
                what = "list" if opener == "[" else "mapping"
                return cls(f"this {opener!r} is never closed; end the {what} with {closer!r}", opened)
            return cls(f"{problem}; an item ends at ',' or at the closing {closer!r}", at)
        if "simple key" in context and opened is not None:
            rest = _line_after(text, opened)
            colon = re.search(r":(?=\s|$)", rest)
            if colon is not None and colon.start() > _LONGEST_KEY:
                return cls(f"this key is longer than YAML allows ({_LONGEST_KEY:,} characters); shorten it", opened)
            if colon is None and ":" in rest:
                return cls("put a space after the ':' that ends the key (key: value)", opened + rest.index(":"))
            return cls(
                "this line has no ':' after its key; write key: value, or indent the line to continue the value above",
                opened,
            )
        if "expected key" in problem and at is not None:
            last = len(text[:at].rstrip(" ")) - 1
            if text[last : last + 1] in ("'", '"') and line.strip():
                return cls("text follows the closing quote; put the whole value inside the quotes", at, within=last)
            if text[last : last + 1] in ("]", "}") and line.strip():
                closer = text[last]
                return cls(
                    f"text follows the closing {closer!r}; put it inside, or the whole value in quotes",
                    at,
                    within=_opener(text, last),
                )
            if not line.strip():
                return cls("this line is indented differently from the keys above it; line them up", at, True)
        if "'-' indicator" in problem:
            return cls("expected a list item here; each item of a list starts with '- ', lined up", at, True)
        if "block scalar" in context:
            return cls(
                "'|' and '>' start text on the lines below them; put a value that starts with them in quotes",
                opened if opened is not None else at,
            )
        marker = next((m for m in _MARKERS if m in context or m in problem), None)
        if marker is not None:
            start = opened if opened is not None and marker in context else at
            shown = text[start] if start is not None and start < len(text) else "this"
            return cls(
                f"a value cannot start with {shown!r}, which YAML reads as {_MARKERS[marker]}; put the whole "
                "value in quotes",
                start,
            )
        if "not allowed in this context" in problem or "node content" in problem:
            shown = repr(char) if char.strip() else "this"
            return cls(f"a value cannot start with {shown} here; put the whole value in quotes", at)
        return cls(problem, at)


def _opener(text: str, closer: int) -> int:
    """Where the '[' or '{' that the bracket at `closer` closes is (brackets in quotes are not told apart)."""
    depth = 0
    for i in range(closer, -1, -1):
        if text[i] in "]}":
            depth += 1
        elif text[i] in "[{":
            depth -= 1
            if depth == 0:
                return i
    return closer


def _line_before(text: str, index: int) -> str:
    return text[text.rfind("\n", 0, index) + 1 : index]


def _line_after(text: str, index: int) -> str:
    end = text.find("\n", index)
    return text[index : end if end >= 0 else len(text)]


@dataclass(slots=True)
class _Open:
    """A mapping or list being read: where it is, and how far into it the reading has come."""

    path: str
    mapping: bool
    key: str | None = None  # a mapping's key whose value comes next
    items: int = 0  # a list's items so far
    as_key: bool = False  # a collection used as a mapping's key

    def child(self) -> str:
        if self.mapping:
            return f"{self.path}.{self.key}" if self.path else str(self.key)
        return f"{self.path}[{self.items}]"

    def done(self) -> None:
        """One value of this collection has been read."""
        if self.mapping:
            self.key = None
        else:
            self.items += 1


def field_at(text: str, index: int, *, collections_only: bool = False) -> str:
    """The field (such as 'related' or 'comparison.rows[1].cells') that character `index` of `text` is in.

    The text is parsed as far as it can be: the value that holds `index`, or the
    collection and key being read when the parsing stops there (or fails).
    '' when it is in no field, e.g. between the keys at the top.  With
    `collections_only`, a key whose value has not started does not count.
    """
    stack: list[_Open] = []
    try:
        for event in yaml.parse(text, Loader=Loader):
            start = event.start_mark.index if event.start_mark is not None else 0
            if start > index:
                break
            top = stack[-1] if stack else None
            is_key = top is not None and top.mapping and top.key is None
            if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                inside = start <= index <= (event.end_mark.index if event.end_mark is not None else start)
                if is_key:
                    assert top is not None
                    if inside:
                        return top.path
                    top.key = str(getattr(event, "value", "?"))
                elif top is not None:
                    if inside:
                        return top.child()
                    top.done()
            elif isinstance(event, yaml.CollectionStartEvent):
                path = "" if top is None or is_key else top.child()
                stack.append(_Open(path, isinstance(event, yaml.MappingStartEvent), as_key=is_key))
            elif isinstance(event, yaml.CollectionEndEvent) and stack:
                closed = stack.pop()
                if stack:
                    if closed.as_key:
                        stack[-1].key = "?"
                    else:
                        stack[-1].done()
    except yaml.YAMLError:
        pass  # the text is read as far as it could be
    if not stack:
        return ""
    top = stack[-1]
    if top.mapping and top.key is not None and not collections_only:
        return top.child()
    return top.path
