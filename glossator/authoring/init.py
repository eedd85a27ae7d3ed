"""`glossator init [DIR]`: a new glossary project that builds and serves at once.

The files come from `skeleton/`, a small project of its own: settings with
every key explained, two example entries, folders for templates and static
files, the workflows and issue forms a repository needs, and a contributing
guide.  A few words in them are filled in (`{title}`, `{title_yaml}`, `{base_url}`,
`{install}`, `{today}`); nothing that exists is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from glossator.content.config import CONFIG_FILE

SKELETON = Path(__file__).parent / "skeleton"
# What a new project's workflows and guides install Glossator from.
INSTALL = "glossator @ git+https://github.com/glossator/glossator"
DEFAULT_BASE_URL = "https://example.org/"
_DOT = "dot-"  # skeleton/dot-github is the project's .github: package data keeps no hidden files
_PLACEHOLDER = re.compile(r"\{(title|title_yaml|base_url|install|today)\}")
_PLAIN_YAML = re.compile(r"^[^\W\d_][\w \-'.,()&]*$")  # a title YAML reads as itself without quotes


@dataclass(frozen=True, slots=True)
class Plan:
    """What `init` would write: each file's path inside the project, and its text."""

    files: tuple[tuple[PurePosixPath, str], ...]


def project_path(skeleton_path: PurePosixPath) -> PurePosixPath:
    """Where a skeleton file goes: `dot-github/x.yml` -> `.github/x.yml`."""
    return PurePosixPath(*(f".{p[len(_DOT) :]}" if p.startswith(_DOT) else p for p in skeleton_path.parts))


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with its placeholders filled; other braces (GitHub's `${{ }}`, `{path}`) stay as they are."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def plan(values: Mapping[str, str]) -> Plan:
    files = []
    for source in sorted(p for p in SKELETON.rglob("*") if p.is_file()):
        relative = PurePosixPath(source.relative_to(SKELETON).as_posix())
        files.append((project_path(relative), fill(source.read_text(encoding="utf-8"), values)))
    return Plan(tuple(files))


def default_title(folder: Path) -> str:
    words = re.split(r"[-_\s]+", folder.resolve().name)
    name = " ".join(w[:1].upper() + w[1:] for w in words if w)
    return name if "glossary" in name.lower() else f"{name} Glossary".strip()


def init_project(
    target: Path, *, title: str | None = None, base_url: str | None = None, today: str | None = None
) -> int:
    """Write a new project into `target`; exit code 0 when written, 1 when refused."""
    if (target / CONFIG_FILE).exists():
        sys.stderr.write(
            f"init: {target / CONFIG_FILE} already exists: {target} is a glossary already (nothing was written)\n"
        )
        return 1
    if target.exists() and not target.is_dir():
        sys.stderr.write(f"init: {target} is a file, not a folder (nothing was written)\n")
        return 1
    name = " ".join((title or default_title(target)).split())
    values = {
        "title": name,
        "title_yaml": name if _PLAIN_YAML.match(name) else json.dumps(name, ensure_ascii=False),
        "base_url": base_url or DEFAULT_BASE_URL,
        "install": INSTALL,
        "today": today or dt.date.today().isoformat(),
    }
    written, kept = [], []
    for path, text in plan(values).files:
        destination = target.joinpath(*path.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            with destination.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
                handle.write(text)
        except FileExistsError:
            kept.append(path)
        else:
            written.append(path)
    out = sys.stdout
    out.write(f"created a glossary in {target} ({len(written)} files)\n")
    for path in kept:
        out.write(f"  kept your {path} (the new one was not written)\n")
    place = "" if target.resolve() == Path.cwd().resolve() else f" --root {target}"
    out.write(
        f"next: glossator serve{place}    (preview, rebuilt on every save)\n"
        f'      glossator new "Your Term"{place} --category Basics\n'
        f"      set base_url in {target / CONFIG_FILE} to where the site will be published\n"
    )
    return 0
