"""Every piece of text the site prints, with English defaults.

`site.yaml` may override any of these under `labels:`, which is how a glossary
is published in another language.  Templates only ever print labels through
this table, never literal English.
"""

from __future__ import annotations

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
    "months": "January,February,March,April,May,June,July,August,September,October,November,December",
}


def merge_labels(overrides: dict[str, str]) -> dict[str, str]:
    """The default labels with `overrides` applied (keys already validated)."""
    return {**DEFAULT_LABELS, **overrides}
