"""Sphinx glossaries: `.. glossary::` directives in reStructuredText.

Inside the directive each entry is one or more term lines, then the
definition indented below them.  Several terms over one definition are one
entry: the first is its title, the others its aliases.  A classifier after
` : ` names the category (or, when site.yaml has no such category, a tag).
`:term:`Name`` and `:term:`shown text <Name>`` refer to other terms.

The definition's reStructuredText becomes Markdown: inline literals, emphasis,
hyperlinks, literal blocks (`::`), code-block directives, admonitions (as
quotes) and lists.  Cross-references to other pages (`:ref:`, `:doc:`) keep
their text.  A file of one line per source line keeps the source's line
numbers, so what could not be mapped is reported where it is.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from glossator.content.load import display_path
from glossator.importers.rawhtml import safe_href
from glossator.importers.terms import (
    MAX_SOURCE_FILES,
    LineIndex,
    Notes,
    Options,
    Passage,
    Reading,
    Term,
    Version,
    read_text,
    reference,
)
from glossator.importers.text import clean

FORMAT = "sphinx"
MAPPED = (
    "the first term of an entry -> title; the other terms over the same definition -> aliases",
    "a classifier (term : classifier) -> category, when site.yaml has it, else a tag",
    "the definition -> the body; its first sentences -> summary",
    ":term: references -> [[links]]",
)
SUFFIXES = (".rst", ".txt", ".rest")
MAX_NESTING = 10  # directives inside directives, as far as they are read
_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+glossary::\s*$")
_OPTION = re.compile(r"^\s*:[\w-]+:")
_ANY_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+([\w:.-]+)::(?:\s+(.*))?$")
_COMMENT = re.compile(r"^(\s*)\.\.(?:\s|$)")
_ADMONITIONS = {
    "note": "Note",
    "warning": "Warning",
    "tip": "Tip",
    "hint": "Hint",
    "important": "Important",
    "caution": "Caution",
    "danger": "Danger",
    "attention": "Attention",
    "error": "Error",
    "seealso": "See also",
    "versionadded": "New in version",
    "versionchanged": "Changed in version",
    "deprecated": "Deprecated since version",
}
_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode"})
_QUIET_DIRECTIVES = frozenset({"index", "highlight", "only", "rubric"})
_INLINE = re.compile(
    r"``(?P<literal>(?:(?!``).){1,2000}?)``"
    r"|:(?P<role>[\w.+-]+(?::[\w.+-]+)?):`(?P<rtext>[^`]{1,2000})`"
    r"|`(?P<ltext>[^`<]{0,2000}?)\s*<(?P<url>[^<>`]{1,2000})>`__?"
    r"|`(?P<named>[^`]{1,2000})`__?(?!\w)"
    r"|`(?P<cite>[^`]{1,2000})`"
    r"|(?<![\w|])\|(?P<sub>[^|\s](?:[^|\n]{0,200}[^|\s])?)\|(?:__?)?(?![\w|])"
    r"|(?P<footnote>\s?\[(?:#[\w-]*|\*|\d+)\]_)"
    r"|(?P<escaped>\\ )",  # an escaped space, which reStructuredText takes out ("`class`\ es")
    re.S,
)
_CODE_ROLES = frozenset(
    {"code", "literal", "func", "meth", "class", "attr", "mod", "obj", "data", "const", "exc", "envvar", "option"}
    | {"program", "file", "samp", "command", "kbd", "makevar", "keyword", "token", "regexp", "mimetype", "math"}
)
_TEXT_ROLES = frozenset({"ref", "doc", "numref", "any", "download", "eq", "abbr", "guilabel", "menuselection"})
_MARKS = {"emphasis": "*", "strong": "**", "title-reference": "*", "dfn": "*", "sub": "", "sup": ""}


def read(source: Path, options: Options, cwd: Path) -> Reading:
    """Every glossary directive in `source`, a file or a folder of reStructuredText files."""
    notes = Notes()
    shown = display_path(source, cwd)
    files = [source] if source.is_file() else _rst_files(source)
    if len(files) > MAX_SOURCE_FILES:
        message = f"{len(files):,} files; an import reads at most {MAX_SOURCE_FILES:,} from one folder"
        notes.add(shown, 1, "import-too-large", message, error=True)
        return Reading((), tuple(notes.found), MAPPED, failed=True)
    terms: list[Term] = []
    directives = 0
    for file in files:
        path = display_path(file, cwd)
        read_file = read_text(file, path)
        if read_file.value is None:
            notes.found.extend(read_file.problems)
            continue
        lines = clean(read_file.value).split("\n")
        for start, block in _glossaries(lines):
            directives += 1
            terms += _entries(block, path, start, notes)
    if not directives:
        notes.add(shown, 1, "import-empty", "no '.. glossary::' directive found", error=True)
    return Reading(tuple(terms), tuple(notes.found), MAPPED, failed=not terms and not directives)


def _rst_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for top, dirs, names in os.walk(folder):  # links to folders are not followed
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_build")))
        for name in sorted(names):
            path = Path(top) / name
            if path.suffix in SUFFIXES and not path.is_symlink():
                found.append(path)
        if len(found) > MAX_SOURCE_FILES:
            break
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _glossaries(lines: list[str]) -> list[tuple[int, list[tuple[int, str]]]]:
    """Each glossary directive's content: (the directive's line, [(line number, line), ...])."""
    found = []
    i = 0
    while i < len(lines):
        opened = _DIRECTIVE.match(lines[i])
        if opened is None:
            i += 1
            continue
        base = len(opened.group(1))
        start = i + 1
        i += 1
        block: list[tuple[int, str]] = []
        while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > base):
            block.append((i + 1, lines[i]))
            i += 1
        found.append((start, block))
    return found


def _entries(block: list[tuple[int, str]], path: str, start: int, notes: Notes) -> list[Term]:
    """The entries of one glossary: term lines, then their definition, indented deeper."""
    while block and (not block[0][1].strip() or _OPTION.match(block[0][1])):
        block = block[1:]
    terms: list[Term] = []
    names: list[tuple[int, str]] = []
    definition: list[tuple[int, str]] = []
    term_indent: int | None = None
    comment = False

    def finish() -> None:
        if names:
            term = _term(names, definition, path, notes)
            if term is not None:
                terms.append(term)
        names.clear()
        definition.clear()

    for number, line in block:
        if not line.strip():
            comment = False
            if definition:
                definition.append((number, ""))
            continue
        indent = _indent(line)
        if term_indent is None:
            term_indent = indent
        if indent <= term_indent:
            comment = bool(_COMMENT.match(line)) and not _ANY_DIRECTIVE.match(line)
            if comment:
                continue
            if definition:
                finish()
            names.append((number, line.strip()))
        elif comment:
            continue
        elif not names:
            notes.add(path, number, "import-sphinx", "indented text before any term; not imported")
        else:
            definition.append((number, line))
    finish()
    return terms


def _term(names: list[tuple[int, str]], definition: list[tuple[int, str]], path: str, notes: Notes) -> Term | None:
    first_line = names[0][0]
    parsed = [_term_line(text) for _, text in names]
    title, classifier = parsed[0]
    while definition and not definition[-1][1].strip():
        definition.pop()
    if not title:
        notes.add(path, first_line, "import-sphinx", f"term {names[0][1]!r} has no text left once its markup is read")
        return None
    if not definition:
        notes.add(path, first_line, "import-sphinx", f"term {title!r} has no definition")
    depth = min((_indent(line) for _, line in definition if line.strip()), default=0)
    lines = [line[depth:] if line.strip() else "" for _, line in definition]
    body_line = definition[0][0] if definition else first_line
    markdown = _markdown(lines, path, body_line, notes)
    return Term(
        key=title,
        path=path,
        line=first_line,
        text=Version(title=title, body=Passage(markdown, body_line), aliases=tuple(a for a, _ in parsed[1:] if a)),
        category=classifier,
        key_is_name=True,
    )


def _term_line(text: str) -> tuple[str, str]:
    """A term line's term and classifier, as plain text (`term : classifier`)."""
    term, _, classifier = text.partition(" : ")
    return _plain(term), _plain(classifier)


def _plain(text: str) -> str:
    text = re.sub(r":[\w.+-]+(?::[\w.+-]+)?:`([^`]*)`", r"\1", text)
    text = re.sub(r"`+([^`]*)`+_{0,2}", r"\1", text)
    text = re.sub(r"(?<!\\)\*\*?([^*]+)\*\*?", r"\1", text)
    return " ".join(text.replace("\\", "").split())


def _markdown(lines: list[str], path: str, first: int, notes: Notes) -> str:
    """A definition's reStructuredText as Markdown, one output line for each line of the source where it can be."""
    return _paragraphs_inline(_blocks(lines, path, first, notes), path, first, notes)


def _blocks(lines: list[str], path: str, first: int, notes: Notes, depth: int = 0) -> list[str]:
    """The block structure made Markdown (code fenced, admonitions quoted); inline markup is left for later."""
    if depth > MAX_NESTING:
        notes.add(path, first, "import-sphinx", f"directives nested more than {MAX_NESTING} deep were kept as text")
        return [line.strip() for line in lines]
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = _ANY_DIRECTIVE.match(line)
        if directive is not None:
            i = _directive(lines, i, directive, out, path, first, notes, depth)
            continue
        if _COMMENT.match(line):  # a comment or a hyperlink target, with its indented lines
            base = _indent(line)
            out.append("")
            i += 1
            while i < len(lines) and lines[i].strip() and _indent(lines[i]) > base:
                out.append("")
                i += 1
            continue
        if line.rstrip().endswith("::") and _literal_follows(lines, i):
            text = line.rstrip()[:-2].rstrip()
            out.append(text + ":" if text and not line.rstrip().endswith(" ::") else text)
            i = _code_block(lines, i + 1, _indent(line), "", out)
            continue
        if line.lstrip().startswith(">>> ") and (i == 0 or not lines[i - 1].strip()):
            i = _doctest(lines, i, out)
            continue
        if re.match(r"^\s*(?:\+[-=+]{2,}\+|={2,}(?:\s+={2,})+)\s*$", line):
            notes.add(path, first + i, "import-sphinx", "a table was kept as preformatted text")
            i = _table(lines, i, out)
            continue
        stripped = line.lstrip()
        if stripped.startswith("| "):
            line = line.replace("| ", "", 1)
        elif stripped.startswith("#. "):
            line = line.replace("#. ", "1. ", 1)
        out.append(" " * min(_indent(line), 3) + line.lstrip())  # four spaces would make code of it
        i += 1
    return out


def _literal_follows(lines: list[str], i: int) -> bool:
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j < len(lines) and _indent(lines[j]) > _indent(lines[i])


def _code_block(lines: list[str], i: int, base: int, language: str, out: list[str]) -> int:
    """Fence the block indented past `base` from line `i`; returns the line after it."""
    code: list[str] = []
    while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > base):
        code.append(lines[i])
        i += 1
    while code and not code[-1].strip():
        code.pop()
        i -= 1
    leading = 0
    while leading < len(code) and not code[leading].strip():
        leading += 1
    depth = min((_indent(c) for c in code if c.strip()), default=0)
    fence = "~~~" if any("```" in c for c in code) else "```"
    body = [c[depth:] for c in code[leading:]]
    out += [""] * max(leading - 1, 0) + [f"{fence}{language}", *body, fence]
    return i


def _doctest(lines: list[str], i: int, out: list[str]) -> int:
    block: list[str] = []
    while i < len(lines) and lines[i].strip():
        block.append(lines[i].strip())
        i += 1
    out += ["```pycon", *block, "```"]
    return i


def _table(lines: list[str], i: int, out: list[str]) -> int:
    block: list[str] = []
    while i < len(lines) and lines[i].strip():
        block.append(lines[i])
        i += 1
    out += ["```text", *block, "```"]
    return i


def _directive(
    lines: list[str], i: int, found: re.Match[str], out: list[str], path: str, first: int, notes: Notes, depth: int
) -> int:
    base = len(found.group(1))
    name = found.group(2).lower().split(":")[-1]
    argument = (found.group(3) or "").strip()
    j = i + 1
    content: list[str] = []
    while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > base):
        content.append(lines[j])
        j += 1
    while content and not content[-1].strip():
        content.pop()
        j -= 1
    options = 0
    while options < len(content) and _OPTION.match(content[options]):
        options += 1
    if name in _CODE_DIRECTIVES:
        out += [""] * options
        return _code_block(lines, i + 1 + options, base, argument.split()[0] if argument else "", out)
    depth = min((_indent(c) for c in content[options:] if c.strip()), default=0)
    inner = [c[depth:] if c.strip() else "" for c in content[options:]]
    if name in _ADMONITIONS or name == "admonition":
        label = argument if name == "admonition" else _ADMONITIONS[name]
        if name.startswith(("version", "deprecated")) and argument:
            label = f"{label} {argument}"
        converted = _blocks(inner, path, first + i + 1 + options, notes, depth + 1)
        out.append(f"> **{label}:**" if name != "admonition" else f"> **{label}**")
        out += [""] * options
        out += [f"> {line}" if line else ">" for line in converted]
        return j
    if name in ("image", "figure"):
        notes.add(path, first + i, "import-sphinx", f"a {name} was taken out (entries show no images)")
        out += [""] * (j - i)
        return j
    if name not in _QUIET_DIRECTIVES:
        notes.add(path, first + i, "import-sphinx", f"directive {name!r} has no equivalent; its text was kept")
    out.append("")
    out += [""] * options
    out += _blocks(inner, path, first + i + 1 + options, notes, depth + 1) if name != "index" else [""] * len(inner)
    return j


def _paragraphs_inline(lines: list[str], path: str, first: int, notes: Notes) -> str:
    """Inline markup made Markdown, paragraph by paragraph (markup may wrap), code blocks left alone."""
    out: list[str] = []
    paragraph: list[str] = []
    start = 0
    fence = ""

    def flush() -> None:
        if paragraph:
            out.extend(_inline("\n".join(paragraph), path, first + start, notes).split("\n"))
            paragraph.clear()

    for k, line in enumerate(lines):
        opening = re.match(r"^(?:> )?(```|~~~)", line)
        if fence:
            out.append(line)
            if opening is not None and opening.group(1) == fence and line.strip("> ").rstrip() == fence:
                fence = ""
            continue
        if opening is not None:
            flush()
            fence = opening.group(1)
            out.append(line)
            continue
        if not line.strip():
            flush()
            out.append(line)
            continue
        if not paragraph:
            start = k
        paragraph.append(line)
    flush()
    return "\n".join(out)


def _inline(text: str, path: str, line: int, notes: Notes) -> str:
    """One paragraph's inline reStructuredText as Markdown."""

    index = LineIndex(text)

    def replace(found: re.Match[str]) -> str:
        groups = found.groupdict()
        at = line + index.before(found.start())
        if groups["literal"] is not None:
            return _code(groups["literal"])
        if groups["role"] is not None:
            return _role(groups["role"].split(":")[-1], groups["rtext"], path, at, notes)
        if groups["url"] is not None:
            shown, url = " ".join((groups["ltext"] or "").split()), groups["url"].strip()
            if url.endswith("_"):  # `text <target_>`_: a named target somewhere else
                return shown or url[:-1]
            return f"[{shown or url}]({url})" if safe_href(url) and " " not in url else shown or url
        if groups["named"] is not None:
            return groups["named"]
        if groups["cite"] is not None:
            return f"*{groups['cite']}*"
        if groups["sub"] is not None:
            notes.add(path, at, "import-sphinx", f"substitution |{groups['sub']}| was kept as its name")
            return groups["sub"]
        return ""  # a footnote reference

    return _INLINE.sub(replace, text)


def _code(text: str) -> str:
    text = " ".join(text.split("\n"))
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _target(text: str) -> tuple[str, str]:
    """(shown, target) of a role's text: `shown <target>` or just `target`."""
    found = re.fullmatch(r"(?s)(.*?)\s*<([^<>]+)>", text.strip())
    if found is not None and found.group(1):
        return " ".join(found.group(1).split()), found.group(2).strip()
    plain = " ".join(text.split()).lstrip("~!.")
    return plain, plain


def _role(role: str, text: str, path: str, line: int, notes: Notes) -> str:
    shown, target = _target(text)
    if role == "term":
        return reference(target, shown)
    if role in _CODE_ROLES:
        return _code(shown)
    if role in _MARKS:
        mark = _MARKS[role]
        return f"{mark}{shown}{mark}"
    if role in ("pep", "rfc"):
        return f"{role.upper()} {shown}"
    if role in _TEXT_ROLES:
        if role in ("ref", "doc", "numref", "any", "download"):
            notes.add(path, line, "import-sphinx", f":{role}: to another page became its text ({shown!r})")
        return shown
    notes.add(path, line, "import-sphinx", f"role :{role}: has no equivalent; its text was kept")
    return shown
