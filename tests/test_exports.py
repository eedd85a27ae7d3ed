"""Exports for other tools: SKOS read back by an RDF library, TBX-Basic's structure, CSV, study decks."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from glossator.content.config import EXPORT_FORMATS
from glossator.pages.exports.files import WRITERS
from tests.helpers import BILINGUAL_SITE_YAML, build_site, entry_text, write_project

SITE_YAML = BILINGUAL_SITE_YAML + "exports: [skos, tbx, csv, anki]\n"
TBX = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HOSTILE = "Cats & <dogs> </script>"


def project(tmp_path: Path, site_yaml: str = SITE_YAML) -> Path:
    files = {
        "content/rag.md": entry_text(
            "Retrieval-Augmented Generation",
            summary="Looking things up before answering.",
            extra="aliases: [RAG]\ntags: [search, grounding]\nrelated: [embedding]\n"
            "comparison:\n  title: RAG vs Fine-Tuning\n  columns: [RAG, Fine-Tuning]\n"
            "  rows:\n    - label: Cost\n      cells: [Low, High]\n",
        ),
        "content/embedding.md": entry_text(
            "Embedding", category="Tools", summary=f"=SUM(A1) numbers for {HOSTILE}.", extra="related: [rag]\n"
        ),
        "content/zh-tw/rag.md": entry_text(
            "檢索增強生成", summary="先查資料再回答。", extra="aliases: [RAG]\nrelated: [embedding]\n"
        ),
    }
    return write_project(tmp_path / "project", files, site_yaml=site_yaml)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("exports")
    return build_site(project(tmp), tmp / "site")


def test_every_format_site_yaml_accepts_has_a_writer() -> None:
    assert (*WRITERS, "pdf") == EXPORT_FORMATS  # the PDF is set from the print document (tests/test_print.py)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's parser
def test_skos_reads_back_as_a_concept_scheme_with_every_language(site: Path) -> None:
    graph = Graph().parse(site / "exports" / "glossary.skos.jsonld", format="json-ld")
    scheme = URIRef("https://example.org/")
    rag = URIRef("https://example.org/glossary/rag/")
    embedding = URIRef("https://example.org/glossary/embedding/")
    core = URIRef("https://example.org/category/core-concepts/")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert set(graph.subjects(SKOS.inScheme, scheme)) >= {rag, embedding, core}
    assert set(graph.objects(rag, SKOS.prefLabel)) == {
        Literal("Retrieval-Augmented Generation", lang="en"),
        Literal("檢索增強生成", lang="zh-tw"),
    }
    assert set(graph.objects(rag, SKOS.altLabel)) == {Literal("RAG", lang="en"), Literal("RAG", lang="zh-tw")}
    assert Literal("Looking things up before answering.", lang="en") in set(graph.objects(rag, SKOS.definition))
    assert (rag, SKOS.broader, core) in graph
    assert (rag, SKOS.related, embedding) in graph
    assert (core, SKOS.topConceptOf, scheme) in graph
    # Text is data, never markup: the hostile summary is one literal, as written.
    assert Literal(f"=SUM(A1) numbers for {HOSTILE}.", lang="en") in set(graph.objects(embedding, SKOS.definition))
    # SKOS allows at most one prefLabel per language.
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        labels = [label.language for label in graph.objects(concept, SKOS.prefLabel)]  # type: ignore[union-attr]
        assert len(labels) == len(set(labels)), concept


# TBX-Basic's structure (ISO 30042:2019, DCA style): which element may hold which, and the data
# categories TBX-Basic allows at each level with their picklists.
CHILDREN = {
    "tbx": {"tbxHeader", "text"},
    "tbxHeader": {"fileDesc"},
    "fileDesc": {"titleStmt", "sourceDesc"},
    "titleStmt": {"title"},
    "sourceDesc": {"p"},
    "text": {"body"},
    "body": {"conceptEntry"},
    "conceptEntry": {"descrip", "ref", "xref", "langSec"},
    "langSec": {"descrip", "termSec"},
    "termSec": {"term", "termNote"},
}
CATEGORIES = {
    ("conceptEntry", "descrip"): {"subjectField"},
    ("conceptEntry", "ref"): {"crossReference"},
    ("conceptEntry", "xref"): {"externalCrossReference"},
    ("langSec", "descrip"): {"definition"},
    ("termSec", "termNote"): {"administrativeStatus"},
}
STATUSES = {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "notRecommendedTerm-admn-sts", "obsoleteTerm-admn-sts"}


def tbx_problems(element: ElementTree.Element) -> list[str]:
    problems = []
    name = element.tag.removeprefix(TBX)
    for child in element:
        child_name = child.tag.removeprefix(TBX)
        if child_name not in CHILDREN.get(name, set()):
            problems.append(f"<{child_name}> inside <{name}>")
        allowed = CATEGORIES.get((name, child_name))
        if allowed is not None and child.get("type") not in allowed:
            problems.append(f"<{child_name} type={child.get('type')!r}> inside <{name}>")
        if child.get("type") == "administrativeStatus" and child.text not in STATUSES:
            problems.append(f"administrativeStatus {child.text!r}")
        problems += tbx_problems(child)
    if name == "termSec" and [c.tag.removeprefix(TBX) for c in element][:1] != ["term"]:
        problems.append("a termSec that does not start with its term")
    if name == "langSec" and element.get(XML_LANG) is None:
        problems.append("a langSec without xml:lang")
    return problems


def test_tbx_has_tbx_basic_s_structure(site: Path) -> None:
    root = ElementTree.parse(site / "exports" / "glossary.tbx").getroot()
    assert root.tag == f"{TBX}tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert tbx_problems(root) == []
    concepts = {c.get("id"): c for c in root.iter(f"{TBX}conceptEntry")}
    assert sorted(concepts) == ["c-embedding", "c-rag"]
    ids = set(concepts)
    for ref in root.iter(f"{TBX}ref"):
        assert ref.get("target") in ids
    rag = concepts["c-rag"]
    sections = {s.get(XML_LANG): s for s in rag.iter(f"{TBX}langSec")}
    assert sorted(sections) == ["en", "zh-tw"]
    terms = [(t.findtext(f"{TBX}term"), t.findtext(f"{TBX}termNote")) for t in sections["en"].iter(f"{TBX}termSec")]
    assert terms == [("Retrieval-Augmented Generation", "preferredTerm-admn-sts"), ("RAG", "admittedTerm-admn-sts")]
    assert rag.findtext(f"{TBX}descrip") == "Core Concepts"
    embedding = concepts["c-embedding"]
    assert embedding.findtext(f"{TBX}langSec/{TBX}descrip") == f"=SUM(A1) numbers for {HOSTILE}."


def test_csv_has_a_row_per_entry_and_language_and_no_formulas(site: Path) -> None:
    text = (site / "exports" / "glossary.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["slug"], r["language"]) for r in rows] == [("embedding", "en"), ("rag", "en"), ("rag", "zh-tw")]
    rag = rows[1]
    assert (rag["title"], rag["aliases"], rag["tags"], rag["related"]) == (
        "Retrieval-Augmented Generation",
        "RAG",
        "search; grounding",
        "embedding",
    )
    assert rag["url"] == "https://example.org/glossary/rag/"
    assert rows[2]["url"] == "https://example.org/zh-tw/glossary/rag/"
    # A cell a spreadsheet would run as a formula is kept as text.
    assert rows[0]["summary"] == f"'=SUM(A1) numbers for {HOSTILE}."


def deck_notes(path: Path) -> tuple[dict[str, Any], list[list[str]]]:
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        database = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(database)
    decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
    notes = [row[0].split("\x1f") for row in connection.execute("SELECT flds FROM notes ORDER BY sfld")]
    connection.close()
    return decks, notes


def test_a_study_deck_per_language(site: Path) -> None:
    assert sorted(p.name for p in (site / "exports").glob("*.apkg")) == ["glossary.en.apkg", "glossary.zh-tw.apkg"]
    decks, notes = deck_notes(site / "exports" / "glossary.en.apkg")
    assert "Test Glossary (en)" in {d["name"] for d in decks.values()}
    assert [n[:3] for n in notes] == [
        ["Embedding", "=SUM(A1) numbers for Cats &amp; &lt;dogs&gt; &lt;/script&gt;.", ""],
        ["Retrieval-Augmented Generation", "Looking things up before answering.", "RAG vs Fine-Tuning"],
    ]
    _, chinese = deck_notes(site / "exports" / "glossary.zh-tw.apkg")
    assert [n[0] for n in chinese] == ["檢索增強生成"]


def test_exports_are_byte_identical_from_one_build_to_the_next(tmp_path: Path, site: Path) -> None:
    again = build_site(project(tmp_path), tmp_path / "again")
    for path in sorted((site / "exports").iterdir()):
        assert path.read_bytes() == (again / "exports" / path.name).read_bytes(), path.name


def test_no_exports_unless_site_yaml_asks(tmp_path: Path) -> None:
    out = build_site(project(tmp_path, BILINGUAL_SITE_YAML), tmp_path / "site")
    assert not (out / "exports").exists()


def test_an_unknown_export_is_a_located_error(tmp_path: Path, cli: Any) -> None:
    root = project(tmp_path, BILINGUAL_SITE_YAML + "exports: [skos, docx]\n")
    run = cli("check", "--root", str(root))
    assert run.code != 0
    assert "site.yaml:12:17: error: exports: must be one of skos, tbx, csv, anki, pdf (got 'docx')" in run.printed


def test_decks_without_genanki_say_how_to_get_it(tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "genanki" else real(name, *a))
    run = cli("check", "--root", str(project(tmp_path)))
    assert run.code != 0
    assert "exports: anki decks need the genanki package: pip install 'glossator[anki]'" in run.printed
