"""`glossator import FORMAT SOURCE`: read another tool's glossary, write entries, check them, report.

The command line's only part in this is `add_parser` (the subcommand and its
options) and `run`; the readers and the pipeline are loaded when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from glossator.content.model import LEVELS

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("hugo", "sphinx", "csv", "tsv", "glosario")

DESCRIPTION = """\
Bring an existing glossary into content/: one entry per term, written as
`new` writes one, with every field the source gives filled in and references
to other terms made [[links]]. Nothing in content/ is overwritten: a term
whose file or name exists already is skipped and listed. The import ends
with a report of what was mapped, what could not be (file:line in the
source), what is left to fill in, and what `check` says of the result.
"""
EPILOG = """\
formats:
  hugo      a folder of Markdown files, one per term, as in the CNCF glossary
            (title, category, tags; "## What it is" sections) or the Kubernetes
            one (id, short_description, aka, <!--more-->, glossary_tooltip)
  sphinx    a .rst file, or a folder of them, with `.. glossary::` directives
  csv, tsv  a table with a header row: term, definition, and optionally
            aliases, category, tags, level, related, summary, id
            (several values in one cell separated by ; or |)
  glosario  one YAML file of every term in every language (carpentries/glosario):
            the site's default language becomes the entries, the other
            languages in site.yaml their translations under content/<lang>/

examples:
  glossator import hugo ../glossary/content/en
  glossator import hugo website/content/en/docs/reference/glossary --link-base https://kubernetes.io
  glossator import sphinx docs/glossary.rst --category Tools
  glossator import csv terms.csv --level intermediate
  glossator import glosario glossary.yml

exit status: 0 when the imported glossary passes check (warnings allowed),
1 when the source cannot be read or check finds errors, 2 for a usage error.
"""


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """The `import` subcommand and its options."""
    p = sub.add_parser(
        "import",
        help="bring a glossary in from another tool's format (hugo, sphinx, csv, tsv, glosario); never overwrites",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        usage="%(prog)s FORMAT SOURCE [--root D] [--category C] [--level L] [--link-base URL]",
    )
    p.add_argument("format", metavar="FORMAT", choices=FORMATS, help=f"one of {', '.join(FORMATS)}")
    p.add_argument("source", metavar="SOURCE", type=Path, help="the file or folder to import")
    p.add_argument("--root", type=Path, default=Path(), help="the project folder (default: here)")
    p.add_argument(
        "--category",
        help="for terms whose category is not one of site.yaml's (default: the first category in site.yaml)",
    )
    p.add_argument("--level", choices=LEVELS, default=LEVELS[0], help="for terms with no level (default: %(default)s)")
    p.add_argument(
        "--link-base",
        default="",
        metavar="URL",
        help="the old site's address: links relative to it are kept, made absolute (otherwise they become text)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import, check and report; the exit code."""
    import datetime as dt

    from glossator.authoring.scaffold import existing_names
    from glossator.build.pipeline import check
    from glossator.content.load import display_path
    from glossator.content.project import Project, load_config
    from glossator.core.parallel import default_jobs
    from glossator.importers import glosario, hugo, sphinx, table
    from glossator.importers.plan import Site, plan
    from glossator.importers.report import Outcome, report
    from glossator.importers.terms import Options, Reading
    from glossator.importers.write import write_drafts

    project = Project.at(args.root)
    config = load_config(project)
    categories = tuple(c.name for c in config.categories)
    category = args.category or (categories[0] if categories else "")
    if category not in categories:
        choices = ", ".join(categories) or "none (add categories to site.yaml first)"
        sys.stderr.write(f"import: {category!r} is not a category in site.yaml; choose one of {choices}\n")
        return EXIT_USAGE
    if args.link_base and not args.link_base.startswith(("http://", "https://")):
        sys.stderr.write(f"import: --link-base must be an http or https address (got {args.link_base!r})\n")
        return EXIT_USAGE
    source: Path = args.source
    if not source.exists():
        sys.stderr.write(f"import: {source} does not exist\n")
        return EXIT_USAGE
    if args.format not in ("hugo", "sphinx") and not source.is_file():
        sys.stderr.write(f"import: {args.format} reads one file; {source} is a folder\n")
        return EXIT_USAGE
    languages = tuple(x.code for x in config.all_languages[1:])
    options = Options(
        default_lang=config.default_code,
        languages=languages,
        link_base=args.link_base if args.link_base.endswith("/") else args.link_base and args.link_base + "/",
        file_bytes=config.limits.entry_bytes,
    )
    readers: dict[str, Callable[[Path, Options, Path], Reading]] = {
        "hugo": hugo.read,
        "sphinx": sphinx.read,
        "csv": table.read,
        "tsv": lambda s, o, c: table.read(s, o, c, delimiter="\t"),
        "glosario": glosario.read,
    }
    reading = readers[args.format](source, options, project.cwd)
    existing = {name: Path(path).stem for name, path in existing_names(project, config).items()}
    files = _present(project.content)
    translated = frozenset((lang, slug) for lang in languages for slug in _present(project.content / lang))
    site = Site(
        categories=categories,
        category=category,
        level=args.level,
        entry_bytes=config.limits.entry_bytes,
        existing=existing,
        files=files,
        translated=translated,
    )
    planned = plan(reading, site)
    today = dt.date.today().isoformat()
    written = write_drafts(planned.drafts, project.content, config, cwd=project.cwd, today=today)
    checked = check(project, config, jobs=default_jobs())
    outcome = Outcome(
        format=args.format,
        source=display_path(source, project.cwd),
        terms=len(reading.terms),
        created=written.created,
        skipped=(*planned.skipped, *written.skipped),
        mapped=reading.mapped,
        links=planned.links,
        notes=tuple(sorted((*reading.notes, *planned.notes))),
        fill_in=planned.fill_in,
        level=args.level,
        category=category,
        check=checked.diagnostics,
        checked=checked.entries,
    )
    sys.stdout.write(report(outcome))
    failed = reading.failed or any(d.severity == "error" for d in (*reading.notes, *checked.diagnostics))
    return EXIT_FAILED if failed else EXIT_OK


def _present(folder: Path) -> frozenset[str]:
    """The names (without .md) of the entry files in `folder`, valid or not: an import writes none of these."""
    return frozenset(p.name[: -len(".md")] for p in folder.glob("*.md")) if folder.is_dir() else frozenset()
