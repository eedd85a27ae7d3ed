"""A term's life: deprecated with a successor, renamed with its old address kept, reviewed, or one name of several.

Each is built end to end and read as a reader, a search engine, a host and a
program reading the API would; `check` says where content still leans on
what has changed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.build.pipeline import check
from glossator.content.project import Project, load_config
from glossator.core.clock import build_date
from glossator.preview.server import Preview
from tests.helpers import (
    MINIMAL_SITE_YAML,
    CliRun,
    HtmlPage,
    build_site,
    entry_text,
    indexed_names,
    read_page,
    read_site,
)
from tests.lifecycle_project import FILES, lifecycle_project

BASE = "https://example.org/docs/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = lifecycle_project(tmp_path_factory.mktemp("lifecycle") / "project")
    return read_site(build_site(root, root.parent / "site", base_url=BASE))


def page(site: dict[str, bytes], path: str) -> HtmlPage:
    return read_page(site[path])


def diagnostics(root: Path, *, today: dt.date | None = None) -> list[str]:
    project = Project.at(root)
    result = check(project, load_config(project), today=today)
    return [
        f"{d.path.split('/')[-1]}:{d.line}:{d.col}: {d.severity}: {d.message} [{d.code}]" for d in result.diagnostics
    ]


def codes(found: list[str], code: str) -> list[str]:
    return [d for d in found if d.endswith(f"[{code}]")]


# -- deprecated --------------------------------------------------------------------------------


def test_a_deprecated_page_says_so_near_the_top_and_links_its_successor(site: dict[str, bytes]) -> None:
    html = page(site, "glossary/function-calling/index.html")
    notice = html.with_class("deprecated-banner")
    assert len(notice) == 1 and notice[0].get("role") == "note"
    assert "deprecated" in notice[0].text and "Use Tool Use instead." in notice[0].text
    links = [a for a in html.all("a") if a.inside("p", "deprecated-banner")]
    assert [a.get("href") for a in links] == ["/docs/glossary/tool-use/"]
    text = site["glossary/function-calling/index.html"].decode()
    assert text.index("deprecated-banner") < text.index('class="tldr"'), "the notice comes before the summary"


def test_a_current_page_has_no_notice(site: dict[str, bytes]) -> None:
    assert page(site, "glossary/tool-use/index.html").with_class("deprecated-banner") == []


def test_listings_mark_a_deprecated_term(site: dict[str, bytes]) -> None:
    cards = page(site, "category/tools/index.html").with_class("card")
    marked = {c.text.split()[0:2] == ["Function", "Calling"]: "Deprecated" in c.text for c in cards}
    assert marked == {True: True, False: False}


def test_search_ranks_a_deprecated_term_after_current_ones(site: dict[str, bytes]) -> None:
    rows = indexed_names(site.__getitem__)
    flagged = {row[0]: row[3:] for row in rows}
    assert flagged["Function Calling"] == [{"deprecated": "Deprecated"}]
    assert all(not extra for title, extra in flagged.items() if title != "Function Calling")
    article = page(site, "glossary/function-calling/index.html").one("article").attrs
    assert float(article["data-pagefind-weight"]) < 1
    assert article["data-pagefind-meta"] == "deprecated:Deprecated"
    assert "data-pagefind-weight" not in page(site, "glossary/tool-use/index.html").one("article").attrs
    script = next(v for k, v in site.items() if re.fullmatch(r"assets/site\.[0-9a-f]+\.js", k)).decode()
    assert "a[1].note" in script and "about.deprecated" in script and "meta.deprecated" in script, (
        "both searches put deprecated terms last"
    )


def test_check_warns_where_another_entry_still_links_a_deprecated_term(make_project: Callable[..., Path]) -> None:
    root = lifecycle_project(make_project().parent / "p")
    (root / "content" / "rl-agent.md").write_text(
        FILES["content/rl-agent.md"].replace("Compare the [[ai-agent]].", "Unlike [[function-calling|functions]]."),
        encoding="utf-8",
    )
    (root / "content" / "ai-agent.md").write_text(
        FILES["content/ai-agent.md"].replace("related: [tool-use]", "related: [tool-use, function-calling]"),
        encoding="utf-8",
    )
    found = codes(diagnostics(root), "deprecated-link")
    assert found == [
        "ai-agent.md:7:21: warning: related: 'function-calling': that entry is deprecated (status: deprecated); "
        "link [[tool-use]] instead [deprecated-link]",
        "rl-agent.md:11:41: warning: term link [[function-calling]]: that entry is deprecated (status: deprecated); "
        "link [[tool-use]] instead [deprecated-link]",
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("replaced_by: tool-use\n", "replaced_by: only a deprecated entry names a successor"),
        ("status: deprecated\nreplaced_by: tool-usage\n", "replaced_by: no entry 'tool-usage' (did you mean"),
        ("status: deprecated\nreplaced_by: agent\n", "'agent' is a disambiguation page"),
        ("status: deprecated\nreplaced_by: function-calling\n", "'function-calling' is deprecated too"),
    ],
)
def test_a_successor_must_be_a_current_term(make_project: Callable[..., Path], extra: str, expected: str) -> None:
    root = lifecycle_project(make_project().parent / "p")
    (root / "content" / "old-name.md").write_text(entry_text("Old Name", extra=extra), encoding="utf-8")
    errors = [d for d in diagnostics(root) if ": error: " in d]
    assert len(errors) == 1 and errors[0].startswith("old-name.md:") and expected in errors[0], errors


# -- redirects ---------------------------------------------------------------------------------


def test_an_old_slug_has_a_page_that_sends_readers_on(site: dict[str, bytes]) -> None:
    html = page(site, "glossary/llm-agent/index.html")
    metas = {m.get("name") or m.get("http-equiv"): m.get("content") for m in html.all("meta")}
    assert metas["refresh"] == "0; url=/docs/glossary/ai-agent/"
    assert metas["robots"] == "noindex"
    assert [link.get("href") for link in html.all("link") if link.get("rel") == "canonical"] == [
        BASE + "glossary/ai-agent/"
    ]
    assert [(a.get("href"), a.text) for a in html.all("a")] == [("/docs/glossary/ai-agent/", "AI Agent")]


def test_hosts_that_read_a_redirects_file_get_the_same_moves(site: dict[str, bytes]) -> None:
    assert site["_redirects"] == b"/docs/glossary/llm-agent/ /docs/glossary/ai-agent/ 301\n"


def test_the_sitemap_lists_current_addresses_only(site: dict[str, bytes]) -> None:
    sitemap = site["sitemap.xml"].decode()
    assert BASE + "glossary/ai-agent/" in sitemap and "llm-agent" not in sitemap


def test_the_api_records_old_slugs_deprecation_meanings_and_reviews(site: dict[str, bytes]) -> None:
    terms = {t["slug"]: t for t in json.loads(site["api/terms.json"])["terms"]}
    assert terms["ai-agent"]["redirect_from"] == ["llm-agent"]
    assert (terms["function-calling"]["status"], terms["function-calling"]["replaced_by"]) == ("deprecated", "tool-use")
    assert terms["agent"]["kind"] == "disambiguation"
    assert [m["slug"] for m in terms["agent"]["meanings"]] == ["ai-agent", "rl-agent"]
    reviewed = terms["tool-use"]
    assert (reviewed["reviewed"], reviewed["reviewers"]) == ("2026-03-02", ["Ada Lovelace", "Alan Turing"])
    plain = terms["rl-agent"].keys()
    assert not {"status", "redirect_from", "kind", "meanings", "reviewed"} & plain, "a plain term reads as before"


@pytest.mark.parametrize(
    ("where", "extra", "expected"),
    [
        ("content/tool-use.md", "redirect_from: [rl-agent]\n", "'rl-agent' is the slug of a current entry"),
        ("content/rl-agent.md", "redirect_from: [llm-agent]\n", "'llm-agent' is already an old slug of"),
        ("content/tool-use.md", "redirect_from: [tool-use]\n", "this is the entry's own slug"),
    ],
)
def test_an_old_slug_in_use_or_claimed_twice_is_an_error(
    make_project: Callable[..., Path], where: str, extra: str, expected: str
) -> None:
    root = lifecycle_project(make_project().parent / "p")
    path = root / where
    path.write_text(path.read_text(encoding="utf-8").replace("---\n## What", f"{extra}---\n## What"), encoding="utf-8")
    errors = [d for d in diagnostics(root) if ": error: " in d]
    assert len(errors) == 1 and expected in errors[0] and errors[0].startswith(Path(where).name), errors


# -- disambiguation ----------------------------------------------------------------------------


def test_a_disambiguation_page_lists_each_meaning_with_its_note_and_summary(site: dict[str, bytes]) -> None:
    html = page(site, "glossary/agent/index.html")
    meanings = html.by_id("meanings-title")
    assert meanings.text == "“Agent” may mean:"
    cards = [c for c in html.with_class("card") if c.inside("section", "meanings")]
    assert [c.text.split("\n")[0] for c in cards] and len(cards) == 2
    assert "Software that pursues a goal" in cards[0].text and "A language model in a loop" in cards[0].text
    assert "The learner in reinforcement learning." in cards[1].text and "rewarded for good outcomes" in cards[1].text
    hrefs = [a.get("href") for a in html.all("a") if a.inside("section", "meanings")]
    assert hrefs == ["/docs/glossary/ai-agent/", "/docs/glossary/rl-agent/"]
    assert html.with_class("badge--level") == [], "a disambiguation page has no level"


def test_the_header_search_offers_every_meaning_of_the_name(site: dict[str, bytes]) -> None:
    rows = indexed_names(site.__getitem__)
    by_name = [row[0] for row in rows if "agent" in [n.casefold() for n in (row[0], *row[2])]]
    assert by_name == ["Agent", "AI Agent", "Reinforcement Learning Agent"]


def test_a_link_to_an_ambiguous_name_is_an_error_naming_the_choices(make_project: Callable[..., Path]) -> None:
    root = lifecycle_project(make_project().parent / "p")
    tool = root / "content" / "tool-use.md"
    tool.write_text(tool.read_text(encoding="utf-8") + "\nAn [[agent]] uses it, and so does any agent.\n")
    errors = [d for d in diagnostics(root) if ": error: " in d]
    assert errors == [
        "tool-use.md:15:4: error: term link [[agent]] is ambiguous: did you mean [[ai-agent]] or [[rl-agent]]? "
        "[ambiguous-term]"
    ]


def test_auto_linking_never_links_an_ambiguous_name(make_project: Callable[..., Path]) -> None:
    root = lifecycle_project(make_project().parent / "p")
    tool = root / "content" / "tool-use.md"
    mentions = "\nAny agent can use it; so can a reinforcement learning agent.\n"
    tool.write_text(tool.read_text(encoding="utf-8") + mentions)
    html = read_page(read_site(build_site(root, root.parent / "out"))["glossary/tool-use/index.html"])
    linked = {a.get("href") for a in html.all("a") if a.get("class") == "term"}
    assert "/glossary/rl-agent/" in linked, "the full name is not ambiguous"
    assert "/glossary/agent/" not in linked and "/glossary/ai-agent/" not in linked


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "meanings:\n  - slug: ai-agent\n    note: One.\n  - slug: rl-agent\n    note: Two.\n"
            "example:\n  title: A case\n  body: It happened.\n",
            "example: a disambiguation page only lists the meanings of its name",
        ),
        ("meanings:\n  - slug: ai-agent\n    note: One.\n", "meanings: expected at least 2 items (got 1)"),
        (
            "meanings:\n  - slug: ai-agent\n    note: One.\n  - slug: ai-agnet\n    note: Two.\n",
            "meanings: no entry 'ai-agnet' (did you mean 'ai-agent'?)",
        ),
        ("meanings:\n  - slug: ai-agent\n    note: One.\n  - slug: ai-agent\n    note: Two.\n", "is listed twice"),
        ("", "meanings: required field is missing"),
    ],
)
def test_a_disambiguation_page_needs_its_meanings_and_nothing_a_term_explains(
    make_project: Callable[..., Path], extra: str, expected: str
) -> None:
    text = "---\ntitle: Agent Word\ncategory: Tools\nsummary: Two things.\nkind: disambiguation\n" + extra + "---\n"
    root = lifecycle_project(make_project().parent / "p")
    (root / "content" / "agent-word.md").write_text(text, encoding="utf-8")
    errors = [d for d in diagnostics(root) if ": error: " in d]
    assert len(errors) == 1 and expected in errors[0], errors


def test_a_disambiguation_page_is_asked_for_no_explanation(make_project: Callable[..., Path]) -> None:
    root = lifecycle_project(make_project().parent / "p")
    assert [d for d in diagnostics(root) if d.startswith(("agent.md", "function-calling.md"))] == []


# -- reviews -----------------------------------------------------------------------------------


def test_the_last_review_is_shown_on_the_page(site: dict[str, bytes]) -> None:
    shown = page(site, "glossary/tool-use/index.html").with_class("entry__reviewed")
    assert [p.text for p in shown] == ["Reviewed 2 March 2026 by Ada Lovelace, Alan Turing"]
    assert page(site, "glossary/ai-agent/index.html").with_class("entry__reviewed") == []


def test_a_review_older_than_site_yaml_allows_is_a_warning_on_that_day(make_project: Callable[..., Path]) -> None:
    yearly = MINIMAL_SITE_YAML + "review_after_days: 365\n"
    root = lifecycle_project(make_project().parent / "p", site_yaml=yearly)
    assert codes(diagnostics(root, today=dt.date(2027, 3, 2)), "review-due") == []
    assert codes(diagnostics(root, today=dt.date(2027, 3, 3)), "review-due") == [
        "tool-use.md:8:11: warning: reviewed: last reviewed 2026-03-02, 366 days before 2027-03-03; site.yaml asks "
        "for a review every 365 days (review_after_days): have an expert check the entry, then update reviewed "
        "[review-due]"
    ]


def test_without_a_review_period_no_review_is_ever_due(make_project: Callable[..., Path]) -> None:
    root = lifecycle_project(make_project().parent / "p")
    assert codes(diagnostics(root, today=dt.date(2099, 1, 1)), "review-due") == []


def test_the_day_of_a_check_is_the_builds_date_when_one_is_given() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "1772409600"}) == dt.date(2026, 3, 2)


def test_review_after_days_is_checked_in_site_yaml(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project(site_yaml=MINIMAL_SITE_YAML + "review_after_days: soon\n")
    run = cli("check", "--root", str(root))
    assert run.code == 2 and "review_after_days: expected a whole number (got 'soon')" in run.err


# -- the preview -------------------------------------------------------------------------------


def test_the_preview_shows_every_stage(tmp_path: Path) -> None:
    root = lifecycle_project(tmp_path / "project")
    preview = Preview(Project.at(root), base_url="http://127.0.0.1:9/")
    snapshot = preview.rebuild()
    assert not snapshot.errors, snapshot.errors
    files = snapshot.files
    assert b"deprecated-banner" in files["glossary/function-calling/index.html"]
    assert b'url=/glossary/ai-agent/"' in files["glossary/llm-agent/index.html"]
    assert b"Software that pursues a goal" in files["glossary/agent/index.html"]
    assert files["_redirects"] == b"/glossary/llm-agent/ /glossary/ai-agent/ 301\n"
