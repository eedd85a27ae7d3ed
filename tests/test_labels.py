"""Labels: every text the site prints, English by default, translated where shipped, overridable in site.yaml."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.core.diagnostics import DiagnosticError
from glossator.core.labels import (
    BUILTIN_LABELS,
    DEFAULT_LABELS,
    LABEL_KEYS,
    LANGUAGE_NAMES,
    PLURAL_FORMS,
    count_label,
    merge_labels,
    plural_form,
    untranslated,
)
from tests.helpers import MINIMAL_SITE_YAML, CliRun, build_site, entry_text, read_page

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def printed(labels: dict[str, str]) -> dict[str, str]:
    return {key: labels[key] for key in DEFAULT_LABELS}


def test_english_is_the_default_for_every_language_without_a_translation() -> None:
    assert printed(merge_labels({})) == DEFAULT_LABELS
    assert printed(merge_labels({}, "nl")) == DEFAULT_LABELS


def test_a_built_in_translation_comes_before_english_and_an_override_before_both() -> None:
    labels = merge_labels({"related": "Voir aussi"}, "zh-tw")
    assert labels["related"] == "Voir aussi"
    assert labels["misconceptions"] == "常見誤解"
    assert set(labels) == set(DEFAULT_LABELS) | {"plural_rule"}


def test_the_interface_ships_in_these_languages() -> None:
    assert {"es", "fr", "de", "pt", "ja", "ko", "zh-cn", "zh-tw", "ar"} <= set(BUILTIN_LABELS)


@pytest.mark.parametrize("language", sorted(BUILTIN_LABELS))
def test_a_shipped_translation_covers_every_label_with_the_same_placeholders(language: str) -> None:
    translated = BUILTIN_LABELS[language]
    assert set(DEFAULT_LABELS) <= set(translated) <= LABEL_KEYS
    for key, text in translated.items():
        english = DEFAULT_LABELS.get(key) or DEFAULT_LABELS[key.rsplit("_", 1)[0] + "_other"]
        # A plural form may spell its number out ("مصطلحان", two terms); every other label keeps its placeholders.
        wanted = set(PLACEHOLDER.findall(english)) - ({"n"} if key.endswith(PLURAL_FORMS[:3]) else set())
        assert wanted <= set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(english)), key
    assert len(translated["months"].split(",")) == 12
    assert untranslated(merge_labels({}, language), language) == []


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", {0: "other", 1: "one", 2: "other"}),
        ("fr", {0: "one", 1: "one", 2: "other"}),
        ("pt-br", {0: "one", 1: "one", 2: "other"}),
        ("ja", {0: "other", 1: "other"}),
        ("ar", {0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many", 100: "other", 103: "few"}),
        ("ru", {1: "one", 21: "one", 11: "many", 2: "few", 22: "few", 12: "many", 5: "many"}),
        ("pl", {1: "one", 21: "many", 22: "few", 5: "many"}),
    ],
)
def test_counts_follow_the_language_s_plural_rules(language: str, counts: dict[int, str]) -> None:
    assert {n: plural_form(language, n) for n in counts} == counts


def test_a_count_prints_the_form_its_number_takes() -> None:
    arabic = merge_labels({}, "ar")
    assert [count_label(arabic, "terms_count", n) for n in (0, 1, 2, 3, 11, 100)] == [
        "لا مصطلحات",
        "مصطلح واحد",
        "مصطلحان",
        "3 مصطلحات",
        "11 مصطلحًا",
        "100 مصطلح",
    ]
    # A language that does not tell a form apart falls back to `_other`.
    assert count_label(merge_labels({}), "terms_count", 0) == "0 terms"
    russian = merge_labels({"terms_count_few": "{n} термина", "terms_count_other": "{n} терминов"}, "ru")
    assert count_label(russian, "terms_count", 3) == "3 термина"
    assert count_label(russian, "terms_count", 5) == "5 терминов"


def test_untranslated_names_what_still_prints_in_english() -> None:
    labels = merge_labels({"related": "Zie ook"}, "nl")
    missing = untranslated(labels, "nl")
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


def test_a_plural_form_may_be_set_in_site_yaml_and_a_made_up_one_may_not(make_project: Callable[..., Path]) -> None:
    from glossator.content.project import Project, load_config

    root = make_project(site_yaml=MINIMAL_SITE_YAML + "language: ru\nlabels:\n  terms_count_few: '{n} термина'\n")
    config = load_config(Project.at(root, cwd=root))
    assert count_label(config.labels, "terms_count", 3) == "3 термина"
    bad = make_project(site_yaml=MINIMAL_SITE_YAML + "labels:\n  terms_count_lots: many\n")
    with pytest.raises(DiagnosticError) as refused:
        load_config(Project.at(bad, cwd=bad))
    assert "labels.terms_count_lots: no such label" in str(refused.value.diagnostics[0])


# Labels that would give English away on a page: long enough not to be a word every language shares.
ENGLISH = sorted({text for key, text in DEFAULT_LABELS.items() if len(text) > 6 and "{" not in text} - {"Glossator"})


@pytest.mark.parametrize("language", ["ar", "de", "es", "fr", "ja", "ko", "pt", "zh-cn"])
def test_a_glossary_in_a_shipped_language_prints_no_english_label(
    language: str, make_project: Callable[..., Path], tmp_path: Path
) -> None:
    extra = "misconceptions:\n  - myth: M one.\n    truth: T one.\n  - myth: M two.\n    truth: T two.\n"
    extra += (
        "comparison:\n  title: A vs B\n  columns: [A, B]\n  rows:\n    - label: X\n      cells: [{yes: y}, {no: n}]\n"
    )
    extra += "example:\n  title: Case\n  body: Body.\n"
    root = make_project(
        {"content/a.md": entry_text("Qq", extra=extra)},
        site_yaml=MINIMAL_SITE_YAML.replace("Test Glossary", "Qq") + f"language: {language}\n",
    )
    out = build_site(root, tmp_path / "site")
    for page in ("index.html", "glossary/a/index.html", "search/index.html", "404.html"):
        html = (out / page).read_text(encoding="utf-8")
        shown = [text for text in ENGLISH if re.search(rf"\b{re.escape(text)}\b", html)]
        assert not shown, f"{page} prints English labels: {shown}"
    entry = read_page((out / "glossary/a/index.html").read_text(encoding="utf-8"))
    assert entry.one("html").get("dir") == ("rtl" if language == "ar" else "ltr")
