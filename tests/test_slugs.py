"""Slugs: the URL-safe names of entries, categories, tags and section anchors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.core.slugs import is_slug, name_slug, slugify

PROPERTIES = settings(max_examples=300, derandomize=True, database=None)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Café Model", "cafe-model"),
        ("Fine-Tuning", "fine-tuning"),
        ("RAG (retrieval)", "rag-retrieval"),
        ("  --Hello__World--  ", "hello-world"),
        ("ÀÉÎÕÜ", "aeiou"),
        ("x²", "x2"),
    ],
)
def test_slugify_folds_to_lowercase_ascii_words_joined_by_single_hyphens(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["檢索 系統", "😀", "---", ""])
def test_slugify_gives_nothing_when_no_ascii_letter_or_digit_is_left(name: str) -> None:
    assert slugify(name) == ""


def test_name_slug_keeps_letters_of_every_script() -> None:
    assert name_slug("檢索 系統") == "檢索-系統"
    assert name_slug("Поиск по смыслу") == "поиск-по-смыслу"
    assert name_slug("😀") == ""


def test_name_slug_still_folds_latin_accents() -> None:
    assert name_slug("Café") == "cafe"
    assert name_slug("Crème Brûlée") == slugify("Crème Brûlée") == "creme-brulee"


@PROPERTIES
@given(st.text(max_size=60))
def test_slugify_gives_a_slug_or_nothing(name: str) -> None:
    slug = slugify(name)
    assert slug == "" or is_slug(slug), slug


@PROPERTIES
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_english_names_give_the_same_address_either_way(name: str) -> None:
    assert name_slug(name) == slugify(name)


@PROPERTIES
@given(st.text(max_size=60))
def test_name_slug_never_starts_ends_or_doubles_a_hyphen(name: str) -> None:
    slug = name_slug(name)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    assert not any(ch.isspace() or ch in "/?#%" for ch in slug), slug


@pytest.mark.parametrize("text", ["a", "fine-tuning", "gpt-4o", "2024"])
def test_is_slug_accepts_the_file_names_the_spec_allows(text: str) -> None:
    assert is_slug(text)


@pytest.mark.parametrize("text", ["", "A", "a--b", "-a", "a-", "a_b", "café", "a b", "a-b\n", "a.md"])
def test_is_slug_refuses_everything_else(text: str) -> None:
    assert not is_slug(text)
