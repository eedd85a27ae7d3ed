"""Labels: every text the site prints, English by default, translated where shipped, overridable in site.yaml."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.core.labels import BUILTIN_LABELS, DEFAULT_LABELS, LANGUAGE_NAMES, merge_labels, untranslated
from tests.helpers import MINIMAL_SITE_YAML, CliRun, build_site, entry_text, read_page

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_english_is_the_default_for_every_language_without_a_translation() -> None:
    assert merge_labels({}) == DEFAULT_LABELS
    assert merge_labels({}, "fr") == DEFAULT_LABELS


def test_a_built_in_translation_comes_before_english_and_an_override_before_both() -> None:
    labels = merge_labels({"related": "Voir aussi"}, "zh-tw")
    assert labels["related"] == "Voir aussi"
    assert labels["misconceptions"] == "常見誤解"
    assert set(labels) == set(DEFAULT_LABELS)


@pytest.mark.parametrize("language", sorted(BUILTIN_LABELS))
def test_a_shipped_translation_covers_every_label_with_the_same_placeholders(language: str) -> None:
    translated = BUILTIN_LABELS[language]
    assert set(translated) == set(DEFAULT_LABELS)
    for key, english in DEFAULT_LABELS.items():
        assert set(PLACEHOLDER.findall(translated[key])) == set(PLACEHOLDER.findall(english)), key
    assert len(translated["months"].split(",")) == 12


def test_untranslated_names_what_still_prints_in_english() -> None:
    labels = merge_labels({"related": "Voir aussi"}, "fr")
    missing = untranslated(labels, "fr")
    assert "related" not in missing and "misconceptions" in missing
    assert "colon" not in missing and "date_format" not in missing, "some labels read the same in every language"


def test_nothing_is_untranslated_in_english_or_in_a_shipped_translation() -> None:
    assert untranslated(merge_labels({}), "en") == []
    assert untranslated(merge_labels({}, "en-gb"), "en-gb") == []
    assert untranslated(merge_labels({}, "zh-tw"), "zh-tw") == []


def test_the_switcher_knows_languages_by_their_own_names() -> None:
    assert LANGUAGE_NAMES["zh-tw"] == "繁體中文"
    assert LANGUAGE_NAMES["de"] == "Deutsch"
    assert all(code == code.lower() for code in LANGUAGE_NAMES)


def test_a_label_set_in_site_yaml_is_what_the_page_prints(make_project: Callable[..., Path], tmp_path: Path) -> None:
    site_yaml = MINIMAL_SITE_YAML + "labels:\n  thirty_second: In a nutshell\n  misconceptions: Myths\n"
    extra = "misconceptions:\n  - myth: It is magic.\n    truth: It is not.\n"
    root = make_project({"content/term.md": entry_text("Term", extra=extra)}, site_yaml=site_yaml)
    page = read_page((build_site(root, tmp_path / "site") / "glossary" / "term" / "index.html").read_bytes())
    assert "In a nutshell" in page.text and "Myths" in page.text
    assert DEFAULT_LABELS["thirty_second"] not in page.text
    assert DEFAULT_LABELS["misconceptions"] not in page.text


def test_an_unknown_label_in_site_yaml_is_refused(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    site_yaml = MINIMAL_SITE_YAML + "labels:\n  relatd: See also\n"
    root = make_project({"content/term.md": entry_text("Term")}, site_yaml=site_yaml)
    run = cli("check", "--root", ".", cwd=root)
    assert run.code == 2
    assert run.err == "site.yaml:12:3: error: labels.relatd: no such label (did you mean 'related'?) [unknown-key]\n"
