"""The work cache: `build` and `check` keep what they validated and wove, and a later run redoes only what changed.

Whatever the cache holds, a run gives what a run with no cache gives, byte
for byte; a cache that is damaged, altered, cut short or another version's
is left out with one line saying so; and a name added to one entry re-weaves
only the entries whose text mentions it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.build import work
from glossator.build.memo import Memo, MemoStats
from glossator.build.mentions import Context, Reading
from glossator.build.pipeline import CheckResult, check
from glossator.build.work import kept_work
from glossator.content.model import Entry
from glossator.content.project import Project, load_config
from tests.helpers import CliRun, entry_text, read_site, write_project

FILES = {
    "content/alpha.md": entry_text("Alpha", body="## What is this?\n\nAlpha is often used with a vector index.\n"),
    "content/beta.md": entry_text("Beta", body="## What is this?\n\nBeta follows [[Alpha]] and its embeddings.\n"),
    "content/gamma.md": entry_text("Gamma", body="## What is this?\n\nGamma stands alone.\n"),
    "content/embedding.md": entry_text("Embedding", body="## What is this?\n\nA list of numbers.\n"),
}
WORK = Path(".glossator-cache") / "work"


def copy_project(root: Path, dest: Path, *, cache: bool) -> Path:
    """The project's own files (never its output), with its cache or without."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns("site", *(() if cache else (".glossator-cache",))))
    return dest


def built(cli: Callable[..., CliRun], root: Path) -> dict[str, bytes]:
    run = cli("build", cwd=root)
    assert run.code == 0, run.err
    assert "cache ignored" not in run.err
    return read_site(root / "site")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rename(root: Path) -> None:
    (root / "content" / "alpha.md").rename(root / "content" / "alpha-prime.md")


def new_alias(root: Path) -> None:
    edit(root, "content/gamma.md", "level: beginner\n", "level: beginner\naliases: [Vector Index]\n")


def delete(root: Path) -> None:
    (root / "content" / "embedding.md").unlink()


def new_template(root: Path) -> None:
    footer = '{% extends "glossator/entry.html" %}{% block footer %}<p id="own">Ours</p>{% endblock %}'
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "entry.html").write_text(footer, encoding="utf-8")


def prose(root: Path) -> None:
    edit(root, "content/gamma.md", "stands alone", "stands quite alone")


def settings(root: Path) -> None:
    edit(root, "site.yaml", "title: Test Glossary", "title: Another Glossary")


EDITS = [prose, rename, new_alias, delete, new_template, settings]


@pytest.mark.slow
def test_builds_with_the_cache_are_byte_for_byte_builds_without_it_through_every_kind_of_edit(
    tmp_path: Path, cli: Callable[..., CliRun]
) -> None:
    root = write_project(tmp_path / "project", FILES)
    built(cli, root)
    for n, change in enumerate(EDITS):
        change(root)
        incremental = built(cli, root)  # into the folder of the last build, with its cache
        cached = built(cli, copy_project(root, tmp_path / f"cached-{n}", cache=True))  # the cache, no output
        cold = built(cli, copy_project(root, tmp_path / f"cold-{n}", cache=False))
        assert incremental == cold, change.__name__
        assert cached == cold, change.__name__
        warm_check = cli("check", cwd=root)
        cold_check = cli("check", cwd=copy_project(root, tmp_path / f"check-{n}", cache=False))
        assert (warm_check.code, warm_check.out, warm_check.err) == (cold_check.code, cold_check.out, cold_check.err)
    assert b'id="own"' in incremental["glossary/alpha-prime/index.html"]
    assert b"Another Glossary" in incremental["index.html"]
    assert b'href="/glossary/gamma/"' in incremental["glossary/alpha-prime/index.html"]  # "vector index", linked


# -- what a run keeps, counted ----------------------------------------------------------------


def checked(project: Project, memo: Memo | None = None) -> CheckResult:
    return check(project, load_config(project), memo=memo)


def kept_check(project: Project) -> tuple[CheckResult, MemoStats]:
    """`check` as the command runs it: with what the last run kept, keeping it again."""
    warnings: list[str] = []
    with kept_work(project, warnings.append) as memo:
        result = checked(project, memo)
    assert warnings == []
    return result, memo.stats


def woven_pages(result: CheckResult) -> dict[str, object]:
    assert result.glossary is not None, result.diagnostics
    return dict(result.glossary.prose)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project.at(write_project(tmp_path / "project", FILES), cwd=tmp_path / "project")


def test_a_run_after_nothing_changed_validates_and_weaves_nothing(project: Project) -> None:
    _, first = kept_check(project)
    assert len(first.validated) == len(first.woven) == len(FILES)
    result, again = kept_check(project)
    assert (again.validated, again.woven) == ([], [])
    assert woven_pages(result) == woven_pages(checked(project))


def test_an_edited_entry_alone_is_validated_and_woven_again(project: Project) -> None:
    kept_check(project)
    prose(project.root)
    result, stats = kept_check(project)
    assert (stats.validated, stats.woven) == (["content/gamma.md"], ["content/gamma.md"])
    assert woven_pages(result) == woven_pages(checked(project))


MENTIONS = {
    "as written": "a vector index",
    "in capitals": "A VECTOR INDEX",
    "as a plural": "vector indexes",
    "across a line": "a vector\nindex",
}


@pytest.mark.parametrize("mention", list(MENTIONS.values()), ids=list(MENTIONS))
def test_a_new_alias_weaves_again_only_the_entries_that_mention_it(project: Project, mention: str) -> None:
    edit(project.root, "content/alpha.md", "a vector index", mention)
    kept_check(project)
    new_alias(project.root)
    result, stats = kept_check(project)
    assert stats.validated == ["content/gamma.md"]
    assert sorted(stats.woven) == ["content/alpha.md", "content/gamma.md"]  # not beta, nor embedding
    assert woven_pages(result) == woven_pages(checked(project))


def test_a_name_no_entry_mentions_weaves_nothing_else_again(project: Project) -> None:
    kept_check(project)
    edit(project.root, "content/gamma.md", "level: beginner\n", "level: beginner\naliases: [Unmentioned Thing]\n")
    _, stats = kept_check(project)
    assert stats.woven == ["content/gamma.md"]


def test_a_deleted_entry_weaves_again_the_entries_that_mentioned_it(project: Project) -> None:
    kept_check(project)
    delete(project.root)
    result, stats = kept_check(project)
    assert (stats.validated, stats.woven) == ([], ["content/beta.md"])
    assert woven_pages(result) == woven_pages(checked(project))


def test_a_term_link_whose_target_goes_away_is_reported_again(project: Project) -> None:
    kept_check(project)
    edit(project.root, "content/alpha.md", "title: Alpha", "title: Alfa")
    _, stats = kept_check(project)
    assert stats.woven == ["content/alpha.md"]  # [[Alpha]] still names it, by its slug
    rename(project.root)
    result, stats = kept_check(project)
    assert sorted(stats.woven) == ["content/alpha-prime.md", "content/beta.md"]
    assert [d.code for d in result.diagnostics if d.severity == "error"] == ["unknown-term"]
    assert result.diagnostics == checked(project).diagnostics


def test_the_preview_s_memo_weaves_again_only_what_mentions_a_new_name(project: Project) -> None:
    memo = Memo()
    checked(project, memo)
    new_alias(project.root)
    memo.stats = MemoStats()
    result = checked(project, memo)
    assert sorted(memo.stats.woven) == ["content/alpha.md", "content/gamma.md"]
    assert woven_pages(result) == woven_pages(checked(project))


def checks_of_weaves(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The entries whose kept weave is checked against its surroundings one by one, as they are."""
    checked_ones: list[str] = []
    real = Context.of

    def of(self: Context, entry: Entry, read: Reading) -> str:
        checked_ones.append(entry.slug)
        return real(self, entry, read)

    monkeypatch.setattr(Context, "of", of)
    return checked_ones


def test_weaves_kept_against_the_same_surroundings_are_taken_whole(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept_check(project)
    assert (project.root / WORK / "against.json").is_file()
    prose(project.root)
    looked_at = checks_of_weaves(monkeypatch)
    result, stats = kept_check(project)
    assert stats.woven == ["content/gamma.md"]
    assert looked_at == ["gamma"]  # noting what the new weave read; no kept weave checked itself
    assert woven_pages(result) == woven_pages(checked(project))


def test_weaves_kept_against_other_surroundings_each_check_themselves(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept_check(project)
    new_alias(project.root)
    looked_at = checks_of_weaves(monkeypatch)
    result, stats = kept_check(project)
    assert sorted(stats.woven) == ["content/alpha.md", "content/gamma.md"]
    assert sorted(set(looked_at)) == ["alpha", "beta", "embedding", "gamma"]
    assert woven_pages(result) == woven_pages(checked(project))


def test_a_save_cut_short_leaves_no_file_vouching_for_the_weaves(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept_check(project)
    new_alias(project.root)  # alpha's kept weave no longer holds: "vector index" is now gamma's name
    real = work.write_shard

    def failing(path: Path, generator: str, payload: object) -> None:
        if path.name.startswith("woven-"):
            raise OSError(28, "No space left on device")
        real(path, generator, payload)

    monkeypatch.setattr(work, "write_shard", failing)
    kept_check(project)
    assert not (project.root / WORK / "against.json").exists()
    monkeypatch.setattr(work, "write_shard", real)
    result, stats = kept_check(project)
    assert sorted(stats.woven) == ["content/alpha.md", "content/gamma.md"]  # the old weaves checked themselves
    assert woven_pages(result) == woven_pages(checked(project))


# -- a cache that cannot be trusted ------------------------------------------------------------


def shard(root: Path) -> Path:
    return sorted((root / WORK).glob("woven-*.json"))[0]


def parts(path: Path) -> tuple[dict[str, object], bytes]:
    line, payload = path.read_bytes().split(b"\n", 1)
    return json.loads(line), payload


def rewrite(path: Path, payload: bytes, **header: object) -> None:
    """Put `payload` in the shard with a header that vouches for it (as a careful forger would)."""
    old, _ = parts(path)
    fields = {**old, "sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload), **header}
    path.write_bytes(json.dumps(fields).encode() + b"\n" + payload)


def with_tag(path: Path, tag: str) -> None:
    _, payload = parts(path)
    data = json.loads(payload)
    key = next(iter(data["records"]))
    data["records"][key]["woven"]["@"] = tag
    rewrite(path, json.dumps(data).encode())


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-10] ^= 0x01
    path.write_bytes(bytes(data))


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "checksum": (flip_a_byte, "checksum mismatch"),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size * 2 // 3]), "truncated"),
    "empty": (lambda p: p.write_bytes(b""), "no header"),
    "not a cache": (lambda p: p.write_bytes(b"\x00\xff garbage\n{]"), "not JSON"),
    "unknown tag": (lambda p: with_tag(p, "Nope"), "found the tag 'Nope'"),
    "a non-dataclass": (lambda p: with_tag(p, "builtins.eval"), "found the tag 'builtins.eval'"),
    "another kind": (lambda p: with_tag(p, "Entry"), "found the tag 'Entry'"),
    "huge nesting": (lambda p: rewrite(p, b"[" * 200_000 + b"]" * 200_000), "nested too deeply"),
    "wrong shape": (lambda p: rewrite(p, b'{"kind": "woven", "records": []}'), "not a shard of woven records"),
}


@pytest.mark.parametrize("damage", list(DAMAGE.values()), ids=list(DAMAGE))
def test_a_damaged_shard_is_left_out_with_one_line_and_changes_nothing(
    damage: tuple[Callable[[Path], None], str], project: Project, cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = project.root
    assert cli("check", cwd=root).code == 0
    prose(root)
    spoil, reason = damage
    broken = shard(root)
    spoil(broken)
    run = cli("check", cwd=root)
    cold = cli("check", cwd=copy_project(root, tmp_path / "cold", cache=False))
    (line,) = run.err.splitlines()[:-1]  # then the summary
    assert line.startswith(f"{(WORK / broken.name).as_posix()}: warning: cache ignored: ")
    assert reason in line
    assert (run.code, run.out, run.err.splitlines()[-1]) == (cold.code, cold.out, cold.err.rstrip("\n"))
    assert cli("check", cwd=root).err == cold.err, "the shard was written afresh"


def against(root: Path, records: object) -> None:
    path = root / WORK / "against.json"
    rewrite(path, json.dumps({"kind": "against", "records": records}).encode())


ALTERED = {
    "checksum": (lambda root: flip_a_byte(root / WORK / "against.json"), "checksum mismatch"),
    "not a digest": (lambda root: against(root, {"en": "0" * 63 + "g"}), "unreadable record"),
    "not a language": (lambda root: against(root, {"../en": "0" * 64}), "unreadable record"),
    "wrong shape": (lambda root: against(root, [["en", "0" * 64]]), "not a shard of against records"),
}


@pytest.mark.parametrize("alter", list(ALTERED.values()), ids=list(ALTERED))
def test_an_altered_surroundings_file_is_left_out_with_one_line(
    alter: tuple[Callable[[Path], None], str], project: Project, cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = project.root
    assert cli("check", cwd=root).code == 0
    new_alias(root)
    spoil, reason = alter
    spoil(root)
    run = cli("check", cwd=root)
    cold = cli("check", cwd=copy_project(root, tmp_path / "cold", cache=False))
    (line,) = run.err.splitlines()[:-1]
    assert line.startswith(f"{(WORK / 'against.json').as_posix()}: warning: cache ignored: {reason}")
    assert (run.code, run.out, run.err.splitlines()[-1]) == (cold.code, cold.out, cold.err.rstrip("\n"))
    assert cli("check", cwd=root).err == cold.err, "the file was written afresh"


def test_weaves_vouched_for_against_older_surroundings_check_themselves(project: Project, tmp_path: Path) -> None:
    kept_check(project)
    shutil.copytree(project.root / WORK, tmp_path / "before")
    new_alias(project.root)
    kept_check(project)
    shutil.rmtree(project.root / WORK)
    shutil.copytree(tmp_path / "before", project.root / WORK)  # the weaves and the file from before the alias
    result, stats = kept_check(project)
    assert sorted(stats.woven) == ["content/alpha.md", "content/gamma.md"]
    assert woven_pages(result) == woven_pages(checked(project))


FOREIGN = {
    "generator": ({"generator": "glossator 0.0.1 0123456789abcdef"}, "written by glossator 0.0.1 0123456789abcdef"),
    "format": ({"version": 99}, "format version 99, this build reads 1"),
}


@pytest.mark.parametrize("foreign", list(FOREIGN.values()), ids=list(FOREIGN))
def test_a_cache_of_another_version_is_left_out_in_one_line(
    foreign: tuple[dict[str, object], str], project: Project, cli: Callable[..., CliRun]
) -> None:
    root = project.root
    assert cli("check", cwd=root).code == 0
    header, reason = foreign
    for path in (root / WORK).glob("*.json"):
        rewrite(path, parts(path)[1], **header)
    run = cli("check", cwd=root)
    (line,) = run.err.splitlines()[:-1]
    assert line == f"{WORK.as_posix()}: warning: cache ignored: {reason}"
    assert cli("check", cwd=root).err.splitlines()[:-1] == []


def test_a_cache_committed_to_the_repository_is_not_read(project: Project, cli: Callable[..., CliRun]) -> None:
    root = project.root
    assert cli("check", cwd=root).code == 0
    with_tag(shard(root), "Nope")  # it would be reported if it were read
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-f", str(WORK)], cwd=root, check=True)
    run = cli("check", cwd=root)
    (line,) = run.err.splitlines()[:-1]
    assert line.startswith(f"{WORK.as_posix()}: warning: cache ignored: it is tracked by git")


@pytest.mark.slow
def test_a_build_over_damaged_shards_is_a_build_without_them(
    project: Project, cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = project.root
    built(cli, root)
    prose(root)
    validated = sorted((root / WORK).glob("validated-*.json"))[0]
    flip_a_byte(validated)
    with_tag(shard(root), "builtins.eval")
    run = cli("build", cwd=root)
    assert run.code == 0
    ignored = [line for line in run.err.splitlines() if "cache ignored" in line]
    assert len(ignored) == 2
    assert read_site(root / "site") == built(cli, copy_project(root, tmp_path / "cold", cache=False))


def test_a_damaged_shard_no_record_belongs_in_any_more_is_removed(project: Project, cli: Callable[..., CliRun]) -> None:
    root = project.root
    assert cli("check", cwd=root).code == 0
    held = {p.name for p in (root / WORK).glob("woven-*.json")}
    empty = next(f"woven-{b}.json" for b in "0123456789abcdef" if f"woven-{b}.json" not in held)
    (root / WORK / empty).write_bytes(b"left by something else\n")
    assert "cache ignored" in cli("check", cwd=root).err
    assert not (root / WORK / empty).exists()
    assert "cache ignored" not in cli("check", cwd=root).err
