"""The bounds on a number in a file (engine/io/json_numbers.py): exact where a rating needs it, refused where it cannot be."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ratings_engine.io.json_numbers import MAX_DIGITS, NumberOutOfRange, read_float, read_int, shown, text_out_of_range


def test_a_decimal_is_read_exactly():
    assert read_float("64.99") == Decimal("64.99") and read_float("6.5e1") == Decimal("65")


@pytest.mark.parametrize("text", ["1e-999999999", "1E+999999999", "0." + "1" * 31, "1e30", "1" * 31 + ".5"])
def test_a_number_beyond_the_bounds_is_refused(text):
    with pytest.raises(NumberOutOfRange):
        read_float(text)
    assert text_out_of_range(text)


def test_a_whole_number_is_refused_by_its_length_before_it_is_converted():
    assert read_int("-" + "9" * MAX_DIGITS) == -int("9" * MAX_DIGITS)
    with pytest.raises(NumberOutOfRange):
        read_int("9" * (MAX_DIGITS + 1))
    assert text_out_of_range("9" * (MAX_DIGITS + 1)) and not text_out_of_range("100000000")


def test_a_long_number_is_quoted_by_its_start_and_its_length():
    assert shown("64.99") == "64.99"
    assert shown("1" * 200_000) == "111111111111... (200,000 characters)"
