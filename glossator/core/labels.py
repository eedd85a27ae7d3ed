"""Every piece of text the site prints, with English defaults and built-in translations.

`site.yaml` may override any of these under `labels:` (for the default
language) or `languages.<code>.labels:` (for another).  Templates only ever
print labels through this table, never literal English.
"""

from __future__ import annotations

from collections.abc import Mapping

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
    "not_found_text": "There is no page at this address. Try the search or the A–Z index.",
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
    "read_original": "Read the current version ({language})",
    "colon": ": ",
    "list_separator": ", ",
}

# Labels that ship translated, by language code.  A language not listed here
# prints English for every label its site.yaml does not override, and `check`
# says how many.
BUILTIN_LABELS: dict[str, dict[str, str]] = {
    "zh-tw": {
        "glossary": "詞彙表",
        "skip_to_content": "跳到主要內容",
        "search": "搜尋",
        "search_placeholder": "搜尋詞條…",
        "search_button": "搜尋",
        "search_results": "搜尋結果",
        "search_no_results": "沒有符合的詞條",
        "search_count_one": "{n} 筆結果",
        "search_count_other": "{n} 筆結果",
        "search_needs_js": "全文搜尋需要 JavaScript。所有詞條也都列在",
        "search_all": "在所有詞條中搜尋「{q}」",
        "thirty_second": "30 秒看懂",
        "for_the_impatient": "給趕時間的你",
        "also_called": "又稱",
        "full_explanation": "完整說明",
        "section_link": "連結到這一節",
        "example": "實際案例",
        "diagram": "比較圖",
        "diagram_table": "以表格呈現的比較",
        "diagram_download": "下載比較圖（SVG）",
        "diagram_row_header": "比較項目",
        "diagram_this_term": "本詞條",
        "diagram_desc": "比較{first}與{others}在{aspects}上的差異。",
        "diagram_and": "及",
        "yes": "是",
        "no": "否",
        "partial": "部分",
        "rating": "{of} 分中的 {n} 分",
        "misconceptions": "常見誤解",
        "myth": "誤解",
        "truth": "事實上",
        "missing_link": "關鍵連結",
        "ask": "提出問題",
        "ask_intro": "有不清楚或遺漏的地方嗎？歡迎提問，你的問題也可能讓這個詞條變得更好。",
        "ask_field": "你對「{title}」的問題",
        "ask_hint": "至少 10 個字。",
        "ask_too_short": "請至少寫 10 個字，讓我們能理解你的問題。",
        "ask_button": "送出問題",
        "ask_title": "關於「{title}」的問題",
        "related": "相關主題",
        "edit_page": "編輯此頁",
        "last_updated": "最後更新",
        "level": "程度",
        "level_beginner": "入門",
        "level_intermediate": "中階",
        "level_advanced": "進階",
        "category": "分類",
        "categories": "分類",
        "tag": "標籤",
        "levels": "程度",
        "latest": "最新詞條",
        "a_to_z": "索引",
        "all_terms": "所有詞條",
        "terms_count_one": "{n} 個詞條",
        "terms_count_other": "{n} 個詞條",
        "not_found_title": "找不到頁面",
        "not_found_text": "這個網址沒有頁面。試試搜尋或索引。",
        "back_home": "回到詞彙表",
        "draft": "草稿：這個詞條尚未發布。",
        "footer_about": "以 Glossator 建置的詞彙表。",
        "built_with": "以 Glossator 建置",
        "feed": "Atom 訂閱",
        "mentioned_in": "提及本詞條的頁面",
        "browse": "瀏覽",
        "jump_to_letter": "跳到字首",
        "browse_by_letter": "依字首瀏覽所有詞條：",
        "pages": "分頁",
        "page_n": "第 {n} 頁",
        "page_of": "第 {n} 頁，共 {count} 頁",
        "previous_page": "上一頁",
        "next_page": "下一頁",
        "previous": "上一頁",
        "next": "下一頁",
        "months": "1,2,3,4,5,6,7,8,9,10,11,12",
        "date_format": "{year} 年 {month} 月 {day} 日",
        "language": "語言",
        "in_language": "（{language}）",
        "not_translated": "尚未翻譯",
        "outdated_translation": "這篇翻譯可能已經過時：原文在翻譯之後有所修改。",
        "read_original": "閱讀最新原文（{language}）",
        "colon": "：",
        "list_separator": "、",
    },
}

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
    """Every label for `language`: English, then its built-in translation, then `overrides` (keys validated)."""
    return {**DEFAULT_LABELS, **BUILTIN_LABELS.get(language, {}), **overrides}


def count_label(labels: Mapping[str, str], key: str, n: int) -> str:
    """A count in words, e.g. count_label(labels, "terms_count", 3) -> '3 terms' (the `_one` or `_other` label)."""
    return labels[f"{key}_one" if n == 1 else f"{key}_other"].replace("{n}", str(n))


def page_of(labels: Mapping[str, str], n: int, count: int) -> str:
    """Which page of a listing this is, in words: 'Page 2 of 7'."""
    return labels["page_of"].replace("{n}", str(n)).replace("{count}", str(count))


def untranslated(labels: dict[str, str], language: str) -> list[str]:
    """Keys of `labels` that still print the English default in a language other than English."""
    if language.split("-")[0] == "en":
        return []
    return [key for key, text in labels.items() if text == DEFAULT_LABELS[key] and key not in _SAME_EVERYWHERE]


_SAME_EVERYWHERE = frozenset({"date_format", "in_language", "colon", "list_separator"})
