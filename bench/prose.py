"""A seeded word model for benchmark prose: varied English-like sentences, never the same paragraph twice.

A small grammar (noun phrases, verb phrases, clauses joined in a dozen ways)
over a fixed vocabulary.  Everything is drawn from the `random.Random` handed
in, so the same seed always gives the same text.  Names of other entries are
passed in as opaque placeholders and used where a noun phrase can stand.
"""

from __future__ import annotations

import random
import re


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NOUNS = words("""
model team system request dataset budget index pipeline vendor prompt answer report customer workflow
server query document benchmark policy feature release user cache layer score signal error review metric
process project service tool rule task window format source record label sample batch output input
decision estimate contract schedule deadline analyst engineer manager product platform interface schema
table field checkpoint result version baseline threshold account invoice ticket claim note summary memo
forecast audit experiment trial prototype launch pilot setting parameter weight vector library framework
database network device browser region cluster node queue store trace alert dashboard spreadsheet team
question reader editor reviewer office warehouse shipment order catalog price margin supplier partner
lawyer clinic hospital school student teacher course lesson exam grade map route driver vehicle sensor
camera image transcript call message email thread channel agenda meeting plan goal risk cost delay
""")
ADJECTIVES = words("""
small large careful cheap expensive slow fast narrow broad stable noisy clean fresh stale hidden visible
shared private public simple complex typical rare common early late brittle robust useful costly modest
clear vague strict loose manual automatic separate central local remote recent older larger smaller
consistent specific general reliable uneven steady sudden gradual quiet obvious subtle practical formal
informal internal external weekly monthly single second final original updated partial complete
""")
VERBS = words("""
reduce change improve limit store check measure compare track filter split join rank score label train
test review update replace cache route explain predict summarize retrieve estimate balance delay shape
guide protect expose simplify complicate require produce collect describe support handle skip repeat
combine adjust tune publish reject accept group sort flag extend shorten rewrite inspect schedule
""")
ADVERBS = words("""
often rarely usually quietly quickly slowly gradually sometimes mostly barely reliably roughly mainly
directly gently quietly openly carefully
""")
PREPOSITIONS = words("for with across inside behind before after without under over between through around beyond")
DETERMINERS = ("the", "the", "the", "a", "a", "each", "every", "this", "that", "one")
CONNECTIVES = (
    "In practice,",
    "For example,",
    "As a result,",
    "Even so,",
    "On the other hand,",
    "In most teams,",
    "Over time,",
    "At first,",
    "By contrast,",
    "Put simply,",
    "In the long run,",
    "Most of the time,",
)
NUMBER_WORDS = ("two", "three", "four", "five")
STOPWORDS = frozenset(
    words(
        "a an the of to in and or but if it is that this each every one can does not by about which means "
        "there are when because as so be its on at for with most some teams often rarely"
    )
)
_VOWEL = re.compile(r"^([aeio]|u(?!s))")


def plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh", "z")):
        return noun + "es"
    return noun + "s"


def third_person(verb: str) -> str:
    return plural(verb)  # the same spelling rules: "reduces", "tries", "fixes"


def vocabulary() -> frozenset[str]:
    """Every word the prose can contain, in its written forms (for keeping invented names apart)."""
    words = set(NOUNS) | set(ADJECTIVES) | set(VERBS) | set(ADVERBS) | set(PREPOSITIONS) | set(STOPWORDS)
    words |= {plural(n) for n in NOUNS} | {third_person(v) for v in VERBS} | set(NUMBER_WORDS)
    for connective in CONNECTIVES:
        words |= set(re.findall(r"[a-z]+", connective.lower()))
    return frozenset(words)


def identifier(rng: random.Random) -> str:
    """A code-looking name: `max_batch_size`, `retry_limit`."""
    parts = [rng.choice(("max", "min", "default", "use", "keep", "allow"))] if rng.random() < 0.5 else []
    parts += [rng.choice(NOUNS), rng.choice(("size", "limit", "count", "ttl", "mode", "id", "window"))]
    return "_".join(parts)


class Writer:
    """Sentences and paragraphs drawn from one seeded generator."""

    def __init__(self, rng: random.Random, *, markup: bool = True) -> None:
        self.rng = rng
        self.markup = markup  # emphasis and inline code; off for plain-text fields

    def plain(self) -> Writer:
        """A writer on the same generator that never adds Markdown."""
        return Writer(self.rng, markup=False)

    # -- phrases --------------------------------------------------------------------
    def _article(self, det: str, following: str) -> str:
        if det == "a" and _VOWEL.match(following):
            return "an"
        return det

    def noun_phrase(self, *, emphasis: float = 0.03, code: float = 0.01) -> str:
        r = self.rng
        if not self.markup:
            emphasis = code = 0.0
        if r.random() < code:
            return f"the `{identifier(r)}` {r.choice(('setting', 'field', 'option', 'flag'))}"
        words = [r.choice(ADJECTIVES)] if r.random() < 0.55 else []
        words.append(r.choice(NOUNS))
        core = " ".join(words)
        if r.random() < emphasis:
            core = f"**{core}**" if r.random() < 0.5 else f"*{core}*"
        det = r.choice(DETERMINERS)
        phrase = f"{self._article(det, core.lstrip('*'))} {core}"
        if r.random() < 0.18:
            noun = r.choice(NOUNS)
            phrase += f" of {self._article(r.choice(('the', 'a', 'each')), noun)} {noun}"
        return phrase

    def plural_phrase(self) -> str:
        r = self.rng
        adjective = f"{r.choice(ADJECTIVES)} " if r.random() < 0.5 else ""
        return adjective + plural(r.choice(NOUNS))

    def verb_phrase(self) -> str:
        r = self.rng
        roll = r.random()
        verb = r.choice(VERBS)
        if roll < 0.45:
            adverb = f"{r.choice(ADVERBS)} " if r.random() < 0.3 else ""
            core = f"{adverb}{third_person(verb)} {self.noun_phrase()}"
        elif roll < 0.65:
            core = f"can {verb} {self.noun_phrase()}"
        elif roll < 0.8:
            core = f"tends to {verb} {self.plural_phrase()}"
        elif roll < 0.9:
            core = f"does not {verb} {self.noun_phrase()}"
        else:
            core = f"has to {verb} {self.noun_phrase()}"
        if r.random() < 0.35:
            core += f" {r.choice(PREPOSITIONS)} {self.noun_phrase()}"
        return core

    def clause(self) -> str:
        return f"{self.noun_phrase()} {self.verb_phrase()}"

    # -- sentences ------------------------------------------------------------------
    def sentence(self, name: str | None = None) -> str:
        """One sentence; with `name`, a sentence that mentions it where a noun phrase can stand."""
        r = self.rng
        if name is not None:
            forms = (
                f"{name} {self.verb_phrase()}.",
                f"{r.choice(CONNECTIVES)} {name} {self.verb_phrase()}.",
                f"Compare this with {name}, which {self.verb_phrase()}.",
                f"Some teams reach for {name} instead, because it {self.verb_phrase()}.",
                f"{name} is a close cousin: it {self.verb_phrase()}.",
                f"When {self.clause()}, {name} {self.verb_phrase()}.",
                f"This is where {name} comes in.",
            )
            return r.choice(forms)
        roll = r.randrange(15)
        if roll == 0:
            text = f"{r.choice(CONNECTIVES)} {self.clause()}."
        elif roll == 1:
            text = f"when {self.clause()}, {self.clause()}."
        elif roll == 2:
            text = f"{self.clause()}, but {self.clause()}."
        elif roll == 3:
            text = f"{self.clause()} because {self.clause()}."
        elif roll == 4:
            text = f"if {self.clause()}, {self.noun_phrase()} can {r.choice(VERBS)} {self.noun_phrase()}."
        elif roll == 5:
            text = f"most {self.plural_phrase()} {r.choice(VERBS)} {self.noun_phrase()}."
        elif roll == 6:
            text = f"it {self.verb_phrase()}, which means {self.noun_phrase()} can {r.choice(VERBS)} it."
        elif roll == 7:
            text = f"{self.clause()} by about {r.randrange(5, 95)} percent."
        elif roll == 8:
            text = f"think of it as {self.noun_phrase()} that {self.verb_phrase()}."
        elif roll == 9:
            items = ", ".join(self.plural_phrase() for _ in range(2)) + f" and {self.plural_phrase()}"
            text = f"there are {r.choice(NUMBER_WORDS)} {r.choice(ADJECTIVES)} {plural(r.choice(NOUNS))} here: {items}."
        elif roll == 10:
            question = f"why would {self.noun_phrase()} {r.choice(VERBS)} {self.noun_phrase()}?"
            text = f"{question} Because it {self.verb_phrase()}."
        elif roll == 11:
            text = f"a {r.choice(ADJECTIVES)} rule of thumb: {self.clause()}."
        else:
            text = f"{self.clause()}."
        return text[0].upper() + text[1:]

    def paragraph(self, words: int, names: list[str] | None = None) -> str:
        """About `words` words of sentences; each of `names` is mentioned once, at a random place."""
        names = list(names or [])
        sentences: list[str] = []
        count = 0
        while count < words or names:
            name = names.pop(0) if names and (count >= words or self.rng.random() < 0.3) else None
            text = self.sentence(name)
            sentences.append(text)
            count += len(text.split())
        return " ".join(sentences)

    def short(self, words: int) -> str:
        """A phrase of a few words, for table cells and labels: 'Cheap reviews of each batch'."""
        r = self.rng
        parts = [r.choice(ADJECTIVES), plural(r.choice(NOUNS))] if words != 1 else [plural(r.choice(NOUNS))]
        while len(parts) + 1 < words:
            parts += [r.choice(("of", "for", "per", "with")), r.choice(NOUNS)]
        text = " ".join(parts)
        return text[0].upper() + text[1:]
