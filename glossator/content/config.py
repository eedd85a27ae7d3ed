"""SiteConfig: `site.yaml`, read with the same care as the entries."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from glossator.content.load import LANGUAGE_CODE, Limits, display_path
from glossator.content.schema import Field, Spec, record, text
from glossator.content.yamlnodes import NodeReader, YamlInputError, compose
from glossator.core.diagnostics import START, Diagnostic, Position, Result, did_you_mean, has_errors
from glossator.core.labels import DEFAULT_LABELS, LABEL_KEYS, LANGUAGE_NAMES, RTL_LANGUAGES, merge_labels
from glossator.core.slugs import slugify

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

CATEGORY_TRANSLATION = record(
    "A category's name and description in this language",
    Field("name", text("The category's name in this language"), required=True),
    Field("description", text("Its description in this language")),
)

LANGUAGE = record(
    "One language of the glossary; its entries live in content/<code>/",
    Field("name", text("The language's name in itself, e.g. Deutsch (shown in the language switcher)")),
    Field("lang", text("Its BCP 47 tag for <html lang> and hreflang (default: the code), e.g. zh-Hant-TW")),
    Field("dir", Spec("choice", "Writing direction (default: from the language)", choices=("ltr", "rtl"))),
    Field("title", text("The site's name in this language")),
    Field("description", text("The site's description in this language")),
    Field("categories", Spec("category-names", "Category names and descriptions, keyed by their site.yaml name")),
    Field("labels", Spec("labels", "Overrides of the printed labels in this language")),
)

LIMITS = record(
    "Sizes past which input is refused",
    Field("entry_bytes", Spec("int", "Largest entry file, in bytes")),
    Field("front_matter_bytes", Spec("int", "Largest front matter, in bytes")),
    Field("comparison_rows", Spec("int", "Most rows in one comparison")),
)

# What a build can write besides the site, for other tools (glossator/pages/exports/).
EXPORT_FORMATS = ("skos", "tbx", "csv", "anki", "pdf")
EXPORTS = Spec(
    "list",
    "Files for other tools the build writes under exports/: " + ", ".join(EXPORT_FORMATS),
    item=Spec("choice", "An export format", choices=EXPORT_FORMATS),
)

SITE = record(
    CONFIG_FILE,
    Field("title", text("The site's name"), required=True),
    Field("description", text("One sentence about the glossary, used on the home page and in feeds")),
    Field("base_url", text("Where the site is published, e.g. https://example.org/glossary/"), required=True),
    Field("language", text("The default language's code, e.g. en: the language of content/*.md")),
    Field("languages", Spec("languages", "Every language of the site, keyed by code (content/<code>/ for others)")),
    Field("author", text("Who publishes the glossary (feeds)")),
    Field("repo_url", text("The source repository, for edit links")),
    Field("edit_url", text("Edit link for an entry; {path} is replaced by the file's path")),
    Field("credit", text("Credit line inside diagrams (default: title and base_url)")),
    Field("autolink", Spec("bool", "Link mentions of other terms automatically (default true)")),
    Field("categories", Spec("list", "The categories, in display order", item=CATEGORY, min_items=1), required=True),
    Field("ask", ASK),
    Field("labels", Spec("labels", "Overrides of the printed labels")),
    Field("limits", LIMITS),
    Field("exports", EXPORTS),
    Field(
        "print",
        Spec(
            "bool",
            "Write /print/, the whole glossary and each category as one document to print "
            "(default: up to 1,000 entries, or when exports has pdf)",
        ),
    ),
    Field(
        "listing_page_size",
        Spec("int", "Entries per page of a category, level, tag or A–Z listing, past which it is split (default 100)"),
    ),
    Field("api_page_size", Spec("int", "Terms per part of api/terms.json, past which it is split (default 1000)")),
    Field(
        "review_after_days",
        Spec("int", "Warn when an entry's last review (reviewed:) is older than this many days (default: never)"),
    ),
)

# Past these many entries a listing is split into pages (and the home page stops listing every entry),
# and api/terms.json into parts.  A hundred cards keep a listing page near 1,200 elements.
LISTING_PAGE_SIZE = 100
API_PAGE_SIZE = 1000
PAGE_SIZE_RANGE = (1, 1_000_000)


@dataclass(frozen=True, slots=True)
class Category:
    name: str  # as printed (translated on other languages' pages)
    slug: str  # URL part, the same in every language
    description: str
    index: int  # position in site.yaml; picks the category's colour
    key: str = ""  # the name entries use in `category:` ("" means the same as name)

    @property
    def id(self) -> str:
        return self.key or self.name


LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")  # BCP 47, loosely
# Folders at the top of the site that a language prefix must not take.
RESERVED_PREFIXES = frozenset(
    {"a-z", "api", "assets", "category", "exports", "glossary", "level", "pagefind", "print", "search", "tag"}
)


@dataclass(frozen=True, slots=True)
class Language:
    """One language the site is published in."""

    code: str  # content/<code>/ and /<code>/ for every language but the default
    name: str  # in the language itself
    tag: str  # BCP 47, for lang and hreflang attributes
    dir: str = "ltr"
    title: str = ""
    description: str = ""
    categories: tuple[tuple[str, str, str], ...] = ()  # (site.yaml name, translated name, translated description)
    labels: dict[str, str] = field(default_factory=dict)
    line: int = 1  # where site.yaml declares it, for warnings about it


def default_language(code: str) -> Language:
    return Language(code, LANGUAGE_NAMES.get(code, code), code, _direction(code), labels=merge_labels({}, code))


def _direction(code: str) -> str:
    return "rtl" if code.split("-")[0] in RTL_LANGUAGES else "ltr"


@dataclass(frozen=True, slots=True)
class Ask:
    url: str
    title_param: str = "title"
    body_param: str = "body"

    @property
    def is_mail(self) -> bool:
        return self.url.startswith("mailto:")


def site_address(base_url: str) -> str:
    """A base URL as people say it: host and path, no scheme, no trailing slash."""
    parts = urlsplit(base_url)
    return (parts.netloc + parts.path).rstrip("/")


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
    languages: tuple[Language, ...] = ()  # every language, the default first ((): the default alone)
    root_url: str = ""  # where the whole site lives, when this config is one language's part of it
    published_url: str = ""  # site.yaml's base_url, when a build or the preview serves the site elsewhere
    exports: tuple[str, ...] = ()  # of EXPORT_FORMATS, in site.yaml's order
    export_places: tuple[Position, ...] = ()  # where site.yaml names each of `exports`
    print: bool | None = None  # write the print documents under /print/ (None: glossator.pages.printed decides)
    listing_page_size: int = LISTING_PAGE_SIZE  # entries per page of a listing, past which it is split
    api_page_size: int = API_PAGE_SIZE  # terms per part of api/terms.json, past which it is split
    review_after_days: int | None = None  # how old a review may be before `check` asks for another

    @property
    def address(self) -> str:
        """The published site's address as people say it: host and path (share cards print it)."""
        return site_address(self.published_url or self.base_url)

    @property
    def lang(self) -> Language:
        """The language these pages are in."""
        return next((x for x in self.languages if x.code == self.language), None) or default_language(self.language)

    @property
    def all_languages(self) -> tuple[Language, ...]:
        return self.languages or (self.lang,)

    @property
    def default_code(self) -> str:
        return self.all_languages[0].code

    @property
    def site_url(self) -> str:
        """The root of the whole site (base_url unless this is another language's part)."""
        return self.root_url or self.base_url

    def localized(self, code: str) -> SiteConfig:
        """This config as another language's pages see it: under /<code>/, in its words."""
        language = next(x for x in self.languages if x.code == code)
        names = {key: (name, description) for key, name, description in language.categories}
        categories = tuple(
            replace(c, name=names[c.id][0], description=names[c.id][1] or c.description, key=c.id)
            if c.id in names
            else replace(c, key=c.id)
            for c in self.categories
        )
        return replace(
            self,
            language=code,
            base_url=self.site_url + code + "/",
            root_url=self.site_url,
            title=language.title or self.title,
            description=language.description or self.description,
            labels=language.labels,
            categories=categories,
        )

    @property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def credit_line(self) -> str:
        """What credits a diagram: `credit`, else the title and this language's address as site.yaml gives it.

        The address is site.yaml's also when a build or the preview serves the site elsewhere
        (`--base-url`), as on share cards: a diagram saved and passed around on its own should
        lead back to the published glossary, never to a preview on someone's computer.
        """
        if self.credit:
            return self.credit
        published = self.published_url or self.site_url
        return f"{self.title} · {published}{self.base_url.removeprefix(self.site_url)}"

    def category(self, name: str) -> Category | None:
        """The category an entry's `category:` names (its site.yaml name, in every language)."""
        return next((c for c in self.categories if c.id == name), None)


def http_url_problem(value: str) -> str | None:
    """What is wrong with `value` as a site's address (base_url, repo_url), or None when it is a good one."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"expected an http(s) URL such as https://example.org/ (got {value!r})"
    return None


def _http_url(reader: NodeReader, node: yaml.Node, where: str) -> str | None:
    value = reader.text(node, where)
    if value is None:
        return None
    if problem := http_url_problem(value):
        reader.error(node, "url", f"{where}: {problem}")
        return None
    return value


def read_config(path: Path, cwd: Path) -> Result[SiteConfig]:
    """Read and check site.yaml.  Every problem is reported; no config when any is an error."""
    shown = display_path(path, cwd)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return _refused(shown, START, "config", f"cannot read site configuration: {exc.strerror}")
    try:
        # Line endings as an entry's are read: every line an editor shows is one line here.
        root = compose(raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"))
    except UnicodeDecodeError:
        return _refused(shown, START, "encoding", "site.yaml is not valid UTF-8")
    except YamlInputError as exc:
        return _refused(shown, exc.position, "yaml", exc.message)
    if root is None:
        return _refused(shown, START, "config", "site.yaml is empty; it needs at least title, base_url and categories")
    r = NodeReader(shown, document=CONFIG_FILE)
    fields = r.mapping(root, SITE.fields, "")
    if fields is None:
        return Result(None, tuple(r.diagnostics))
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
    values["categories"] = categories = _categories(r, fields.get("categories"))
    if "ask" in fields:
        values["ask"] = _ask(r, fields["ask"])
    language = values.get("language") or "en"
    if not isinstance(language, str) or not LANGUAGE_TAG.fullmatch(language):
        r.error(fields["language"], "language", f"language: expected a code such as en or pt-BR (got {language!r})")
        language = "en"
    if "labels" in fields:
        values["labels"] = _labels(r, fields["labels"], language)
    elif language != "en":
        values["labels"] = merge_labels({}, language)
    if "languages" in fields:
        given = values.get("labels") if "labels" in fields else None
        given = given if isinstance(given, dict) else None
        values["languages"] = languages = _languages(r, fields["languages"], language, given)
        if languages:
            values["labels"] = languages[0].labels  # given under labels: or under languages.<default>.labels
        _check_category_names(r, fields["languages"], categories)
    if "limits" in fields:
        values["limits"] = _limits(r, fields["limits"])
    if "print" in fields:
        values["print"] = r.boolean(fields["print"], "print")
    if "exports" in fields:
        values["exports"], values["export_places"] = _exports(r, fields["exports"], printed=values.get("print"))
    for name in ("listing_page_size", "api_page_size"):
        if name in fields:
            values[name] = r.integer(fields[name], name, *PAGE_SIZE_RANGE)
    if "review_after_days" in fields:
        values["review_after_days"] = r.integer(fields["review_after_days"], "review_after_days", 1, 36_500)
    if has_errors(r.diagnostics):
        return Result(None, tuple(r.diagnostics))
    clean = {k: v for k, v in values.items() if v is not None}
    return Result(SiteConfig(**clean), tuple(r.diagnostics))  # type: ignore[arg-type]


def _exports(r: NodeReader, node: yaml.Node, *, printed: object) -> tuple[tuple[str, ...], tuple[Position, ...]]:
    """The export formats site.yaml names, each once, with where it is named."""
    chosen: dict[str, Position] = {}
    for item in r.sequence(node, "exports", EXPORTS) or ():
        name = r.choice(item, "exports", EXPORT_FORMATS)
        if name == "anki" and importlib.util.find_spec("genanki") is None:
            r.error(item, "export", "exports: anki decks need the genanki package: pip install 'glossator[anki]'")
        elif name == "pdf" and printed is False:
            r.error(item, "export", "exports: the PDF is made from the print document, which print: false turns off")
        elif name is not None and name not in chosen:
            chosen[name] = r.position(item)
    return tuple(chosen), tuple(chosen.values())


def _refused(path: str, at: Position, code: str, message: str) -> Result[SiteConfig]:
    return Result(None, (Diagnostic.error(path, at, code, message),))


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


def _labels(r: NodeReader, node: yaml.Node, language: str, where: str = "labels") -> dict[str, str]:
    overrides: dict[str, str] = {}
    if not isinstance(node, yaml.MappingNode):
        r.error(node, "type", f"{where}: expected a mapping of label names to text")
        return merge_labels(overrides, language)
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in LABEL_KEYS:
            r.error(key_node, "unknown-key", f"{where}.{key}: no such label{did_you_mean(key, LABEL_KEYS)}")
            continue
        value = r.text(value_node, f"{where}.{key}")
        if value is not None:
            overrides[key] = value
    return merge_labels(overrides, language)


def _languages(
    r: NodeReader, node: yaml.Node, default: str, default_labels: dict[str, str] | None
) -> tuple[Language, ...]:
    """`languages:`, keyed by code; the default language comes first whether or not it is listed.

    `default_labels` are the top-level `labels:` when given: the default language's labels then
    live there and not under `languages:`.
    """
    if not isinstance(node, yaml.MappingNode):
        r.error(node, "type", "languages: expected a mapping of language codes to their settings")
        return ()
    found: dict[str, Language] = {}
    for key_node, value_node in node.value:
        code = str(key_node.value)
        where = f"languages.{code}"
        if code != default and (not LANGUAGE_CODE.fullmatch(code) or code in RESERVED_PREFIXES):
            r.error(key_node, "language", f"{where}: a language code is lowercase, like fr, pt-br or zh-tw")
            continue
        if code in found:
            r.error(key_node, "duplicate-key", f"{where}: this language is already listed")
            continue
        language = _language(r, value_node, code, where, labels_elsewhere=code == default and bool(default_labels))
        found[code] = replace(language, labels=default_labels) if code == default and default_labels else language
    first = found.pop(default, None) or replace(default_language(default), labels=default_labels or merge_labels({}))
    return (first, *(found[code] for code in sorted(found)))


def _language(r: NodeReader, node: yaml.Node, code: str, where: str, *, labels_elsewhere: bool) -> Language:
    base = default_language(code)
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return replace(base, line=r.line(node))
    f = r.mapping(node, LANGUAGE.fields, where) or {}
    values: dict[str, str] = {}
    for name in ("name", "lang", "title", "description"):
        value = r.text(f[name], f"{where}.{name}") if name in f else None
        if value:
            values[name] = value
    direction = r.choice(f["dir"], f"{where}.dir", ("ltr", "rtl")) if "dir" in f else None
    labels = base.labels
    if "labels" in f:
        if labels_elsewhere:
            r.error(f["labels"], "labels", f"{where}.labels: the default language's labels are already under labels:")
        else:
            labels = _labels(r, f["labels"], code, f"{where}.labels")
    categories = _category_names(r, f["categories"], f"{where}.categories") if "categories" in f else ()
    tag = values.get("lang", code)
    if not LANGUAGE_TAG.fullmatch(tag):
        r.error(f["lang"], "language", f"{where}.lang: expected a language tag such as fr or zh-Hant-TW (got {tag!r})")
    return Language(
        code=code,
        name=values.get("name", base.name),
        tag=tag,
        dir=direction or _direction(tag.lower()),
        title=values.get("title", ""),
        description=values.get("description", ""),
        categories=categories,
        labels=labels,
        line=r.line(node),
    )


def _category_names(r: NodeReader, node: yaml.Node, where: str) -> tuple[tuple[str, str, str], ...]:
    if not isinstance(node, yaml.MappingNode):
        r.error(node, "type", f"{where}: expected a mapping of category names (as in categories:) to translations")
        return ()
    out: list[tuple[str, str, str]] = []
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if isinstance(value_node, yaml.ScalarNode):
            name = r.text(value_node, f"{where}.{key}")
            if name:
                out.append((key, name, ""))
            continue
        f = r.mapping(value_node, CATEGORY_TRANSLATION.fields, f"{where}.{key}") or {}
        name = r.text(f["name"], f"{where}.{key}.name") if "name" in f else None
        description = r.text(f["description"], f"{where}.{key}.description") if "description" in f else None
        if name:
            out.append((key, name, description or ""))
    return tuple(out)


def _check_category_names(r: NodeReader, node: yaml.Node, categories: tuple[Category, ...]) -> None:
    """Every category a language translates must be one of `categories:`."""
    known = [c.name for c in categories]
    for code_node, language_node in node.value if isinstance(node, yaml.MappingNode) else ():
        if not isinstance(language_node, yaml.MappingNode):
            continue
        for key_node, value_node in language_node.value:
            if key_node.value != "categories" or not isinstance(value_node, yaml.MappingNode):
                continue
            for name_node, _ in value_node.value:
                if name_node.value not in known:
                    r.error(
                        name_node,
                        "category",
                        f"languages.{code_node.value}.categories: no category {name_node.value!r} in categories:"
                        f"{did_you_mean(str(name_node.value), known)}",
                    )


def _limits(r: NodeReader, node: yaml.Node) -> Limits:
    f = r.mapping(node, LIMITS.fields, "limits") or {}
    values = {k: r.integer(v, f"limits.{k}", 1, 1_000_000_000) for k, v in f.items()}
    return Limits(**{k: v for k, v in values.items() if v is not None})
