"""CBOR: the subset Pagefind's index files use, read and written exactly as RFC 8949 encodes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.pages.cbor import CborError, Value, dumps, loads

# Examples from RFC 8949, Appendix A, that fall inside the subset.
RFC_EXAMPLES: list[tuple[Value, str]] = [
    (0, "00"),
    (1, "01"),
    (10, "0a"),
    (23, "17"),
    (24, "1818"),
    (25, "1819"),
    (100, "1864"),
    (1000, "1903e8"),
    (1000000, "1a000f4240"),
    (1000000000000, "1b000000e8d4a51000"),
    (18446744073709551615, "1bffffffffffffffff"),
    (b"", "40"),
    (b"\x01\x02\x03\x04", "4401020304"),
    ("", "60"),
    ("a", "6161"),
    ("IETF", "6449455446"),
    ('"\\', "62225c"),
    ("\u00fc", "62c3bc"),
    ("\u6c34", "63e6b0b4"),
    ("\U00010151", "64f0908591"),
    ([], "80"),
    ([1, 2, 3], "83010203"),
    ([1, [2, 3], [4, 5]], "8301820203820405"),
    (list(range(1, 26)), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
]

values = st.recursive(
    st.one_of(st.integers(0, 2**64 - 1), st.binary(max_size=40), st.text(max_size=40)),
    lambda inner: st.lists(inner, max_size=6),
    max_leaves=30,
)


@pytest.mark.parametrize(("value", "encoded"), RFC_EXAMPLES)
def test_encodes_as_the_rfc_does(value: Value, encoded: str) -> None:
    assert dumps(value).hex() == encoded


@pytest.mark.parametrize(("value", "encoded"), RFC_EXAMPLES)
def test_decodes_what_the_rfc_encodes(value: Value, encoded: str) -> None:
    assert loads(bytes.fromhex(encoded)) == value


@settings(max_examples=300, derandomize=True, database=None)
@given(values)
def test_any_value_of_the_subset_round_trips(value: Value) -> None:
    assert loads(dumps(value)) == value


@pytest.mark.parametrize("value", [-1, True, False, 2**64])
def test_values_outside_the_subset_are_refused_when_written(value: int) -> None:
    with pytest.raises(CborError):
        dumps(value)


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param("a0", id="a map"),
        pytest.param("20", id="a negative integer"),
        pytest.param("f5", id="true"),
        pytest.param("9f01ff", id="an indefinite-length array"),
        pytest.param("0001", id="trailing bytes"),
    ],
)
def test_input_outside_the_subset_is_refused_when_read(encoded: str) -> None:
    with pytest.raises(CborError):
        loads(bytes.fromhex(encoded))
