"""Load: read the content folder into SourceFiles, reporting files that cannot be read."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from glossator.core.diagnostics import Diagnostic
from glossator.core.slugs import is_slug, slugify

_SURROGATE = re.compile("[\ud800-\udfff]")


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
        shown = (path.parent.resolve() / path.name).relative_to(cwd.resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    # A file name that is not UTF-8 decodes to lone surrogates, which no terminal or JSON can take.
    return _SURROGATE.sub("\ufffd", shown)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Text of an entry file, or a diagnostic saying why it cannot be read."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Diagnostic(
                path,
                line,
                col,
                "error",
                "encoding",
                f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            )
        ]
    if "\x00" in text:
        head = text[: text.index("\x00")]
        line = head.count("\n") + 1
        col = len(head) - (head.rfind("\n") + 1) + 1
        return None, [
            Diagnostic(
                path,
                line,
                col,
                "error",
                "encoding",
                "file contains a NUL byte (0x00); remove it: entries must be UTF-8 text",
            )
        ]
    # CRLF and lone CR become LF so that line numbers match what editors show.
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_source(
    file: Path, *, slug: str, lang: str, cwd: Path, limits: Limits, root: Path | None = None
) -> tuple[SourceFile | None, list[Diagnostic]]:
    path = display_path(file, cwd)
    try:
        size = file.stat().st_size
        if size > limits.entry_bytes:
            return None, [
                Diagnostic(
                    path,
                    1,
                    1,
                    "error",
                    "too-large",
                    f"entry is {size:,} bytes; the limit is {limits.entry_bytes:,} (limits.entry_bytes in site.yaml)",
                )
            ]
        raw = file.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(path, 1, 1, "error", "unreadable", f"cannot read file: {exc.strerror or exc}")]
    text, problems = decode(raw, path)
    if text is None:
        return None, problems
    rel = display_path(file, root) if root is not None else path
    return SourceFile(path, slug, lang, text, hashlib.sha256(raw).hexdigest(), rel), []


class Reader(Protocol):
    def __call__(
        self, file: Path, *, slug: str, lang: str, cwd: Path, limits: Limits, root: Path | None = None
    ) -> tuple[SourceFile | None, list[Diagnostic]]: ...


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
    read = read or read_source
    limits = limits or Limits()
    sources: list[SourceFile] = []
    problems: list[Diagnostic] = []
    folders = [(content, default_lang)] + [(content / lang, lang) for lang in sorted(other_langs)]
    for folder, lang in folders:
        for file in entry_files(folder):
            slug = file.name[: -len(".md")]
            if not is_slug(slug):
                problems.append(
                    Diagnostic(
                        display_path(file, cwd),
                        1,
                        1,
                        "error",
                        "slug",
                        f"file name {file.name!r} is not a valid slug: use lowercase letters, digits and single "
                        f"hyphens, e.g. '{slugify(slug) or 'my-term'}.md'",
                    )
                )
                continue
            if file.is_symlink():
                # A link could publish any file the build can read (a pull request can add one).
                problems.append(
                    Diagnostic(
                        display_path(file, cwd),
                        1,
                        1,
                        "error",
                        "symlink",
                        f"{file.name} is a symbolic link; an entry must be a regular file: copy the text in instead",
                    )
                )
                continue
            source, read_problems = read(file, slug=slug, lang=lang, cwd=cwd, limits=limits, root=root)
            problems.extend(read_problems)
            if source is not None:
                sources.append(source)
    return tuple(sources), tuple(problems)
