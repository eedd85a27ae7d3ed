"""Memo: what builds keep of each other's work, so unchanged work is not redone.

Files are read again only when their size or times change; validation
results are kept under a hash of the file, its place and site.yaml's
settings; woven prose is kept by entry (an Entry is an immutable value, so an
equal entry weaves the same) together with a digest of the part of its
surroundings its weave read (see `mentions`): the names whose words occur in
its text, what its term links resolve to, and where those lead.  So a title
or alias added to one entry re-weaves only the entries that mention it.  The
preview keeps a memo for as long as it runs; `state` and `restore` carry the
validation and weaving to the next build through the work cache
(`glossator.build.work`).  Every stage stays a pure function; the memo only
remembers its answers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import assert_never

from glossator.build.mentions import Context, Reading, weave_noting
from glossator.content.config import SiteConfig
from glossator.content.load import Limits, SourceFile, read_source
from glossator.content.model import Entry
from glossator.content.validate import validate
from glossator.core.canonical import digest
from glossator.core.diagnostics import Diagnostic, Result, has_errors
from glossator.core.parallel import fork_map
from glossator.pages.render import ChangeKind
from glossator.prose.autolink import Matcher
from glossator.prose.glossary import EntryProse, Woven
from glossator.prose.weave import Surroundings


@dataclass(frozen=True, slots=True)
class Validated:
    """A file validated without error: the entry, the digest of its value, its warnings."""

    path: str  # the file, as shown
    source: str  # sha256 of the file's bytes
    entry: Entry
    digest: str  # of the entry's value (codec.digest)
    problems: tuple[Diagnostic, ...]  # warnings only


@dataclass(frozen=True, slots=True)
class Noted:
    """An entry woven without a problem, with what its weave read."""

    reading: Reading
    context: str  # digest of what it read of its surroundings (mentions.Context.of)
    woven: Woven


@dataclass
class MemoState:
    """What a memo hands to the next build: validations by key, weaves by the digest of the entry woven."""

    validated: dict[str, Validated] = field(default_factory=dict)
    woven: dict[str, Noted] = field(default_factory=dict)
    # language -> digest of the surroundings (`surroundings_digest`) its weaves were all woven or checked against
    against: dict[str, str] = field(default_factory=dict)


@dataclass
class MemoStats:
    """The work a memo did rather than remembered: the files it validated and the entries it wove, by path."""

    validated: list[str] = field(default_factory=list)
    woven: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Memo:
    """Answers of `read_source`, `validate` and `weave`.

    A file's answer is kept under its stat, a validation under the file's
    hash and site.yaml's settings, and woven prose with what it was woven
    against, so each checks itself on use.  `invalidate` is told of changes
    all the same, to drop what is likely stale.
    """

    stats: MemoStats = field(default_factory=MemoStats)
    _files: dict[tuple[object, ...], Result[SourceFile]] = field(default_factory=dict, init=False, repr=False)
    # validation key -> (path, file digest, answer)
    _validated: dict[str, tuple[str, str, Result[Entry]]] = field(default_factory=dict, init=False, repr=False)
    # Entries by identity, with the digest of their value: hashing an Entry anew for every lookup costs more.
    _digests: dict[int, tuple[Entry, str]] = field(default_factory=dict, init=False, repr=False)
    # entry digest -> the entry, and its weave (a Woven alone when it had problems)
    _woven: dict[str, tuple[Entry, Noted | Woven]] = field(default_factory=dict, init=False, repr=False)
    # language -> what its woven entries were last woven against
    _surroundings: dict[str, tuple[Surroundings, Matcher]] = field(default_factory=dict, init=False, repr=False)
    # language -> the digest of those surroundings, once worked out
    _digested: dict[str, tuple[Surroundings, Matcher, str]] = field(default_factory=dict, init=False, repr=False)
    # language -> what an earlier build's weaves of it were woven against (`MemoState.against`), until its first weave
    _restored: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _config: tuple[SiteConfig, str] | None = field(default=None, init=False, repr=False)
    _prose: dict[int, tuple[EntryProse, Entry, str]] | None = field(default=None, init=False, repr=False)

    def invalidate(self, kind: ChangeKind) -> None:
        """Drop what a change of this kind may have made stale."""
        match kind:
            case ChangeKind.CONFIG | ChangeKind.EVERYTHING:
                self._validated.clear()
            case ChangeKind.PAGE | ChangeKind.ENTRIES | ChangeKind.TEMPLATES | ChangeKind.STYLES | ChangeKind.STATIC:
                pass  # a saved file has a new stat, and nothing here comes from templates or static files
            case _:
                assert_never(kind)

    def read(
        self, file: Path, *, slug: str, lang: str, cwd: Path, limits: Limits, root: Path | None = None
    ) -> Result[SourceFile]:
        """read_source, skipped for a file whose identity, size and times are as they were."""
        try:
            st = file.lstat()
        except OSError:
            return read_source(file, slug=slug, lang=lang, cwd=cwd, limits=limits, root=root)
        key = (str(file), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, lang, cwd, limits, root)
        if key not in self._files:
            self._files[key] = read_source(file, slug=slug, lang=lang, cwd=cwd, limits=limits, root=root)
        return self._files[key]

    def _settings(self, config: SiteConfig) -> str:
        if self._config is None or self._config[0] is not config:
            self._config = (config, digest(config))
        return self._config[1]

    def validate(self, sources: Sequence[SourceFile], config: SiteConfig, jobs: int = 1) -> list[Result[Entry]]:
        """`validate` for each source not validated with these settings before (the rest in `jobs` processes)."""
        settings = self._settings(config)
        keys = [_validation_key(source, settings) for source in sources]
        todo = {key: source for key, source in zip(keys, sources, strict=True) if key not in self._validated}
        checked = fork_map(partial(_validate, config=config), list(todo.values()), jobs)
        for (key, source), (answer, entry_digest) in zip(todo.items(), checked, strict=True):
            self._validated[key] = (source.path, source.digest, answer)
            if answer.value is not None and entry_digest is not None:
                self._digests[id(answer.value)] = (answer.value, entry_digest)
        self.stats.validated.extend(source.path for source in todo.values())
        return [self._validated[key][2] for key in keys]

    def matcher(self, names: dict[str, str]) -> Matcher:
        """The matcher of the last call with equal names (building one is linear in the names), or a new one."""
        for _, known in self._surroundings.values():
            if known.names == names:
                return known
        return Matcher(names)

    def weave(self, entries: Sequence[Entry], around: Surroundings, matcher: Matcher, jobs: int) -> list[Woven]:
        """`weave` for each entry not woven before against what it reads of these surroundings.

        Against equal surroundings every entry woven before is kept; otherwise an entry
        is kept when the part of them its weave read is the same.  The rest are woven
        in `jobs` processes.
        """
        context = Context(around, matcher)
        keys = [self.digest_of(entry) for entry in entries]
        same: set[str] = set()
        for lang in {e.lang for e in entries}:
            known = self._surroundings.get(lang)
            restored = self._restored.pop(lang, None)
            if known is not None and _alike(known, around, matcher):
                same.add(lang)
            elif known is None and restored is not None and restored == self._digest(lang, around, matcher):
                same.add(lang)  # an earlier build's, against the same surroundings: no entry need check itself
            else:  # what is kept of this language is checked entry by entry, and the rest forgotten
                shown = set(keys)
                self._woven = {k: w for k, w in self._woven.items() if w[0].lang != lang or k in shown}
            self._surroundings[lang] = (around, matcher)
        kept: dict[str, Woven] = {}
        todo: list[tuple[str, Entry]] = []
        for key, entry in zip(keys, entries, strict=True):
            found = self._woven.get(key, (entry, None))[1]
            if found is not None and entry.lang in same:
                kept[key] = found.woven if isinstance(found, Noted) else found
            elif isinstance(found, Noted) and found.context == context.of(entry, found.reading):
                kept[key] = found.woven
            else:
                todo.append((key, entry))
        fresh = fork_map(partial(weave_noting, around=around, matcher=matcher), [e for _, e in todo], jobs)
        for (key, entry), (woven, read) in zip(todo, fresh, strict=True):
            noted = Noted(read, context.of(entry, read), woven) if not woven.problems else woven
            self._woven[key] = (entry, noted)
            kept[key] = woven
        self.stats.woven.extend(entry.path for _, entry in todo)
        self._prose = None
        return [kept[key] for key in keys]

    def _digest(self, lang: str, around: Surroundings, matcher: Matcher) -> str:
        """`surroundings_digest` of what `lang` is woven against, worked out once for the same objects."""
        known = self._digested.get(lang)
        if known is None or known[0] is not around or known[1] is not matcher:
            known = self._digested[lang] = (around, matcher, surroundings_digest(around, matcher))
        return known[2]

    def weave_alone(self, entry: Entry) -> Woven | None:
        """`entry` woven against what its language was last woven against; None if it never was."""
        known = self._surroundings.get(entry.lang)
        if known is None:
            return None
        (woven,) = self.weave([entry], *known, jobs=1)
        return woven

    def keep_only(self, sources: list[SourceFile], entries: list[Entry]) -> None:
        """Forget what belongs to files and entries that no longer exist."""
        live = {(s.path, s.digest) for s in sources}
        self._files = {
            k: v for k, v in self._files.items() if v.value is not None and (v.value.path, v.value.digest) in live
        }
        self._validated = {k: v for k, v in self._validated.items() if (v[0], v[1]) in live}
        held = {id(e) for e in entries} | {id(v[2].value) for v in self._validated.values()}
        self._digests = {k: v for k, v in self._digests.items() if k in held}
        alive = {self.digest_of(e) for e in entries}
        self._woven = {k: v for k, v in self._woven.items() if k in alive}
        self._prose = None

    def digest_of(self, entry: Entry) -> str:
        """The digest of an entry's value, worked out once."""
        found = self._digests.get(id(entry))
        if found is None or found[0] is not entry:
            found = self._digests[id(entry)] = (entry, digest(entry))
        return found[1]

    def known_digest(self, value: object) -> str | None:
        """A digest that stands for an entry, or for prose this memo wove without a problem (`canonical.digest`).

        Woven prose is what its entry and the context of its weave make, so the
        two digests together stand for it, and it need not be read through again.
        """
        if type(value) is Entry:
            return self.digest_of(value)
        if type(value) is not EntryProse:
            return None
        if self._prose is None:
            self._prose = {
                id(noted.woven.prose): (noted.woven.prose, entry, noted.context)
                for entry, noted in self._woven.values()
                if isinstance(noted, Noted)
            }
        found = self._prose.get(id(value))
        if found is None or found[0] is not value:
            return None
        return hashlib.sha256(f"{self.digest_of(found[1])} {found[2]}".encode()).hexdigest()

    def state(self) -> MemoState:
        """What is worth keeping for the next build: validations without errors, weaves without problems.

        An answer with errors is worked out again each time (it is quick, and its
        entry, if any, is not the plain Entry the cache knows how to keep).
        """
        state = MemoState()
        for key, (path, source, answer) in self._validated.items():
            entry = answer.value
            if type(entry) is Entry and not has_errors(answer.problems):
                state.validated[key] = Validated(path, source, entry, self.digest_of(entry), answer.problems)
        for key, (entry, woven) in self._woven.items():
            if isinstance(woven, Noted) and type(entry) is Entry:
                state.woven[key] = woven
        state.against = {lang: self._digest(lang, *known) for lang, known in sorted(self._surroundings.items())}
        return state

    def restore(self, state: MemoState) -> None:
        """Take up what an earlier build's memo kept (`state`), alongside what this one holds."""
        self._surroundings.clear()  # what is taken up is checked entry by entry on the next weave,
        # unless nothing of its language was held here and it was all woven against what that weave is against
        held = {entry.lang for entry, _ in self._woven.values()}
        self._restored = {lang: found for lang, found in state.against.items() if lang not in held}
        by_digest: dict[str, Entry] = {}
        for key, found in state.validated.items():
            self._validated.setdefault(key, (found.path, found.source, Result(found.entry, found.problems)))
            self._digests.setdefault(id(found.entry), (found.entry, found.digest))
            by_digest[found.digest] = found.entry
        for entry_digest, noted in state.woven.items():
            entry = by_digest.get(entry_digest)
            if entry is not None:
                self._woven.setdefault(entry_digest, (entry, noted))


def _validate(source: SourceFile, config: SiteConfig) -> tuple[Result[Entry], str | None]:
    """`validate`, with the digest of the entry it gives (worked out here: in a worker, when there are several)."""
    answer = validate(source, config)
    entry = answer.value
    return answer, digest(entry) if type(entry) is Entry else None


def _validation_key(source: SourceFile, settings: str) -> str:
    """What a validation depends on: the file's bytes and its place, and site.yaml's settings."""
    parts = (source.path, source.slug, source.lang, source.rel, source.digest, settings)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def surroundings_digest(around: Surroundings, matcher: Matcher) -> str:
    """A digest of everything weaving an entry may read of its surroundings: equal digests weave alike."""
    return digest([around, sorted(matcher.names.items())])


def _alike(known: tuple[Surroundings, Matcher], around: Surroundings, matcher: Matcher) -> bool:
    """Whether prose woven against `known` is what weaving against `around` and `matcher` would give."""
    was_around, was_matcher = known
    # The same objects are equal at once; comparing values is linear in the language's names.
    same_around = was_around is around or was_around == around
    return same_around and (was_matcher is matcher or was_matcher.names == matcher.names)
