"""SiteConfig: `site.yaml`, read with the same care as the entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from glossator.diagnostics import Diagnostic, did_you_mean
from glossator.labels import DEFAULT_LABELS, merge_labels
from glossator.load import Limits, display_path
from glossator.schema import Field, Spec, record, text
from glossator.slugs import slugify
from glossator.yamlnodes import NodeReader, YamlInputError, compose

CONFIG_FILE = "site.yaml"

CATEGORY = record(
    "A category of entries",
    Field("name", text("The category's name as printed"), required=True),
    Field("description", text("One sentence shown on the category page")),
)

ASK = record(
    "Where 'Ask a question' sends a reader's question (no server of ours is involved)",
    Field("url", text("A 'new issue' URL (GET form) or mailto:address"), required=True),
    Field("title_param", text("Query parameter for the question's title (default: title)")),
    Field("body_param", text("Query parameter for the question itself (default: body)")),
)

LIMITS = record(
    "Sizes past which input is refused",
    Field("entry_bytes", Spec("int", "Largest entry file, in bytes")),
    Field("front_matter_bytes", Spec("int", "Largest front matter, in bytes")),
    Field("comparison_rows", Spec("int", "Most rows in one comparison")),
)

SITE = record(
    "site.yaml",
    Field("title", text("The site's name"), required=True),
    Field("description", text("One sentence about the glossary, used on the home page and in feeds")),
    Field("base_url", text("Where the site is published, e.g. https://example.org/glossary/"), required=True),
    Field("language", text("The content's language code, e.g. en")),
    Field("author", text("Who publishes the glossary (feeds)")),
    Field("repo_url", text("The source repository, for edit links")),
    Field("edit_url", text("Edit link for an entry; {path} is replaced by the file's path")),
    Field("credit", text("Credit line inside diagrams (default: title and base_url)")),
    Field("autolink", Spec("bool", "Link mentions of other terms automatically (default true)")),
    Field("categories", Spec("list", "The categories, in display order", item=CATEGORY, min_items=1), required=True),
    Field("ask", ASK),
    Field("labels", Spec("labels", "Overrides of the printed labels")),
    Field("limits", LIMITS),
)


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    slug: str
    description: str
    index: int  # position in site.yaml; picks the category's colour


@dataclass(frozen=True, slots=True)
class Ask:
    url: str
    title_param: str = "title"
    body_param: str = "body"

    @property
    def is_mail(self) -> bool:
        return self.url.startswith("mailto:")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str
    base_url: str
    categories: tuple[Category, ...]
    description: str = ""
    language: str = "en"
    author: str = ""
    repo_url: str = ""
    edit_url: str = ""
    credit: str = ""
    autolink: bool = True
    ask: Ask | None = None
    labels: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LABELS))
    limits: Limits = field(default_factory=Limits)

    @property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def credit_line(self) -> str:
        return self.credit or f"{self.title} · {self.base_url}"

    def category(self, name: str) -> Category | None:
        return next((c for c in self.categories if c.name == name), None)


def _http_url(reader: NodeReader, node: yaml.Node, where: str) -> str | None:
    value = reader.text(node, where)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        reader.error(node, "url", f"{where}: expected an http(s) URL such as https://example.org/ (got {value!r})")
        return None
    return value


def read_config(path: Path, cwd: Path) -> tuple[SiteConfig | None, list[Diagnostic]]:
    """Read and check site.yaml.  Every problem is reported; None when any is an error."""
    shown = display_path(path, cwd)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(shown, 1, 1, "error", "config", f"cannot read site configuration: {exc.strerror}")]
    try:
        root = compose(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, [Diagnostic(shown, 1, 1, "error", "encoding", "site.yaml is not valid UTF-8")]
    except YamlInputError as exc:
        return None, [Diagnostic(shown, exc.line + 1, exc.col + 1, "error", "yaml", exc.message)]
    if root is None:
        return None, [
            Diagnostic(
                shown, 1, 1, "error", "config", "site.yaml is empty; it needs at least title, base_url and categories"
            )
        ]
    r = NodeReader(shown, document="site.yaml")
    fields = r.mapping(root, SITE.fields, "")
    if fields is None:
        return None, r.diagnostics
    values: dict[str, object] = {}
    for name in ("title", "description", "language", "author", "edit_url", "credit"):
        if name in fields:
            values[name] = r.text(fields[name], name)
    for name in ("base_url", "repo_url"):
        if name in fields:
            values[name] = _http_url(r, fields[name], name)
    base = values.get("base_url")
    if isinstance(base, str) and not base.endswith("/"):
        values["base_url"] = base + "/"
    if "autolink" in fields:
        values["autolink"] = r.boolean(fields["autolink"], "autolink")
    values["categories"] = _categories(r, fields.get("categories"))
    if "ask" in fields:
        values["ask"] = _ask(r, fields["ask"])
    if "labels" in fields:
        values["labels"] = _labels(r, fields["labels"])
    if "limits" in fields:
        values["limits"] = _limits(r, fields["limits"])
    if any(d.severity == "error" for d in r.diagnostics):
        return None, r.diagnostics
    clean = {k: v for k, v in values.items() if v is not None}
    return SiteConfig(**clean), r.diagnostics  # type: ignore[arg-type]


def _categories(r: NodeReader, node: yaml.Node | None) -> tuple[Category, ...]:
    if node is None:
        return ()
    items = r.sequence(node, "categories", next(f.spec for f in SITE.fields if f.name == "categories"))
    out: list[Category] = []
    seen: set[str] = set()
    for i, item in enumerate(items or ()):
        f = r.mapping(item, CATEGORY.fields, f"categories[{i}]")
        if not f or "name" not in f:
            continue
        name = r.text(f["name"], f"categories[{i}].name")
        if name is None:
            continue
        slug = slugify(name)
        if not slug or slug in seen:
            r.error(f["name"], "category", f"categories[{i}].name: {name!r} must have a unique URL-safe name")
            continue
        seen.add(slug)
        description = r.text(f["description"], f"categories[{i}].description") if "description" in f else ""
        out.append(Category(name, slug, description or "", i))
    return tuple(out)


def _ask(r: NodeReader, node: yaml.Node) -> Ask | None:
    f = r.mapping(node, ASK.fields, "ask")
    if not f or "url" not in f:
        return None
    url = r.text(f["url"], "ask.url")
    if url is None:
        return None
    if not url.startswith("mailto:") and urlsplit(url).scheme not in ("http", "https"):
        r.error(f["url"], "url", f"ask.url: expected an http(s) URL or mailto:address (got {url!r})")
        return None
    params = {k: r.text(f[k], f"ask.{k}") for k in ("title_param", "body_param") if k in f}
    return Ask(url, **{k: v for k, v in params.items() if v})


def _labels(r: NodeReader, node: yaml.Node) -> dict[str, str]:
    overrides: dict[str, str] = {}
    if not isinstance(node, yaml.MappingNode):
        r.error(node, "type", "labels: expected a mapping of label names to text")
        return merge_labels(overrides)
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in DEFAULT_LABELS:
            r.error(key_node, "unknown-key", f"labels.{key}: no such label{did_you_mean(key, DEFAULT_LABELS)}")
            continue
        value = r.text(value_node, f"labels.{key}")
        if value is not None:
            overrides[key] = value
    return merge_labels(overrides)


def _limits(r: NodeReader, node: yaml.Node) -> Limits:
    f = r.mapping(node, LIMITS.fields, "limits") or {}
    values = {k: r.integer(v, f"limits.{k}", 1, 1_000_000_000) for k, v in f.items()}
    return Limits(**{k: v for k, v in values.items() if v is not None})
