"""TBX-Basic (ISO 30042:2019, DCA style): a termbase that translation tools import.

One `conceptEntry` per entry, its category as the subject field and its page
as an external cross-reference; one `langSec` per language it is written in,
with the 30-second version as the definition; the title as the preferred
term and each alias as an admitted one; related topics as cross-references
between concepts.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from glossator.pages.exports.termbase import Termbase

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
PREFERRED, ADMITTED = "preferredTerm-admn-sts", "admittedTerm-admn-sts"


def concept_id(slug: str) -> str:
    """An XML ID for a concept: a slug may start with a digit, which an ID may not."""
    return f"c-{slug}"


def _term(out: list[str], term: str, status: str) -> None:
    out += [
        "        <termSec>",
        f"          <term>{escape(term)}</term>",
        f'          <termNote type="administrativeStatus">{status}</termNote>',
        "        </termSec>",
    ]


def terms_tbx(base: Termbase) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tbx type="TBX-Basic" style="dca" xml:lang={quoteattr(base.lang)} xmlns="{NAMESPACE}">',
        "  <tbxHeader>",
        "    <fileDesc>",
        f"      <titleStmt><title>{escape(base.title)}</title></titleStmt>",
        f"      <sourceDesc><p>{escape(base.description or base.title)} {escape(base.url)}</p></sourceDesc>",
        "    </fileDesc>",
        "  </tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    known = {c.slug for c in base.concepts}
    subjects = {c.slug: dict(c.names).get(base.lang, c.slug) for c in base.categories}
    for concept in base.concepts:
        out.append(f"    <conceptEntry id={quoteattr(concept_id(concept.slug))}>")
        if concept.category in subjects:
            out.append(f'      <descrip type="subjectField">{escape(subjects[concept.category])}</descrip>')
        for slug in concept.related:
            if slug in known:
                target = quoteattr(concept_id(slug))
                out.append(f'      <ref type="crossReference" target={target}>{escape(slug)}</ref>')
        out.append(f'      <xref type="externalCrossReference" target={quoteattr(concept.url)}/>')
        for t in concept.languages:
            out += [
                f"      <langSec xml:lang={quoteattr(t.lang)}>",
                f'        <descrip type="definition">{escape(t.definition)}</descrip>',
            ]
            _term(out, t.title, PREFERRED)
            for alias in t.aliases:
                _term(out, alias, ADMITTED)
            out.append("      </langSec>")
        out.append("    </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>"]
    return "\n".join(out) + "\n"
