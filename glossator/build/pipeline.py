"""The stages joined up: load -> validate -> link -> render -> write.

`check` stops after link and writes nothing; `build` goes all the way.  Both
are thin: every decision lives in the stage modules.
"""

from __future__ import annotations

__all__ = [
    "BuildOutcome",
    "CheckResult",
    "Project",
    "build",
    "check",
    "check_templates",
    "link_language",
    "load_config",
    "render",
    "search_index",
]

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from glossator.build.cache import (
    BuildOutcome,
    BuildState,
    PreviousBuild,
    cache_folder,
    previous_build,
    records,
    still_there,
)
from glossator.build.memo import Memo
from glossator.build.write import Staging, check_output, read_stamp
from glossator.content.config import SiteConfig
from glossator.content.history import last_commit_dates
from glossator.content.load import display_path, load_content
from glossator.content.model import Entry
from glossator.content.project import Project, load_config
from glossator.content.validate import partial_of, validate
from glossator.core.clock import build_date
from glossator.core.diagnostics import Diagnostic, did_you_mean, has_errors
from glossator.core.parallel import fork_map
from glossator.core.progress import Progress, Silent
from glossator.pages.assets import Assets
from glossator.pages.cards import CardCache, CardSpec, card_specs, draw_cards
from glossator.pages.exports.pdf import missing_pdf, pdf_files
from glossator.pages.render import PageCache, render_site, template_problems
from glossator.pages.search import Indexing
from glossator.pages.shelf import File, Shelf, Shelved
from glossator.pages.templates import BrokenTemplateError, Templates, unique
from glossator.pages.urls import Urls
from glossator.pages.views import term_hrefs
from glossator.prose.glossary import Glossary
from glossator.prose.lifecycle import lifecycle_problems, review_warnings
from glossator.prose.link import directory, join
from glossator.prose.quality import editorial_warnings
from glossator.prose.translations import label_warnings, source_hash, translation_warnings
from glossator.prose.weave import FreshWork, Surroundings, WeaveWork


@dataclass(frozen=True, slots=True)
class CheckResult:
    glossary: Glossary | None  # the default language's
    diagnostics: tuple[Diagnostic, ...]
    translations: tuple[Glossary, ...] = ()  # one per other language, in site.yaml's order

    @property
    def ok(self) -> bool:
        return self.glossary is not None and not has_errors(self.diagnostics)

    @property
    def entries(self) -> int:
        """How many entries were checked without error, in every language."""
        main = len(self.glossary.entries) if self.glossary else 0
        return main + sum(len(t.entries) for t in self.translations)


@dataclass
class _Sorted:
    """One language's validated entries, sorted by what this build does with them."""

    entries: list[Entry] = field(default_factory=list)  # with what could be read of those with errors
    left_out: list[Entry] = field(default_factory=list)  # drafts, when drafts are not built
    invalid: list[str] = field(default_factory=list)  # slugs of files with errors
    unread: list[str] = field(default_factory=list)  # slugs of files with errors of which nothing could be read


def check(
    project: Project,
    config: SiteConfig,
    *,
    drafts: bool = False,
    memo: Memo | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    warnings: bool = True,
    today: dt.date | None = None,
) -> CheckResult:
    """Load, validate and link every entry in every language; write nothing.

    `memo` carries work over between calls; `jobs` processes validate and weave what is not in it.
    With `drafts`, a link to a draft is a warning (a build without drafts refuses it).  Without
    `warnings`, the editorial and translation warnings are not looked for (the preview shows none).
    `today` is the day reviews are dated against (by default the build's date, see `build_date`).
    """
    languages = config.all_languages
    default = languages[0].code
    sources, problems = load_content(
        project.content,
        default_lang=default,
        other_langs=[x.code for x in languages[1:]],
        cwd=project.cwd,
        limits=config.limits,
        root=project.root,
        read=memo.read if memo else None,
    )
    diagnostics: list[Diagnostic] = list(problems)
    by_lang: dict[str, _Sorted] = {x.code: _Sorted() for x in languages}
    progress = progress or Silent()
    progress.update("checking entries", 0, len(sources))
    if memo is not None:
        validated = memo.validate(sources, config, jobs)
    else:
        validated = fork_map(partial(validate, config=config), sources, jobs)
    for done, (source, checked) in enumerate(zip(sources, validated, strict=True), 1):
        entry = checked.value
        progress.update("checking entries", done, len(sources))
        diagnostics.extend(checked.problems)
        group = by_lang[source.lang]
        if entry is None:
            group.invalid.append(source.slug)
            # What could be read of it is linked too, so that its links are checked in the same run;
            # its errors keep it (and with it the whole glossary) from being rendered.
            entry = partial_of(checked)
            if entry is None:
                group.unread.append(source.slug)
                continue
        if drafts or entry.status != "draft":
            group.entries.append(entry)
        else:
            group.left_out.append(entry)
    progress.update("linking entries")
    main = by_lang[default]
    glossary, link_problems = link_language(
        main.entries, config, drafts=main.left_out, invalid=main.invalid, work=memo, jobs=jobs
    )
    diagnostics.extend(link_problems)
    texts = {s.slug: s.text for s in sources if s.lang == default}
    translations: list[Glossary] = []
    for language in languages[1:]:
        group = by_lang[language.code]
        entries, orphans = _with_sources(group.entries, glossary, {*texts})
        diagnostics.extend(orphans)
        translated, found = link_language(
            entries,
            config.localized(language.code),
            drafts=[*group.left_out, *main.left_out],
            invalid=[*group.invalid, *main.invalid],
            source=glossary,
            work=memo,
            jobs=jobs,
        )
        diagnostics.extend(found)
        hashes = {slug: source_hash(texts[slug]) for slug in translated.entries}
        translations.append(replace(translated, source_hashes=hashes))
    if memo is not None:
        memo.keep_only(list(sources), [e for group in by_lang.values() for e in group.entries])
    if warnings:
        # Who links to whom is known only when every file could be read, at least in part.
        whole = not has_errors(problems) and not any(group.unread for group in by_lang.values())
        diagnostics.extend(editorial_warnings(glossary, whole=whole))
        for translated in translations:
            diagnostics.extend(editorial_warnings(translated, whole=whole))
            diagnostics.extend(translation_warnings(translated))
        diagnostics.extend(label_warnings(config, display_path(project.config_file, project.cwd)))
        if config.review_after_days is not None:
            day = today or build_date()
            for linked in (glossary, *translations):
                found = review_warnings(linked.entries.values(), after_days=config.review_after_days, today=day)
                diagnostics.extend(found)
    if has_errors(diagnostics) or any(group.invalid for group in by_lang.values()):
        return CheckResult(None, tuple(sorted(diagnostics)))
    committed = last_commit_dates(project.root, project.content)
    glossary = replace(glossary, dates=entry_dates(glossary, committed))
    translations = [replace(t, source=glossary, dates=entry_dates(t, committed)) for t in translations]
    return CheckResult(glossary, tuple(sorted(diagnostics)), tuple(translations))


def link_language(
    entries: Iterable[Entry],
    config: SiteConfig,
    *,
    drafts: Iterable[Entry] = (),
    invalid: Iterable[str] = (),
    source: Glossary | None = None,
    work: WeaveWork | None = None,
    jobs: int = 1,
) -> tuple[Glossary, list[Diagnostic]]:
    """One language's entries as a Glossary, with every problem a link has.

    The names are gathered, each entry is woven (in `jobs` processes, or from
    `work`'s memory), and the links joined.  `drafts` are entries left out of this
    build and `invalid` the slugs of files that failed validation; `source` is the
    default language's glossary when this is a translation.
    """
    ordered = {e.slug: e for e in sorted(entries, key=lambda e: e.slug)}
    found, problems = directory(ordered.values(), drafts=drafts, invalid=invalid, source=source)
    work = work or FreshWork()
    around = Surroundings(found, term_hrefs(config, ordered, source), config.autolink)
    woven = work.weave(list(ordered.values()), around, work.matcher(dict(found.mentions)), jobs)
    for w in woven:
        problems.extend(w.problems)
    glossary, unknown = join(ordered, config, found, dict(zip(ordered, woven, strict=True)), source=source)
    lifecycle = lifecycle_problems(ordered, found, source=source.entries if source else None)
    return glossary, problems + unknown + lifecycle


def _with_sources(entries: list[Entry], source: Glossary, files: set[str]) -> tuple[list[Entry], list[Diagnostic]]:
    """Translations whose source is in this build; an error for each whose source file does not exist."""
    kept: list[Entry] = []
    problems: list[Diagnostic] = []
    for entry in entries:
        if entry.slug in source.entries:
            kept.append(entry)
        elif entry.slug not in files:
            problems.append(
                Diagnostic(
                    entry.path,
                    1,
                    1,
                    "error",
                    "no-source",
                    f"translation: there is no {entry.slug}.md in the default language to translate; a "
                    f"translation has the same file name as its source{did_you_mean(entry.slug, files)}",
                )
            )
    return kept, problems  # a source that is a draft or invalid takes its translations out with it


def entry_dates(glossary: Glossary, committed: Mapping[str, dt.date]) -> dict[str, dt.date]:
    """Each entry's last-updated date: its `updated` field, else its file's last commit."""
    dates = {slug: entry.updated or committed.get(entry.rel) for slug, entry in glossary.entries.items()}
    return {slug: day for slug, day in dates.items() if day is not None}


def render(
    project: Project,
    glossary: Glossary,
    *,
    translations: Sequence[Glossary] = (),
    search: bool = True,
    jobs: int = 1,
    progress: Progress | None = None,
    pages: PageCache | None = None,
) -> dict[str, bytes]:
    """Every file of the site, in memory; the search index too unless `search` is False.

    `jobs` processes render pages; `pages` keeps pages, templates, assets and cards between calls (the preview's).
    A mistake in the templates raises BrokenTemplateError, with every other one that can be found.
    """
    drawn = _draw_site(project, glossary, translations=translations, jobs=jobs, progress=progress, pages=pages)
    files: dict[str, bytes] = {}
    for path, data in drawn.items():
        if not isinstance(data, bytes):  # only a shelf makes notes, and there is none
            raise TypeError(f"{path} was put on a shelf")
        files[path] = data
    if search:
        (progress or Silent()).update("indexing search")
        files.update(search_index(glossary, files, translations))
    return files


def _draw_site(
    project: Project,
    glossary: Glossary,
    *,
    translations: Sequence[Glossary],
    jobs: int,
    progress: Progress | None,
    pages: PageCache | None,
    entries_drawn: Callable[[Mapping[str, File]], object] | None = None,
    shelf: Shelf | None = None,
    card_jobs: int | None = None,
) -> dict[str, File]:
    """Every file of the site but search's; those put on `shelf` as they are drawn stand as notes (`render_site`).

    The pages come first, so that `entries_drawn` (search) has the entries' as early as can be; the share
    cards, which pages know by their paths alone, are drawn last, over `card_jobs` processes (default `jobs`).
    """
    kept = pages if pages is not None else PageCache()  # a cache of one render makes each of them once
    env = kept.environment(project.templates, project.cwd)
    assets = kept.assets(project.static)
    if env.compile_problems():
        raise _template_problems(glossary, env, assets, translations)
    specs = card_specs(glossary)
    (progress or Silent()).update("rendering pages")
    try:
        files = render_site(
            glossary,
            env,
            assets,
            specs.keys(),
            translations=translations,
            jobs=jobs,
            cache=pages,
            entries_drawn=entries_drawn,
            shelf=shelf,
        )
    except BrokenTemplateError as exc:
        raise _template_problems(glossary, env, assets, translations, exc.diagnostics) from None
    draw = partial(_draw_cards, project, jobs=card_jobs or jobs, shelf=shelf)
    files.update(kept.cards_for(specs, draw))
    return files


def check_templates(project: Project, result: CheckResult) -> list[Diagnostic]:
    """The mistakes in the project's templates, found by compiling them and drawing each kind of page once.

    Without a glossary (the content has errors) the templates are only compiled.
    """
    kept = PageCache()
    env = kept.environment(project.templates, project.cwd)
    if result.glossary is None:
        return unique(env.compile_problems())
    return list(_template_problems(result.glossary, env, kept.assets(project.static), result.translations).diagnostics)


def _template_problems(
    glossary: Glossary,
    env: Templates,
    assets: Assets,
    translations: Sequence[Glossary],
    found: Sequence[Diagnostic] = (),
) -> BrokenTemplateError:
    # A page that failed stops the render; its kin would fail alike, but other templates may hold mistakes too.
    cards = card_specs(glossary).keys()  # where the share cards would be; none is drawn
    problems = template_problems(glossary, env, assets, cards, translations=translations)
    return BrokenTemplateError(unique([*found, *problems]))


def _draw_cards(project: Project, specs: Mapping[str, CardSpec], *, jobs: int, shelf: Shelf | None) -> dict[str, File]:
    """The share cards, from the project's card cache where it has them; cards no longer shown leave the cache."""
    cache = CardCache(project.cache / "cards")
    cards = draw_cards(specs, cache, jobs=jobs, shelf=shelf)
    cache.forget_unused(spec.key() for spec in specs.values())
    return cards


def search_index(
    glossary: Glossary, files: Mapping[str, bytes], translations: Sequence[Glossary] = ()
) -> dict[str, bytes]:
    """Pagefind's bundle for the entry pages among `files`: one index per language."""
    pages = {path: files[path] for path in searched_pages(glossary, translations)}
    with Indexing(pages, _forced_language(glossary, translations)) as indexing:
        return indexing.bundle()


def searched_pages(glossary: Glossary, translations: Sequence[Glossary] = ()) -> list[str]:
    """The files search indexes: every entry page, in every language."""
    paths = [Urls.file_for(Urls.entry(slug)) for slug in glossary.entries]
    for translated in translations:
        paths += [f"{translated.language}/{Urls.file_for(Urls.entry(slug))}" for slug in translated.entries]
    return paths


def _forced_language(glossary: Glossary, translations: Sequence[Glossary]) -> str | None:
    # One language: every page is indexed as it.  Several: Pagefind goes by each page's <html lang>.
    return None if translations else glossary.config.lang.tag


class _Publishing:
    """A new site staged file by file, its entries' pages indexed by search while the rest is drawn and written.

    It is the render's shelf: the share cards and the entries' pages and diagrams are staged
    by the process that drew them, and travel back to this one as `Shelved` notes.  Files that a
    previous build wrote and that are unchanged are hard-linked rather than written (`still_there`).
    """

    def __init__(
        self,
        staging: Staging,
        stack: ExitStack,
        on_disk: Mapping[str, list[object]],
        glossary: Glossary,
        translations: Sequence[Glossary],
    ) -> None:
        self.staging, self._stack, self._on_disk = staging, stack, on_disk
        self.searched = set(searched_pages(glossary, translations))
        self._language = _forced_language(glossary, translations)
        self.staged: dict[str, Shelved] = {}  # every file staged (as far as this process has been told)
        self._indexing: Indexing | None = None

    def put(self, name: str, data: bytes, sha: str | None = None, *, made: Path | None = None) -> Shelved:
        """Stage one file (see `Shelf`); `made` is a file on disk that holds `data`, linked rather than copied."""
        sha = sha or hashlib.sha256(data).hexdigest()
        unchanged = still_there(self.staging.out, name, sha, self._on_disk)
        kept = self.staging.put(name, data, keep=unchanged, made=made)
        self.staged[name] = note = Shelved(sha, kept)  # a worker's copy of this dict is lost: notes come back
        return note

    def keep(self, name: str, sha: str) -> Shelved | None:
        """Link the last build's copy of one file, when it is still the one it wrote (see `Shelf`)."""
        if not still_there(self.staging.out, name, sha, self._on_disk) or not self.staging.link(name):
            return None
        self.staged[name] = note = Shelved(sha, kept=True)
        return note

    def stage(self, files: Mapping[str, File]) -> None:
        """Stage the files not staged yet, and take note of those that are."""
        for name in sorted(files):
            data = files[name]
            if isinstance(data, Shelved):
                self.staged[name] = data
            else:
                self.put(name, data)

    @property
    def written(self) -> int:
        return sum(not note.kept for note in self.staged.values())

    @property
    def linked(self) -> int:
        return sum(note.kept for note in self.staged.values())

    def digests(self) -> dict[str, str]:
        return {name: note.sha for name, note in self.staged.items()}

    def index(self, entry_files: Mapping[str, File]) -> None:
        """Stage the entries' pages (if they are not already) and start search on them, in the background."""
        self.stage({path: entry_files[path] for path in self.searched})
        pages = {path: self.staging.path(path) for path in sorted(self.searched)}
        found = Indexing(pages, self._language, near=self.staging.scratch())  # its files link both ways
        self._indexing = self._stack.enter_context(found)  # stopped however the build ends

    def add_search(self) -> None:
        """Wait for search, and stage its bundle."""
        if self._indexing is None:
            raise RuntimeError("search was never started: the entries' pages were not handed over")
        for name, data in self._indexing.bundle_files().items():
            if isinstance(data, bytes):
                self.put(name, data)
            else:  # as Pagefind wrote it, beside the staging folder
                self.put(name, data.read_bytes(), made=data)


def build(
    project: Project,
    config: SiteConfig,
    *,
    drafts: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
    previous: PreviousBuild | None = None,
    memo: Memo | None = None,
    page_cache: PageCache | None = None,
    while_indexing: Callable[[], object] | None = None,
) -> BuildOutcome:
    """Check, and when there is no error, render and replace the output folder.

    A persistent cache (in the project's .glossator-cache) remembers what the
    output folder was built from: an unchanged project is not built again, and
    unchanged files are not written again.  `previous` is `previous_build`'s
    answer when the caller has asked already; `memo` and `page_cache` carry
    validation, weaving and pages over from earlier runs (see
    `glossator.build.work` and `glossator.build.rendered`).  `while_indexing` is
    called once every page is written, while search indexes them: the caller's
    moment to save what it keeps, with a core to spare.
    """
    check_output(project.out, root=project.root, content=project.content)
    cache = cache_folder(project.cache, project.out)
    previous = previous or previous_build(project, config, drafts=drafts)
    stamp, state = previous.stamp, previous.state
    if previous.current:
        return state.outcome()
    progress = progress or Silent()
    result = check(project, config, drafts=drafts, progress=progress, jobs=jobs, memo=memo)
    if result.glossary is None:
        return BuildOutcome(result.diagnostics, 0, built=False)
    glossary, translations = result.glossary, result.translations
    on_disk = state.files if read_stamp(project.out) == state.fingerprint and state.fingerprint else {}
    try:
        with ExitStack() as stack:
            staging = stack.enter_context(Staging(project.out, stamp=stamp))
            site = _Publishing(staging, stack, on_disk, glossary, translations)
            files = _draw_site(
                project,
                glossary,
                translations=translations,
                jobs=jobs,
                progress=progress,
                pages=page_cache,
                entries_drawn=site.index,
                shelf=site,
                card_jobs=max(1, jobs - 1),  # search is indexing by then, on a core of its own
            )
            diagnostics = result.diagnostics
            if "pdf" in config.exports:
                progress.update("writing the PDF")
                # A print document fetches only stylesheets and icons (its diagrams are inline and prose
                # shows no images): none of them is on the shelf.
                in_memory = {path: data for path, data in files.items() if isinstance(data, bytes)}
                files.update(pdf_files(glossary, translations, in_memory))
                missing = missing_pdf(config, display_path(project.config_file, project.cwd))
                diagnostics = tuple(sorted([*diagnostics, missing])) if missing else diagnostics
            progress.update("writing the site")
            site.stage(files)
            if while_indexing is not None:
                while_indexing()
            progress.update("indexing search")
            site.add_search()
    except BrokenTemplateError as exc:
        return BuildOutcome(tuple(sorted([*result.diagnostics, *exc.diagnostics])), result.entries, built=False)
    written, linked = site.written, site.linked
    kept = records(staging.out, site.digests())
    BuildState(stamp, kept, list(diagnostics), result.entries).save(cache)
    progress.done()
    pages = sum(name.endswith(".html") for name in files)
    return BuildOutcome(diagnostics, result.entries, built=True, pages=pages, written=written, linked=linked)
