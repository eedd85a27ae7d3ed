"""Load: read the content folder into SourceFiles, reporting files that cannot be read.

A file that looks like an entry but sits where the build does not look (a
folder that is no language, a `.markdown` file) is reported too, with what to
do, rather than left out in silence.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from glossator.core.diagnostics import START, Diagnostic, Position, Result, did_you_mean
from glossator.core.slugs import is_slug, slugify

_SURROGATE = re.compile("[\ud800-\udfff]")
ENTRY_SUFFIX = ".md"
# A language code names a content folder and a URL prefix: lowercase, like "fr" or "zh-tw".
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
# Names that Markdown files are also given, which the build does not read.
_OTHER_MARKDOWN = (".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtext", ".mdtxt", ".md.txt")
_NOT_READ = "not-read"


@dataclass(frozen=True, slots=True)
class Limits:
    """Sizes past which input is refused rather than processed."""

    entry_bytes: int = 1_000_000
    front_matter_bytes: int = 64_000
    comparison_rows: int = 50


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One entry file as read from disk: decoded text with normalised line endings."""

    path: str  # as shown to people: relative to the working directory when possible
    slug: str
    lang: str
    text: str
    digest: str  # sha256 of the raw bytes
    rel: str = ""  # relative to the project root, for edit links and history ("" when unknown)


def display_path(path: Path, cwd: Path) -> str:
    # The file's own name is kept (not resolved), so a symbolic link is named as itself.
    try:
        shown = (_real(path.parent) / path.name).relative_to(_real(cwd)).as_posix()
    except ValueError:
        shown = path.as_posix()
    # A file name that is not UTF-8 decodes to lone surrogates, which no terminal or JSON can take.
    return _SURROGATE.sub("\ufffd", shown)


@functools.lru_cache(maxsize=64)
def _real(folder: Path) -> Path:
    """`folder` resolved; remembered until the next load (`load_content` forgets), as thousands of files share one."""
    return folder.resolve()


def decode(raw: bytes, path: str) -> Result[str]:
    """Text of an entry file, or a diagnostic saying why it cannot be read."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        at = Position(before.count(b"\n") + 1, exc.start - before.rfind(b"\n"))
        message = f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        return Result(None, (Diagnostic.error(path, at, "encoding", message),))
    if "\x00" in text:
        head = text[: text.index("\x00")]
        at = Position(head.count("\n") + 1, len(head) - head.rfind("\n"))
        message = "file contains a NUL byte (0x00); remove it: entries must be UTF-8 text"
        return Result(None, (Diagnostic.error(path, at, "encoding", message),))
    # CRLF and lone CR become LF so that line numbers match what editors show.
    return Result(text.replace("\r\n", "\n").replace("\r", "\n"))


def read_source(
    file: Path, *, slug: str, lang: str, cwd: Path, limits: Limits, root: Path | None = None
) -> Result[SourceFile]:
    """One entry file, read and decoded, or why it cannot be."""
    path = display_path(file, cwd)
    try:
        size = file.stat().st_size
        if size > limits.entry_bytes:
            message = f"entry is {size:,} bytes; the limit is {limits.entry_bytes:,} (limits.entry_bytes in site.yaml)"
            return Result(None, (Diagnostic.error(path, START, "too-large", message),))
        raw = file.read_bytes()
    except OSError as exc:
        return Result(None, (Diagnostic.error(path, START, "unreadable", f"cannot read file: {exc.strerror or exc}"),))
    decoded = decode(raw, path)
    if decoded.value is None:
        return Result(None, decoded.problems)
    rel = display_path(file, root) if root is not None else path
    return Result(SourceFile(path, slug, lang, decoded.value, hashlib.sha256(raw).hexdigest(), rel))


class Reader(Protocol):
    def __call__(
        self, file: Path, *, slug: str, lang: str, cwd: Path, limits: Limits, root: Path | None = None
    ) -> Result[SourceFile]: ...


def entry_files(folder: Path) -> list[Path]:
    """The Markdown files directly inside `folder`, sorted by name."""
    try:
        files = sorted(folder.iterdir())
    except OSError:
        return []
    return [
        f for f in files if f.name.endswith(".md") and not f.name.startswith(".") and (f.is_symlink() or f.is_file())
    ]


def load_content(
    content: Path,
    *,
    default_lang: str,
    other_langs: Iterable[str] = (),
    cwd: Path,
    limits: Limits | None = None,
    root: Path | None = None,
    read: Reader | None = None,
) -> tuple[tuple[SourceFile, ...], tuple[Diagnostic, ...]]:
    """Every entry file: `content/<slug>.md` in the default language, `content/<lang>/<slug>.md` in others.

    `read` reads one file (read_source, or a memoised one that skips files that have not changed).
    """
    _real.cache_clear()  # folders are resolved afresh for each load: a link among them may have moved since
    read = read or read_source
    limits = limits or Limits()
    sources: list[SourceFile] = []
    problems: list[Diagnostic] = list(not_read(content, default_lang, other_langs, cwd))
    folders = [(content, default_lang)] + [(content / lang, lang) for lang in sorted(other_langs)]
    for folder, lang in folders:
        for file in entry_files(folder):
            slug = file.name[: -len(".md")]
            if not is_slug(slug):
                problems.append(
                    Diagnostic.error(
                        display_path(file, cwd),
                        START,
                        "slug",
                        f"file name {file.name!r} is not a valid slug: use lowercase letters, digits and single "
                        f"hyphens, e.g. '{slugify(slug) or 'my-term'}.md'",
                    )
                )
                continue
            if file.is_symlink():
                # A link could publish any file the build can read (a pull request can add one).
                message = f"{file.name} is a symbolic link; an entry must be a regular file: copy the text in instead"
                problems.append(Diagnostic.error(display_path(file, cwd), START, "symlink", message))
                continue
            read_file = read(file, slug=slug, lang=lang, cwd=cwd, limits=limits, root=root)
            problems.extend(read_file.problems)
            if read_file.value is not None:
                sources.append(read_file.value)
    return tuple(sources), tuple(problems)


def not_read(content: Path, default_lang: str, other_langs: Iterable[str], cwd: Path) -> list[Diagnostic]:
    """A warning for each file in `content` that looks like an entry but is not where the build reads entries."""
    langs = sorted(other_langs)
    found: list[Diagnostic] = []

    def warn(file: Path, message: str) -> None:
        found.append(Diagnostic.warning(display_path(file, cwd), START, _NOT_READ, f"not read: {message}"))

    for folder, lang in [(content, default_lang), *((content / x, x) for x in langs)]:
        where = "content/" if folder == content else f"content/{lang}/"
        for item in _listing(folder):
            if item.name.startswith(".") and item.name != ENTRY_SUFFIX:
                continue  # hidden files and folders (.git, editor state) are not content
            if item.name.endswith(ENTRY_SUFFIX) and item.name != ENTRY_SUFFIX:
                continue  # an entry file (whether it is a good one is for reading it to say): no need to look closer
            if _is_dir(item):
                if folder == content and item.name in langs:
                    continue
                for file in _markdown_under(item):
                    warn(file, _misplaced(file, item, folder == content, default_lang, langs, where))
            elif item.name == ENTRY_SUFFIX:
                warn(
                    item, f"the file has no name before {ENTRY_SUFFIX}; name it after the entry's slug, e.g. my-term.md"
                )
            elif _other_markdown(item.name) is not None:
                warn(item, f"entries are read from {ENTRY_SUFFIX} files only; rename it {_as_entry(item.name)}")
    return found


def _misplaced(file: Path, folder: Path, top: bool, default_lang: str, langs: Sequence[str], where: str) -> str:
    """What to do with a Markdown file in a folder the build does not read."""
    name = _as_entry(file.name)
    if not top:
        return f"a translation is read from {where}<slug>.md, not from a folder inside it; move it to {where}{name}"
    code = folder.name
    if code == default_lang:
        return (
            f"'{code}' is the site's default language, whose entries are read from content/ itself; "
            f"move it to content/{name}"
        )
    if LANGUAGE_CODE.fullmatch(code.lower()) or did_you_mean(code, langs):
        return (
            f"'{code}' is not one of the languages in site.yaml ({', '.join([default_lang, *langs])})"
            f"{did_you_mean(code, langs)}; add it under languages: in site.yaml to publish it as a translation, "
            f"or move it to content/{name}"
        )
    return (
        f"entries are read from content/<slug>.md, and translations from content/<language>/<slug>.md; "
        f"content/{code}/ is neither, so move it to content/{name}"
    )


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _is_dir(path: Path) -> bool:
    # A link to a folder is not followed: it could lead anywhere, even back here.
    return path.is_dir() and not path.is_symlink()


def _other_markdown(name: str) -> str | None:
    """The Markdown suffix a file name ends in when it is not exactly `.md` (`.markdown`, `.MD`), else None."""
    folded = name.casefold()
    if name.endswith(ENTRY_SUFFIX):
        return None
    if folded.endswith(ENTRY_SUFFIX):
        return name[-len(ENTRY_SUFFIX) :]
    return next((name[-len(s) :] for s in _OTHER_MARKDOWN if folded.endswith(s) and len(name) > len(s)), None)


def _as_entry(name: str) -> str:
    """A Markdown file's name as an entry file's: `My Term.markdown` is `my-term.md`."""
    suffix = _other_markdown(name) or ENTRY_SUFFIX
    return f"{slugify(name[: -len(suffix)]) or 'my-term'}{ENTRY_SUFFIX}"


def _markdown_under(folder: Path) -> list[Path]:
    """The Markdown files anywhere inside `folder`, hidden ones and hidden folders left out, sorted."""
    found: list[Path] = []
    for item in _listing(folder):
        if item.name.startswith("."):
            continue
        if _is_dir(item):
            found += _markdown_under(item)
        elif item.name.endswith(ENTRY_SUFFIX) or _other_markdown(item.name) is not None:
            found.append(item)
    return found


def entry_place(path: Path, content: Path, default_lang: str, other_langs: Iterable[str]) -> tuple[str, str] | None:
    """(language, name) when a file at `path` is one the build reads as an entry, else None.

    Entries are `content/<name>.md` in the default language and `content/<lang>/<name>.md`
    in the others; hidden files are never read.  The name is the file's, without `.md`:
    whether it is a valid slug, and the file a regular one, is for the build to check.
    """
    name = path.name
    if not name.endswith(".md") or name.startswith("."):
        return None
    top = content.resolve()
    if path.parent.resolve() == top:
        return default_lang, name[: -len(".md")]
    # The folder's own name, not its target's: a language folder may be a link.
    if path.parent.name in other_langs and path.parent.parent.resolve() == top:
        return path.parent.name, name[: -len(".md")]
    return None
