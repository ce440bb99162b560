"""Exact proportions and the banding of key-question percentages.

Every decision is taken on an exact Fraction (or, where a framework says so, on the percentage as
displayed); floats never decide a rating, because 64.99% must not become 65%.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import cast

from ..io.json_numbers import BOUNDS, out_of_range, shown
from ..record_classes import record

EXACT = "exact"
DISPLAYED = "displayed"


def to_fraction(number: int | Decimal | float | str | Fraction) -> Fraction:
    """The exact value of a number as written in a JSON file (0.1 is one tenth, not a float).

    The one door through which a number from a file becomes an exact value. Numbers are bounded
    where files are read (engine/io/json_numbers.py); a number reaching here by another way (a document
    built in Python, a result's fraction text) is held to the same bounds, because the exact value
    of 1e-999999999 takes hours to compute. ValueError for a number outside them.
    """
    if isinstance(number, Fraction):
        return number
    if isinstance(number, float):
        # Its shortest text, so that 0.1 is one tenth; no float is too long or too small to work with.
        return Fraction(repr(number))
    if isinstance(number, str):
        if "/" in number:  # fraction text, as results give exact percentages: '1000/17'
            if len(number) > _MAX_FRACTION_TEXT:
                raise ValueError(f"fraction text of {len(number):,} characters: {BOUNDS}")
            return Fraction(number)
        text = number
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {shown(text)!r}") from None
    if isinstance(number, Decimal) and (not number.is_finite() or out_of_range(number)):
        raise ValueError(f"the number {shown(str(number))} is out of range: {BOUNDS}")
    return Fraction(number)


#: Fraction text holds an exact percentage of numbers within the bounds: its two parts are short.
_MAX_FRACTION_TEXT = 100


@lru_cache(maxsize=4096)
def percent_of(yes: int, of: int) -> Fraction:
    """The exact percentage of OF cases that YES makes.

    Kept for the counts met most recently (a Fraction is immutable, so one may be shared): the same
    few counts come back for every key question, prompt and one-case move of a run, and making a
    Fraction costs many times looking one up.
    """
    return Fraction(100 * yes, of)


def scaled_score(score: int, of: int, full: int) -> Fraction:
    """A SCORE out of OF scaled to a maximum of FULL, exactly: 10 of 24 is 15 of 36."""
    return Fraction(score * full, of)


def exact_text(value: Fraction) -> str:
    """An exact value as written: 22.5 where it has a short decimal, 46/3 where it has none."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return number_text(value) if denominator == 1 else fraction_text(value)


def fraction_text(value: Fraction) -> str:
    """A Fraction as text that Fraction() reads back: '63', '1000/17'."""
    return str(value)


@record
class Band:
    """A band of percentages, for example 'Too few': at least 50% and below 65%."""

    id: str
    label: str
    at_least: Fraction
    below: Fraction | None
    rating: str

    def contains(self, percent: Fraction) -> bool:
        return percent >= self.at_least and (self.below is None or percent < self.below)

    def describe(self) -> str:
        if self.below is None:
            return f"{number_text(self.at_least)}% or more"
        return f"at least {number_text(self.at_least)}% and below {number_text(self.below)}%"


#: The bands read so far, by value: see shared_band. Cleared if ever this large (a long-running studio).
_SHARED_BANDS: dict[tuple, Band] = {}
_MOST_SHARED_BANDS = 4096


def shared_band(band_id: str, label: str, at_least: Fraction, below: Fraction | None, rating: str) -> Band:
    """The Band with these fields, the same object for every framework read with them.

    A version and its drafts, and a sweep's values, band alike but for an edge or two: sharing their
    equal bands lets a result banded under one be re-banded under another (tally.rebanded) by finding,
    by identity alone, the figures whose band is unchanged. A Band is immutable, so sharing it is safe.
    """
    key = (band_id, label, at_least, below, rating)
    band = _SHARED_BANDS.get(key)
    if band is None:
        if len(_SHARED_BANDS) >= _MOST_SHARED_BANDS:
            _SHARED_BANDS.clear()
        band = _SHARED_BANDS[key] = Band(*key)
    return band


#: How many figures each Banding keeps the band of (more than the distinct counts out of samples up to 300 cases).
_KEPT_BANDS = 1 << 16


@record
class Banding:
    """How percentages are banded and shown."""

    decide_on: str
    decimal_places: int
    rounding: str
    bands: tuple[Band, ...]

    def rounded(self, percent: Fraction) -> Fraction:
        """PERCENT rounded as the framework displays it, still as an exact value."""
        return Fraction(self._shown_units(percent), 10 ** self.decimal_places)

    def _shown_units(self, percent: Fraction) -> int:
        """PERCENT as displayed, in units of the last decimal place shown (so 63.5% at one place is 635).

        Integer arithmetic only: this runs for every key question of every resample in ratings stability.
        """
        numerator, denominator = percent.numerator * 10 ** self.decimal_places, percent.denominator
        if self.rounding == "half-even":
            whole, rest = divmod(numerator, denominator)
            if 2 * rest > denominator or 2 * rest == denominator and whole % 2:
                whole += 1
            return whole
        return (2 * numerator + denominator) // (2 * denominator)  # floor(x + 1/2): half up

    def shows_exactly(self, percent: Fraction) -> bool:
        """Whether PERCENT as displayed is PERCENT itself (nothing lost to rounding), in whole numbers."""
        return self._shown_units(percent) * percent.denominator == percent.numerator * 10 ** self.decimal_places

    def deciding(self, percent: Fraction) -> Fraction:
        """The value a decision is taken on: the exact percentage, or the displayed one."""
        return self.rounded(percent) if self.decide_on == DISPLAYED else percent

    def band_for(self, percent: Fraction) -> Band:
        """The band PERCENT falls in, decided on the exact or the displayed value as the framework says.

        A rating method that computes its own percentage (an average, say) bands it here, as the
        engine bands each key question: ``context.framework.banding.band_for(percent)``.
        """
        value = self.deciding(percent)
        if type(value) is Fraction:  # compared as Fraction compares, numerators and denominators crossed, without its overhead
            return self._band_of(value.numerator, value.denominator)
        for band in self.bands:
            if band.contains(value):
                return band
        raise ValueError(f"no band contains {value}")  # the framework checks rule this out

    def bands_for(self, percents: Sequence[Fraction], ratios: Sequence[tuple[int, int]] | None = None) -> list[Band]:
        """band_for of each of PERCENTS, in one call: a sweep asks it of every figure at every value.

        RATIOS, where the caller keeps them, are the PERCENTS as (numerator, denominator), which a
        Fraction gives only through Python-level properties, so costly when asked at every value.
        """
        if self.decide_on == DISPLAYED:
            return [self.band_for(percent) for percent in percents]
        pairs = ratios if ratios is not None else [percent.as_integer_ratio() for percent in percents]
        kept: list[Band | None] = list(map(self._banded.get, pairs))  # most figures were banded before (see _band_of)
        if all(kept):  # a band is never false; "None in kept" would ask each band's __eq__
            return cast(list[Band], kept)
        return [self._band_of(*pair) if band is None else band for band, pair in zip(kept, pairs, strict=True)]

    def _band_of(self, numerator: int, denominator: int) -> Band:
        """The band of the exact value NUMERATOR / DENOMINATOR (DENOMINATOR positive), compared in whole numbers.

        Kept by value once found: a figure is a count of cases out of a sample's size, so the same few
        thousand recur in every inspection of a corpus, and at every value of a sweep."""
        kept = self._banded
        band = kept.get((numerator, denominator))
        if band is None:
            if len(kept) >= _KEPT_BANDS:
                kept.clear()
            band = kept[(numerator, denominator)] = self._compared(numerator, denominator)
        return band

    @cached_property
    def _banded(self) -> dict[tuple[int, int], Band]:
        return {}

    def _compared(self, numerator: int, denominator: int) -> Band:
        for band, (least_n, least_d), below in self.limits:
            if numerator * least_d >= least_n * denominator and (below is None or numerator * below[1] < below[0] * denominator):
                return band
        raise ValueError(f"no band contains {Fraction(numerator, denominator)}")  # the framework checks rule this out

    @cached_property
    def limits(self) -> tuple[tuple[Band, tuple[int, int], tuple[int, int] | None], ...]:
        """Each band with its limits as (numerator, denominator), for comparisons in whole numbers (band_for's);
        None for a band with no upper limit."""
        return tuple((band, Fraction(band.at_least).as_integer_ratio(),
                      None if band.below is None else Fraction(band.below).as_integer_ratio()) for band in self.bands)

    @cached_property
    def boundaries(self) -> tuple[Fraction, ...]:
        """The percentages where one band ends and the next begins, for example 50, 65, 80."""
        return tuple(band.at_least for band in self.bands[1:])

    def display(self, percent: Fraction) -> Decimal:
        """The percentage as shown: rounded to the framework's decimal places."""
        value = self.rounded(percent)
        return Decimal(value.numerator) / Decimal(value.denominator) if self.decimal_places else Decimal(int(value))

    def display_number(self, percent: Fraction) -> int | float:
        """The displayed percentage as a JSON number."""
        shown = self.display(percent)
        return int(shown) if self.decimal_places == 0 else float(shown)

    def display_text(self, percent: Fraction) -> str:
        units = self._shown_units(percent)
        if not self.decimal_places:
            return f"{units}%"
        whole, part = divmod(units, 10 ** self.decimal_places)
        return f"{whole}.{part:0{self.decimal_places}d}%"


def tenths(value: Fraction) -> int:
    """VALUE in tenths, rounded half away from zero: 6.25 is 63 and -6.25 is -63."""
    if isinstance(value, (int, Fraction)):
        # floor(|n/d| * 10 + 1/2) in whole numbers: the same value without building Fractions on the way.
        numerator, denominator = abs(value.numerator), value.denominator
        whole = (20 * numerator + denominator) // (2 * denominator)
    else:
        whole = math.floor(abs(value) * 10 + Fraction(1, 2))
    return whole if value >= 0 else -whole


def one_decimal(value: Fraction) -> str:
    """VALUE to one decimal place, the place always written, rounded half away from zero: '13.0', '6.3', '-4.8'."""
    rounded = tenths(value)
    sign = "-" if rounded < 0 else ""
    return f"{sign}{abs(rounded) // 10}.{abs(rounded) % 10}"


def number_text(number: int | Decimal | float | str | Fraction) -> str:
    """A number as written, exactly: 65, 64.99, 0.1 (never 65.0 or 1/10)."""
    value = to_fraction(number)
    if value.denominator == 1:
        return str(value.numerator)
    return format(Decimal(value.numerator) / Decimal(value.denominator), "f").rstrip("0")
