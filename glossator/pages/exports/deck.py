"""A study deck per language (Anki's .apkg, written with genanki).

The front of a card is the term; the back its 30-second version and, when
it has one, the title of its comparison.  Identifiers come from hashes of the
site's address, the language and the slug, so a deck imported again updates
its cards instead of adding copies; the package's bytes depend only on the
glossary (a fixed timestamp, the database built in memory, fixed dates in
the archive).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import sqlite3
import zipfile
from html import escape

from glossator.pages.exports.termbase import Termbase

# 2001-09-09: any fixed moment works; Anki reads it as when the cards were made.
TIMESTAMP = 1_000_000_000.0
_STYLE = ".card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; max-width: 36em; }"


def _id(*parts: str) -> int:
    """A stable 31-bit positive number for these parts (Anki's ids are integers)."""
    return int.from_bytes(hashlib.sha256("\0".join(parts).encode()).digest()[:4], "big") >> 1 | 1 << 30


def decks(base: Termbase) -> dict[str, bytes]:
    """Language tag -> the .apkg of that language's deck."""
    languages = list(dict.fromkeys(t.lang for c in base.concepts for t in c.languages))
    return {lang: _deck(base, lang) for lang in languages}


def _deck(base: Termbase, lang: str) -> bytes:
    import genanki  # optional: site.yaml's `exports: [anki]` is refused without it

    model = genanki.Model(
        _id(base.url, "model"),
        "Glossary term",
        fields=[{"name": "Term"}, {"name": "Definition"}, {"name": "Diagram"}, {"name": "Link"}],
        templates=[
            {
                "name": "Term to definition",
                "qfmt": "<h1>{{Term}}</h1>",
                "afmt": '{{FrontSide}}<hr id="answer"><p>{{Definition}}</p>'
                "{{#Diagram}}<p><em>{{Diagram}}</em></p>{{/Diagram}}<p>{{Link}}</p>",
            }
        ],
        css=_STYLE,
    )
    deck = genanki.Deck(_id(base.url, "deck", lang), f"{base.title} ({lang})")
    for concept in base.concepts:
        terms = next((t for t in concept.languages if t.lang == lang), None)
        if terms is None:
            continue
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[
                    escape(terms.title),
                    escape(terms.definition),
                    escape(terms.diagram_title),
                    f'<a href="{escape(terms.url)}">{escape(terms.url)}</a>',
                ],
                tags=[tag.replace(" ", "_") for tag in concept.tags],
                guid=genanki.guid_for(base.url, lang, concept.slug),
            )
        )
    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        genanki.Package(deck).write_to_db(cursor, TIMESTAMP, itertools.count(int(TIMESTAMP * 1000)))
        connection.commit()
        database = connection.serialize()
    finally:
        connection.close()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", database), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=(2001, 9, 9, 1, 46, 40))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()
