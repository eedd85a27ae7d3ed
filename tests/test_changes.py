"""The preview's memory: each batch of saves sorted into one kind, and what each kind makes its caches drop."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from glossator.build.memo import Memo
from glossator.build.pipeline import CheckResult, check, render
from glossator.content.load import entry_place, load_content
from glossator.content.project import Project, load_config
from glossator.pages.assets import THEME_STATIC
from glossator.pages.render import PageCache
from glossator.pages.templates import THEME_TEMPLATES
from glossator.pages.urls import Urls
from glossator.preview.changes import Change, ChangeKind, Saved, classify
from tests.helpers import BILINGUAL_SITE_YAML


def entry(title: str, body: str = "It is a thing.") -> str:
    return (
        f"---\ntitle: {title}\ncategory: Core Concepts\nlevel: beginner\nsummary: {title} in short.\n---\n"
        f"## What is this?\n\n{body}\n"
    )


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Project:
    """Two entries in English, one of them translated."""
    files = {
        "content/alpha.md": entry("Alpha", "It comes before [[beta]]."),
        "content/beta.md": entry("Beta"),
        "content/zh-tw/beta.md": entry("貝塔"),
        "static/logo.svg": "<svg/>",
        "templates/.keep": "",
    }
    return Project.at(make_project(files, site_yaml=BILINGUAL_SITE_YAML))


def built(project: Project) -> CheckResult:
    result = check(project, load_config(project), drafts=True, warnings=False)
    assert result.ok, result.diagnostics
    return result


def kind_of(project: Project, *rel: str | Path, last: CheckResult | None = None) -> ChangeKind:
    paths = {p if isinstance(p, Path) else project.root / p for p in rel}
    return classify(paths, project, last or built(project)).kind


# -- the classifier ----------------------------------------------------------------------------


def test_a_saved_entry_may_change_only_its_own_page(project: Project) -> None:
    change = classify({project.content / "alpha.md"}, project, built(project))
    assert change == Change(ChangeKind.PAGE, (Saved("en", "alpha", project.content / "alpha.md"),))


def test_a_saved_translation_may_change_only_its_own_page(project: Project) -> None:
    change = classify({project.content / "zh-tw" / "beta.md"}, project, built(project))
    assert change == Change(ChangeKind.PAGE, (Saved("zh-tw", "beta", project.content / "zh-tw" / "beta.md"),))


def test_a_saved_entry_is_found_however_its_path_is_spelled(project: Project) -> None:
    spelled = project.root / "content" / ".." / "content" / "alpha.md"
    change = classify({spelled}, project, built(project))
    # It is read where the build reads it, so that what is remembered of the file is shared.
    assert change.saved == (Saved("en", "alpha", project.content / "alpha.md"),)


def test_paths_the_build_never_reads_do_not_count(project: Project) -> None:
    content = project.content
    litter = [content / "alpha.md~", content / "notes.txt", content / "drafts" / "x.md", content / ".alpha.md.swp"]
    change = classify({content / "alpha.md", content, *litter}, project, built(project))
    assert change.kind is ChangeKind.PAGE and [s.slug for s in change.saved] == ["alpha"]
    assert classify(set(litter), project, built(project)) == Change(ChangeKind.PAGE)  # no page to render
    assert kind_of(project, "static/site.css", content / "notes.txt") is ChangeKind.STYLES


def make_new_entry(project: Project) -> str:
    (project.content / "gamma.md").write_text(entry("Gamma"), encoding="utf-8")
    return "content/gamma.md"


def delete_an_entry(project: Project) -> str:
    (project.content / "alpha.md").unlink()
    return "content/alpha.md"


def link_an_entry(project: Project) -> str:
    elsewhere = project.root / "alpha-copy.md"
    shutil.copy(project.content / "alpha.md", elsewhere)
    (project.content / "alpha.md").unlink()
    (project.content / "alpha.md").symlink_to(elsewhere)
    return "content/alpha.md"


def misname_an_entry(project: Project) -> str:
    (project.content / "Not A Slug.md").write_text(entry("Misnamed"), encoding="utf-8")
    return "content/Not A Slug.md"


@pytest.mark.parametrize(
    "save",
    [
        make_new_entry,
        delete_an_entry,
        link_an_entry,
        misname_an_entry,
        lambda project: "content/beta.md",  # a source: its translations say when it changes
        lambda project: "content",  # a folder reported alone was moved in or made whole
        lambda project: "content/zh-tw",
    ],
    ids=["new", "deleted", "now a link", "misnamed", "translated source", "content folder", "language folder"],
)
def test_a_save_that_may_change_other_pages_needs_the_content_built_again(
    project: Project, save: Callable[[Project], str]
) -> None:
    last = built(project)
    assert kind_of(project, save(project), last=last) is ChangeKind.ENTRIES


def test_without_a_good_build_every_content_change_needs_the_content_built(project: Project) -> None:
    assert classify({project.content / "alpha.md"}, project, None) == Change(ChangeKind.ENTRIES)


@pytest.mark.parametrize(
    ("paths", "kind"),
    [
        (["site.yaml"], ChangeKind.CONFIG),
        (["templates/entry.html"], ChangeKind.TEMPLATES),
        (["templates"], ChangeKind.TEMPLATES),
        ([THEME_TEMPLATES / "entry.html"], ChangeKind.TEMPLATES),
        (["static/site.css"], ChangeKind.STYLES),
        ([THEME_STATIC / "site.css"], ChangeKind.STYLES),
        (["static/logo.svg"], ChangeKind.STATIC),
        (["static/logo.svg", "static/site.css"], ChangeKind.STYLES),
        (["static"], ChangeKind.STYLES),  # a folder may hold stylesheets
        (["static/gone.svg"], ChangeKind.STYLES),  # and so may a path that is no longer there
        (["site.yaml", "content/alpha.md"], ChangeKind.EVERYTHING),
        (["templates/entry.html", "static/site.css"], ChangeKind.EVERYTHING),
        (["content/beta.md", "static/logo.svg"], ChangeKind.EVERYTHING),
        (["elsewhere.txt"], ChangeKind.EVERYTHING),
    ],
)
def test_every_batch_is_one_kind(project: Project, paths: list[str | Path], kind: ChangeKind) -> None:
    assert kind_of(project, *paths) is kind


def test_entry_place_names_exactly_the_files_load_content_reads(make_project: Callable[..., Path]) -> None:
    texts = ("alpha.md", "zh-tw/beta.md", "fr/gamma.md", "drafts/delta.md", ".hidden.md", "Not A Slug.md", "x.txt")
    root = make_project({f"content/{name}": entry("Anything") for name in texts})
    content = root / "content"
    sources, problems = load_content(content, default_lang="en", other_langs=["zh-tw"], cwd=root)
    places = {entry_place(p, content, "en", ["zh-tw"]) for p in content.rglob("*") if p.is_file()} - {None}
    # A file with a name that is no slug is read too: to say so.
    assert places == {(s.lang, s.slug) for s in sources} | {("en", "Not A Slug")}
    # The files it does not read as entries, though they look like ones, it says it does not read.
    assert [(problem.path, problem.code) for problem in problems] == [
        ("content/drafts/delta.md", "not-read"),
        ("content/fr/gamma.md", "not-read"),
        ("content/Not A Slug.md", "slug"),
    ]


# -- what each kind drops ----------------------------------------------------------------------

KINDS = list(ChangeKind)


@pytest.mark.parametrize("kind", KINDS, ids=[k.value for k in KINDS])
def test_the_memo_validates_again_only_after_site_yaml_may_have_changed(project: Project, kind: ChangeKind) -> None:
    config = load_config(project)
    sources, _ = load_content(project.content, default_lang="en", cwd=project.root)
    memo = Memo()
    first = memo.validate(sources, config)
    assert [a.value for a in memo.validate(sources, config)] == [a.value for a in first]
    memo.invalidate(kind)
    again = memo.validate(sources, config)
    assert [a.value for a in again] == [a.value for a in first]  # equal answers either way
    kept = all(a.value is b.value for a, b in zip(again, first, strict=True))
    assert kept is (kind not in (ChangeKind.CONFIG, ChangeKind.EVERYTHING))


@pytest.mark.parametrize("kind", KINDS, ids=[k.value for k in KINDS])
def test_the_page_cache_drops_what_each_kind_makes_stale(project: Project, kind: ChangeKind) -> None:
    pages = PageCache()
    env, assets = pages.environment(project.templates), pages.assets(project.static)
    drawn: list[Mapping[str, object]] = []

    def draw(specs: Mapping[str, object]) -> dict[str, bytes]:
        drawn.append(specs)
        return {"card.png": b"png"}

    specs = {"card.png": object()}
    cards = pages.cards_for(specs, draw)  # type: ignore[arg-type]
    pages.invalidate(kind)
    assert (pages.environment(project.templates) is env) is (kind not in (ChangeKind.TEMPLATES, ChangeKind.EVERYTHING))
    stale_assets = (ChangeKind.STYLES, ChangeKind.STATIC, ChangeKind.EVERYTHING)
    assert (pages.assets(project.static) is assets) is (kind not in stale_assets)
    assert (pages.cards_for(specs, draw) is cards) is (kind is not ChangeKind.EVERYTHING)  # type: ignore[arg-type]
    assert len(drawn) == (2 if kind is ChangeKind.EVERYTHING else 1)


def test_cards_are_drawn_again_when_what_they_show_changes() -> None:
    pages = PageCache()
    drawn: list[object] = []

    def draw(specs: Mapping[str, object]) -> dict[str, bytes]:
        drawn.append(specs)
        return {"card.png": bytes(len(drawn))}

    first = pages.cards_for({"card.png": "one"}, draw)  # type: ignore[dict-item, arg-type]
    assert pages.cards_for({"card.png": "one"}, draw) is first  # type: ignore[dict-item, arg-type]
    assert pages.cards_for({"card.png": "two"}, draw) != first  # type: ignore[dict-item, arg-type]


@pytest.mark.parametrize("kind", KINDS, ids=[k.value for k in KINDS])
def test_pages_are_rendered_again_only_when_their_kind_of_change_says_so(project: Project, kind: ChangeKind) -> None:
    result = built(project)
    assert result.glossary is not None
    pages = PageCache()

    def site() -> dict[str, bytes]:
        assert result.glossary is not None
        return render(project, result.glossary, translations=result.translations, search=False, pages=pages)

    first = site()
    entry_page, home = Urls.file_for(Urls.entry("alpha")), "index.html"
    pages.invalidate(kind)
    again = site()
    assert again == first
    kept = kind in (ChangeKind.PAGE, ChangeKind.ENTRIES)
    assert (again[entry_page] is first[entry_page]) is kept
    assert (again[home] is first[home]) is kept
