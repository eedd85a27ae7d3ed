"""SKOS as JSON-LD: a concept scheme with a concept per entry and one per category.

Each entry's page address is its concept's identifier; its title is the
`prefLabel` and its aliases the `altLabel`s in each language, its 30-second
version the `definition`, its category the `broader` concept, and its related
topics `related`.
"""

from __future__ import annotations

import json
from typing import Any

from glossator.pages.exports.termbase import Termbase

CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
}


def _text(value: str, lang: str) -> dict[str, str]:
    return {"@value": value, "@language": lang}


def skos_jsonld(base: Termbase) -> str:
    scheme = base.url
    by_slug = {c.slug: c.url for c in base.concepts}
    graph: list[dict[str, Any]] = [
        {
            "@id": scheme,
            "@type": "skos:ConceptScheme",
            "dct:title": _text(base.title, base.lang),
            **({"dct:description": _text(base.description, base.lang)} if base.description else {}),
            "skos:hasTopConcept": [{"@id": c.url} for c in base.categories],
        }
    ]
    for category in base.categories:
        graph.append(
            {
                "@id": category.url,
                "@type": "skos:Concept",
                "skos:inScheme": {"@id": scheme},
                "skos:topConceptOf": {"@id": scheme},
                "skos:prefLabel": [_text(name, lang) for lang, name in category.names],
            }
        )
    category_urls = {c.slug: c.url for c in base.categories}
    for concept in base.concepts:
        node: dict[str, Any] = {
            "@id": concept.url,
            "@type": "skos:Concept",
            "skos:inScheme": {"@id": scheme},
            "skos:prefLabel": [_text(t.title, t.lang) for t in concept.languages],
            "skos:altLabel": [_text(alias, t.lang) for t in concept.languages for alias in t.aliases],
            "skos:definition": [_text(t.definition, t.lang) for t in concept.languages],
            "skos:notation": concept.slug,
        }
        if concept.category in category_urls:
            node["skos:broader"] = {"@id": category_urls[concept.category]}
        related = [{"@id": by_slug[s]} for s in concept.related if s in by_slug]
        if related:
            node["skos:related"] = related
        if not node["skos:altLabel"]:
            del node["skos:altLabel"]
        graph.append(node)
    return json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, indent=1) + "\n"
