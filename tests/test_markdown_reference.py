"""The Markdown engine against its reference: markdown-it-py, configured as the project first had it.

Prose is parsed by pulldown-cmark, but markdown-it's reading of Markdown is
the behaviour the project promises.  This holds the reference configuration
(CommonMark, tables, strikethrough, the typographer, no raw HTML, no images,
the same allow-list of link schemes, `[[term links]]`) and checks that both
give the same HTML, words and term links for every piece of prose in the
bundled glossary and the test projects, and for any text made of common
Markdown.

Known, accepted differences (both safe, both CommonMark readings) stay out
of the generated text: `~~` next to punctuation, link reference definitions
inside list items, a table beginning on a list item's line, brackets nested
inside a `[[...]]`, and `&#0;` inside a link's address (markdown-it keeps it
as written, pulldown-cmark reads it as U+FFFD).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from glossator.build.pipeline import Project
from glossator.content.config import read_config
from glossator.content.load import load_content
from glossator.content.model import Prose
from glossator.content.validate import validate
from glossator.prose.markdown import is_safe_url, parse, parse_inline, plain_text, render

ROOT = Path(__file__).parent.parent
PROJECTS = [ROOT, ROOT / "tests" / "fixtures" / "golden-site", ROOT / "tests" / "hostile" / "valid"]
ACCEPTED = {"content/obfuscated-links.md"}  # `[nul entity](java&#0;script:...)`: see the module's docstring
TERM = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")


def _term_rule(state: StateInline, silent: bool) -> bool:
    match = TERM.match(state.src, state.pos) if state.src.startswith("[[", state.pos) else None
    if match is None:
        return False
    if not silent:
        token = state.push("term_link", "a", 0)
        token.content = " ".join((match.group(2) or match.group(1)).split())
        token.meta = {"target": " ".join(match.group(1).split())}
    state.pos = match.end()
    return True


def _render_term(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    url = env["term_url"](tokens[idx].meta["target"])
    shown = escape(tokens[idx].content)
    return f'<span class="term-missing">{shown}</span>' if url is None else f'<a class="term" href="{url}">{shown}</a>'


def reference() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = is_safe_url  # type: ignore[method-assign]
    md.inline.ruler.before("link", "term_link", _term_rule)
    md.add_render_rule("term_link", _render_term)
    return md


MD = reference()


def term_url(target: str) -> str | None:
    return None if "x" in target else f"/glossary/{target}/"


def reference_html(text: str, *, inline: bool) -> tuple[str, list[str]]:
    """The reference's HTML for `text`, and the targets of its term links in order."""
    env: dict[str, Any] = {"term_url": term_url}
    tokens = MD.parseInline(" ".join(text.split()), env) if inline else MD.parse(text, env)
    targets = [c.meta["target"] for t in tokens for c in t.children or () if c.type == "term_link"]
    if inline:
        tokens = list(tokens[0].children or [])
    return str(MD.renderer.render(tokens, MD.options, env)), targets


def reference_words(text: str, *, inline: bool) -> str:
    tokens = MD.parseInline(" ".join(text.split()), {}) if inline else MD.parse(text, {})
    words: list[str] = []
    for token in tokens:
        for child in token.children or [token]:
            if child.type in ("text", "code_inline", "term_link"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.type.endswith("_close") and token.block:
            words.append(" ")
    return " ".join("".join(words).split())


def assert_same(text: str, *, inline: bool = False) -> None:
    prose = Prose(text, 1)
    doc = parse_inline(prose) if inline else parse(prose)
    html, targets = reference_html(text, inline=inline)
    assert render(doc, term_url) == html
    assert [ref.target for ref in doc.refs] == targets
    assert plain_text(doc) == reference_words(text, inline=inline)


def prose_of(project: Path) -> list[tuple[str, str, bool]]:
    """(file, text, whether inline) for every piece of prose in a project's entries."""
    config = read_config(project / "site.yaml", project).value
    assert config is not None
    sources, _ = load_content(
        Project.at(project, cwd=project).content,
        default_lang=config.language,
        other_langs=[x.code for x in config.all_languages[1:]],
        cwd=project,
    )
    found: list[tuple[str, str, bool]] = []
    for source in sources:
        entry = validate(source, config).value
        if entry is None or source.path in ACCEPTED:
            continue
        found.append((source.path, entry.summary.text, True))
        pieces = [entry.body, *(m.truth for m in entry.misconceptions), *entry.prose.values()]
        pieces += [entry.example.body] if entry.example else []
        found += [(source.path, piece.text, False) for piece in pieces]
    return found


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_every_piece_of_prose_reads_as_the_reference_reads_it(project: Path) -> None:
    pieces = prose_of(project)
    assert pieces
    for path, text, inline in pieces:
        try:
            assert_same(text, inline=inline)
        except AssertionError as problem:
            raise AssertionError(f"{path}: {text[:80]!r}") from problem


COMMON = [
    "\n", " ", "  ", "\n\n", "word", "it's", "a", "b", "*", "**", "_", "`", '"', "'", "-", "--", "---", "...", "#",
    "## ", "> ", "- ", "1. ", "\\*", '\\"', "&amp;", "&copy;", "<b>", "</b>", "<div>", "!", ".", ",",
    "http://x.example/", "<http://a.example>", "[[rag]]", "[[rag|shown]]", "[x](http://x.example/)",
    "[y](javascript:z)", "![i](http://x.example/i.png)", "(c)", "+-", "é", "漢", "  \n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
]  # fmt: skip
common_markdown = st.lists(st.sampled_from(COMMON), max_size=50).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(common_markdown)
def test_common_markdown_reads_as_the_reference_reads_it(text: str) -> None:
    assert_same(text)
    assert_same(text, inline=True)
