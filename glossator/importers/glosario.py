"""Glosario's layout: one YAML file holding every language of every term.

The file is a list of items.  Each has a `slug`, optionally `ref` (the slugs
of terms to see also), then one mapping per language code with the term
(`term`), its definition (`def`, Markdown) and optionally an `acronym`.
Definitions link other terms as `[shown](#slug)`.

The site's default language becomes the entries; every other language that
site.yaml lists becomes translations under `content/<lang>/`.  Languages the
site does not have are counted in the report, so that adding them to
site.yaml and importing again brings them in.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from glossator.content.load import display_path
from glossator.content.yamlnodes import YamlInputError, compose, scalar_text
from glossator.importers.terms import Notes, Options, Passage, Reading, Term, Version, read_text, reference, texts
from glossator.importers.text import clean, rewrite_prose

FORMAT = "glosario"
MAPPED = (
    "slug -> the file name (underscores become hyphens)",
    "term -> title; acronym -> aliases",
    "def -> the body; its first sentences -> summary",
    "ref -> related",
    "[shown](#slug) links -> [[links]]",
    "each language in site.yaml -> the entry (the default language) or its translation",
)
_KNOWN = frozenset({"slug", "ref"})
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_ANCHOR_LINK = re.compile(r"(?<!!)\[((?:[^\[\]\n]|\n(?!\s*\n))+)\]\(\s*#([\w.-]+)\s*\)")


def read(source: Path, options: Options, cwd: Path) -> Reading:
    """Every item of a glosario file, in the site's languages."""
    notes = Notes()
    path = display_path(source, cwd)
    text = read_text(source, path)
    if text.value is None:
        return Reading((), text.problems, MAPPED, failed=True)
    try:
        root = compose(clean(text.value))
    except YamlInputError as exc:
        notes.add(path, exc.position.line, "import-yaml", exc.message, error=True)
        return Reading((), tuple(notes.found), MAPPED, failed=True)
    if not isinstance(root, yaml.SequenceNode):
        notes.add(path, 1, "import-yaml", "expected a list of terms, each with a slug", error=True)
        return Reading((), tuple(notes.found), MAPPED, failed=True)
    wanted = {options.default_lang, *options.languages}
    missing: dict[str, list[int]] = {}  # languages of the file the site does not have: the lines of their texts
    terms: list[Term] = []
    for item in root.value:
        term = _term(item, path, options, wanted, missing, notes)
        if term is not None:
            terms.append(term)
    for code, lines in sorted(missing.items()):
        message = (
            f"{len(lines)} definition(s) in {code!r} not imported: site.yaml has no such language; "
            f"add it under languages: and import again to bring them in"
        )
        notes.add(path, lines[0], "import-language", message)
    return Reading(tuple(terms), tuple(notes.found), MAPPED)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _term(
    item: yaml.Node, path: str, options: Options, wanted: set[str], missing: dict[str, list[int]], notes: Notes
) -> Term | None:
    line = _line(item)
    if not isinstance(item, yaml.MappingNode):
        notes.add(path, line, "import-yaml", "expected a term: a mapping with a slug and its languages")
        return None
    fields = {scalar_text(k): v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
    slug_node = fields.get("slug")
    slug = scalar_text(slug_node).strip() if isinstance(slug_node, yaml.ScalarNode) else ""
    if not slug:
        notes.add(path, line, "import-yaml", "term has no slug; not imported")
        return None
    versions: dict[str, Version] = {}
    for key, node in fields.items():
        if key in _KNOWN:
            continue
        if not _LANGUAGE.match(key) or not isinstance(node, yaml.MappingNode):
            notes.add(path, _line(node), "import-field", f"{slug}: {key!r} is not a language; not imported")
            continue
        if key not in wanted:
            missing.setdefault(key, []).append(_line(node))
            continue
        version = _version(node, slug, key, path, notes)
        if version is not None:
            versions[key] = version
    main = versions.pop(options.default_lang, None)
    if main is None:
        left = f" ({len(versions)} translation(s) left out)" if versions else ""
        message = f"{slug}: no {options.default_lang!r} text, which the entry would be; not imported{left}"
        notes.add(path, line, "import-language", message)
        return None
    ref = fields.get("ref")
    related = texts(_plain_list(ref)) if ref is not None else ()
    return Term(
        key=slug,
        path=path,
        line=line,
        text=main,
        related=related,
        translations=tuple((code, versions[code]) for code in options.languages if code in versions),
    )


def _plain_list(node: yaml.Node) -> object:
    if isinstance(node, yaml.SequenceNode):
        return [scalar_text(n) for n in node.value if isinstance(n, yaml.ScalarNode)]
    return scalar_text(node) if isinstance(node, yaml.ScalarNode) else ""


def _version(node: yaml.MappingNode, slug: str, lang: str, path: str, notes: Notes) -> Version | None:
    fields = {scalar_text(k): v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    values = {k: scalar_text(v) for k, v in fields.items() if isinstance(v, yaml.ScalarNode)}
    title = " ".join(values.get("term", "").split())
    if not title:
        notes.add(path, _line(node), "import-yaml", f"{slug} ({lang}): no term; not imported")
        return None
    for key in sorted(set(fields) - {"term", "def", "acronym"}):
        notes.add(path, _line(fields[key]), "import-field", f"{slug} ({lang}): {key!r} has no place in an entry")
    definition = values.get("def", "")
    def_line = _line(fields["def"]) if "def" in fields else _line(node)
    body = rewrite_prose(definition, lambda prose: _ANCHOR_LINK.sub(lambda m: reference(m.group(2), m.group(1)), prose))
    acronym = " ".join(values.get("acronym", "").split())
    aliases = (acronym,) if acronym else ()
    return Version(title=title, body=Passage(body.strip(), def_line, exact=False), aliases=aliases)
