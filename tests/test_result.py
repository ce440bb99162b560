"""The helpers of engine/reports/result.py that renderers share."""

from __future__ import annotations

import pytest

from ratings_engine.reports.result import number_words


@pytest.mark.parametrize("value, expected", [(65.0, "65"), (64.5, "64.5"), (13, "13"), (0.0, "0"), (-2.0, "-2")])
def test_number_words_drops_a_whole_floats_point_zero(value, expected):
    assert number_words(value) == expected
