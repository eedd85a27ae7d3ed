"""One glossary in several languages: configuration, fallbacks, pages and translation tracking.

The fixture in tests/fixtures/bilingual has four English entries and two
Traditional Chinese translations: `cache` is up to date, `index` records a
source version that no longer exists (it is outdated on purpose), and
`sharding` and `queue` are not translated.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.build.pipeline import Project, check, link_language, load_config
from glossator.cli import main
from glossator.content.config import RESERVED_PREFIXES, read_config
from glossator.core.labels import count_label, merge_labels
from glossator.pages.views import letter_of, sort_key
from glossator.prose.link import resolve
from glossator.prose.translations import source_hash, with_source_hash
from tests.helpers import MINIMAL_SITE_YAML, HtmlPage, build_site, entry_text, indexed_names, read_page, read_site

FIXTURE = Path(__file__).parent / "fixtures" / "bilingual"


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    root = tmp_path / "bilingual"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bilingual") / "project"
    shutil.copytree(FIXTURE, root)
    return build_site(root, root / "site")


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def page(site: Path, path: str) -> HtmlPage:
    return read_page((site / path).read_bytes())


def alternates(page: HtmlPage) -> dict[str, str]:
    """The page's other language versions: hreflang -> href of its <link rel=alternate>s."""
    return {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in page.all("link")
        if link.get("rel") == "alternate" and link.get("hreflang") is not None
    }


def switcher(page: HtmlPage) -> dict[str, str]:
    """Where the language switcher leads: hreflang -> href of each of its links."""
    return {a.attrs["hreflang"]: a.attrs["href"] for a in page.all("a") if a.inside("details", "lang-switch")}


# -- configuration --------------------------------------------------------------------------
def test_languages_come_default_first_with_their_names_tags_and_labels(tmp_path: Path) -> None:
    read = read_config(FIXTURE / "site.yaml", tmp_path)
    config = read.value
    assert config is not None and read.problems == ()
    assert [x.code for x in config.all_languages] == ["en", "zh-tw"]
    zh = config.all_languages[1]
    assert (zh.name, zh.tag, zh.dir) == ("繁體中文", "zh-Hant-TW", "ltr")
    assert zh.labels["thirty_second"] == "30 秒看懂"  # built in for zh-tw
    part = config.localized("zh-tw")
    assert part.base_url == "https://example.org/g/zh-tw/" and part.site_url == "https://example.org/g/"
    assert part.title == "迷你雙語詞彙表"
    assert [(c.name, c.slug, c.id) for c in part.categories] == [
        ("基礎", "basics", "Basics"),
        ("方法", "methods", "Methods"),
    ]
    assert part.category("Basics") is not None, "entries name categories by their site.yaml name in every language"


def test_a_right_to_left_language_is_written_right_to_left(make_project: Callable[..., Path]) -> None:
    root = make_project(site_yaml=MINIMAL_SITE_YAML + "languages:\n  ar:\n  he:\n    name: Hebrew\n")
    read = read_config(root / "site.yaml", root)
    config = read.value
    assert config is not None, read.problems
    assert [(x.code, x.dir, x.name) for x in config.all_languages] == [
        ("en", "ltr", "English"),
        ("ar", "rtl", "العربية"),
        ("he", "rtl", "Hebrew"),
    ]


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ("  ZH:\n", "languages.ZH: a language code is lowercase, like fr, pt-br or zh-tw"),
        ("  tag:\n", "languages.tag: a language code is lowercase"),
        ("  fr:\n    categories:\n      Core Concept: Notions\n", "no category 'Core Concept' in categories:"),
        ("  fr:\n    labels:\n      thirty_secnd: En bref\n", "languages.fr.labels.thirty_secnd: no such label"),
        (
            "  en:\n    labels:\n      search: Find\nlabels:\n  search: Look\n",
            "the default language's labels are already under labels:",
        ),
    ],
)
def test_language_settings_are_checked(make_project: Callable[..., Path], languages: str, message: str) -> None:
    root = make_project(site_yaml=MINIMAL_SITE_YAML + "languages:\n" + languages)
    read = read_config(root / "site.yaml", root)
    assert read.value is None
    assert any(message in str(p) for p in read.problems), read.problems


def test_a_language_without_translated_labels_is_reported(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {"content/a.md": entry_text("A")}, site_yaml=MINIMAL_SITE_YAML + "languages:\n  nl:\n    name: Nederlands\n"
    )
    project = Project.at(root, cwd=root)
    result = check(project, load_config(project))
    warnings = [str(d) for d in result.diagnostics if d.code == "untranslated-labels"]
    assert len(warnings) == 1 and warnings[0].startswith("site.yaml:"), warnings
    assert "languages.nl.labels" in warnings[0] and "print in English on Nederlands pages" in warnings[0]


# -- hashing and sorting ------------------------------------------------------------------------
def test_the_source_hash_is_short_stable_and_blind_to_line_endings(tmp_path: Path) -> None:
    text = entry_text("Cache")
    assert re.fullmatch(r"[0-9a-f]{12}", source_hash(text))
    assert source_hash(text) == source_hash(text)
    assert source_hash(text) != source_hash(text + "More.\n")
    lf, crlf = tmp_path / "lf.md", tmp_path / "crlf.md"
    lf.write_bytes(text.encode())
    crlf.write_bytes(text.replace("\n", "\r\n").encode())
    from glossator.content.load import Limits, read_source

    a = read_source(lf, slug="lf", lang="en", cwd=tmp_path, limits=Limits()).value
    b = read_source(crlf, slug="crlf", lang="en", cwd=tmp_path, limits=Limits()).value
    assert a is not None and b is not None and source_hash(a.text) == source_hash(b.text)


def test_recording_a_source_hash_changes_that_one_line_only() -> None:
    text = "---\ntitle: 快取\nsource_hash: 000000000000\nlevel: beginner\n---\nBody: source_hash: stays\n"
    assert with_source_hash(text, "abcdefabcdef") == text.replace("000000000000", "abcdefabcdef")
    without = "---\ntitle: 快取\nlevel: beginner\n---\nsource_hash: in the body\n"
    assert with_source_hash(without, "abcdefabcdef") == (
        "---\ntitle: 快取\nsource_hash: abcdefabcdef\nlevel: beginner\n---\nsource_hash: in the body\n"
    )


def test_a_source_hash_is_recorded_in_the_front_matter_as_validation_reads_it() -> None:
    ended = "---\ntitle: 快取\n...\ntitle: in the body\n---\n"  # YAML's end-of-document mark closes it too
    assert with_source_hash(ended, "abcdefabcdef") == ended.replace("快取\n", "快取\nsource_hash: abcdefabcdef\n")
    for broken in ("title: no fences\n", "---\ntitle: never closed\n", "---"):
        with pytest.raises(ValueError, match="front matter"):
            with_source_hash(broken, "abcdefabcdef")


def test_chinese_titles_sort_by_their_reading_and_group_by_its_first_symbol() -> None:
    readings = {"索引": "ㄙㄨㄛ ㄧㄣ", "快取": "ㄎㄨㄞ ㄑㄩ", "嵌入": "ㄑㄧㄢ ㄖㄨ", "分片": "ㄈㄣ ㄆㄧㄢ"}
    ordered = sorted(readings, key=lambda title: sort_key(readings[title]))
    assert ordered == ["分片", "快取", "嵌入", "索引"]  # ㄈ ㄎ ㄑ ㄙ: the order of the Zhuyin table
    assert [letter_of(readings[t]) for t in ordered] == ["ㄈ", "ㄎ", "ㄑ", "ㄙ"]
    assert letter_of("Token") == "T" and letter_of("Échelle") == "E" and letter_of("42 things") == "#"


# -- linking -----------------------------------------------------------------------------------
def test_a_translation_links_to_its_own_entries_first_and_falls_back_to_the_source(bilingual: Path) -> None:
    project = Project.at(bilingual, cwd=bilingual)
    result = check(project, load_config(project))
    assert result.ok, result.diagnostics
    (zh,) = result.translations
    assert zh.source is result.glossary
    assert sorted(zh.entries) == ["cache", "index"]
    assert {"index", "sharding"} <= set(zh.links["cache"])
    assert zh.related["cache"][0] == "index"
    assert "sharding" in zh.links["cache"], "a link to an untranslated entry still counts as a link"
    assert "sharding" not in zh.backlinks, "backlinks are only between pages in the same language"


def test_names_resolve_in_the_translation_before_the_source(make_project: Callable[..., Path]) -> None:
    config = read_config(FIXTURE / "site.yaml", FIXTURE).value
    assert config is not None
    names = {"快取": "cache", "cache": "cache", "index": "index"}
    assert resolve("快取", names) == "cache"
    assert resolve("Caches", {"cache": "cache"}) == "cache"
    assert link_language([], config)[0].source is None


def test_a_translation_without_a_source_file_is_an_error(bilingual: Path) -> None:
    (bilingual / "content" / "zh-tw" / "cashe.md").write_text(entry_text("錯字", category="Basics"), "utf-8")
    project = Project.at(bilingual, cwd=bilingual)
    result = check(project, load_config(project))
    errors = [str(d) for d in result.diagnostics if d.severity == "error"]
    assert errors == [
        "content/zh-tw/cashe.md:1:1: error: translation: there is no cashe.md in the default language to translate; "
        "a translation has the same file name as its source (did you mean 'cache'?) [no-source]"
    ]


def test_only_a_translation_may_record_a_source_hash(bilingual: Path) -> None:
    path = bilingual / "content" / "queue.md"
    path.write_text(path.read_text("utf-8").replace("level: beginner", "level: beginner\nsource_hash: abcdefabcdef"))
    project = Project.at(bilingual, cwd=bilingual)
    errors = [str(d) for d in check(project, load_config(project)).diagnostics if d.severity == "error"]
    assert errors == [
        "content/queue.md:5:14: error: source_hash: only a translation (content/<language>/queue.md) records its "
        "source [source-hash]"
    ]


# -- the built site ------------------------------------------------------------------------------
def test_every_page_has_its_languages_lang_and_dir(site: Path) -> None:
    for html in site.rglob("*.html"):
        rel = html.relative_to(site).as_posix()
        attrs = page(site, rel).one("html").attrs
        expected = "zh-Hant-TW" if rel.startswith("zh-tw/") else "en"
        assert (attrs["lang"], attrs["dir"]) == (expected, "ltr"), rel


def test_hreflang_alternates_pair_up_in_both_directions(site: Path) -> None:
    en, zh = page(site, "glossary/cache/index.html"), page(site, "zh-tw/glossary/cache/index.html")
    pair = {
        "en": "https://example.org/g/glossary/cache/",
        "zh-Hant-TW": "https://example.org/g/zh-tw/glossary/cache/",
        "x-default": "https://example.org/g/glossary/cache/",
    }
    assert alternates(en) == pair and alternates(zh) == pair
    untranslated = page(site, "glossary/sharding/index.html")
    assert alternates(untranslated) == {}, "a page with one version lists no alternates"
    for listing in ("", "category/basics/", "level/beginner/", "search/"):
        assert alternates(page(site, listing + "index.html"))["zh-Hant-TW"].endswith(f"/g/zh-tw/{listing}")


def test_the_switcher_leads_to_the_same_term_or_to_that_languages_home(site: Path) -> None:
    assert switcher(page(site, "glossary/cache/index.html")) == {
        "en": "/g/glossary/cache/",
        "zh-Hant-TW": "/g/zh-tw/glossary/cache/",
    }
    assert switcher(page(site, "zh-tw/glossary/cache/index.html"))["en"] == "/g/glossary/cache/"
    assert switcher(page(site, "glossary/sharding/index.html"))["zh-Hant-TW"] == "/g/zh-tw/"
    assert "尚未翻譯" not in read(site, "glossary/sharding/index.html")
    assert "not translated yet" in read(site, "glossary/sharding/index.html")
    assert switcher(page(site, "tag/storage/index.html"))["zh-Hant-TW"] == "/g/zh-tw/", "tags differ by language"


def test_each_language_lists_only_its_own_entries_in_its_own_order(site: Path) -> None:
    home = read(site, "zh-tw/index.html")
    az = "".join(re.findall(r'<ul class="az__list">(.*?)</ul>', home, re.S))
    assert re.findall(r'<a href="(/g/[^"]+)">', az) == ["/g/zh-tw/glossary/cache/", "/g/zh-tw/glossary/index/"]
    assert re.findall(r'<h3 class="az__letter"[^>]*>([^<]+)</h3>', home) == ["ㄎ", "ㄙ"]
    basics = read(site, "zh-tw/category/basics/index.html")
    assert "<h1" in basics and "基礎" in basics and "/g/zh-tw/glossary/cache/" in basics
    assert "queue" not in basics, "an untranslated entry is not listed among a language's own"
    english = read(site, "category/basics/index.html")
    assert "/g/glossary/queue/" in english and "zh-tw/glossary" not in english


def test_a_link_to_an_untranslated_entry_goes_to_the_source_and_says_so(site: Path) -> None:
    html = read(site, "zh-tw/glossary/cache/index.html")
    assert (
        '<a class="term" href="/g/glossary/sharding/" hreflang="en">分片<span class="term__lang">（English）</span></a>'
        in html
    )
    assert '<a class="term" href="/g/zh-tw/glossary/index/">索引</a>' in html
    previews = json.loads(re.search(r'id="term-previews">(.*?)</script>', html).group(1))  # type: ignore[union-attr]
    assert previews["/g/glossary/sharding/"]["lang"] == "en"
    assert previews["/g/glossary/sharding/"]["title"] == "Sharding"
    assert "lang" not in previews["/g/zh-tw/glossary/index/"]


def test_chinese_text_is_auto_linked_without_spaces_between_words(site: Path) -> None:
    html = read(site, "zh-tw/glossary/index/index.html")
    assert '前面可以再放一層<a class="term" href="/g/zh-tw/glossary/cache/">快取</a>。' in html


def test_diagrams_and_labels_are_in_the_pages_language(site: Path) -> None:
    html = read(site, "zh-tw/glossary/cache/index.html")
    for label in ("30 秒看懂", "常見誤解", "比較圖", "相關主題"):
        assert label in html
    svg = read(site, "zh-tw/glossary/cache/diagram.svg")
    assert "快取與索引" in svg and "答案的副本" in svg and "比較項目" in svg
    assert "2026 年 10 月 5 日" in html


def test_machine_readable_files_exist_per_language(site: Path) -> None:
    terms = json.loads(read(site, "zh-tw/api/terms.json"))
    assert terms["language"] == "zh-Hant-TW"
    assert [t["slug"] for t in terms["terms"]] == ["cache", "index"]
    assert terms["terms"][0]["url"] == "https://example.org/g/zh-tw/glossary/cache/"
    assert 'xml:lang="zh-Hant-TW"' in read(site, "zh-tw/feed.xml")
    names = indexed_names(lambda path: (site / path).read_bytes(), "zh-tw/")
    assert [row[0] for row in names] == ["快取", "索引"]
    assert not (site / "zh-tw" / "404.html").exists() and not (site / "zh-tw" / "assets").exists()
    sitemap = read(site, "sitemap.xml")
    assert "<loc>https://example.org/g/zh-tw/glossary/cache/</loc>" in sitemap
    assert 'hreflang="zh-Hant-TW" href="https://example.org/g/zh-tw/glossary/cache/"' in sitemap


def test_no_language_code_may_take_a_folder_the_site_itself_writes(site: Path) -> None:
    # site.yaml is read in a stage below the one that decides where pages go: this keeps the two in step.
    folders = {p.name for p in site.iterdir() if p.is_dir()} - {"zh-tw"}
    assert folders and folders <= RESERVED_PREFIXES


@pytest.mark.parametrize(
    ("language", "n", "text"),
    [("en", 0, "0 terms"), ("en", 1, "1 term"), ("en", 2, "2 terms"), ("zh-tw", 1, "1 個詞條")],
)
def test_a_count_reads_in_its_languages_singular_or_plural(language: str, n: int, text: str) -> None:
    assert count_label(merge_labels({}, language), "terms_count", n) == text


def test_search_is_indexed_once_per_language(site: Path) -> None:
    entry = json.loads(read(site, "pagefind/pagefind-entry.json"))
    assert sorted(entry["languages"]) == ["en", "zh-hant-tw"]
    assert entry["languages"]["zh-hant-tw"]["page_count"] == 2
    assert entry["languages"]["en"]["page_count"] == 4
    search = read(site, "zh-tw/search/index.html")
    assert 'data-pagefind="/g/pagefind/"' in search, "every language's search page uses the one shared bundle"


def test_assets_and_share_cards_are_shared_by_every_language(site: Path) -> None:
    html = read(site, "zh-tw/glossary/cache/index.html")
    assert re.search(r'href="/g/assets/site\.[0-9a-f]+\.css"', html)
    assert '<meta property="og:image" content="https://example.org/g/card.png">' in html


# -- translation tracking, end to end ----------------------------------------------------------
def test_an_outdated_translation_is_reported_shown_listed_and_cleared(
    bilingual: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bilingual)
    # An edit to the source makes its up-to-date translation outdated.
    source = bilingual / "content" / "cache.md"
    source.write_text(source.read_text("utf-8").replace("close by.", "close by, in memory."), "utf-8")

    assert main(["check"]) == 0
    out = capsys.readouterr().out
    outdated = [line for line in out.splitlines() if line.endswith("[outdated-translation]")]
    assert [line.split(": warning: ")[0] for line in outdated] == [
        "content/zh-tw/cache.md:3:14",
        "content/zh-tw/index.md:3:14",
    ]
    assert "content/cache.md has changed since it was translated" in outdated[0]
    assert "python build.py translate-status --update zh-tw/cache" in outdated[0]
    assert main(["check", "--strict"]) == 1

    site = build_site(bilingual, bilingual / "site")
    html = (site / "zh-tw" / "glossary" / "cache" / "index.html").read_text("utf-8")
    notice = re.search(r'<p class="outdated-banner" role="note"[^>]*>(.*?)</p>', html, re.S)
    assert notice is not None
    assert "這篇翻譯可能已經過時" in notice.group(1)
    link = '<a href="/g/glossary/cache/" hreflang="en"><bdi>閱讀最新原文（<bdi>English</bdi>）</bdi></a>'
    assert link in notice.group(1)
    capsys.readouterr()

    assert main(["translate-status"]) == 0
    report = capsys.readouterr().out
    assert report.splitlines()[0] == "zh-tw (繁體中文): 2/4 translated (50%), 2 outdated, 0 untracked, 2 missing"
    assert "  outdated  content/zh-tw/cache.md  (source: content/cache.md)" in report
    assert "  missing   content/zh-tw/queue.md  (start with: python build.py new --translate zh-tw queue)" in report
    assert main(["translate-status", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["languages"]["zh-tw"]
    assert data == {
        "name": "繁體中文",
        "total": 4,
        "translated": 2,
        "coverage": 0.5,
        "outdated": ["cache", "index"],
        "untracked": [],
        "missing": ["queue", "sharding"],
    }

    # The translator catches up and records it.
    assert main(["translate-status", "--update", "zh-tw/cache", "zh-tw/index"]) == 0
    capsys.readouterr()
    assert main(["check"]) == 0
    assert "outdated-translation" not in capsys.readouterr().out
    site = build_site(bilingual, bilingual / "site")
    html = (site / "zh-tw" / "glossary" / "cache" / "index.html").read_text("utf-8")
    assert "outdated-banner" not in html
    assert main(["translate-status", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["languages"]["zh-tw"]["outdated"] == []


def test_a_translation_without_a_source_hash_is_called_untracked_not_outdated(
    bilingual: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bilingual)
    translation = bilingual / "content" / "zh-tw" / "cache.md"
    translation.write_text(re.sub(r"^source_hash: .*\n", "", translation.read_text("utf-8"), flags=re.M), "utf-8")

    assert main(["check"]) == 0
    out = capsys.readouterr().out
    warnings = [line for line in out.splitlines() if line.startswith("content/zh-tw/cache.md:")]
    warnings = [line for line in warnings if "source_hash" in line or "translat" in line]
    assert len(warnings) == 1 and warnings[0].endswith("[no-source-hash]"), warnings
    assert "untracked" in warnings[0] and "whether it is up to date is not known" in warnings[0]
    assert "start tracking it with: python build.py translate-status --update zh-tw/cache" in warnings[0]
    assert "has changed" not in warnings[0]

    site = build_site(bilingual, bilingual / "site")
    html = (site / "zh-tw" / "glossary" / "cache" / "index.html").read_text("utf-8")
    notice = re.search(r'<p class="outdated-banner" role="note"[^>]*>(.*?)</p>', html, re.S)
    assert notice is not None
    assert "沒有記錄它依據的是哪一版原文" in notice.group(1)
    assert "原文在翻譯之後有所修改" not in notice.group(1), "a change to the original is not known"
    assert '<a href="/g/glossary/cache/" hreflang="en">' in notice.group(1)
    capsys.readouterr()

    assert main(["translate-status"]) == 0
    report = capsys.readouterr().out
    assert "1 outdated, 1 untracked" in report.splitlines()[0]
    assert "  outdated  content/zh-tw/cache.md" not in report
    assert (
        "  untracked content/zh-tw/cache.md  (no source_hash; once it matches content/cache.md, "
        "start tracking with: python build.py translate-status --update zh-tw/cache)"
    ) in report
    assert main(["translate-status", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["languages"]["zh-tw"]
    assert (data["outdated"], data["untracked"]) == (["index"], ["cache"])

    assert main(["translate-status", "--update", "zh-tw/cache"]) == 0
    site = build_site(bilingual, bilingual / "site")
    assert "outdated-banner" not in (site / "zh-tw" / "glossary" / "cache" / "index.html").read_text("utf-8")


def test_update_refuses_what_it_cannot_find(
    bilingual: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bilingual)
    assert main(["translate-status", "--update", "fr/cache", "zh-tw/queue"]) == 1
    err = capsys.readouterr().err
    assert "'fr/cache' is not <language>/<slug> with a language from site.yaml (zh-tw)" in err
    assert "content/zh-tw/queue.md does not exist" in err


def test_new_translate_keeps_the_structure_and_marks_every_text(
    bilingual: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bilingual)
    (bilingual / "content" / "zh-tw" / "cache.md").unlink()
    assert main(["new", "--translate", "zh-tw", "cache"]) == 0
    scaffold = (bilingual / "content" / "zh-tw" / "cache.md").read_text("utf-8")
    assert f"source_hash: {source_hash((bilingual / 'content' / 'cache.md').read_text('utf-8'))}" in scaffold
    assert "related: [index]" in scaffold and 'category: "Basics"' in scaffold and "level: beginner" in scaffold
    assert 'cells: [{yes: "✎ Until refreshed"}, {no: "✎ Kept in step"}]' in scaffold
    assert "## ✎ What is this?" in scaffold
    assert main(["new", "--translate", "zh-tw", "cache"]) == 1, "never overwrites"
    capsys.readouterr()

    assert main(["check"]) == 1
    out = capsys.readouterr().out
    marked = [line for line in out.splitlines() if line.startswith("content/zh-tw/") and "[placeholder]" in line]
    fields = [line.split(": error: ")[1].split(": replace")[0] for line in marked]
    assert fields == [
        "title",
        "summary",
        "tags[0]",
        "comparison.title",
        "comparison.columns[0]",
        "comparison.columns[1]",
        "comparison.rows[0].label",
        "comparison.rows[0].cells[0]",
        "comparison.rows[0].cells[1]",
        "comparison.rows[1].label",
        "comparison.rows[1].cells[0].yes",
        "comparison.rows[1].cells[1].no",
        "misconceptions[0].myth",
        "misconceptions[0].truth",
        "misconceptions[1].myth",
        "misconceptions[1].truth",
        "body",
        "body",
    ], out

    # Translating every marked text (here: dropping the marks) leaves a valid, tracked translation.
    (bilingual / "content" / "zh-tw" / "cache.md").write_text(scaffold.replace("✎ ", ""), "utf-8")
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "content/zh-tw/cache.md" not in " ".join(
        line for line in out.splitlines() if "[outdated" in line or "[no-source" in line
    )


def test_new_translate_refuses_an_unknown_language_or_entry(
    bilingual: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bilingual)
    assert main(["new", "--translate", "fr", "cache"]) == 1
    assert "'fr' is not a language in site.yaml (languages: zh-tw)" in capsys.readouterr().err
    assert main(["new", "--translate", "zh-tw", "cashe"]) == 1
    assert "content/cashe.md does not exist" in capsys.readouterr().err
    assert main(["new", "Term", "--translate", "zh-tw", "queue"]) == 2


def test_builds_are_byte_identical_with_languages(bilingual: Path, tmp_path: Path) -> None:
    first = read_site(build_site(bilingual, tmp_path / "one"))
    shutil.rmtree(bilingual / ".glossator-cache")
    assert read_site(build_site(bilingual, tmp_path / "two")) == first


def test_every_translation_warning_code_is_documented_for_contributors() -> None:
    from glossator.prose.translations import CODES

    guide = (Path(__file__).parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"| `{code}` |" in guide, code
