"""The impact document: transition tables, shares and their net change, and the order of what it lists."""

from __future__ import annotations

import pytest

from ratings_engine.analysis.impact import percent, scale, table

ORDER = ["outstanding", "good", "requires_improvement", "inadequate", None]


@pytest.mark.parametrize(("part", "whole", "shown"), [
    (1, 3, "33.3"), (2, 3, "66.7"), (1, 8, "12.5"), (1, 16, "6.3"), (-1, 16, "-6.3"), (-2, 3, "-66.7"), (0, 5, "0.0"), (0, 0, "0.0"),
    (21, 21, "100.0"),
])
def test_percent_rounds_half_away_from_zero_to_one_place(part, whole, shown):
    assert percent(part, whole) == shown


def test_the_transition_table_counts_each_pair_in_scale_order(engine):
    crc = engine.framework("hmip-crc@2019")
    pairs = [("good", "requires_improvement"), ("good", "good"), ("good", "requires_improvement"), (None, "good"),
             ("outstanding", "outstanding"), ("requires_improvement", None)]
    found = table(pairs, ORDER, crc, crc)
    assert found["transitions"] == [
        {"baseline": "outstanding", "draft": "outstanding", "count": 1},
        {"baseline": "good", "draft": "good", "count": 1},
        {"baseline": "good", "draft": "requires_improvement", "count": 2},
        {"baseline": "requires_improvement", "draft": None, "count": 1},
        {"baseline": None, "draft": "good", "count": 1},
    ]
    shares = {share["rating"]: share for share in found["shares"]}
    assert [share["rating"] for share in found["shares"]] == ORDER
    assert shares["good"] == {"rating": "good", "baseline": 3, "draft": 2, "change": -1, "baseline_percent": "50.0",
                              "draft_percent": "33.3", "change_points": "-16.7"}
    assert sum(share["change"] for share in found["shares"]) == 0
    assert (found["changed"], found["up"], found["down"]) == (4, 0, 2)


def test_the_scale_is_the_drafts_highest_first_then_the_baselines_own(engine):
    crc = engine.framework("hmip-crc@2019")
    assert [r["id"] for r in scale(crc, crc)] == ORDER[:-1]
    assert scale(crc, crc)[1] == {"id": "good", "label": "Good"}
