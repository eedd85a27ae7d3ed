"""A summary shortened for a card or the A–Z index ends where a reader expects: never inside a word."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossator.core.shorten import ELLIPSIS, shorten
from tests.helpers import build_site, entry_text, read_page, write_project

AGENT = (
    "A system in which a language model works toward a goal in a loop: it decides on a step, "
    "uses a tool to take it, looks at the result and decides again."
)


def kept(cut: str) -> str:
    assert cut.endswith(ELLIPSIS), cut
    return cut.removesuffix(ELLIPSIS)


def test_text_within_the_limit_is_kept_whole_on_one_line() -> None:
    assert shorten("A short\n  summary.", 40) == "A short summary."


@pytest.mark.parametrize("limit", range(12, len(AGENT)))
def test_spaced_text_is_cut_between_words_within_the_limit(limit: int) -> None:
    cut = shorten(AGENT, limit)
    assert len(cut) <= limit
    words = AGENT.split()
    shown = kept(cut).split()
    assert shown[:-1] == words[: len(shown) - 1]
    assert shown[-1].rstrip(",:") == words[len(shown) - 1].rstrip(",:"), f"a word was cut in two: {cut!r}"


def test_the_cut_leaves_no_dangling_punctuation_before_the_ellipsis() -> None:
    assert shorten("It decides on a step, uses a tool", 24) == "It decides on a step…"
    assert shorten("Version 3.5 of the model is out", 15) == "Version 3.5 of…", "a decimal point is no break"


def test_chinese_is_cut_between_characters() -> None:
    text = "把資料的副本放在近處，讓下一次讀取更快。" * 3
    cut = shorten(text, 25)
    assert len(cut) == 25 and text.startswith(kept(cut))


def test_thai_is_cut_at_a_space_between_phrases_when_one_is_late_enough() -> None:
    first, second = "ระบบที่โมเดลภาษาทำงานเพื่อไปสู่เป้าหมาย", "ในวงจรที่ตัดสินใจขั้นตอนต่อไปแล้วใช้เครื่องมือ"
    assert shorten(f"{first} {second}", len(first) + 10) == first + ELLIPSIS


def test_thai_without_a_late_space_is_cut_between_syllables_not_inside_one() -> None:
    text = "ระบบที่โมเดลภาษาทำงานเพื่อไปสู่เป้าหมายในวงจรที่ตัดสินใจ"
    for limit in range(6, len(text)):
        rest = kept(shorten(text, limit))
        following = text[len(rest)]
        assert unicodedata.category(following) not in ("Mn", "Mc"), f"a mark was cut from its letter at {limit}"
        assert following not in "ะาำ" and rest[-1] not in "เแโใไ", f"a vowel was cut from its consonant at {limit}"


def test_a_letter_keeps_its_marks_and_an_emoji_its_joiners() -> None:
    accented = "e\u0301" * 30
    assert kept(shorten(accented, 10)).endswith("e\u0301")
    family = "👩\u200d👩\u200d👧" * 10
    rest = kept(shorten(family, 12))
    assert rest.endswith("👧") and family.startswith(rest)
    flags = "🇹🇼🇯🇵" * 10
    assert len(kept(shorten(flags, 8))) % 2 == 0, "a flag is two regional indicators"


@given(st.text(st.sampled_from("ab c,.漢字ไทยเา\u0301🙂\u200d🇹-"), max_size=60), st.integers(2, 40))
def test_any_text_is_cut_within_the_limit_to_a_beginning_of_itself(text: str, limit: int) -> None:
    cut = shorten(text, limit)
    one_line = " ".join(text.split())
    assert len(cut) <= max(limit, 2)
    assert cut == one_line or one_line.startswith(kept(cut))


# -- on the built pages --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = write_project(
        tmp_path_factory.mktemp("shorten") / "project",
        {
            "content/agent.md": entry_text("AI Agent", summary=f"'{AGENT}'", extra="updated: 2026-03-01\n"),
            "content/cache.md": entry_text("快取", summary="把資料的副本放在近處，讓下一次讀取更快。" * 8),
        },
    )
    site = build_site(root, root.parent / "site")
    return (site / "index.html").read_text("utf-8")


def test_the_a_to_z_index_cuts_a_long_summary_between_words(home: str) -> None:
    page = read_page(home)
    summaries = [e.text for e in page.with_class("az__summary")]
    agent = next(s for s in summaries if s.startswith("A system"))
    assert agent.endswith(ELLIPSIS) and AGENT.startswith(kept(agent))
    assert AGENT[len(kept(agent))] == " ", f"cut inside a word: {agent!r}"
    chinese = next(s for s in summaries if s.startswith("把"))
    assert chinese.endswith(ELLIPSIS)


def test_a_card_shows_a_long_summary_cut_between_words(home: str) -> None:
    page = read_page(home)
    card = next(e.text for e in page.with_class("card__summary") if e.text.startswith("A system"))
    assert AGENT.startswith(kept(card)) and AGENT[len(kept(card))] == " ", f"cut inside a word: {card!r}"
