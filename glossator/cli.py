"""The command line: `glossator [build|check|serve|new|init|import|rename|translate-status] ...`.

`python build.py ...` is the same program.

Usage errors are one line, `glossator build: error: ...`, and exit 2; the
exit codes are listed in EXIT_CODES, which --help prints.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import NoReturn

from glossator import __version__
from glossator.build.cache import previous_build
from glossator.build.write import UnsafeOutputError, check_output
from glossator.content.config import CONFIG_FILE, http_url_problem
from glossator.content.model import LEVELS
from glossator.content.project import Project, load_config
from glossator.core.diagnostics import FORMATTERS, DiagnosticError, format_text, has_errors
from glossator.core.parallel import default_jobs
from glossator.core.progress import Progress, Silent
from glossator.importers.command import add_parser as add_import_parser
from glossator.preview import DEFAULT_PORT

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
COMMANDS = ("build", "check", "serve", "new", "init", "import", "rename", "translate-status")
TOP_LEVEL_OPTIONS = ("-h", "--help", "--version")
EXIT_CODES = f"""\
exit codes:
  {EXIT_OK}    done; no errors (warnings fail only check --strict)
  {EXIT_CONTENT}    problems in the content or the templates (nothing was built),
       or a file that new would overwrite
  {EXIT_USAGE}    usage error: a bad option or value, no site.yaml or an invalid one,
       an output folder that is not safe to replace, a port that is taken
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)
"""


class UsageError(Exception):
    """A command asked for something it cannot do as asked: one line, then exit 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error told in one line: `glossator build: error: ...`."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _positive(value: str) -> int:
    if not value.strip().isdecimal() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number, 1 or more (got {value!r})")
    return int(value)


def _port(value: str) -> int:
    if not value.strip().isdecimal() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, or 0 for any free one (got {value!r})")
    return int(value)


def _url(value: str) -> str:
    if problem := http_url_problem(value):
        raise argparse.ArgumentTypeError(problem)
    return value


def _parser() -> argparse.ArgumentParser:
    layout = argparse.RawDescriptionHelpFormatter  # the epilog as written
    parser = _Parser(
        prog="glossator",
        description="Build a glossary website from Markdown entries.",
        epilog=EXIT_CODES,
        formatter_class=layout,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors and warnings")
    sub = parser.add_subparsers(dest="command", metavar="command", parser_class=_Parser)
    common = _Parser(add_help=False)
    common.add_argument("--root", type=Path, default=Path(), help="the project folder (default: here)")
    # (also after the command; SUPPRESS keeps `glossator -q build` from being undone by the command's default)
    common.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print only errors and warnings"
    )
    content = _Parser(add_help=False)
    content.add_argument("--content", type=Path, help="entries folder (default: ROOT/content)")

    def command(name: str, summary: str, *parents: _Parser, usage: str | None = None) -> _Parser:
        made = sub.add_parser(
            name, help=summary, usage=usage, parents=[common, *parents], epilog=EXIT_CODES, formatter_class=layout
        )
        assert isinstance(made, _Parser)
        return made

    b = command("build", "validate, then build the site (the default command)", content)
    b.add_argument("--out", type=Path, help="output folder (default: ROOT/site)")
    b.add_argument("--base-url", type=_url, help="build for this address instead of site.yaml's base_url")
    b.add_argument("--drafts", action="store_true", help="include entries with status: draft")
    b.add_argument(
        "--jobs", type=_positive, default=default_jobs(), help="processes to render with (default: one per core)"
    )

    c = command("check", "validate only; write nothing", content)
    c.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="check only these entry files (or folders of them), their links against the whole glossary",
    )
    c.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="how to print problems")
    c.add_argument("--strict", action="store_true", help="fail on warnings too")

    s = command("serve", "build, serve on localhost, rebuild and reload on every save", content)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument(
        "--port",
        type=_port,
        help=f"port (default: {DEFAULT_PORT}, or the next free one); one given is used or refused; 0: any free one",
    )
    s.add_argument("--open", action="store_true", help="open the preview in a browser")
    s.add_argument(
        "--drafts",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="show entries with status: draft (default: shown, marked as drafts)",
    )
    s.add_argument(
        "--base-url",
        type=_url,
        help="build the pages for this address, served under its path (default: the preview's own address)",
    )

    n = command(
        "new",
        "scaffold content/<slug>.md for a new term, or a translation",
        usage='%(prog)s "Term name" [--category C] [--level L] | %(prog)s --translate LANG SLUG',
    )
    n.add_argument("title", nargs="?", help='the term, e.g. "Fine-Tuning"')
    n.add_argument("--category", help="one of the categories in site.yaml")
    n.add_argument("--level", choices=LEVELS, default=LEVELS[0])
    n.add_argument(
        "--translate",
        nargs=2,
        metavar=("LANG", "SLUG"),
        help="scaffold content/LANG/SLUG.md from content/SLUG.md, its text marked for translation",
    )

    i = sub.add_parser(
        "init", help="start a new glossary in DIR (default: here); never overwrites a file", epilog=EXIT_CODES
    )
    i.add_argument("dir", nargs="?", type=Path, default=Path(), metavar="DIR", help="the new project's folder")
    i.add_argument("--title", help="the glossary's name (default: made from the folder's name)")
    i.add_argument("--base-url", type=_url, help="where the site will be published (default: https://example.org/)")

    t = command("translate-status", "per language: translated, outdated and missing entries")
    t.add_argument("--format", choices=("text", "json"), default="text", help="how to print the report")
    t.add_argument(
        "--update",
        nargs="+",
        metavar="LANG/SLUG",
        default=(),
        help="record that these translations match their sources now (sets source_hash)",
    )
    r = command("rename", "give an entry a new slug; rewrite every link to it and keep its old address")
    r.add_argument("old", metavar="OLD", help="the entry's slug now")
    r.add_argument("new", metavar="NEW", help="its new slug")
    add_import_parser(sub)
    return parser


def with_command(args: Sequence[str]) -> list[str]:
    """The arguments with `build` put in where no command is named (`glossator --drafts` builds)."""
    out = list(args)
    at = 0
    while at < len(out) and out[at] in ("-q", "--quiet"):
        at += 1
    if at == len(out) or (out[at].startswith("-") and out[at] not in TOP_LEVEL_OPTIONS):
        out.insert(at, "build")
    return out


# A run makes millions of small objects (entries, their prose, the cache's records) that live until it
# ends; with CPython's default thresholds the collector walks them again and again for nothing. Measured
# on 10,000 entries: `check` after one edit from 9.4 s to 7.2 s, the same peak memory.
COLLECTOR_THRESHOLDS = (50_000, 20, 100)


def main(argv: Sequence[str] | None = None) -> int:
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    args_list = with_command(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    try:
        if args.command == "init":
            from glossator.authoring.init import init_project

            return init_project(args.dir, title=args.title, base_url=args.base_url)
        _needs_config(args.root)
        if args.command == "check":
            return _check(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "new":
            return _new(args)
        if args.command == "translate-status":
            from glossator.authoring.translate import translate_status

            return translate_status(args.root, output=args.format, update=args.update)
        if args.command == "import":
            return int(args.run(args))
        if args.command == "rename":
            from glossator.authoring.rename import rename

            return rename(args.root, args.old, args.new)
        return _build(args)
    except UsageError as exc:
        sys.stderr.write(f"glossator {args.command}: error: {exc}\n")
        return EXIT_USAGE
    except DiagnosticError as exc:
        sys.stderr.write(format_text(exc.diagnostics))
        return EXIT_USAGE
    except UnsafeOutputError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _needs_config(root: Path) -> None:
    """A UsageError when `root` holds no site.yaml, saying where it looked and what to do."""
    if (root / CONFIG_FILE).exists():
        return
    folder = root.absolute()
    raise UsageError(
        f"no {CONFIG_FILE} in {folder}: run this in a glossary's folder, name one with --root DIR, "
        f"or start a new glossary there with: glossator init {_shown(root)}"
    )


def _shown(folder: Path) -> str:
    text = str(folder)
    return text if text and " " not in text else repr(text)


def _serve(args: argparse.Namespace) -> int:
    from glossator.preview.server import serve

    project = _project(args)
    return serve(
        project,
        host=args.host,
        port=args.port,
        open_browser=args.open,
        drafts=args.drafts,
        base_url=args.base_url,
        quiet=_quiet(args),
    )


def _quiet(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "quiet", False))


def _new(args: argparse.Namespace) -> int:
    if args.translate:
        if args.title is not None:
            raise UsageError("give either a title or --translate LANG SLUG, not both")
        from glossator.authoring.translate import new_translation

        lang, slug = args.translate
        return new_translation(args.root, lang, slug)
    if args.title is None:
        raise UsageError('give the new term\'s title, e.g. new "Fine-Tuning", or --translate LANG SLUG')
    from glossator.authoring.scaffold import new_entry

    return new_entry(args.root, args.title, category=args.category, level=args.level)


def _project(args: argparse.Namespace) -> Project:
    root = args.root
    return Project.at(root, content=getattr(args, "content", None), out=getattr(args, "out", None))


def _check(args: argparse.Namespace) -> int:
    from glossator.build.pipeline import check, check_templates
    from glossator.build.work import kept_work

    project = _project(args)
    named = [_entry_path(project, path) for path in args.paths]
    config = load_config(project)
    with kept_work(project, _warn) as memo:
        result = check(project, config, jobs=default_jobs(), memo=memo)
    if named:  # the whole glossary is checked, for the links; only the named files' problems are told
        diagnostics = [d for d in result.diagnostics if _within(project.cwd / d.path, named)]
    else:
        diagnostics = sorted([*result.diagnostics, *check_templates(project, result)])
    sys.stdout.write(FORMATTERS[args.format](diagnostics))
    failed = has_errors(diagnostics) or (args.strict and bool(diagnostics))
    if args.format == "text" and not _quiet(args):
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = len(diagnostics) - errors
        checked = f"{len(named)} path(s) named" if named else f"{result.entries} entries"
        summary = f"{errors} error(s), {warnings} warning(s)" if diagnostics else f"{checked}, no problems"
        sys.stderr.write(f"check: {summary}\n")
    return EXIT_CONTENT if failed else EXIT_OK


def _entry_path(project: Project, path: Path) -> Path:
    """A path `check` was given, resolved; a UsageError unless it is an entry file or a folder of them."""
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    if not project.holds_content(path):
        raise UsageError(f"{path}: not in the content folder ({project.content}); only entries can be checked alone")
    return path.resolve()


def _within(path: Path, named: Sequence[Path]) -> bool:
    try:
        found = path.resolve()
    except OSError:
        return False
    return any(found == one or one in found.parents for one in named)


def _warn(line: str) -> None:
    sys.stderr.write(line + "\n")


def _build(args: argparse.Namespace) -> int:
    project = _project(args)
    started = time.perf_counter()
    config = load_config(project, base_url=args.base_url)
    check_output(project.out, root=project.root, content=project.content)
    previous = previous_build(project, config, drafts=args.drafts)
    quiet = _quiet(args)
    if previous.current:
        outcome = previous.state.outcome()
    else:
        # The pipeline (templates, Markdown, fonts) is loaded only when there is something to build.
        from glossator.build.pipeline import build
        from glossator.build.rendered import kept_pages
        from glossator.build.work import kept_work

        progress = Silent() if quiet else Progress()
        with ExitStack() as caches:
            memo = caches.enter_context(kept_work(project, _warn))
            pages = caches.enter_context(kept_pages(project, config, _warn, memo.known_digest))
            outcome = build(
                project,
                config,
                drafts=args.drafts,
                jobs=args.jobs,
                progress=progress,
                previous=previous,
                memo=memo,
                page_cache=pages,
                while_indexing=caches.close,  # the caches are saved while search indexes the pages
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
    if not quiet:
        sys.stderr.write(f"build: {summary}\n")
    return EXIT_OK
