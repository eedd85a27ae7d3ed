"""`glossator import FORMAT SOURCE`: another tool's glossary becomes entries that pass `check`.

Each format has a small, realistic sample in tests/fixtures/import/.  An
import writes entries as `new` would, links the terms it refers to, keeps
aliases and translations, never overwrites, takes raw HTML out, and ends
with a report of what it did, what it could not, and what is left to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.prose.translations import source_hash
from tests.helpers import TESTS, CliRun, entry_text

FIXTURES = TESTS / "fixtures" / "import"
BILINGUAL = """\
title: Test Glossary
base_url: https://example.org/
language: en
languages:
  en:
    name: English
  es:
    name: Español
categories:
  - name: Core Concepts
  - name: Tools
"""


def front(text: str) -> str:
    """The front matter of an entry file, without its comments."""
    head = text.split("\n---\n", 1)[0]
    return "\n".join(line for line in head.split("\n") if not line.startswith("#"))


def body(text: str) -> str:
    return text.split("\n---\n", 1)[1]


def run_import(cli: Callable[..., CliRun], root: Path, *args: str) -> CliRun:
    run = cli("import", *args, cwd=root)
    assert "Traceback" not in run.printed
    return run


def checked(cli: Callable[..., CliRun], root: Path) -> CliRun:
    return cli("check", cwd=root)


def errors(run: CliRun) -> list[str]:
    return [line for line in run.out.splitlines() if ": error: " in line]


# -- Hugo ---------------------------------------------------------------------------------------


def test_a_cncf_glossary_becomes_entries_that_pass_check(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project()
    run = run_import(cli, root, "hugo", str(FIXTURES / "hugo-cncf"))
    assert run.code == 0, run.printed
    written = sorted(p.name for p in (root / "content").glob("*.md"))
    assert written == ["cluster.md", "container-orchestration.md", "container.md", "virtual-machine.md"]
    assert errors(checked(cli, root)) == []
    text = (root / "content" / "container.md").read_text(encoding="utf-8")
    assert "\ntitle: Container\n" in front(text)
    assert "related: [container-orchestration, cluster]" in front(text), "the Related terms section becomes related"
    assert "tags: [fundamental, application, technology]" in front(text), "a category site.yaml lacks stays a tag"
    assert "[[virtual-machine|virtual machine]]" in front(text), "the summary is the opening sentences, linked"
    sections = re.findall(r"^## (.+)$", body(text), re.M)
    assert sections == ["What is this?", "Why does it exist?", "How it helps"]
    assert "[[container-orchestration|container orchestration]]" in body(text)
    orchestration = (root / "content" / "container-orchestration.md").read_text(encoding="utf-8")
    assert "[[container|containers]]" in body(orchestration) and "[[cluster|cluster]]" in body(orchestration)
    assert "Kubernetes" in body(orchestration) and "/kubernetes/" not in orchestration, "a link elsewhere is text"
    assert "**No pager at night**" in body(orchestration), "<b> becomes Markdown emphasis"
    assert "container-orchestration.md:3:1: warning: status 'Draft' is not kept" in run.out
    assert "_index.md: pages of the site, not terms" in run.out


def test_a_kubernetes_glossary_keeps_short_text_aliases_and_tooltips(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project()
    run = run_import(cli, root, "hugo", str(FIXTURES / "hugo-kubernetes"), "--link-base", "https://kubernetes.io")
    assert run.code == 0, run.printed
    assert errors(checked(cli, root)) == []
    pod = (root / "content" / "pod.md").read_text(encoding="utf-8")
    assert "The smallest object you deploy: one or more containers" in front(pod), "short_description is the summary"
    assert "[[container|containers]]" in body(pod) and "[[node|Node]]" in body(pod)
    assert "<!--more-->" not in pod and "{{<" not in pod
    assert "[Pod overview](https://kubernetes.io/docs/concepts/workloads/pods/)" in body(pod)
    node = (root / "content" / "node.md").read_text(encoding="utf-8")
    assert "aliases: [Worker, Minion]" in front(node)
    assert "related: [pod]" in front(node)
    assert "node.md:2:1: warning: related 'cluster-missing' names no imported term or entry" in run.out
    assert "node.md:22:1: warning: Node: reference to 'kubelet' names no imported term" in run.out
    assert "kubelet" in body(node) and "[[kubelet" not in node, "a reference to nothing keeps its text"
    container = (root / "content" / "container.md").read_text(encoding="utf-8")
    assert "Images are built once" in container and "note" not in body(container)
    assert "container.md:18:1: warning: shortcode 'note' has no equivalent" in run.out
    assert "'date' has no place in an entry; not imported (and 2 more file(s))" in run.out


def test_without_the_old_sites_address_its_links_become_text_and_the_report_says_so(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project()
    run = run_import(cli, root, "hugo", str(FIXTURES / "hugo-kubernetes"))
    pod = (root / "content" / "pod.md").read_text(encoding="utf-8")
    assert "See the Pod overview for the details." in body(pod)
    assert "pod.md:21:1: warning: link to '/docs/concepts/workloads/pods/' leads into the old site" in run.out
    assert "--link-base" in run.out


# -- Sphinx, CSV, TSV -----------------------------------------------------------------------------


def test_a_sphinx_glossary_shares_definitions_as_aliases_and_links_its_terms(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project()
    run = run_import(cli, root, "sphinx", str(FIXTURES / "sphinx"))
    assert run.code == 0, run.printed
    assert errors(checked(cli, root)) == []
    content = root / "content"
    written = sorted(p.stem for p in content.glob("*.md"))
    assert written == ["build-environment", "domain", "source-directory", "source-file"]
    env = (content / "build-environment.md").read_text(encoding="utf-8")
    assert "aliases: [env]" in front(env), "a second term over the same definition is an alias"
    assert "[[source-file|source files]]" in front(env) and "`conf.py`" in front(env)
    directory = (content / "source-directory.md").read_text(encoding="utf-8")
    assert "category: Tools" in front(directory), "the classifier is the category site.yaml has"
    assert "[the manual](https://example.org/manual)" in directory
    assert "> **Note:**" in body(directory) and "`docs`" in body(directory)
    source_file = (content / "source-file.md").read_text(encoding="utf-8")
    assert "```\nsphinx-build -b html docs build/html\n```" in body(source_file), "a literal block is fenced code"
    assert "[[source-directory|source directory]]" in source_file
    assert "glossary.rst:17:1: warning: :ref: to another page became its text" in run.out
    assert "glossary.rst:33:1: warning: domain: reference to 'role' names no imported term" in run.out


def test_a_csv_file_gives_aliases_levels_and_categories(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project()
    run = run_import(cli, root, "csv", str(FIXTURES / "table" / "terms.csv"))
    assert run.code == 0, run.printed
    assert errors(checked(cli, root)) == []
    content = root / "content"
    embedding = (content / "embedding.md").read_text(encoding="utf-8")
    assert "aliases: [Vector embedding, Text embedding]" in front(embedding), "aliases separated by |"
    assert "level: intermediate" in front(embedding)
    tokenizer = (content / "tokenizer.md").read_text(encoding="utf-8")
    assert "aliases: [Tokeniser, Word splitter]" in front(tokenizer), "aliases separated by ;"
    assert "[[embedding|embedding]]" in tokenizer, "a [[link]] the source wrote leads to the slug"
    tuning = (content / "fine-tuning.md").read_text(encoding="utf-8")
    assert "level: beginner" in front(tuning) and "tags: [training]" in front(tuning)
    assert "Updating the weights" in body(tuning), "a cell over several lines keeps its paragraphs"
    assert "terms.csv:4:1: warning: Fine-tuning: level 'expert' is not one of" in run.out
    assert "fine-tuning (Training)" in run.out, "the report names the category it could not keep"


def test_a_tsv_file_is_read_by_its_header(make_project: Callable[..., Path], cli: Callable[..., CliRun]) -> None:
    root = make_project({"site.yaml": ""})
    (root / "site.yaml").write_text(
        "title: T\nbase_url: https://example.org/\ncategories:\n  - name: Core Concepts\n  - name: Prompting\n",
        encoding="utf-8",
    )
    run = run_import(cli, root, "tsv", str(FIXTURES / "table" / "terms.tsv"))
    assert run.code == 0, run.printed
    prompt = (root / "content" / "prompt.md").read_text(encoding="utf-8")
    assert "category: Prompting" in front(prompt) and "aliases: [Input]" in front(prompt)
    assert "[[context-window|Context window]]" in prompt
    assert "terms.tsv:1:1: warning: column(s) 'source' have no place in an entry" in run.out


# -- glosario -------------------------------------------------------------------------------------


def test_glosario_gives_entries_and_their_translations(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project(site_yaml=BILINGUAL)
    run = run_import(cli, root, "glosario", str(FIXTURES / "glosario" / "glossary.yml"))
    assert run.code == 0, run.printed
    check = checked(cli, root)
    assert errors(check) == [] and "outdated-translation" not in check.out and "no-source-hash" not in check.out
    content = root / "content"
    assert sorted(p.stem for p in content.glob("*.md")) == ["absolute-path", "api", "filesystem", "relative-path"]
    assert sorted(p.stem for p in (content / "es").glob("*.md")) == ["absolute-path", "api", "relative-path"]
    entry = (content / "absolute-path.md").read_text(encoding="utf-8")
    assert "related: [relative-path]" in front(entry), "ref is related"
    assert "[[filesystem|filesystem]]" in entry
    translation = (content / "es" / "absolute-path.md").read_text(encoding="utf-8")
    assert "title: ruta absoluta" in front(translation)
    assert f"source_hash: {source_hash(entry)}" in front(translation), "the translation is of the entry as written"
    assert "[[filesystem|sistema de archivos]]" in translation
    assert "aliases: [API]" in front((content / "api.md").read_text(encoding="utf-8")), "the acronym is an alias"
    assert "1 definition(s) in 'de' not imported: site.yaml has no such language" in run.out
    assert "orphan_translation: no 'en' text" in run.out


# -- never overwrite ------------------------------------------------------------------------------


def test_an_import_never_overwrites_and_links_to_what_is_there(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    mine = entry_text("My Container", extra="tags: [mine]\n")
    group = entry_text("Server Group", extra="aliases: [Cluster]\n")
    root = make_project({"content/container.md": mine, "content/server-group.md": group})
    run = run_import(cli, root, "hugo", str(FIXTURES / "hugo-cncf"))
    content = root / "content"
    assert (content / "container.md").read_text(encoding="utf-8") == mine
    assert not (content / "cluster.md").exists(), "a term that is an existing entry's alias is that entry"
    assert "container.md exists already (not overwritten)" in run.out
    assert "already an entry: server-group.md has the name 'Cluster'" in run.out
    orchestration = (content / "container-orchestration.md").read_text(encoding="utf-8")
    assert "[[container|containers]]" in orchestration and "[[server-group|cluster]]" in orchestration
    assert errors(checked(cli, root)) == []


def test_importing_again_writes_nothing_new(make_project: Callable[..., Path], cli: Callable[..., CliRun]) -> None:
    root = make_project()
    run_import(cli, root, "csv", str(FIXTURES / "table" / "terms.csv"))
    before = {p: p.read_bytes() for p in (root / "content").rglob("*.md")}
    again = run_import(cli, root, "csv", str(FIXTURES / "table" / "terms.csv"))
    assert again.code == 0
    assert {p: p.read_bytes() for p in (root / "content").rglob("*.md")} == before
    assert "Created 0 entries" in again.out and again.out.count("(not overwritten)") == 3


# -- what the report asks for --------------------------------------------------------------------


def test_the_report_says_what_is_left_to_fill_in_and_what_check_says(
    make_project: Callable[..., Path], cli: Callable[..., CliRun]
) -> None:
    root = make_project()
    run = run_import(cli, root, "hugo", str(FIXTURES / "hugo-kubernetes"))
    to_fill = run.out.split("To fill in:\n", 1)[1].split("\n\n", 1)[0]
    assert "level: every entry is 'beginner'" in to_fill
    assert "category: the source gives none, so every entry is in 'Core Concepts'" in to_fill
    assert "example, misconceptions, impact" in to_fill
    assert re.search(r"^check: 3 entries, 0 errors, \d+ warnings$", run.out, re.M)
    assert re.search(r"^  few-misconceptions +3  e\.g\. content/", run.out, re.M)
    pod = (root / "content" / "pod.md").read_text(encoding="utf-8")
    assert "\n# example:\n#   title:" in pod, "what is left to write is there, commented out"


def test_a_term_without_a_definition_is_marked_for_its_summary(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = make_project()
    source = tmp_path / "terms.csv"
    source.write_text("term,definition\nRetrieval,\nGrounding,Tying an answer to a source.\n", encoding="utf-8")
    run = run_import(cli, root, "csv", str(source))
    assert run.code == 1, "check reports the summary still to write"
    assert "summary: retrieval had no definition" in run.out
    assert "content/retrieval.md" in "\n".join(errors(run)) and "[placeholder]" in run.out


def test_a_long_definition_gives_a_summary_within_the_limit(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = make_project()
    sentence = "A very long sentence that goes on " + "and on " * 60 + "until it ends."
    source = tmp_path / "terms.csv"
    source.write_text(f'term,definition\nRambling,"{sentence} A second one."\n', encoding="utf-8")
    run = run_import(cli, root, "csv", str(source))
    assert run.code == 0
    summary = front((root / "content" / "rambling.md").read_text(encoding="utf-8")).split("summary: >-\n", 1)[1]
    assert len(summary.split()) <= 75 and summary.rstrip().endswith("…")
    assert "summary: cut short to fit the 30-second version in rambling" in run.out
    assert "long-summary" not in checked(cli, root).out


# -- hostile input --------------------------------------------------------------------------------

EVIL = """\
---
title: <b>Evil</b> term<script>alert(1)</script>
id: ../../x
short_description: Looks <img src=x onerror=alert(1)> harmless.
---
Text <script>document.cookie</script> with <iframe src="https://evil.example"></iframe> frames,
a <a href="javascript:alert(1)">bad link</a>, a <span onclick="x()">span</span> and a <!-- comment -->.

`<script>` in code stays as an example.
"""


def test_hostile_hugo_input_is_written_safely_inside_content(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = make_project()
    source = tmp_path / "source"
    source.mkdir()
    (source / "evil.md").write_text(EVIL, encoding="utf-8")
    outside = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    run = run_import(cli, root, "hugo", str(source))
    created = sorted({p for p in tmp_path.rglob("*") if p.is_file()} - set(outside))
    assert created == [root / "content" / "x.md"], "the id's path is only ever a slug"
    text = created[0].read_text(encoding="utf-8")
    assert "title: Evil term" in front(text)
    outside_code = text.replace("`<script>`", "")
    for bad in ("<script", "<iframe", "<img", "onerror", "onclick", "javascript:", "<span", "<!--", "<b>"):
        assert bad not in outside_code, bad
    assert "bad link" in text and "span" in body(text)
    assert "'../../x' is not a slug; the entry is x.md" in run.out
    for what in ("a <script> element was removed", "a <iframe> element was removed", "an image was removed"):
        assert what in run.out
    assert errors(checked(cli, root)) == []


def test_unreadable_and_oversized_sources_are_reported_not_raised(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = make_project()
    source = tmp_path / "source"
    source.mkdir()
    (source / "latin1.md").write_bytes(b"---\ntitle: Caf\xe9\n---\nText.\n")
    (source / "open.md").write_text("---\ntitle: Never closed\n", encoding="utf-8")
    (source / "bomb.md").write_text("---\ntitle: &a Boom\naka: [*a, *a]\n---\nText.\n", encoding="utf-8")
    (source / "deep.md").write_text("---\ntitle: " + "[" * 5000 + "\n---\n", encoding="utf-8")
    (source / "huge.md").write_text("---\ntitle: Huge\n---\n" + "word " * 300_000, encoding="utf-8")
    spaces = "---\ntitle: Spaces\n---\n{{< x" + " " * 200_000 + "\nEnd.\n"  # an unclosed shortcode, then a long run
    (source / "shortcode.md").write_text(spaces, encoding="utf-8")
    (source / "fine.md").write_text("---\ntitle: Fine\n---\nA fine term.\n", encoding="utf-8")
    run = run_import(cli, root, "hugo", str(source))
    assert sorted(p.stem for p in (root / "content").glob("*.md")) == ["fine", "shortcode"]
    assert "latin1.md:2:" in run.out and "not valid UTF-8" in run.out
    assert "open.md:1:1: warning: front matter is not closed" in run.out
    assert "bomb.md:" in run.out and "anchors and aliases" in run.out
    assert "deep.md:" in run.out and "nested" in run.out
    assert "huge.md:1:1: error: file is 1,500," in run.out and "an import reads at most 1,000,000 bytes" in run.out
    assert run.code == 1, "a file that cannot be read fails the import"


def test_a_source_file_past_the_limit_is_not_read(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    from glossator.importers.terms import MAX_SOURCE_BYTES

    root = make_project()
    source = tmp_path / "huge.csv"
    with source.open("wb") as handle:
        handle.truncate(MAX_SOURCE_BYTES + 1)  # sparse: nothing is written, the size is what counts
    run = run_import(cli, root, "csv", str(source))
    assert run.code == 1
    assert f"huge.csv:1:1: error: file is {MAX_SOURCE_BYTES + 1:,} bytes" in run.out
    assert list((root / "content").iterdir()) == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("bomb.yml", "- slug: a\n  en: &x {term: A, def: B}\n  es: *x\n", "anchors and aliases"),
        ("map.yml", "slug: a\n", "expected a list of terms"),
        ("bad.yml", "- slug: [a\n", "invalid YAML"),
    ],
)
def test_hostile_glosario_files_are_refused_with_a_diagnostic(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path, name: str, text: str, expected: str
) -> None:
    root = make_project(site_yaml=BILINGUAL)
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    run = run_import(cli, root, "glosario", str(source))
    assert run.code == 1 and f"{name}:" in run.out and expected in run.out


def test_a_glosario_slug_that_climbs_out_stays_in_content(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = make_project(site_yaml=BILINGUAL)
    source = tmp_path / "g.yml"
    source.write_text(
        "- slug: ../../../etc/passwd\n  en: {term: Password file, def: Where accounts were kept.}\n"
        "  es: {term: Archivo de contraseñas, def: Donde se guardaban las cuentas.}\n",
        encoding="utf-8",
    )
    run = run_import(cli, root, "glosario", str(source))
    assert run.code == 0, run.printed
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md")) == [
        "content/es/etc-passwd.md",
        "content/etc-passwd.md",
    ]


def test_a_body_too_large_for_an_entry_is_left_out(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = make_project()
    (root / "site.yaml").write_text(
        (root / "site.yaml").read_text(encoding="utf-8") + "limits:\n  entry_bytes: 50000\n", encoding="utf-8"
    )
    source = tmp_path / "terms.csv"
    source.write_text(f'term,definition\nBig,"{"Words here. " * 3000}"\nSmall,Fits.\n', encoding="utf-8")
    run = run_import(cli, root, "csv", str(source))
    assert sorted(p.stem for p in (root / "content").glob("*.md")) == ["small"]
    assert "Big: its text is 35,999 bytes; an entry may be 50,000" in run.out


# -- the command line -----------------------------------------------------------------------------


def test_import_help_names_every_format_with_an_example(cli: Callable[..., CliRun]) -> None:
    run = cli("import", "--help")
    assert run.code == 0
    for fmt in ("hugo", "sphinx", "csv, tsv", "glosario"):
        assert f"\n  {fmt}" in run.out, fmt
    assert "glossator import hugo " in run.out and "Nothing in content/ is overwritten" in " ".join(run.out.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("word", "x.doc"), "invalid choice"),
        (("csv", "missing.csv"), "missing.csv does not exist"),
        (("csv", "site.yaml", "--category", "Nope"), "'Nope' is not a category in site.yaml"),
        (("csv", "content"), "csv reads one file"),
    ],
)
def test_usage_errors_exit_2(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], args: tuple[str, ...], message: str
) -> None:
    root = make_project()
    run = run_import(cli, root, *args)
    assert run.code == 2 and message in run.err


def test_the_readme_examples_are_real_command_lines() -> None:
    from glossator import cli as cli_module

    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Bring an existing glossary", 1)[1].split("\n## ", 1)[0]
    examples = [line.split()[2:] for line in section.splitlines() if line.startswith("python build.py import ")]
    assert {args[1] for args in examples} == {"hugo", "sphinx", "csv", "tsv", "glosario"}, "one example per format"
    for args in examples:
        assert cli_module._parser().parse_args(args).command == "import"


@pytest.mark.slow  # builds the site
def test_an_imported_glossary_builds_and_its_pages_carry_no_script_from_the_source(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    from tests.helpers import build_site, read_site

    root = make_project()
    source = tmp_path / "source"
    source.mkdir()
    for f in (FIXTURES / "hugo-cncf").glob("*.md"):
        (source / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (source / "evil.md").write_text(EVIL, encoding="utf-8")
    assert run_import(cli, root, "hugo", str(source)).code == 0
    site = read_site(build_site(root, tmp_path / "site"))
    page = site["glossary/container/index.html"].decode("utf-8")
    assert 'href="../virtual-machine/"' in page or "/glossary/virtual-machine/" in page, "term links are links"
    for name, data in site.items():
        if name.endswith((".html", ".json", ".xml")):
            text = data.decode("utf-8", "replace")
            assert "alert(1)" not in text and "document.cookie" not in text and "evil.example" not in text, name


def test_a_csv_file_saved_with_semicolons_is_read_too(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = make_project()
    source = tmp_path / "terms.csv"
    source.write_text("Term;Definition;Aliases\nLatency;The wait before a reply.;Delay | Lag\n", encoding="utf-8")
    run = run_import(cli, root, "csv", str(source))
    assert run.code == 0, run.printed
    assert "aliases: [Delay, Lag]" in front((root / "content" / "latency.md").read_text(encoding="utf-8"))


# -- the pieces every format shares ---------------------------------------------------------------


def test_a_summary_is_whole_sentences_and_never_code() -> None:
    from glossator.importers.text import summary_of

    long = "A first sentence, e.g. one with an abbreviation and `a.b()` in code, runs on. " + "More words. " * 40
    summary, cut = summary_of(long)
    assert summary.startswith("A first sentence, e.g. one with an abbreviation and `a.b()` in code, runs on. More")
    assert summary.endswith("More words.") and cut and 50 < len(summary.split()) <= 60
    assert summary_of("The prompt:\n```\n>>> 1 + 1\n```\n") == ("The prompt:", False)
    assert summary_of("## Heading\n\n- The first item.\n- The second.") == ("The first item.", False)


def test_raw_html_is_made_markdown_or_taken_out_but_code_keeps_it() -> None:
    from glossator.importers.rawhtml import plain, without_html

    text, removed = without_html('<p>Use <code>x</code> and <a href="https://example.org/">this</a>.</p> `<b>` stays')
    assert text.strip() == "Use `x` and [this](https://example.org/).\n\n `<b>` stays" and removed == ()
    text, removed = without_html("a <b onclick=x>b</b> <style>p{}</style> <a href='javascript:x'>c</a>")
    assert text == "a **b**  c" and [r.what.split()[1] for r in removed] == ["<style>", "link"]
    assert plain("R&amp;D <em>team</em>") == "R&D team"


def test_names_are_claimed_once_and_file_names_never_collide(
    make_project: Callable[..., Path], cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    root = make_project()
    source = tmp_path / "terms.csv"
    source.write_text(
        "term,definition,aliases\n"
        "C++,A language that grew out of C.,\n"
        "C#,A language that runs on .NET.,C++\n"
        "Tokenizer,Splits text.,\n"
        "tokenizer,Splits text again.,\n",
        encoding="utf-8",
    )
    run = run_import(cli, root, "csv", str(source))
    assert run.code == 0, run.printed
    assert sorted(p.stem for p in (root / "content").glob("*.md")) == ["c", "c-2", "tokenizer"]
    assert "c.md is another term's; this one is c-2.md" in run.out
    assert "alias 'C++' is already a name of c.md; left out" in run.out
    assert "a second term named 'tokenizer' (the first is tokenizer.md)" in run.out
    assert errors(checked(cli, root)) == []
