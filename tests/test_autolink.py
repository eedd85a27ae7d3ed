"""Auto-linking over tricky prose: the first mention of another entry's name becomes a link."""

from __future__ import annotations

from glossator.content.model import Prose
from glossator.prose.autolink import Matcher, auto_targets, autolink
from glossator.prose.markdown import parse, render

NAMES = {
    "Prompt": "prompt",
    "Prompt Engineering": "prompt-engineering",
    "RAG": "rag",
    "Retrieval-Augmented Generation": "rag",
    "Embedding": "embedding",
    "Fine-Tuning": "fine-tuning",
    "Café Latte": "cafe-latte",
    "Policy": "policy",
}
MATCHER = Matcher(NAMES)


def link(text: str, taken: set[str] | None = None) -> str:
    doc = autolink(parse(Prose(text, 1)), MATCHER, set() if taken is None else taken)
    return render(doc, lambda slug: f"/g/{slug}/").strip()


def test_the_longest_name_wins_over_a_shorter_one_inside_it() -> None:
    assert link("Good prompt engineering beats a clever prompt.") == (
        '<p>Good <a class="term" href="/g/prompt-engineering/">prompt engineering</a> beats a clever '
        '<a class="term" href="/g/prompt/">prompt</a>.</p>'
    )


def test_only_the_first_mention_is_linked() -> None:
    html = link("An embedding here, another embedding there.")
    assert html.count("<a ") == 1 and html.index("<a ") < html.index("another")


def test_whole_words_only() -> None:
    assert "<a " not in link("Embeddingless promptly policymakers.")


def test_simple_plurals_and_punctuation() -> None:
    html = link("Embeddings, policies (and fine-tuning).")
    assert 'href="/g/embedding/">Embeddings</a>' in html
    assert 'href="/g/policy/">policies</a>' in html
    assert 'href="/g/fine-tuning/">fine-tuning</a>' in html


def test_hyphen_or_space_between_words_both_match() -> None:
    assert 'href="/g/fine-tuning/">fine tuning</a>' in link("Try fine tuning.")


def test_acronyms_match_only_in_capitals() -> None:
    assert link("Use RAG, not a rag.") == '<p>Use <a class="term" href="/g/rag/">RAG</a>, not a rag.</p>'
    assert 'href="/g/rag/">RAGs</a>' in link("Two RAGs.")


def test_non_ascii_names_and_case() -> None:
    assert 'href="/g/cafe-latte/">café latte</a>' in link("A café latte, please.")


def test_never_in_headings_code_or_existing_links() -> None:
    text = (
        "## Embedding basics\n\n"
        "Use `embedding` in code, and [an embedding](https://example.org/) as a link.\n\n"
        "```\nembedding in a fence\n```\n\n"
        "Finally an embedding.\n"
    )
    html = link(text)
    assert "<h2>Embedding basics</h2>" in html
    assert "<code>embedding</code>" in html
    assert '<a href="https://example.org/">an embedding</a>' in html
    assert "embedding in a fence" in html
    assert html.count('class="term"') == 1 and 'Finally an <a class="term" href="/g/embedding/">embedding</a>' in html


def test_names_already_taken_are_not_linked_again() -> None:
    taken = {"embedding"}
    assert "<a " not in link("An embedding.", taken)
    taken = set()
    link("An embedding.", taken)
    assert taken == {"embedding"}


def test_auto_targets_lists_what_was_linked() -> None:
    doc = autolink(parse(Prose("RAG and prompts.", 1)), MATCHER, set())
    assert auto_targets(doc) == ["rag", "prompt"]


def test_matching_works_among_twenty_thousand_names() -> None:
    # The trie walks the words of the text once, whatever the number of names; this
    # checks the answers at that size (timings belong to the benchmark).
    names = {f"Term {i}": f"term-{i}" for i in range(20_000)} | {"Embedding": "embedding"}
    matcher = Matcher(names)
    assert matcher.find("see term 1234 and embeddings") == [(4, 13, "term-1234"), (18, 28, "embedding")]
