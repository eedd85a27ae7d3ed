"""Which files the exports in site.yaml's `exports:` become, and where they go."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from glossator.pages.exports.deck import decks
from glossator.pages.exports.skos import skos_jsonld
from glossator.pages.exports.table import terms_csv
from glossator.pages.exports.tbx import terms_tbx
from glossator.pages.exports.termbase import Termbase, termbase
from glossator.prose.glossary import Glossary

FOLDER = "exports/"

# Each format of config.EXPORT_FORMATS: the files it writes (path inside the site -> bytes).
WRITERS: Mapping[str, Callable[[Termbase], dict[str, bytes]]] = {
    "skos": lambda base: {f"{FOLDER}glossary.skos.jsonld": skos_jsonld(base).encode("utf-8")},
    "tbx": lambda base: {f"{FOLDER}glossary.tbx": terms_tbx(base).encode("utf-8")},
    "csv": lambda base: {f"{FOLDER}glossary.csv": terms_csv(base).encode("utf-8")},
    "anki": lambda base: {f"{FOLDER}glossary.{lang.lower()}.apkg": data for lang, data in decks(base).items()},
}


def export_files(glossary: Glossary, translations: Sequence[Glossary] = ()) -> dict[str, bytes]:
    """Output path -> bytes for every export the site asks for."""
    if not glossary.config.exports:
        return {}
    base = termbase(glossary, translations)
    files: dict[str, bytes] = {}
    for name in glossary.config.exports:
        if name in WRITERS:  # the PDF is set from the print pages once they are drawn (exports/pdf.py)
            files.update(WRITERS[name](base))
    return files
