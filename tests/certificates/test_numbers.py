"""The certificate number's check character catches every single-character substitution and every
adjacent swap (property tests over random numbers), and typed numbers are read leniently."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bibliology.certificates import numbers

bodies = st.text(alphabet=numbers.ALPHABET, min_size=8, max_size=8)
years = st.integers(min_value=2000, max_value=2999)
FORMAT = re.compile(r"BIB-\d{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]")


def _compact(number: str) -> list[str]:
    return list(number.replace("-", ""))


@given(years, bodies, st.data())
def test_every_single_substitution_is_caught(year: int, body: str, data: st.DataObject) -> None:
    number = numbers.format_number(year, body)
    assert numbers.parse(number).number == number
    chars = _compact(number)
    position = data.draw(st.integers(min_value=3, max_value=len(chars) - 1))  # after "BIB"
    pool = "0123456789" if position < 7 else numbers.ALPHABET
    replacement = data.draw(st.sampled_from([c for c in pool if c != chars[position]]))
    chars[position] = replacement
    assert numbers.parse("".join(chars)).mistyped


@given(years, bodies, st.data())
def test_every_adjacent_swap_is_caught(year: int, body: str, data: st.DataObject) -> None:
    chars = _compact(numbers.format_number(year, body))
    position = data.draw(st.integers(min_value=3, max_value=len(chars) - 2))
    if chars[position] == chars[position + 1]:
        return  # swapping equal characters changes nothing
    chars[position], chars[position + 1] = chars[position + 1], chars[position]
    assert numbers.parse("".join(chars)).mistyped


def test_every_substitution_of_one_number_exhaustively() -> None:
    number = numbers.new_number(2026)
    chars = _compact(number)
    for position in range(7, len(chars)):
        for replacement in numbers.ALPHABET:
            if replacement != chars[position]:
                changed = [*chars[:position], replacement, *chars[position + 1 :]]
                assert numbers.parse("".join(changed)).mistyped, (number, position, replacement)


def test_new_numbers_have_the_documented_shape_and_do_not_repeat() -> None:
    drawn = {numbers.new_number(2026) for _ in range(2000)}
    assert len(drawn) == 2000
    assert all(FORMAT.fullmatch(n) and n.startswith("BIB-2026-") for n in drawn)
    assert not set("01ILO") & set("".join(n[9:] for n in drawn))


def test_typed_numbers_are_read_leniently_but_never_guessed() -> None:
    number = numbers.new_number(2026)
    assert numbers.parse(number.lower()).number == number
    assert numbers.parse(" " + number.replace("-", " ") + " ").number == number
    assert numbers.parse(number.replace("-", "")).number == number
    for wrong in ("", "BIB", "BIB-2026-1234-5678-9", number + "X", "x" * 500, number.replace("BIB", "BIX")):
        assert numbers.parse(wrong).mistyped, wrong
