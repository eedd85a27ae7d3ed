"""The command line: `glossator [build|check|serve|new|translate-status] ...`, also `python build.py ...`."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from glossator.build.cache import previous_build
from glossator.build.write import UnsafeOutputError, check_output
from glossator.content.model import LEVELS
from glossator.content.project import Project, load_config
from glossator.core.diagnostics import FORMATTERS, DiagnosticError, format_text, has_errors
from glossator.core.parallel import default_jobs
from glossator.core.progress import Progress

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
COMMANDS = ("build", "check", "serve", "new", "translate-status")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="glossator", description="Build a glossary website from Markdown entries.")
    sub = parser.add_subparsers(dest="command", metavar="command")

    b = sub.add_parser("build", help="validate, then build the site (the default command)")
    b.add_argument("--root", type=Path, default=Path(), help="the project folder (default: here)")
    b.add_argument("--content", type=Path, help="entries folder (default: ROOT/content)")
    b.add_argument("--out", type=Path, help="output folder (default: ROOT/site)")
    b.add_argument("--base-url", help="override base_url from site.yaml")
    b.add_argument("--drafts", action="store_true", help="include entries with status: draft")
    b.add_argument("--jobs", type=int, default=default_jobs(), help="processes to render with (default: one per core)")

    c = sub.add_parser("check", help="validate only; write nothing")
    c.add_argument("--root", type=Path, default=Path(), help="the project folder (default: here)")
    c.add_argument("--content", type=Path, help="entries folder (default: ROOT/content)")
    c.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="how to print problems")
    c.add_argument("--strict", action="store_true", help="fail on warnings too")

    s = sub.add_parser("serve", help="build, serve on localhost, rebuild and reload on every save")
    s.add_argument("--root", type=Path, default=Path(), help="the project folder (default: here)")
    s.add_argument("--content", type=Path, help="entries folder (default: ROOT/content)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000, or the next free one)")
    s.add_argument("--open", action="store_true", help="open the preview in a browser")

    n = sub.add_parser(
        "new",
        help="scaffold content/<slug>.md for a new term, or a translation",
        usage='%(prog)s "Term name" [--category C] [--level L] | %(prog)s --translate LANG SLUG',
    )
    n.add_argument("title", nargs="?", help='the term, e.g. "Fine-Tuning"')
    n.add_argument("--root", type=Path, default=Path(), help="the project folder (default: here)")
    n.add_argument("--category", help="one of the categories in site.yaml")
    n.add_argument("--level", choices=LEVELS, default=LEVELS[0])
    n.add_argument(
        "--translate",
        nargs=2,
        metavar=("LANG", "SLUG"),
        help="scaffold content/LANG/SLUG.md from content/SLUG.md, its text marked for translation",
    )

    t = sub.add_parser("translate-status", help="per language: translated, outdated and missing entries")
    t.add_argument("--root", type=Path, default=Path(), help="the project folder (default: here)")
    t.add_argument("--format", choices=("text", "json"), default="text", help="how to print the report")
    t.add_argument(
        "--update",
        nargs="+",
        metavar="LANG/SLUG",
        default=(),
        help="record that these translations match their sources now (sets source_hash)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help")):
        args_list.insert(0, "build")
    try:
        args = _parser().parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "serve":
            from glossator.preview.server import serve

            return serve(_project(args), host=args.host, port=args.port, open_browser=args.open)
        if args.command == "new":
            return _new(args)
        if args.command == "translate-status":
            from glossator.authoring.translate import translate_status

            return translate_status(args.root, output=args.format, update=args.update)
        return _build(args)
    except DiagnosticError as exc:
        sys.stderr.write(format_text(exc.diagnostics))
        return EXIT_USAGE
    except UnsafeOutputError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _new(args: argparse.Namespace) -> int:
    if args.translate:
        if args.title is not None:
            sys.stderr.write("new: give either a title or --translate LANG SLUG, not both\n")
            return EXIT_USAGE
        from glossator.authoring.translate import new_translation

        lang, slug = args.translate
        return new_translation(args.root, lang, slug)
    if args.title is None:
        sys.stderr.write('new: give the new term\'s title, e.g. new "Fine-Tuning", or --translate LANG SLUG\n')
        return EXIT_USAGE
    from glossator.authoring.scaffold import new_entry

    return new_entry(args.root, args.title, category=args.category, level=args.level)


def _project(args: argparse.Namespace) -> Project:
    root = args.root
    return Project.at(root, content=getattr(args, "content", None), out=getattr(args, "out", None))


def _check(args: argparse.Namespace) -> int:
    from glossator.build.pipeline import check
    from glossator.build.work import kept_work

    project = _project(args)
    config = load_config(project)
    with kept_work(project, _warn) as memo:
        result = check(project, config, jobs=default_jobs(), memo=memo)
    sys.stdout.write(FORMATTERS[args.format](result.diagnostics))
    failed = has_errors(result.diagnostics) or (args.strict and bool(result.diagnostics))
    if args.format == "text":
        errors = sum(d.severity == "error" for d in result.diagnostics)
        warnings = len(result.diagnostics) - errors
        entries = result.entries
        summary = (
            f"{errors} error(s), {warnings} warning(s)" if result.diagnostics else f"{entries} entries, no problems"
        )
        sys.stderr.write(f"check: {summary}\n")
    return EXIT_CONTENT if failed else EXIT_OK


def _warn(line: str) -> None:
    sys.stderr.write(line + "\n")


def _build(args: argparse.Namespace) -> int:
    project = _project(args)
    started = time.perf_counter()
    config = load_config(project, base_url=args.base_url)
    check_output(project.out, root=project.root, content=project.content)
    previous = previous_build(project, config, drafts=args.drafts)
    if previous.current:
        outcome = previous.state.outcome()
    else:
        # The pipeline (templates, Markdown, fonts) is loaded only when there is something to build.
        from glossator.build.pipeline import build
        from glossator.build.rendered import kept_pages
        from glossator.build.work import kept_work

        jobs = max(1, args.jobs)
        with kept_work(project, _warn) as memo, kept_pages(project, config, _warn, memo.known_digest) as pages:
            outcome = build(
                project,
                config,
                drafts=args.drafts,
                jobs=jobs,
                progress=Progress(),
                previous=previous,
                memo=memo,
                page_cache=pages,
            )
    sys.stderr.write(format_text(outcome.diagnostics))
    if not outcome.built:
        sys.stderr.write("build: not built; fix the errors above (the previous site is untouched)\n")
        return EXIT_CONTENT
    seconds = time.perf_counter() - started
    if outcome.up_to_date:
        detail = "nothing changed since the last build; reused it whole"
    else:
        detail = f"{outcome.written} files written, {outcome.linked} unchanged files kept"
    summary = f"{outcome.entries} entries, {outcome.pages} pages -> {project.out} in {seconds:.2f}s ({detail})"
    sys.stderr.write(f"build: {summary}\n")
    return EXIT_OK
