"""The link stage: names, term-link resolution, related topics and backlinks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossator.build.pipeline import link_language
from glossator.content.config import Category, SiteConfig
from glossator.content.load import SourceFile
from glossator.content.model import Entry
from glossator.content.validate import validate
from glossator.core.slugs import name_slug
from glossator.prose.autolink import Matcher
from glossator.prose.glossary import Glossary
from glossator.prose.link import MAX_RELATED, fold, has_related, plurals, resolve, singulars
from tests.conftest import entry_text

CONFIG = SiteConfig(
    title="T",
    base_url="https://example.org/",
    categories=(Category("Core Concepts", "core-concepts", "", 0), Category("Tools", "tools", "", 1)),
)


def entry(slug: str, title: str, **kw: str) -> Entry:
    text = entry_text(title, **kw)
    checked = validate(SourceFile(f"content/{slug}.md", slug, "en", text, "0"), CONFIG)
    result, problems = checked.value, checked.problems
    assert result is not None, problems
    return result


NAMES = {
    "fine-tuning": "fine-tuning",
    "embedding": "embedding",
    "policy": "policy",
    "rag": "rag",
    "retrieval-augmented generation": "rag",
    "pod-lifecycle": "pod-lifecycle",
}


@pytest.mark.parametrize(
    ("target", "slug"),
    [
        ("fine-tuning", "fine-tuning"),
        ("Fine-Tuning", "fine-tuning"),
        ("RAG", "rag"),
        ("Retrieval-Augmented  Generation", "rag"),
        ("embeddings", "embedding"),
        ("policies", "policy"),
        ("pod", None),
        ("fine", None),
        ("embeddingss", None),
    ],
)
def test_resolution_is_exact_case_insensitive_and_knows_simple_plurals(target: str, slug: str | None) -> None:
    assert resolve(target, NAMES) == slug


# Words made of the letters the plural endings are made of, so that every ending and its guards are met.
ENDING_WORDS = st.text(alphabet="aeisy", min_size=1, max_size=7)


@given(ENDING_WORDS)
def test_plurals_and_singulars_are_one_rule_read_both_ways(word: str) -> None:
    assert all(word in singulars(plural) for plural in plurals(word))
    assert all(word in plurals(singular) for singular in singulars(word))


def test_simple_plurals_keep_two_letters_before_the_ending() -> None:
    assert plurals("policy") == ("policies", "policyes", "policys")
    assert singulars("policies") == ("policy", "polici", "policie")
    assert plurals("a") == () and singulars("as") == ()


@pytest.mark.parametrize("name", ["Embedding", "Policy", "Fine-Tuning", "Key Policy", "Vitamin A", "R", "AI Say"])
def test_a_mention_is_auto_linked_as_a_plural_exactly_when_a_term_link_resolves_it(name: str) -> None:
    matcher, names = Matcher({name: "x"}), {fold(name): "x"}
    for text in (name + "s", name + "es", name[:-1] + "ies"):
        whole = matcher.find(text) == [(0, len(text), "x")]
        assert whole == (resolve(text, names) == "x"), text


def test_fold_ignores_case_and_spacing() -> None:
    assert fold("  Fine   TUNING ") == "fine tuning"


def test_links_are_checked_and_become_backlinks() -> None:
    a = entry("alpha", "Alpha", body="## What?\n\nSee [[Beta]] and [[betas]].\n")
    b = entry("beta", "Beta", body="## What?\n\nNothing.\n")
    glossary, problems = link_language([a, b], CONFIG)
    assert problems == []
    assert glossary.backlinks == {"beta": ("alpha",)}
    assert glossary.links == {"alpha": ("beta",), "beta": ()}
    assert glossary.prose["alpha"].sections[0].html.count('<a class="term" href=') == 2, "the plural resolves too"


def test_unknown_term_link_is_an_error_at_its_position_with_a_suggestion() -> None:
    a = entry("alpha", "Alpha", body="## What?\n\nSee [[Betta]].\n")
    b = entry("beta", "Beta")
    _, problems = link_language([a, b], CONFIG)
    assert [str(p) for p in problems] == [
        "content/alpha.md:9:5: error: term link [[Betta]]: no entry has this slug, title or alias "
        "(did you mean 'Beta'?) [unknown-term]"
    ]


def test_unknown_related_slug_is_an_error_with_a_suggestion() -> None:
    a = entry("alpha", "Alpha", extra="related: [betta]\n")
    b = entry("beta", "Beta")
    _, problems = link_language([a, b], CONFIG)
    assert [str(p) for p in problems] == [
        "content/alpha.md:6:11: error: related: no entry 'betta' (did you mean 'beta'?) [unknown-related]"
    ]


def test_a_title_that_another_entry_also_claims_is_an_error() -> None:
    a = entry("alpha", "Alpha", extra="aliases: [Shared]\n")
    b = entry("beta", "shared")
    _, problems = link_language([a, b], CONFIG)
    assert [p.code for p in problems] == ["duplicate-name"]
    assert problems[0].path == "content/beta.md"
    assert "content/alpha.md" in problems[0].message
    assert "disambiguation page" in problems[0].message


def test_an_alias_two_entries_share_is_ambiguous_and_a_link_to_it_names_both() -> None:
    a = entry("alpha", "Alpha", extra="aliases: [Shared]\n")
    b = entry("beta", "Beta", extra="aliases: [shared]\n")
    c = entry("gamma", "Gamma", body="## What?\n\nSee [[Shared]] and the shared idea.\n")
    glossary, problems = link_language([a, b, c], CONFIG)
    assert [str(p) for p in problems] == [
        "content/gamma.md:9:5: error: term link [[Shared]] is ambiguous: did you mean [[alpha]] or [[beta]]? "
        "[ambiguous-term]"
    ]
    assert glossary.links["gamma"] == (), "auto-linking never links a name with several meanings"


def test_related_topics_put_declared_ones_first_then_the_closest() -> None:
    a = entry("alpha", "Alpha", extra="related: [delta]\ntags: [x, y]\n", body="## W\n\n[[gamma]]\n")
    b = entry("beta", "Beta", extra="tags: [x, y]\n")
    c = entry("gamma", "Gamma", category="Tools")
    d = entry("delta", "Delta", category="Tools")
    e = entry("epsilon", "Epsilon")
    f = entry("zeta", "Zeta", category="Tools")
    glossary, problems = link_language([a, b, c, d, e, f], CONFIG)
    assert problems == []
    # delta: declared; gamma: linked (3); beta: two shared tags (4) -> beta before gamma; epsilon: category.
    assert glossary.related["alpha"] == ("delta", "beta", "gamma", "epsilon")
    assert glossary.related["gamma"][0] == "alpha"  # linked from alpha


def test_related_topics_are_at_most_six() -> None:
    entries = [entry(f"e{i}", f"E{i}", extra="tags: [shared]\n") for i in range(10)]
    glossary, _ = link_language(entries, CONFIG)
    assert all(len(r) == 6 for r in glossary.related.values())


def test_link_output_does_not_depend_on_input_order(tmp_path: Path) -> None:
    items = [entry(f"e{i}", f"E{i}", extra="tags: [t]\n", body=f"## W\n\n[[e{(i + 1) % 5}]]\n") for i in range(5)]
    one, _ = link_language(items, CONFIG)
    two, _ = link_language(list(reversed(items)), CONFIG)
    assert one.related == two.related and one.backlinks == two.backlinks and list(one.entries) == list(two.entries)


def reference_related(g: Glossary, slug: str) -> tuple[str, ...]:
    """Related topics as the rule says them, written plainly: the scoring `link` must agree with."""
    entries = g.entries
    me = entries[slug]
    chosen = [r.slug for r in me.related if r.slug in entries]
    scores: dict[str, int] = {}
    for other, e in entries.items():
        if other == slug:
            continue
        score = 3 * (other in g.links.get(slug, ())) + 3 * (slug in g.links.get(other, ()))
        score += 2 * len({name_slug(t) for t in me.tags} & {name_slug(t) for t in e.tags})
        if score:
            scores[other] = score + (e.category == me.category)
    by_title = sorted(entries, key=lambda s: (entries[s].title.casefold(), s))
    ranked = sorted((s for s in scores if s not in chosen), key=lambda s: (-scores[s], by_title.index(s)))
    picked = chosen + ranked
    picked += [s for s in by_title if entries[s].category == me.category and s != slug and s not in picked]
    return tuple(picked[:MAX_RELATED])


def test_related_topics_agree_with_the_rule_written_plainly() -> None:
    # Tags shared by many entries, links both ways, two categories and plenty of ties: where a fast
    # scoring is most likely to differ from the rule it implements.
    entries = []
    for i in range(40):
        tags = ", ".join(t for t, every in (("common", 1), ("even", 2), ("third", 3), ("fifth", 5)) if i % every == 0)
        links = f"[[e{(i * 7) % 40}]] and [[e{(i + 3) % 40}]]" if i % 4 == 0 else "no links"
        category = "Tools" if i % 3 == 0 else "Core Concepts"
        related = f"related: [e{(i + 11) % 40}]\n" if i % 6 == 0 else ""
        entries.append(
            entry(
                f"e{i}",
                f"Entry {i:02d}",
                category=category,
                extra=f"tags: [{tags}]\n{related}",
                body=f"## W\n\n{links}\n",
            )
        )
    glossary, problems = link_language(entries, CONFIG)
    assert problems == []
    for slug in glossary.entries:
        assert glossary.related[slug] == reference_related(glossary, slug), slug


def test_whether_an_entry_has_related_topics_is_told_without_working_them_out_and_agrees() -> None:
    alone = entry("alone", "Alone", category="Tools")  # nothing names it, nothing shares its category
    linked = entry("linked", "Linked", body="## W\n\n[[alpha]]\n")
    declared = entry("declared", "Declared", extra="related: [alpha]\n")
    alpha = entry("alpha", "Alpha")
    glossary, _ = link_language([alone, linked, declared, alpha], CONFIG)
    assert {slug: has_related(glossary, slug) for slug in glossary.entries} == {
        slug: bool(glossary.related[slug]) for slug in glossary.entries
    }
    assert not has_related(glossary, "alone")
    assert has_related(glossary, "linked")
    plain = {slug: glossary.related[slug] for slug in glossary.entries}
    assert has_related(replace(glossary, related=plain), "linked")  # a glossary given its related topics outright
