"""The stages joined up: load -> validate -> link -> render -> write.

`check` stops after link and writes nothing; `build` goes all the way.  Both
are thin: every decision lives in the stage modules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from glossator.assets import collect_assets
from glossator.buildcache import BuildState, cache_folder, digests, fingerprint, records, still_there
from glossator.config import CONFIG_FILE, SiteConfig, read_config
from glossator.diagnostics import Diagnostic, DiagnosticError, has_errors
from glossator.history import last_commit_dates
from glossator.link import link, parse_entry
from glossator.load import load_content
from glossator.memo import Memo
from glossator.model import Entry, Glossary
from glossator.progress import Progress, Silent
from glossator.quality import editorial_warnings
from glossator.render import make_environment, render_site
from glossator.search import pagefind_files
from glossator.social import CardCache, card_specs, draw_cards
from glossator.urls import Urls
from glossator.validate import validate
from glossator.write import check_output, read_stamp, write_site


@dataclass(frozen=True, slots=True)
class Project:
    """Where a glossary project keeps its parts."""

    root: Path
    content: Path
    out: Path
    cwd: Path

    @classmethod
    def at(
        cls, root: Path, *, content: Path | None = None, out: Path | None = None, cwd: Path | None = None
    ) -> Project:
        return cls(root, content or root / "content", out or root / "site", cwd or Path.cwd())

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"

    @property
    def cache(self) -> Path:
        """Work kept between builds (share cards); safe to delete, never published."""
        return self.root / ".glossator-cache"


@dataclass(frozen=True, slots=True)
class CheckResult:
    glossary: Glossary | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return self.glossary is not None and not has_errors(self.diagnostics)


def load_config(project: Project, base_url: str | None = None) -> SiteConfig:
    """site.yaml, or DiagnosticError (the CLI exits 2 on these)."""
    config, problems = read_config(project.config_file, project.cwd)
    if config is None:
        raise DiagnosticError(problems)
    if base_url:
        config = replace(config, base_url=base_url if base_url.endswith("/") else base_url + "/")
    return config


def check(
    project: Project,
    config: SiteConfig,
    *,
    drafts: bool = False,
    memo: Memo | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Load, validate and link every entry; write nothing.  `memo` carries work over between calls."""
    sources, problems = load_content(
        project.content, default_lang=config.language, cwd=project.cwd, limits=config.limits, root=project.root
    )
    diagnostics: list[Diagnostic] = list(problems)
    entries: list[Entry] = []
    left_out: list[Entry] = []
    invalid: list[str] = []
    progress = progress or Silent()
    for done, source in enumerate(sources, 1):
        progress.update("checking entries", done, len(sources))
        entry, found = memo.validate(source, config) if memo else validate(source, config)
        diagnostics.extend(found)
        if entry is None:
            invalid.append(source.slug)
        elif drafts or entry.status == "published":
            entries.append(entry)
        else:
            left_out.append(entry)
    progress.update("linking entries")
    glossary, link_problems = link(
        entries, config, drafts=left_out, invalid=invalid, parse=memo.parse if memo else parse_entry
    )
    if memo is not None:
        memo.keep_only(list(sources), entries)
    diagnostics.extend(link_problems)
    if has_errors(diagnostics):
        return CheckResult(None, tuple(sorted(diagnostics)))
    glossary = replace(glossary, dates=entry_dates(project, glossary))
    diagnostics.extend(editorial_warnings(glossary))
    return CheckResult(glossary, tuple(sorted(diagnostics)))


def entry_dates(project: Project, glossary: Glossary) -> dict[str, dt.date]:
    """Each entry's last-updated date: its `updated` field, else its file's last commit."""
    committed = last_commit_dates(project.root, project.content)
    dates = {slug: entry.updated or committed.get(entry.rel) for slug, entry in glossary.entries.items()}
    return {slug: day for slug, day in dates.items() if day is not None}


def render(
    project: Project, glossary: Glossary, *, search: bool = True, jobs: int = 1, progress: Progress | None = None
) -> dict[str, bytes]:
    """Every file of the site; the search index too unless `search` is False.  `jobs` processes render pages."""
    env = make_environment(project.templates)
    assets = collect_assets(project.static if project.static.is_dir() else None)
    cache = CardCache(project.cache / "cards")
    specs = card_specs(glossary)
    cards = draw_cards(specs, cache, jobs=jobs)
    cache.forget_unused(spec.key() for spec in specs.values())
    progress = progress or Silent()
    progress.update("rendering pages")
    files = render_site(glossary, env, assets, cards, jobs=jobs)
    if search:
        progress.update("indexing search")
        files.update(search_index(glossary, files))
    return files


def search_index(glossary: Glossary, files: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind's bundle for the entry pages among `files`."""
    config = glossary.config
    paths = (Urls.file_for(Urls.entry(slug)) for slug in glossary.entries)
    pages = {path: files[path] for path in paths}
    return pagefind_files(pages, config.language)


@dataclass(frozen=True, slots=True)
class BuildOutcome:
    """What a build did: its diagnostics, and how much of the previous build it reused."""

    diagnostics: tuple[Diagnostic, ...]
    entries: int
    built: bool  # False when there were errors: the previous site is untouched
    up_to_date: bool = False  # nothing had changed: nothing was rendered or written
    pages: int = 0
    written: int = 0
    linked: int = 0  # unchanged files linked from the previous site instead of written


def build(
    project: Project, config: SiteConfig, *, drafts: bool = False, jobs: int = 1, progress: Progress | None = None
) -> BuildOutcome:
    """Check, and when there is no error, render and replace the output folder.

    A persistent cache (in the project's .glossator-cache) remembers what the
    output folder was built from: an unchanged project is not built again, and
    unchanged files are not written again.
    """
    check_output(project.out, root=project.root, content=project.content)
    cache = cache_folder(project.cache, project.out)
    stamp = fingerprint(project.root, project.content, (config.base_url, f"drafts={drafts}"))
    state = BuildState.load(cache)
    if state.fingerprint == stamp and read_stamp(project.out) == stamp:
        pages = sum(name.endswith(".html") for name in state.files)
        return BuildOutcome(tuple(state.diagnostics), state.entries, built=True, up_to_date=True, pages=pages)
    progress = progress or Silent()
    result = check(project, config, drafts=drafts, progress=progress)
    if result.glossary is None:
        return BuildOutcome(result.diagnostics, 0, built=False)
    files = render(project, result.glossary, jobs=jobs, progress=progress)
    progress.update("writing the site")
    digest = digests(files)
    previous = state.files if read_stamp(project.out) == state.fingerprint and state.fingerprint else {}
    out = project.out.absolute()
    written, linked = write_site(
        files, project.out, stamp=stamp, unchanged=lambda name, _: still_there(out, name, digest[name], previous)
    )
    kept = records(out, digest)
    BuildState(stamp, kept, list(result.diagnostics), len(result.glossary.entries)).save(cache)
    progress.done()
    pages = sum(name.endswith(".html") for name in files)
    return BuildOutcome(result.diagnostics, len(result.glossary.entries), True, False, written, linked, pages)
