"""A glossary project: where its parts live, and its settings.

Kept apart from the pipeline so that a command can find out that nothing
needs doing without loading templates, Markdown and fonts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from glossator.content.config import CONFIG_FILE, SiteConfig, read_config
from glossator.core.diagnostics import DiagnosticError

CONTENT_FOLDER = "content"  # where a project keeps its entries unless told otherwise


@dataclass(frozen=True, slots=True)
class Project:
    """Where a glossary project keeps its parts."""

    root: Path
    content: Path
    out: Path
    cwd: Path

    @classmethod
    def at(
        cls, root: Path, *, content: Path | None = None, out: Path | None = None, cwd: Path | None = None
    ) -> Project:
        return cls(root, content or root / CONTENT_FOLDER, out or root / "site", cwd or Path.cwd())

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"

    def holds_content(self, path: Path) -> bool:
        """Whether `path` is the content folder or inside it (links resolved)."""
        try:
            path.resolve().relative_to(self.content.resolve())
        except (OSError, ValueError):
            return False
        return True

    @property
    def cache(self) -> Path:
        """Work kept between builds (share cards); safe to delete, never published."""
        return self.root / ".glossator-cache"


def load_config(project: Project, base_url: str | None = None) -> SiteConfig:
    """site.yaml, or DiagnosticError (the CLI exits 2 on these)."""
    read = read_config(project.config_file, project.cwd)
    if read.value is None:
        raise DiagnosticError(read.problems)
    config = read.value
    if base_url:
        url = base_url if base_url.endswith("/") else base_url + "/"
        config = replace(config, base_url=url, published_url=config.published_url or config.base_url)
    return config
