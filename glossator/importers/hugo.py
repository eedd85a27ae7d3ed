"""Hugo glossaries: one Markdown file per term, in the CNCF style or the Kubernetes style.

CNCF (glossary.cncf.io): front matter `title`, `status`, `category`, `tags`;
a body in sections such as "## What it is", "## Problem it addresses" and
"## How it helps"; other terms linked by their address, `[Container](/container/)`.

Kubernetes (kubernetes.io/docs/reference/glossary): front matter `id`,
`title`, `full_link`, `short_description`, `aka`, `tags`; the short text
first, then `<!--more-->`, then the long text; other terms referred to with
`{{< glossary_tooltip text="..." term_id="..." >}}`.

A file is read in the Kubernetes style when its front matter has `id`,
`short_description` or `aka`, or its body a `<!--more-->`.  Front matter may
be YAML (`---`) or TOML (`+++`).  Only the files directly in the folder are
read; `_index.md`, `index.md` and files whose names start with `_` are pages
of the site, not terms.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import urljoin

from glossator.content.load import display_path
from glossator.content.yamlnodes import YamlInputError, compose
from glossator.importers.terms import (
    MAX_SOURCE_FILES,
    LineIndex,
    Notes,
    Options,
    Passage,
    Reading,
    Term,
    Version,
    fold,
    key_slug,
    read_text,
    reference,
    texts,
    yaml_fields,
)
from glossator.importers.text import clean, rewrite_prose

FORMAT = "hugo"
MAPPED = (
    "title -> title",
    "aka (Kubernetes) -> aliases",
    "tags -> tags",
    "category (CNCF) -> category, when site.yaml has it",
    "related (Kubernetes) and a '## Related terms' section (CNCF) -> related",
    "short_description (Kubernetes) or description -> summary; otherwise the first sentences of the body",
    "the body -> the body; 'What it is' and 'Problem it addresses' become 'What is this?' and 'Why does it exist?'",
    "glossary_tooltip, glossary_definition and links to other terms' addresses -> [[links]]",
)
KUBERNETES_KEYS = frozenset({"id", "short_description", "aka", "full_link", "full-link"})
# What a term's front matter may hold that an entry takes; any other key is reported as not imported.
_USED = frozenset({"title", "linkTitle", "tags", "category", "related", "description", "status"}) | {
    "id",
    "short_description",
    "aka",
}
# No pattern here starts with a repeat that can fail after it (such as [ \t]*<!--): over a long run of
# spaces that would cost time in the square of its length.
_MORE = re.compile(r"<!--\s*more\s*-->", re.I)
# Bounded, so that an unclosed shortcode costs a scan of the next few thousand characters, not of the file.
_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w./-]+)((?:[^{}]|\{(?!\{)){0,4000}?)[>%]\}\}")
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|`([^`]*)`|'([^']*)')""")
_MD_LINK = re.compile(r"(?<!!)\[((?:[^\[\]\n]|\n(?![ \t]*\n))+)\]\(<?([^()\s<>]*)>?(?: \"[^\"\n]*\")?\)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
_LANGUAGE = re.compile(r"^[a-z]{2}(?:-[a-z]{2,4})?$", re.I)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*)", re.M)
# CNCF's sections that say what the entry format's recommended sections say.
SECTIONS = {"what it is": "What is this?", "problem it addresses": "Why does it exist?"}
_RELATED_SECTIONS = frozenset({"related terms", "related", "see also"})


def read(source: Path, options: Options, cwd: Path) -> Reading:
    """Every term file directly inside `source` (or `source` itself, when it is a file)."""
    notes = Notes()
    shown = display_path(source, cwd)
    if source.is_file():
        files = [source]
    else:
        try:
            listed = sorted(source.iterdir())
        except OSError as exc:
            notes.add(shown, 1, "import-unreadable", f"cannot read the folder: {exc.strerror or exc}", error=True)
            return Reading((), tuple(notes.found), MAPPED, failed=True)
        files = [f for f in listed if f.suffix in (".md", ".markdown") and f.is_file() and not f.is_symlink()]
        pages = [f.name for f in files if f.name.startswith("_") or f.stem == "index"]
        if pages:
            notes.add(shown, 1, "import-skipped", f"{', '.join(pages)}: pages of the site, not terms; not imported")
        folders = [f.name for f in listed if f.is_dir() and not f.name.startswith(".")]
        if folders:
            notes.add(shown, 1, "import-skipped", f"folders are not read ({', '.join(folders[:5])}); import each one")
        files = [f for f in files if f.name not in pages and not f.name.startswith(".")]
        if len(files) > MAX_SOURCE_FILES:
            message = f"{len(files):,} files; an import reads at most {MAX_SOURCE_FILES:,} from one folder"
            notes.add(shown, 1, "import-too-large", message, error=True)
            return Reading((), tuple(notes.found), MAPPED, failed=True)
    keys = {f.stem for f in files}
    keys |= {key_slug(k) for k in keys}  # Hugo makes addresses of file names: "Chaos Monkey.md" is /chaos-monkey/
    unused: dict[str, list[str]] = {}
    terms = [
        term for f in files if (term := _read_file(f, display_path(f, cwd), options, keys, notes, unused)) is not None
    ]
    for key, where in sorted(unused.items()):
        more = f" (and {len(where) - 1} more file(s))" if len(where) > 1 else ""
        path, _, line = where[0].rpartition(":")
        message = f"front matter: {key!r} has no place in an entry; not imported{more}"
        notes.add(path, int(line), "import-field", message)
    failed = not terms and any(d.severity == "error" for d in notes.found)
    return Reading(tuple(terms), tuple(notes.found), MAPPED, failed=failed)


def _front_matter(text: str, path: str, notes: Notes) -> tuple[dict[str, tuple[object, int]], int] | None:
    """The front matter's fields (each with its line) and the line the body starts on; None if it cannot be read."""
    lines = text.split("\n")
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        return {}, 1
    closers = (fence, "...") if fence == "---" else (fence,)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in closers), None)
    if end is None:
        notes.add(path, 1, "import-front-matter", f"front matter is not closed with '{fence}'; file not imported")
        return None
    inner = "\n".join(lines[1:end])
    if fence == "+++":
        try:
            data = tomllib.loads(inner)
        except tomllib.TOMLDecodeError as exc:
            notes.add(path, 2, "import-front-matter", f"front matter is not valid TOML ({exc}); file not imported")
            return None
        return {k: (_toml_value(v), _toml_line(lines, k, end)) for k, v in data.items()}, end + 2
    try:
        node = compose(inner)
    except YamlInputError as exc:
        at = exc.position.line + 1
        notes.add(path, at, "import-front-matter", f"front matter: {exc.message}; file not imported")
        return None
    fields = yaml_fields(node, line_offset=1) if node is not None else {}
    if fields is None:
        notes.add(path, 2, "import-front-matter", "front matter is not a mapping of keys to values; file not imported")
        return None
    return fields, end + 2


def _toml_value(value: object) -> object:
    if isinstance(value, list):
        return [_toml_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _toml_value(v) for k, v in value.items()}
    return "" if value is None else str(value)


def _toml_line(lines: list[str], key: str, end: int) -> int:
    return next((i + 1 for i in range(1, end) if re.match(rf"\s*{re.escape(key)}\s*=", lines[i])), 2)


def _read_file(
    file: Path, path: str, options: Options, keys: set[str], notes: Notes, unused: dict[str, list[str]]
) -> Term | None:
    read = read_text(file, path, options.file_bytes)
    if read.value is None:
        notes.found.extend(read.problems)
        return None
    text = clean(read.value)
    found = _front_matter(text, path, notes)
    if found is None:
        return None
    fields, body_line = found
    body = "\n".join(text.split("\n")[body_line - 1 :]) if body_line > 1 else text

    def value(*names: str) -> str:
        for name in names:
            if name in fields and isinstance(fields[name][0], str):
                return str(fields[name][0]).strip()
        return ""

    kubernetes = bool(KUBERNETES_KEYS & fields.keys()) or bool(_MORE.search(body))
    for key, (_, line) in fields.items():
        if key not in _USED:
            unused.setdefault(key, []).append(f"{path}:{line}")
    title = value("title") or value("linkTitle")
    if not title:
        title = file.stem.replace("-", " ").replace("_", " ")
        message = f"no title in the front matter; the title {title!r} was made from the file name"
        notes.add(path, 1, "import-title", message)
    status = value("status")
    if status and fold(status) not in ("completed", "published"):
        notes.add(
            path,
            fields["status"][1],
            "import-status",
            f"status {status!r} is not kept: the entry is published; add 'status: draft' to keep it off the site",
        )
    converted = _body(body, path, body_line, options, keys, notes, kubernetes=kubernetes)
    related: list[str] = [*texts(fields.get("related", ("", 0))[0])]
    if not kubernetes:
        converted, listed = _related_section(converted)
        related += listed
    summary_text = value("short_description", "description")
    summary = None
    if summary_text:
        summary_line = fields.get("short_description", fields.get("description", ("", 1)))[1]
        short = _body(summary_text, path, summary_line, options, keys, notes, kubernetes=kubernetes)
        summary = Passage(short, summary_line, exact=False)
    key = value("id") if kubernetes and value("id") else file.stem
    return Term(
        key=key,
        path=path,
        line=fields["title"][1] if "title" in fields else 1,
        text=Version(
            title=title,
            body=Passage(converted, body_line),
            summary=summary,
            aliases=texts(fields.get("aka", ("", 0))[0]),
        ),
        category=value("category"),
        tags=texts(fields.get("tags", ("", 0))[0]),
        related=tuple(related),
    )


def _body(text: str, path: str, line: int, options: Options, keys: set[str], notes: Notes, *, kubernetes: bool) -> str:
    """The Markdown of a body: the more marker gone, shortcodes and links to terms made references."""
    text = _MORE.sub("", text)  # on a line of its own, between the short text and the rest
    dropped: dict[str, int] = {}
    index = LineIndex(text)

    def shortcode(found: re.Match[str]) -> str:
        name = found.group(3)
        attrs = {m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR.finditer(found.group(4))}
        if name in ("glossary_tooltip", "glossary_definition") and attrs.get("term_id"):
            return reference(attrs["term_id"], attrs.get("text", ""))
        if name not in dropped:
            dropped[name] = index.before(found.start())
        return ""

    text = rewrite_prose(text, lambda prose: _SHORTCODE.sub(shortcode, prose))
    for name, offset in sorted(dropped.items(), key=lambda item: item[1]):
        notes.add(path, line + offset, "import-shortcode", f"shortcode {name!r} has no equivalent; it was taken out")
    relative: list[tuple[int, str]] = []

    def link(found: re.Match[str]) -> str:
        shown, url = found.group(1), found.group(2)
        if not url or url.startswith("#") or _SCHEME.match(url):
            return found.group()
        target = _term_address(url, keys) if not kubernetes else None
        if target is not None:
            return reference(target, shown)
        if options.link_base:
            return f"[{shown}]({urljoin(options.link_base, url)})"
        relative.append((found.start(), url))
        return shown

    text = rewrite_prose(text, lambda prose: _MD_LINK.sub(link, prose))
    if relative:
        offset, url = relative[0]
        more = f" ({len(relative)} in this file)" if len(relative) > 1 else ""
        message = (
            f"link to {url!r} leads into the old site; its text was kept{more}; "
            "give --link-base with the old site's address to keep such links"
        )
        notes.add(path, line + text.count("\n", 0, offset), "import-link", message)
    return _HEADING.sub(_section, text).strip("\n")


def _term_address(url: str, keys: set[str]) -> str | None:
    """The term a site-relative address leads to (`/container/`, `/vi/cluster/`, `../pod.md`), if any."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    if len(parts) == 2 and _LANGUAGE.match(parts[0]):
        parts = parts[1:]
    if len(parts) != 1:
        return None
    name = parts[0].removesuffix(".md")
    return name if name in keys else None


def _heading_text(found: re.Match[str]) -> str:
    """A heading's text without the closing #s an ATX heading may have."""
    return re.sub(r"[ \t]+#+$", "", found.group(2)).strip()


def _section(found: re.Match[str]) -> str:
    heading = _heading_text(found)
    return f"{found.group(1)} {SECTIONS.get(fold(heading), heading)}"


def _related_section(body: str) -> tuple[str, list[str]]:
    """The body without a 'Related terms' section, and the terms that section referred to."""
    headings = (m for m in _HEADING.finditer(body) if m.group(1) == "##")
    heading = next((m for m in headings if fold(_heading_text(m)).rstrip(":") in _RELATED_SECTIONS), None)
    if heading is None:
        return body, []
    after = _HEADING.search(body, heading.end())
    end = after.start() if after is not None and len(after.group(1)) <= 2 else len(body)
    section = body[heading.end() : end]
    listed = re.findall(r"\[\[([^\[\]|\n]+)", section)
    if not listed:
        return body, []
    return (body[: heading.start()] + body[end:]).rstrip("\n"), listed
