"""The benchmark corpus: N invented glossary entries, written for Glossator and, page for page, for Hugo.

    python -m bench.corpus --entries 10000 --out bench/out/corpus-10000 [--seed 1]

writes

    OUT/glossator/site.yaml, OUT/glossator/content/<slug>.md     a Glossator project
    OUT/hugo/hugo.toml, layouts/, assets/, content/glossary/     the same entries as a Hugo site

Every entry has the full front matter (aliases, tags, related, updated, a
comparison of 3 columns by 5 rows in most entries, an example, two
misconceptions, impact) and a body of 600 to 900 words in the four
recommended sections, with lists, emphasis, occasional code, term links and
plain mentions of other terms.  Titles start with an invented word that no
prose word can match, so auto-linking finds exactly the mentions placed here;
the Hugo copy carries those links written out, since Hugo has no auto-linking,
and the link graph (`links`, `mentioned_in`) that Glossator works out itself.

The same seed and entry count always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.prose import ADJECTIVES, NOUNS, Writer, identifier, plural, vocabulary, words

HERE = Path(__file__).parent
HUGO_SITE = HERE / "hugo-site"
THEME_CSS = HERE.parent / "glossator" / "theme" / "static" / "site.css"
BASE_URL = "https://bench.example/"

CATEGORIES = (
    ("Foundations", "The ideas every other entry builds on."),
    ("Data", "Where examples come from and how they are kept."),
    ("Training", "How systems learn what they do."),
    ("Inference", "What happens when a request is answered."),
    ("Retrieval", "Finding the right material at the right moment."),
    ("Evaluation", "Knowing whether any of it works."),
    ("Operations", "Running it every day, at a cost."),
    ("Safety", "Keeping people and systems out of harm's way."),
)
LEVELS = ("beginner", "intermediate", "advanced")
HEADS = words("""
Sampling Encoding Index Cache Gate Loop Buffer Alignment Routing Scoring Window Protocol Ranking Filter
Pipeline Schema Tokenizer Embedding Retrieval Distillation Pruning Quantization Batching Sharding Replay
Attention Decoding Guardrail Benchmark Estimator Planner Agent Memory Adapter Checkpoint Classifier
Regularization Calibration Drift Sketch Graph Tree Heuristic Prior Kernel Search Probe Ledger Registry
Monitor Fallback Throttle Scheduler Critic Verifier Bias Policy Gradient Objective Margin Ensemble
""")
SECTIONS = ("What is this?", "Why does it exist?", "How does it affect your decisions?", "What should you do?")
TEXT_ROWS = (
    ("What changes", "Where the change lives"),
    ("Data you need", "Before you can start"),
    ("Best at", None),
    ("Who maintains it", "Day to day"),
    ("Typical failure", "What goes wrong first"),
    ("Where it runs", None),
)
MARK_ROWS = ("Updates with new info?", "Works offline?", "Needs labeled data?", "Explains its output?")
RATING_ROWS = ("Implementation difficulty", "Maturity", "Speed")
ONSETS = words("b br c ch d dr f fl g gr h j k kl l m n p pr qu r s st t tr v w z")
VOWELS = words("a e i o u ai ei ou y")
CODAS = ["", "", "n", "r", "l", "x", "th", "m", "s", "nd"]
TAG_COUNT = 240
FIRST_DAY = dt.date(2024, 1, 1)
DAYS = 1060  # entries are dated up to late 2026; never the wall clock
BODY_WORDS = (600, 900)
MENTION = "\x00M{}\x00"  # placeholders in prose, written out differently for each tool
LINK = "\x00L{}\x00"
_PLACEHOLDER = re.compile("\x00([ML])(\\d+)\x00")
_PLAIN = re.compile(r"^[A-Za-z$][A-Za-z0-9 .'?!$-]*$")
_RESERVED = frozenset(words("yes no true false on off null y n"))


@dataclass(frozen=True, slots=True)
class Identity:
    """What other entries need to know of an entry: its names and where it lives."""

    slug: str
    title: str
    aliases: tuple[str, ...]
    category: str
    level: str
    tags: tuple[str, ...]
    updated: dt.date


@dataclass(frozen=True, slots=True)
class Ref:
    """A term link as written: `[[written]]` or `[[written|shown]]`."""

    slug: str
    written: str
    shown: str | None


@dataclass
class Entry:
    me: Identity
    summary: str
    related: list[str]
    comparison: dict[str, object] | None
    example_title: str
    example_body: str
    myths: list[tuple[str, str]]
    impact: str
    body: str
    refs: list[Ref] = field(default_factory=list)
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (slug, name as written)

    def documents(self) -> list[str]:
        """The prose that can hold links, in the order Glossator auto-links it."""
        return [self.body, self.example_body, *(truth for _, truth in self.myths), self.impact]


# -- names --------------------------------------------------------------------------------
def _pseudo_words(rng: random.Random, count: int, avoid: frozenset[str]) -> list[str]:
    """`count` distinct invented words that no prose word (or its plural or singular) can equal."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        word = "".join(
            rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(rng.choice((2, 2, 3)))
        )
        forms = {word, word + "s", word + "es", word.removesuffix("s"), word.removesuffix("es")}
        if len(word) < 5 or word in seen or forms & avoid:
            continue
        seen.add(word)
        out.append(word)
    return out


def identities(count: int, seed: int) -> list[Identity]:
    rng = random.Random(f"{seed}:names")
    words = _pseudo_words(rng, count, vocabulary())
    tag_pool = sorted({f"{rng.choice(ADJECTIVES)}-{rng.choice(NOUNS)}" for _ in range(TAG_COUNT * 2)})
    rng.shuffle(tag_pool)
    tag_pool = tag_pool[:TAG_COUNT]
    tag_weights = [1 / (rank + 1) ** 0.5 for rank in range(len(tag_pool))]
    used: set[str] = set()
    out: list[Identity] = []
    for word in words:
        head, other = rng.sample(HEADS, 2)
        title = f"{word.capitalize()} {head}"
        aliases = [f"{word.capitalize()} {other}"]
        acronym = (word[:2] + head[0] + (word[-1] if rng.random() < 0.5 else "")).upper()
        if rng.random() < 0.6 and acronym.casefold() not in used:
            aliases.append(acronym)
        used.update(a.casefold() for a in aliases)
        tags: list[str] = []
        for tag in rng.choices(tag_pool, tag_weights, k=rng.randint(2, 4)):
            if tag not in tags:
                tags.append(tag)
        out.append(
            Identity(
                slug=slugify(title),
                title=title,
                aliases=tuple(aliases),
                category=rng.choice(CATEGORIES)[0],
                level=rng.choice(LEVELS),
                tags=tuple(tags),
                updated=FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)),
            )
        )
    return sorted(out, key=lambda i: i.slug)


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _plural_title(title: str) -> str:
    first, _, last = title.rpartition(" ")
    return f"{first} {plural(last.lower()).capitalize()}"


# -- one entry ----------------------------------------------------------------------------
class _Composer:
    """Writes one entry's prose with its links and mentions in place."""

    def __init__(self, me: Identity, everyone: list[Identity], rng: random.Random) -> None:
        self.me, self.everyone, self.rng = me, everyone, rng
        self.w = Writer(rng)
        self.refs: list[Ref] = []
        self.mentions: list[tuple[str, str]] = []

    def link(self, other: Identity) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.4:
            ref = Ref(other.slug, other.title, None)
        elif roll < 0.6:
            ref = Ref(other.slug, other.slug, other.title.lower())
        elif roll < 0.75:
            ref = Ref(other.slug, other.aliases[-1], None)
        elif roll < 0.9:
            ref = Ref(other.slug, _plural_title(other.title), None)
        else:
            ref = Ref(other.slug, other.title, f"this {r.choice(('idea', 'technique', 'approach', 'pattern'))}")
        self.refs.append(ref)
        return LINK.format(len(self.refs) - 1)

    def mention(self, other: Identity) -> str:
        name = other.title if self.rng.random() < 0.7 else self.rng.choice(other.aliases)
        self.mentions.append((other.slug, name))
        return MENTION.format(len(self.mentions) - 1)

    def written(self, text: str) -> str:
        """`text` as Glossator's copy writes it (to count words)."""
        return written_for_glossator(text, self.refs, self.mentions)

    def paragraphs(self, budget: int, names: list[str]) -> list[str]:
        out: list[str] = []
        while budget > 0 or names:
            size = min(max(self.rng.randint(45, 110), 30), max(budget, 30))
            take = [names.pop(0)] if names and (budget - size <= 0 or self.rng.random() < 0.5) else []
            out.append(self.w.paragraph(size, take))
            budget -= size
        return out

    def bullet(self) -> str:
        lead = self.w.noun_phrase(emphasis=0, code=0)
        lead = lead.split(" ", 1)[1] if " " in lead else lead
        return f"- **{lead[0].upper() + lead[1:]}.** {self.w.sentence()}"

    def code_block(self) -> str:
        r = self.rng
        kind = r.choice(("yaml", "sh", "python"))
        if kind == "yaml":
            lines = [f"{identifier(r)}: {r.randrange(1, 500)}" for _ in range(r.randint(2, 5))]
        elif kind == "sh":
            flags = " ".join(
                f"--{identifier(r).replace('_', '-')} {r.randrange(1, 64)}" for _ in range(r.randint(1, 3))
            )
            lines = [f"glossary-tool {r.choice(('run', 'check', 'export'))} {flags}"]
        else:
            name = identifier(r)
            lines = [
                f"def {name}(items):",
                f"    return [x for x in items if x.{identifier(r)} > {r.randrange(1, 99)}]",
            ]
        return f"```{kind}\n" + "\n".join(lines) + "\n```"

    def body(self, names: list[str]) -> str:
        r = self.rng
        total = r.randint(BODY_WORDS[0], BODY_WORDS[1] - 180)
        shares = [r.uniform(0.8, 1.2) for _ in SECTIONS]
        budgets = [int(total * s / sum(shares)) for s in shares]
        per_section: list[list[str]] = [[] for _ in SECTIONS]
        for i, name in enumerate(names):
            per_section[i % len(SECTIONS)].append(name)
        own = self.me.title if r.random() < 0.7 else self.me.aliases[0]
        parts: list[str] = []
        for n, heading in enumerate(SECTIONS):
            blocks: list[str] = []
            budget, names_here = budgets[n], per_section[n]
            if n == 0:
                opening = f"{own} {self.w.verb_phrase()}. {self.w.paragraph(30)}"
                blocks.append(opening)
                budget -= len(opening.split())
                if r.random() < 0.4:
                    items = [self.bullet() for _ in range(r.randint(2, 3))]
                    blocks.append(f"There are {('two', 'three')[len(items) - 2]} broad styles:\n\n" + "\n".join(items))
                    budget -= sum(len(i.split()) for i in items)
            elif n == 2:
                items = [self.bullet() for _ in range(r.randint(3, 4))]
                budget -= sum(len(i.split()) for i in items)
                lead = self.paragraphs(max(budget // 2, 30), names_here[:1])
                blocks += [*lead, "Questions worth asking:", "\n".join(items)]
                names_here = names_here[1:]
                budget -= sum(len(b.split()) for b in lead)
            elif n == 3:
                steps = [f"{k}. {self.w.sentence()}" for k in range(1, r.randint(3, 6) + 1)]
                blocks.append("\n".join(steps))
                budget -= sum(len(s.split()) for s in steps)
                if r.random() < 0.15:
                    blocks.append(self.code_block())
            blocks += self.paragraphs(budget, names_here)
            parts.append(f"## {heading}\n\n" + "\n\n".join(blocks))
        return "\n\n".join(parts) + "\n"

    def comparison(self, rivals: list[Identity]) -> dict[str, object]:
        r = self.rng
        columns = [self.me.title, *(o.title for o in rivals)]
        width = len(columns)
        rows: list[dict[str, object]] = []
        kinds = ["text", "text", r.choice(("text", "cost")), "mark", "rating"]
        r.shuffle(kinds)
        text_rows = r.sample(TEXT_ROWS, 3)
        for kind in kinds:
            row: dict[str, object]
            if kind == "text":
                label, hint = text_rows.pop()
                row = {"label": label, "hint": hint, "cells": [self.w.short(r.randint(2, 4)) for _ in columns]}
            elif kind == "cost":
                costs = ["$" * (k + 1) for k in range(width)]
                r.shuffle(costs)
                row = {"label": "Relative cost", "hint": "Setup plus upkeep", "cells": costs}
            elif kind == "mark":
                marks = [r.choice(("yes", "no", "partial")) for _ in columns]
                row = {"label": r.choice(MARK_ROWS), "cells": [{m: self.w.short(r.randint(2, 3))} for m in marks]}
            else:
                row = {"label": r.choice(RATING_ROWS), "cells": [{"rating": r.randint(1, 5)} for _ in columns]}
            if row.get("hint") is None:
                row.pop("hint", None)
            rows.append(row)
        return {"title": " vs ".join(columns), "columns": columns, "rows": rows}


def compose(index: int, everyone: list[Identity], seed: int) -> Entry:
    """Entry `index` of the corpus; depends only on the seed, the index and the other entries' names."""
    me = everyone[index]
    rng = random.Random(f"{seed}:entry:{index}")
    c = _Composer(me, everyone, rng)
    others = [i for i in rng.sample(range(len(everyone)), min(len(everyone), 16)) if i != index]
    ring = everyone[(index + 1) % len(everyone)]  # so that every entry is reached from another
    pool = [everyone[i] for i in others if everyone[i].slug != ring.slug]
    related = [ring, *pool[: rng.randint(1, 3)]] if len(everyone) > 1 else []
    pool = pool[len(related) - 1 :]
    linked = pool[: rng.randint(3, 6)]
    mentioned = pool[len(linked) : len(linked) + rng.randint(2, 4)]
    names = [c.link(o) for o in linked] + [c.mention(o) for o in mentioned]
    rng.shuffle(names)
    # A few names go to the example, the misconceptions and the impact; the rest to the body.
    elsewhere = {slot: names.pop() for slot in ("example", "truth", "impact") if names and rng.random() < 0.7}
    w = c.w
    summary = f"{me.title} {w.verb_phrase()}. {w.paragraph(rng.randint(18, 32))}"
    while len(summary.split()) > 60:
        summary = f"{me.title} {w.verb_phrase()}. {w.paragraph(18)}"
    body = c.body(list(names))
    while not BODY_WORDS[0] <= body_words(c.written(body)) <= BODY_WORDS[1]:
        body = c.body(list(names))
    example_body = "\n\n".join(
        c.paragraphs(rng.randint(90, 150), [elsewhere["example"]] if "example" in elsewhere else [])
    )
    myths = []
    for k in range(2):
        myth = w.plain().sentence()
        truth = w.paragraph(rng.randint(20, 45), [elsewhere["truth"]] if k == 0 and "truth" in elsewhere else [])
        myths.append((myth, truth))
    impact = w.paragraph(rng.randint(50, 90), [elsewhere["impact"]] if "impact" in elsewhere else [])
    has_comparison = rng.random() < 0.9 and len(related) >= 2
    comparison = (
        c.comparison(related[: 3 if rng.random() < 0.05 and len(related) > 2 else 2]) if has_comparison else None
    )
    example_title = f"{w.short(2)} at a {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
    return Entry(
        me=me,
        summary=summary,
        related=[o.slug for o in related],
        comparison=comparison,
        example_title=example_title,
        example_body=example_body,
        myths=myths,
        impact=impact,
        body=body,
        refs=c.refs,
        mentions=c.mentions,
    )


# -- writing: YAML by hand, in the style of the real entries --------------------------------
def scalar(text: str) -> str:
    """A YAML scalar that reads back as `text`, plain when that is safe (also inside flow collections)."""
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(("-", " ")) and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(items: Iterable[object]) -> str:
    parts = []
    for item in items:
        if isinstance(item, dict):
            parts.append(
                "{" + ", ".join(f"{k}: {v if isinstance(v, int) else scalar(str(v))}" for k, v in item.items()) + "}"
            )
        else:
            parts.append(scalar(str(item)))
    return "[" + ", ".join(parts) + "]"


def block(text: str, indent: int) -> str:
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in text.rstrip("\n").split("\n"))


def front_matter(entry: Entry, *, hugo: bool, prose: list[str], links: list[str], mentioned_in: list[str]) -> str:
    me = entry.me
    body, example, *truths, impact = prose
    out = [
        "---",
        f"title: {scalar(me.title)}",
        f"category: {scalar(me.category)}",
        f"level: {me.level}",
        "summary: >-",
        block(entry.summary, 2),
        f"{'also_called' if hugo else 'aliases'}: {flow(me.aliases)}",  # Hugo reserves `aliases` for redirects
        f"tags: {flow(me.tags)}",
        f"related: {flow(entry.related)}",
        f"updated: {me.updated.isoformat()}",
    ]
    if entry.comparison is not None:
        comp = entry.comparison
        out += [
            "comparison:",
            f"  title: {scalar(str(comp['title']))}",
            f"  columns: {flow(comp['columns'])}",
            "  rows:",
        ]
        for row in comp["rows"]:
            out.append(f"    - label: {scalar(row['label'])}")
            if "hint" in row:
                out.append(f"      hint: {scalar(row['hint'])}")
            out.append(f"      cells: {flow(row['cells'])}")
    out += ["example:", f"  title: {scalar(entry.example_title)}", "  body: |", block(example, 4), "misconceptions:"]
    for (myth, _), truth in zip(entry.myths, truths, strict=True):
        out += [f"  - myth: {scalar(myth)}", "    truth: >-", block(truth, 6)]
    out += ["impact: |", block(impact, 2)]
    if hugo:
        out += [f"links: {flow(links)}", f"mentioned_in: {flow(mentioned_in)}"]
    out.append("---")
    return "\n".join(out) + "\n" + body


def written_for_glossator(text: str, refs: list[Ref], mentions: list[tuple[str, str]]) -> str:
    """Placeholders as Glossator reads them: term links in `[[...]]`, mentions as plain names."""

    def put(match: re.Match[str]) -> str:
        n = int(match.group(2))
        if match.group(1) == "M":
            return mentions[n][1]
        ref = refs[n]
        return f"[[{ref.written}|{ref.shown}]]" if ref.shown else f"[[{ref.written}]]"

    return _PLACEHOLDER.sub(put, text)


def glossator_prose(entry: Entry) -> list[str]:
    return [written_for_glossator(doc, entry.refs, entry.mentions) for doc in entry.documents()]


def hugo_prose(entry: Entry) -> tuple[list[str], set[str]]:
    """The prose with every link Glossator would make written out, and the slugs linked."""
    explicit = {ref.slug for ref in entry.refs}
    taken = {entry.me.slug, *explicit}
    auto: set[str] = set()

    def put(match: re.Match[str]) -> str:
        n = int(match.group(2))
        if match.group(1) == "L":
            ref = entry.refs[n]
            return f"[{ref.shown or ref.written}](/glossary/{ref.slug}/)"
        slug, name = entry.mentions[n]
        if slug in taken:  # only the first mention becomes a link
            return name
        taken.add(slug)
        auto.add(slug)
        return f"[{name}](/glossary/{slug}/)"

    docs = [_PLACEHOLDER.sub(put, doc) for doc in entry.documents()]  # in document order, as Glossator links
    return docs, (explicit | auto) - {entry.me.slug}


def body_words(markdown: str) -> int:
    return sum(len(line.split()) for line in markdown.split("\n") if not line.startswith(("## ", "```")))


def site_yaml(count: int) -> str:
    lines = [
        "title: Benchmark Glossary",
        f"description: {count} invented terms, generated to measure how fast a glossary builds.",
        f"base_url: {BASE_URL}",
        "language: en",
        "author: The benchmark",
        "repo_url: https://example.org/bench",
        "edit_url: https://example.org/bench/edit/main/{path}",
        "autolink: true",
        "categories:",
    ]
    for name, description in CATEGORIES:
        lines += [f"  - name: {name}", f"    description: {scalar(description)}"]
    lines += ["ask:", "  url: https://example.org/bench/issues/new", "  title_param: title", "  body_param: body"]
    return "\n".join(lines) + "\n"


def entries(count: int, seed: int) -> Iterator[Entry]:
    everyone = identities(count, seed)
    for index in range(count):
        yield compose(index, everyone, seed)


def write_corpus(count: int, out: Path, seed: int = 1) -> None:
    """Write both copies of the corpus under `out` (replacing what was there)."""
    built = list(entries(count, seed))
    hugo_docs = {e.me.slug: hugo_prose(e) for e in built}
    mentioned_in: dict[str, list[str]] = {e.me.slug: [] for e in built}
    for slug, (_, linked) in sorted(hugo_docs.items()):
        for target in linked:
            mentioned_in[target].append(slug)
    for name in ("glossator", "hugo"):
        if (out / name).exists():
            shutil.rmtree(out / name)
    content = out / "glossator" / "content"
    content.mkdir(parents=True)
    (out / "glossator" / "site.yaml").write_text(site_yaml(count), encoding="utf-8")
    hugo = out / "hugo"
    shutil.copytree(HUGO_SITE, hugo)
    (hugo / "assets").mkdir(exist_ok=True)
    shutil.copyfile(THEME_CSS, hugo / "assets" / "site.css")
    (hugo / "content" / "glossary").mkdir(parents=True)
    for e in built:
        prose = glossator_prose(e)
        text = front_matter(e, hugo=False, prose=prose, links=[], mentioned_in=[])
        (content / f"{e.me.slug}.md").write_text(text, encoding="utf-8")
        docs, linked = hugo_docs[e.me.slug]
        text = front_matter(e, hugo=True, prose=docs, links=sorted(linked), mentioned_in=mentioned_in[e.me.slug])
        (hugo / "content" / "glossary" / f"{e.me.slug}.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=1000, help="how many entries (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write glossator/ and hugo/ into")
    parser.add_argument("--seed", type=int, default=1, help="the seed (default 1)")
    args = parser.parse_args(argv)
    write_corpus(args.entries, args.out, args.seed)
    sys.stderr.write(f"corpus: {args.entries} entries (seed {args.seed}) -> {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
