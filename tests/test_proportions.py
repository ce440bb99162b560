"""Exact proportions and banding: boundaries decide on exact values, never floats."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratings_engine.model.proportions import Band, Banding, number_text, percent_of, tenths, to_fraction

BANDING = Banding("exact", 0, "half-up", (
    Band("minority", "Minority", Fraction(0), Fraction(50), "inadequate"),
    Band("too-few", "Too few", Fraction(50), Fraction(65), "requires_improvement"),
    Band("reasonable-majority", "Reasonable majority", Fraction(65), Fraction(80), "good"),
    Band("large-majority", "Large majority", Fraction(80), None, "outstanding"),
))


@pytest.mark.parametrize(("yes", "of", "band"), [
    (50, 100, "too-few"),            # exactly 50% is 'Too few', not 'Minority'
    (65, 100, "reasonable-majority"),
    (80, 100, "large-majority"),
    (6499, 10000, "too-few"),         # 64.99% is not 65%
    (4999, 10000, "minority"),
    (7999, 10000, "reasonable-majority"),
    (13, 20, "reasonable-majority"),  # 65% exactly from other counts
    (0, 7, "minority"),
    (7, 7, "large-majority"),
])
def test_boundaries_are_exact(yes, of, band):
    """Each band includes its lower boundary exactly and excludes its upper one."""
    assert BANDING.band_for(percent_of(yes, of)).id == band


def test_shown_rounded_but_decided_exact():
    """64.6% is shown as 65% but banded as 'Too few' when the framework decides on exact proportions."""
    percent = percent_of(646, 1000)
    assert BANDING.display_text(percent) == "65%"
    assert BANDING.band_for(percent).id == "too-few"


def test_decide_on_displayed():
    """A framework may say the displayed (rounded) figure decides: then 64.6% is 'Reasonable majority'."""
    displayed = Banding("displayed", 0, "half-up", BANDING.bands)
    assert displayed.band_for(percent_of(646, 1000)).id == "reasonable-majority"
    assert displayed.band_for(percent_of(644, 1000)).id == "too-few"


@pytest.mark.parametrize(("rounding", "percent", "shown"), [
    ("half-up", Fraction(125, 2), "63%"),
    ("half-even", Fraction(125, 2), "62%"),
    ("half-up", Fraction(1000, 17), "59%"),
])
def test_display_rounding(rounding, percent, shown):
    """Rounding follows the framework: half up (62.5 -> 63) or half even (62.5 -> 62)."""
    assert Banding("exact", 0, rounding, BANDING.bands).display_text(percent) == shown


def test_display_decimal_places():
    """With one decimal place, 50 of 85 shows as 58.8%."""
    banding = Banding("exact", 1, "half-up", BANDING.bands)
    assert banding.display_text(percent_of(50, 85)) == "58.8%"
    assert banding.display_number(percent_of(50, 85)) == 58.8


def test_json_numbers_are_exact():
    """A number read from JSON keeps its written value: 64.99 is 6499/100, not a nearby float."""
    assert to_fraction(Decimal("64.99")) == Fraction(6499, 100)
    assert to_fraction(0.1) == Fraction(1, 10)


@given(st.integers(min_value=1, max_value=500).flatmap(
    lambda of: st.tuples(st.integers(min_value=0, max_value=of - 1), st.just(of))))
def test_one_more_yes_never_lowers_the_band(counts):
    """Banding is monotonic: one more case judged sufficient never gives a lower band."""
    yes, of = counts
    rank = [b.id for b in BANDING.bands].index
    assert rank(BANDING.band_for(percent_of(yes + 1, of)).id) >= rank(BANDING.band_for(percent_of(yes, of)).id)


@given(st.integers(min_value=1, max_value=1000).flatmap(
    lambda of: st.tuples(st.integers(min_value=0, max_value=of), st.just(of))))
def test_every_percentage_has_exactly_one_band(counts):
    """Bands cover 0-100 with no gap and no overlap."""
    percent = percent_of(*counts)
    assert sum(band.contains(percent) for band in BANDING.bands) == 1


@pytest.mark.parametrize("number", [Decimal("1e-999999999"), Decimal("1E+999999999"), "1e-999999999", "1E-5000",
                                    Decimal("0." + "1" * 200_000), "1/" + "3" * 5000, Decimal("NaN"), "Infinity", "abc"])
def test_the_number_door_refuses_what_it_cannot_work_with_at_once(number):
    """A number out of bounds is refused quickly (the exact value of 1e-999999999 would take hours)."""
    with pytest.raises(ValueError):
        to_fraction(number)


@pytest.mark.parametrize(("number", "exact"), [
    (Decimal("1E-30"), Fraction(1, 10**30)), (int("9" * 30), int("9" * 30)), ("1000/17", Fraction(1000, 17)),
    ("64.99", Fraction(6499, 100)), (Fraction(2, 3), Fraction(2, 3)), (65, Fraction(65)), (1e-300, Fraction(1, 10**300)),
])
def test_the_number_door_reads_numbers_within_bounds_exactly(number, exact):
    assert to_fraction(number) == exact


def test_every_input_number_goes_through_the_one_door():
    """No module but proportions.py turns a number into a Fraction (Fraction(x) with one argument)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    found = []
    for path in sorted((root / "engine").rglob("*.py")) + sorted((root / "plugins").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Fraction"
                    and len(node.args) == 1 and not isinstance(node.args[0], ast.Constant)):
                found.append(f"{path.relative_to(root).as_posix()}:{node.lineno}")
    assert found and all(where.startswith("engine/model/proportions.py:") for where in found), found


@pytest.mark.parametrize("value, expected", [
    (Fraction(625, 100), 63), (Fraction(-625, 100), -63), (Fraction(624, 100), 62),
    (Fraction(13), 130), (Fraction(0), 0), (Fraction(1, 20), 1), (Fraction(-1, 20), -1),
])
def test_tenths_round_half_away_from_zero(value, expected):
    assert tenths(value) == expected


@pytest.mark.parametrize("value, expected", [
    (Fraction(65), "65"), (Fraction(6499, 100), "64.99"), (Fraction(1, 10), "0.1"), (Fraction(-5, 2), "-2.5"),
    (65.0, "65"), (0.1, "0.1"), (Decimal("64.990"), "64.99"), (7, "7"),
])
def test_number_text_is_as_written(value, expected):
    assert number_text(value) == expected


@given(st.integers(0, 500), st.integers(1, 500), st.sampled_from(["exact", "displayed"]))
def test_band_for_crosses_numerators_as_fractions_compare(yes, of, decide_on):
    """band_for compares whole numbers for speed; it finds the band comparing the Fractions finds."""
    banding = Banding(decide_on, 1, "half-up", (
        Band("low", "Low", Fraction(0), Fraction(100, 3), "inadequate"),
        Band("mid", "Mid", Fraction(100, 3), Fraction(665, 10), "good"),
        Band("high", "High", Fraction(665, 10), None, "outstanding")))
    percent = percent_of(yes, of)
    value = banding.deciding(percent)
    assert banding.band_for(percent) == next(b for b in banding.bands if b.contains(value))


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 500)), max_size=8), st.sampled_from(["exact", "displayed"]))
def test_bands_for_is_band_for_of_each(counts, decide_on):
    banding = Banding(decide_on, 1, "half-up", (
        Band("low", "Low", Fraction(0), Fraction(100, 3), "inadequate"),
        Band("high", "High", Fraction(100, 3), None, "good")))
    percents = [percent_of(min(yes, of), of) for yes, of in counts]
    assert banding.bands_for(percents) == [banding.band_for(percent) for percent in percents]


#: One banding for every example below: the bands it has found are kept between them, and cleared when full.
_KEEPING = Banding("exact", 0, "half-up", BANDING.bands)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 60)), min_size=1, max_size=12))
def test_a_band_kept_once_found_is_the_band_found_by_comparing(counts):
    percents = [percent_of(min(yes, of), of) for yes, of in counts]
    truth = [next(b for b in _KEEPING.bands if b.contains(percent)) for percent in percents]
    ratios = [percent.as_integer_ratio() for percent in percents]
    for _ in range(2):  # found, then kept
        assert _KEEPING.bands_for(percents) == truth
        assert _KEEPING.bands_for(percents, ratios) == truth
        assert [_KEEPING.band_for(percent) for percent in percents] == truth


def test_the_bands_kept_are_cleared_when_full(monkeypatch):
    from ratings_engine.model import proportions

    monkeypatch.setattr(proportions, "_KEPT_BANDS", 3)
    banding = Banding("exact", 0, "half-up", BANDING.bands)
    percents = [percent_of(yes, 20) for yes in range(21)]
    assert banding.bands_for(percents) == [next(b for b in banding.bands if b.contains(p)) for p in percents]
    assert len(banding._banded) <= 3


@pytest.mark.parametrize(("value", "shown"), [
    (Fraction(13), "13.0"), (Fraction(125, 20), "6.3"), (Fraction(-125, 20), "-6.3"), (Fraction(-1, 30), "0.0"),
    (Fraction(1, 20), "0.1"), (Fraction(0), "0.0"),
])
def test_one_decimal_writes_the_place_and_the_sign(value, shown):
    from ratings_engine.model.proportions import one_decimal

    assert one_decimal(value) == shown


@given(st.integers(0, 500), st.integers(1, 500), st.integers(0, 2), st.sampled_from(["half-up", "half-even"]))
def test_shows_exactly_is_whether_rounding_keeps_the_value(yes, of, places, rounding):
    banding = Banding("exact", places, rounding, BANDING.bands)
    percent = percent_of(yes, of)
    assert banding.shows_exactly(percent) == (banding.rounded(percent) == percent)


def test_frameworks_that_band_alike_share_their_bands_and_results_keep_an_unchanged_band(engine, tmp_path):
    import json

    from ratings_engine.rating.inspection import load_inspection
    from ratings_engine.rating.tally import rebanded

    from support import EXAMPLES

    document = json.loads((EXAMPLES.parent / "frameworks" / "hmip-crc" / "2019.json").read_text(encoding="utf-8"))
    document["version"], document["status"] = "2099", "draft"
    bands = document["banding"]["bands"]
    bands[1]["below"] = bands[2]["at_least"] = 70
    (tmp_path / "draft.json").write_text(json.dumps(document), encoding="utf-8")
    baseline, draft = engine.framework("hmip-crc@2019"), engine.framework(str(tmp_path / "draft.json"))
    same = [a is b for a, b in zip(baseline.banding.bands, draft.banding.bands, strict=True)]
    assert same == [True, False, False, True]  # only the two bands either side of the moved edge differ

    inspection, raw = load_inspection(EXAMPLES / "synthetic-crc-2019.json")
    evaluation = engine.evaluate_under(baseline, inspection, raw, "synthetic.json")
    kept = moved = 0
    for tally in evaluation.samples.values():
        again = rebanded(draft, tally)
        for question_id, result in tally.key_questions.items():
            now = again.key_questions[question_id]
            assert now.band == draft.banding.band_for(result.percent)
            assert (now is result) == (result.band is now.band)
            kept, moved = kept + (now is result), moved + (now is not result)
    assert kept and moved
