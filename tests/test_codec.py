"""The cache's codec: the model's values written as plain JSON and read back equal; anything else refused.

The cache folder can come from anywhere, so reading it must never make a
value of a kind it does not expect, or run anything: it is led by the types
the fields are declared with, and the data only fills them in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossator.build.codec import Codec, DecodeError
from glossator.build.memo import Noted, Validated
from glossator.build.mentions import Reading
from glossator.build.work import CODEC
from glossator.content.load import load_content
from glossator.content.model import Entry, Position, Prose
from glossator.content.project import Project, load_config
from glossator.content.validate import validate
from glossator.core.canonical import canonical
from glossator.prose.autolink import Matcher
from glossator.prose.link import directory
from glossator.prose.weave import Surroundings, weave
from tests.helpers import ROOT


def starter_entries() -> Iterator[Entry]:
    project = Project.at(ROOT)
    config = load_config(project)
    sources, _ = load_content(project.content, default_lang=config.default_code, cwd=ROOT)
    for source in sources:
        entry = validate(source, config).value
        assert entry is not None
        yield entry


ENTRIES = list(starter_entries())


def test_every_entry_of_the_starter_glossary_comes_back_equal() -> None:
    for entry in ENTRIES:
        data = json.loads(json.dumps(CODEC.encode(entry)))  # through JSON text, as the cache holds it
        back = CODEC.decode(Entry, data)
        assert back == entry and hash(back) == hash(entry)
        assert list(back.prose) == list(entry.prose)  # prose fields keep their order


def test_woven_prose_comes_back_equal() -> None:
    found, _ = directory(ENTRIES)
    around = Surroundings(found, {e.slug: f"/glossary/{e.slug}/" for e in ENTRIES}, autolink=True)
    matcher = Matcher(dict(found.mentions))
    for entry in [e for e in ENTRIES if not e.disambiguation][:5]:  # a page of meanings links no prose
        woven = weave(entry, around, matcher)
        assert woven.auto or woven.explicit  # the starter's entries link each other
        assert CODEC.decode(type(woven), json.loads(json.dumps(CODEC.encode(woven)))) == woven


def tagged(kind: str, **fields: object) -> dict[str, object]:
    return {"@": kind, **fields}


PROSE = {"text": "Hi.", "line": 1, "col": 1, "source": None}

REFUSED = {
    "an unknown tag": tagged("Nope", **PROSE),
    "the tag of another kind it knows": tagged("Position", **PROSE),
    "a type that is not a dataclass": tagged("FieldMap", **PROSE),
    "a function by its dotted name": tagged("os.system", **PROSE),
    "a class by its module path": tagged("glossator.content.model.Prose", **PROSE),
    "no tag": dict(PROSE),
    "a missing field": tagged("Prose", text="Hi.", line=1, col=1),
    "a field too many": tagged("Prose", **PROSE, extra=1),
    "a boolean for a number": tagged("Prose", **{**PROSE, "line": True}),
    "a fraction for a number": tagged("Prose", **{**PROSE, "line": 1.5}),
    "text for a number": tagged("Prose", **{**PROSE, "line": "1"}),
    "a lone surrogate": tagged("Prose", **{**PROSE, "text": "\ud800"}),
    "an array for an object": [PROSE],
    "null": None,
}


@pytest.mark.parametrize("data", list(REFUSED.values()), ids=list(REFUSED))
def test_what_does_not_fit_its_declared_type_is_refused(data: object) -> None:
    with pytest.raises(DecodeError):
        CODEC.decode(Prose, data)


def test_a_nested_value_of_the_wrong_kind_is_refused() -> None:
    good = CODEC.encode(ENTRIES[0])
    assert isinstance(good, dict)
    for field, value in (("body", tagged("Position", line=1, col=1)), ("level", "expert"), ("updated", "tomorrow")):
        with pytest.raises(DecodeError):
            CODEC.decode(Entry, {**good, field: value})


def test_only_the_kinds_it_was_given_are_written() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Partial(Entry):  # a subclass is another kind, even with the same fields
        pass

    entry = ENTRIES[0]
    with pytest.raises(TypeError):
        CODEC.encode(Partial(**{f.name: getattr(entry, f.name) for f in dataclasses.fields(entry)}))
    with pytest.raises(TypeError):
        CODEC.encode(Path("/etc/passwd"))


def test_a_codec_is_made_of_frozen_dataclasses_only() -> None:
    @dataclasses.dataclass
    class Loose:
        value: int

    with pytest.raises(TypeError):
        Codec([Loose])
    with pytest.raises(TypeError):
        Codec([dict])


def test_the_records_a_cache_keeps_are_kinds_of_its_codec() -> None:
    assert CODEC.kinds["Validated"] is Validated and CODEC.kinds["Noted"] is Noted


def test_a_canonical_form_does_not_depend_on_order() -> None:
    assert canonical({"a": 1, "b": 2}) == canonical({"b": 2, "a": 1})
    assert canonical(frozenset({"x", "y"})) == canonical(frozenset({"y", "x"}))
    assert canonical(Position(1, 2)) != canonical(Position(2, 1))


_DAYS = (dt.date(2020, 1, 1), dt.date(2020, 1, 2))
_KEYS = st.one_of(
    st.text(max_size=4), st.integers(-3, 3), st.sampled_from(_DAYS), st.sampled_from([d.isoformat() for d in _DAYS])
)


@given(st.dictionaries(_KEYS, st.one_of(st.integers(), st.text(max_size=3)), max_size=8), st.randoms())
def test_a_dict_s_canonical_form_does_not_depend_on_the_order_its_items_came_in(
    items: dict[object, object], shuffler: random.Random
) -> None:
    # Dates and their ISO text look alike, so both ways of ordering the items are exercised.
    pairs = list(items.items())
    shuffler.shuffle(pairs)
    assert canonical(dict(pairs)) == canonical(items)


@pytest.mark.parametrize("targets", [["fine", 1], ["fine", None], ["fine", "\ud800"], "fine"])
def test_a_set_of_texts_holds_text_only(targets: object) -> None:
    with pytest.raises(DecodeError):
        CODEC.decode(Reading, tagged("Reading", words="", targets=targets))
    assert CODEC.decode(Reading, tagged("Reading", words="", targets=["fine", "très"])).targets == {"fine", "très"}
