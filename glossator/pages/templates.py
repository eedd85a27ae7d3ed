"""Templates: the Jinja environment of a project, and its mistakes as diagnostics.

Templates are looked up in the project's own `templates/` folder first, then
in the built-in theme; a project template can extend a built-in one by
prefixing its name with `glossator/` (e.g. `{% extends "glossator/entry.html" %}`).
Autoescaping is on for every template and undefined names are errors.

A template that cannot be compiled or rendered is reported as
`templates/entry.html:12: error: ...`, at the line of the project's template
that holds the mistake (or that includes the built-in template which fails).
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.utils import missing

from glossator.content.load import display_path
from glossator.core.diagnostics import Diagnostic, DiagnosticError, Position, did_you_mean

THEME_TEMPLATES = Path(__file__).parents[1] / "theme" / "templates"
TEMPLATE_SUFFIX = ".html"  # what the project's folder holds as templates (other files are not compiled on their own)
CODE = "template"


class BrokenTemplateError(DiagnosticError):
    """Raised when a page cannot be rendered: its template's mistake, as a diagnostic."""


class _Undefined(jinja2.StrictUndefined):
    """StrictUndefined whose message suggests the name that was probably meant."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        obj, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint or obj is missing or not isinstance(name, str):
            return str(super()._undefined_message)
        kind = "key" if isinstance(obj, Mapping) else "attribute"
        return f"{type(obj).__name__} has no {kind} {name!r}{did_you_mean(name, _names(obj))}"


def _names(obj: object) -> list[str]:
    if isinstance(obj, Mapping):
        return [k for k in obj if isinstance(k, str)]
    names = [f.name for f in dataclasses.fields(obj)] if dataclasses.is_dataclass(obj) else []
    return names + [n for n in dir(obj) if not n.startswith("_")]


class Templates(jinja2.Environment):
    """A Jinja environment that knows which folder is the project's, so that it can say where a mistake is."""

    def __init__(self, site_templates: Path | None, cwd: Path, **options: Any) -> None:
        self.site_templates = site_templates if site_templates is not None and site_templates.is_dir() else None
        self.cwd = cwd
        theme = jinja2.FileSystemLoader(THEME_TEMPLATES)
        loaders: list[jinja2.BaseLoader] = []
        if self.site_templates is not None:
            loaders.append(jinja2.FileSystemLoader(self.site_templates))
        loaders += [jinja2.PrefixLoader({"glossator": theme}), theme]
        super().__init__(loader=jinja2.ChoiceLoader(loaders), undefined=_Undefined, **options)

    def render_page(self, name: str, /, **context: Any) -> str:
        """Template `name` rendered with `context`; a mistake in it raises BrokenTemplateError."""
        try:
            template = self.get_template(name)
        except Exception as exc:  # whatever breaks a template is reported, never a traceback
            raise BrokenTemplateError([self.problem(exc, name)]) from None
        try:
            return template.render(context)
        except Exception as exc:
            raise BrokenTemplateError([self.problem(exc, name)]) from None

    def own_templates(self) -> list[str]:
        """The names of the templates in the project's folder, sorted (hidden files and other suffixes left out)."""
        if self.site_templates is None:
            return []
        names = jinja2.FileSystemLoader(self.site_templates).list_templates()
        return [n for n in names if n.endswith(TEMPLATE_SUFFIX) and not any(p.startswith(".") for p in n.split("/"))]

    def compile_problems(self) -> list[Diagnostic]:
        """A diagnostic for each template in the project's folder that does not compile."""
        problems: list[Diagnostic] = []
        for name in self.own_templates():
            try:
                self.get_template(name)
            except Exception as exc:
                problems.append(self.problem(exc, name))
        return problems

    def problem(self, exc: BaseException, name: str) -> Diagnostic:
        """What went wrong while compiling or rendering template `name`, at the line to fix."""
        file, line = self._where(exc, name)
        return Diagnostic.error(self._shown(file), Position(line, 0), CODE, self._message(exc))

    def _where(self, exc: BaseException, name: str) -> tuple[str, int]:
        if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
            return exc.filename, exc.lineno or 1
        # Jinja rewrites the traceback of a failed render so that each template's frame
        # carries the template's file and line: the innermost in the project is the one to fix.
        frames = [(f.filename, f.lineno or 1) for f in traceback.extract_tb(exc.__traceback__)]
        own = [f for f in frames if self._is_own(f[0])]
        theme = [f for f in frames if _inside(f[0], THEME_TEMPLATES)]
        if own or theme:
            return (own or theme)[-1]
        return self._file_of(name), 1

    def _is_own(self, file: str) -> bool:
        return self.site_templates is not None and _inside(file, self.site_templates)

    def _file_of(self, name: str) -> str:
        for folder in (self.site_templates, THEME_TEMPLATES):
            if folder is not None and (folder / name).is_file():
                return str(folder / name)
        return str((self.site_templates or THEME_TEMPLATES) / name)

    def _shown(self, file: str) -> str:
        return display_path(Path(file), self.cwd)

    def _message(self, exc: BaseException) -> str:
        if isinstance(exc, jinja2.TemplatesNotFound | jinja2.TemplateNotFound):
            wanted = [str(n) for n in getattr(exc, "templates", ())] or [str(exc.name)]
            names = " or ".join(repr(n) for n in wanted)
            where = "templates/ or the built-in theme" if self.site_templates else "the built-in theme"
            return f"no template {names} in {where}{did_you_mean(wanted[-1], self.list_templates())}"
        if isinstance(exc, jinja2.TemplateSyntaxError):
            return f"syntax: {exc.message or exc}".removesuffix(".")
        if isinstance(exc, jinja2.UndefinedError):
            return str(exc.message or exc)
        if isinstance(exc, UnicodeDecodeError):
            return "the template is not valid UTF-8"
        return f"{type(exc).__name__}: {exc}"


def _inside(file: str, folder: Path) -> bool:
    try:
        Path(file).resolve().relative_to(folder.resolve())
    except (OSError, ValueError):
        return False
    return True


def unique(problems: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Each problem once, sorted: a mistake in a template every entry uses is one mistake."""
    return sorted(set(problems))
