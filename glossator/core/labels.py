"""Every piece of text the site prints, with English defaults and built-in translations.

`site.yaml` may override any of these under `labels:` (for the default
language) or `languages.<code>.labels:` (for another).  Templates only ever
print labels through this table, never literal English.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

DEFAULT_LABELS: dict[str, str] = {
    "glossary": "Glossary",
    "skip_to_content": "Skip to content",
    "search": "Search",
    "search_placeholder": "Search terms…",
    "search_button": "Go",
    "search_results": "Search results",
    "search_no_results": "No terms match",
    "search_count_one": "{n} result",
    "search_count_other": "{n} results",
    "search_needs_js": "Full-text search needs JavaScript. Every term is also listed in the",
    "search_all": "Search all entries for “{q}”",
    "search_did_you_mean": "Did you mean {terms}?",
    "search_more": "More results",
    "thirty_second": "30-second version",
    "for_the_impatient": "for the impatient",
    "also_called": "Also called",
    "full_explanation": "Full explanation",
    "section_link": "Link to this section",
    "example": "Real-world example",
    "diagram": "Diagram",
    "diagram_table": "The comparison as a table",
    "diagram_download": "Download diagram (SVG)",
    "diagram_row_header": "Aspect",
    "diagram_this_term": "this term",
    "diagram_desc": "Compares {first} with {others} on {aspects}.",
    "diagram_and": "and",
    "yes": "Yes",
    "no": "No",
    "partial": "Partly",
    "rating": "{n} of {of}",
    "misconceptions": "Common misconceptions",
    "myth": "Myth",
    "truth": "In fact",
    "missing_link": "The missing link",
    "ask": "Ask a question",
    "ask_intro": "Something unclear or missing? Ask, and the answer may improve this entry.",
    "ask_field": "Your question about {title}",
    "ask_hint": "At least 10 characters.",
    "ask_too_short": "Please write at least 10 characters so we can understand your question.",
    "ask_button": "Ask",
    "ask_title": "Question about {title}",
    "related": "Related topics",
    "edit_page": "Edit this page",
    "last_updated": "Last updated",
    "level": "Level",
    "level_beginner": "Beginner",
    "level_intermediate": "Intermediate",
    "level_advanced": "Advanced",
    "category": "Category",
    "categories": "Categories",
    "tag": "Tag",
    "levels": "Levels",
    "latest": "Latest entries",
    "a_to_z": "A–Z",
    "all_terms": "All terms",
    "terms_count_one": "{n} term",
    "terms_count_other": "{n} terms",
    "not_found_title": "Page not found",
    "not_found_text": "There is no page at this address. Try {search} or {index}.",
    "not_found_search": "the search",
    "not_found_index": "the A–Z index",
    "back_home": "Back to the glossary",
    "draft": "Draft: this entry is not published yet.",
    "footer_about": "A glossary built with Glossator.",
    "built_with": "Built with Glossator",
    "feed": "Atom feed",
    "mentioned_in": "Mentioned in",
    "browse": "Browse",
    "jump_to_letter": "Jump to letter",
    "browse_by_letter": "Every term, by its first letter:",
    "pages": "Pages",
    "page_n": "Page {n}",
    "page_of": "Page {n} of {count}",
    "previous_page": "Previous page",
    "next_page": "Next page",
    "previous": "Previous",
    "next": "Next",
    "months": "January,February,March,April,May,June,July,August,September,October,November,December",
    "date_format": "{day} {month} {year}",
    "language": "Language",
    "in_language": "({language})",
    "not_translated": "not translated yet",
    "outdated_translation": "This translation may be out of date: the original has changed since it was translated.",
    "untracked_translation": (
        "This translation does not record which version of the original it follows, so it may be out of date."
    ),
    "read_original": "Read the current version ({language})",
    "colon": ": ",
    "list_separator": ", ",
    "deprecated": "Deprecated",
    "deprecated_notice": "This term is deprecated: it is kept for readers who still come across it.",
    "deprecated_use": "Use {term} instead.",
    "meanings_intro": "“{title}” may mean:",
    "reviewed_on": "Reviewed {date}",
    "reviewed_by": "Reviewed {date} by {names}",
    "moved": "This page has moved: {page}",
    "print_version": "Print version",
    "print_contents": "Contents",
    "print_notes": "Notes",
    "print_pdf": "Download as PDF",
    "print_online": "Online at {address}",
}

# Labels that ship translated, one file per language code in locales/.  A
# language without one prints English for every label its site.yaml does not
# override, and `check` says how many.
LOCALES = Path(__file__).parent / "locales"
BUILTIN_LABELS: dict[str, dict[str, str]] = {
    path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(LOCALES.glob("*.json"))
}

# CLDR's plural categories.  A count label has `_one` and `_other` forms, and
# may add the others its language tells apart (Arabic uses all six).
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


def _slavic(n: int, *, one_ends_in_1: bool) -> str:
    if (n % 10 == 1 and n % 100 != 11) if one_ends_in_1 else n == 1:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


# CLDR's rules for whole numbers, by primary language subtag; any other language counts like English.
PLURAL_RULES: dict[str, Callable[[int], str]] = {
    "en": lambda n: "one" if n == 1 else "other",
    "fr": lambda n: "one" if n in (0, 1) else "other",
    "pt": lambda n: "one" if n in (0, 1) else "other",
    "ja": lambda n: "other",
    "ko": lambda n: "other",
    "zh": lambda n: "other",
    "vi": lambda n: "other",
    "ar": lambda n: (
        {0: "zero", 1: "one", 2: "two"}.get(n)
        or ("few" if 3 <= n % 100 <= 10 else "many" if 11 <= n % 100 <= 99 else "other")
    ),
    "he": lambda n: {1: "one", 2: "two"}.get(n, "other"),
    "ru": lambda n: _slavic(n, one_ends_in_1=True),
    "uk": lambda n: _slavic(n, one_ends_in_1=True),
    "pl": lambda n: _slavic(n, one_ends_in_1=False),
}


def plural_form(language: str, n: int) -> str:
    """The CLDR plural category of a whole number `n` in `language`, e.g. plural_form("ar", 3) -> 'few'."""
    return PLURAL_RULES.get(language.split("-")[0].lower(), PLURAL_RULES["en"])(n)


# Every label a site may set: the defaults, the plural forms of each count, and which plural rule counts follow.
LABEL_KEYS = frozenset(
    {*DEFAULT_LABELS, "plural_rule"}
    | {f"{key[: -len('_one')]}_{form}" for key in DEFAULT_LABELS if key.endswith("_one") for form in PLURAL_FORMS}
)

# Each language's name in itself, for the language switcher when site.yaml gives none.
LANGUAGE_NAMES: dict[str, str] = {
    "ar": "العربية",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fa": "فارسی",
    "fr": "Français",
    "he": "עברית",
    "hi": "हिन्दी",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
    "pt-br": "Português (Brasil)",
    "ru": "Русский",
    "tr": "Türkçe",
    "uk": "Українська",
    "ur": "اردو",
    "vi": "Tiếng Việt",
    "zh-cn": "简体中文",
    "zh-tw": "繁體中文",
}

# Languages written right to left (by primary subtag).
RTL_LANGUAGES = frozenset({"ar", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"})


def merge_labels(overrides: dict[str, str], language: str = "en") -> dict[str, str]:
    """Every label for `language`: English, then its built-in translation, then `overrides` (keys validated).

    `plural_rule` records the language whose plural rules counts follow.
    """
    return {**DEFAULT_LABELS, "plural_rule": language, **_builtin(language), **overrides}


def _builtin(language: str) -> dict[str, str]:
    return BUILTIN_LABELS.get(language) or BUILTIN_LABELS.get(language.split("-")[0], {})


def filled(label: str, **values: str) -> str:
    """A label with its `{name}` placeholders replaced by `values` (as plain text; templates use `fill`)."""
    for name, value in values.items():
        label = label.replace("{" + name + "}", value)
    return label


def count_label(labels: Mapping[str, str], key: str, n: int) -> str:
    """A count in words, e.g. count_label(labels, "terms_count", 3) -> '3 terms'.

    The form is the one the language's plural rules pick for `n` (`terms_count_few`...), else `_other`.
    """
    form = plural_form(labels.get("plural_rule", "en"), n)
    return labels.get(f"{key}_{form}", labels[f"{key}_other"]).replace("{n}", str(n))


def page_of(labels: Mapping[str, str], n: int, count: int) -> str:
    """Which page of a listing this is, in words: 'Page 2 of 7'."""
    return labels["page_of"].replace("{n}", str(n)).replace("{count}", str(count))


def untranslated(labels: dict[str, str], language: str) -> list[str]:
    """Keys of `labels` that still print the English default in a language other than English."""
    if language.split("-")[0] == "en":
        return []
    shipped = _builtin(language)  # a shipped translation that reads like English ("No", "A–Z") is translated
    return [
        key
        for key, text in labels.items()
        if key in DEFAULT_LABELS and text == DEFAULT_LABELS[key] and key not in _SAME_EVERYWHERE and key not in shipped
    ]


_SAME_EVERYWHERE = frozenset({"date_format", "in_language", "colon", "list_separator"})
