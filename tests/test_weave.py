"""Weaving an entry's prose, as its page shows it: term links resolved, first mentions linked, HTML kept inert."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import CliRun, HtmlPage, build_site, entry_text, read_page, write_project

BODY = """\
## What is this?

Explicit links: [[vector-database]], [[Retrieval-Augmented Generation]], [[VDB]] and [[rag|the shown text]].
A tokenizer appears here first, and a tokenizer again here.

## Tokenizer in a heading

Code such as `Tokenizer` and a real <b>tag</b> stay as written; a link to [[embeddings]] resolves by plural.
This very entry, [[chunking]], is not a link to itself.
"""

ENTRIES = {
    "chunking": entry_text("Chunking", body=BODY, summary="Splitting text *before* [[embedding]] it."),
    "embedding": entry_text("Embedding", body="## What is this?\n\nNumbers. Chunking comes first.\n"),
    "rag": entry_text("Retrieval-Augmented Generation", extra="aliases: [RAG]\n"),
    "vector-database": entry_text("Vector Database", extra="aliases: [VDB]\n"),
    "tokenizer": entry_text("Tokenizer"),
    "literal": entry_text(
        "Literal",
        summary='"Write \\\\[[slug]] to link."',
        body="## What is this?\n\nBrackets \\[[as text]] and `[[in code]]`.\n",
    ),
    "quiet": entry_text(
        "Quiet", extra="autolink: false\n", body="## What is this?\n\nEmbedding, Tokenizer and Chunking.\n"
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("weave") / "p", {f"content/{s}.md": t for s, t in ENTRIES.items()})
    return build_site(root, root.parent / "site")


def entry(site: Path, slug: str) -> HtmlPage:
    return read_page((site / "glossary" / slug / "index.html").read_bytes())


def term_links(page: HtmlPage) -> list[tuple[str, str | None]]:
    """(shown text, address) of every term link in the entry's explanation and summary."""
    return [
        (a.text, a.get("href")) for a in page.all("a") if "term" in a.classes and not a.inside("section", "related")
    ]


def test_term_links_resolve_by_slug_title_alias_and_plural_and_keep_their_shown_text(site: Path) -> None:
    links = term_links(entry(site, "chunking"))
    for wanted in [
        ("vector-database", "/glossary/vector-database/"),
        ("Retrieval-Augmented Generation", "/glossary/rag/"),
        ("VDB", "/glossary/vector-database/"),
        ("the shown text", "/glossary/rag/"),
        ("embeddings", "/glossary/embedding/"),
    ]:
        assert wanted in links, (wanted, links)


def test_a_summary_is_inline_markdown_with_its_term_links(site: Path) -> None:
    page = entry(site, "chunking")
    summary = page.with_class("tldr__text")[0]
    assert summary.text == "Splitting text before embedding it."
    assert [e.tag for e in page.descendants(summary)] == ["em", "a"]


def test_only_the_first_mention_in_prose_is_linked_and_never_in_headings_or_code(site: Path) -> None:
    page = entry(site, "embedding")
    assert term_links(page) == [("Chunking", "/glossary/chunking/")]
    chunking = entry(site, "chunking")
    automatic = [a.get("href") for a in chunking.all("a") if "term" in a.classes and a.text == "tokenizer"]
    assert automatic == ["/glossary/tokenizer/"], "the first mention only"
    assert not [a for a in chunking.all("a") if a.inside("h3") or a.inside("code")]


def test_an_entry_never_links_to_itself(site: Path) -> None:
    page = entry(site, "chunking")
    assert "/glossary/chunking/" not in [href for _, href in term_links(page)]
    assert [e.text for e in page.with_class("term--self")] == ["chunking"]


def test_raw_html_in_prose_is_shown_as_text(site: Path) -> None:
    page = entry(site, "chunking")
    assert not page.all("b")
    assert "a real <b>tag</b> stay as written" in page.text


def test_autolink_false_in_an_entry_turns_mentions_into_plain_words(site: Path) -> None:
    page = entry(site, "quiet")
    assert term_links(page) == []
    assert "Embedding, Tokenizer and Chunking." in page.text


def test_a_malformed_term_link_is_an_error_where_it_is_written(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    body = "## What is this?\n\nSee [[tokenizer|]] and \\[[literal]] brackets.\n"
    impact = "impact: |\n  A first line.\n  Then [[|tokenizer]] here.\n"
    root = make_project(
        {
            "content/chunking.md": entry_text("Chunking", body=body, extra=impact),
            "content/tokenizer.md": entry_text("Tokenizer", summary="Cuts text; see [[]]."),
        }
    )
    run = cli("check", cwd=root)
    assert run.code == 1
    assert run.errors == (
        "content/chunking.md:8:8: error: term link [[|tokenizer]]: no entry is named before '|'; "
        "write [[tokenizer]] or [[target|tokenizer]], or \\[[ for brackets as text [term-link]\n"
        "content/chunking.md:12:5: error: term link [[tokenizer|]]: nothing to show after '|'; "
        "write [[tokenizer]] or [[tokenizer|shown text]], or \\[[ for brackets as text [term-link]\n"
        "content/tokenizer.md:5:25: error: term link [[]]: it is empty; write [[slug]] or [[slug|shown text]], "
        "or \\[[ for brackets as text [term-link]\n"
    )


def test_escaped_or_quoted_brackets_are_text_in_summaries_and_bodies(site: Path) -> None:
    page = entry(site, "literal")
    assert page.with_class("tldr__text")[0].text == "Write [[slug]] to link."
    assert "Brackets [[as text]] and [[in code]]." in page.text
    assert not page.with_class("term-missing") and term_links(page) == []
