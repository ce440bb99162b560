"""The impact document's tables as every format lays them out (plugins/impact_tables.py): arranged from
the document, never counted afresh."""

from __future__ import annotations

import pytest
from impact_documents import impact_document

from ratings_engine.plugins.impact_tables import (
    NOT_RATED,
    brief_rows,
    cannot_rate,
    changes,
    label_of,
    move_words,
    parts,
    plugin_words,
    rating_labels,
    share_rows,
    signed_points,
    sweep_parts,
    transition_grid,
    unswept_values,
    value_marks,
    version_words,
)


@pytest.fixture
def document() -> dict:
    return impact_document()


def test_labels_name_every_rating_and_not_rated(document):
    labels = rating_labels(document)
    assert labels["requires_improvement"] == "Requires improvement" and labels[None] == NOT_RATED
    assert label_of(labels, "exceptional") == "exceptional"  # an id the list lacks is shown as it is


def test_the_overall_rating_comes_first_then_each_standard(document):
    assert [(p.key, p.name, p.note) for p in parts(document)] == [
        ("overall", "Overall rating", ""), ("2.1", "2.1 Assessment", ""), ("2.2", "2.2 Planning", "")]
    document["standards"][1]["under"] = ["draft"]
    assert parts(document)[2].note == "only in the draft"


def test_the_brief_gives_each_part_s_changes_up_and_down(document):
    assert brief_rows(document) == [["Overall rating", "1", "0", "1"], ["2.1 Assessment", "2", "0", "2"], ["2.2 Planning", "2", "0", "1"]]
    document["standards"][0]["under"] = ["baseline"]
    assert brief_rows(document)[1][0] == "2.1 Assessment (only in the baseline)"


def test_the_grid_puts_baseline_rows_by_draft_columns_with_not_rated_only_where_some_are(document):
    overall = transition_grid(document["overall"])
    assert overall.rows == overall.columns == ("outstanding", "good", "requires_improvement", "inadequate")
    assert overall.count("good", "requires_improvement") == 1 and overall.count("requires_improvement", "good") == 0
    assert (overall.count("good", "good"), overall.largest) == (3, 3)
    assert overall.row_totals["good"] == 4 and overall.column_totals["good"] == 3
    planning = transition_grid(document["standards"][1])
    assert planning.columns[-1] is None and None not in planning.rows
    assert planning.count("good", None) == 1


def test_a_standard_only_the_draft_has_is_one_row_not_rated(document):
    entry = document["standards"][1]
    entry["under"] = ["draft"]
    entry["transitions"] = [{"baseline": None, "draft": "good", "count": 3}, {"baseline": None, "draft": "inadequate", "count": 2}]
    for share in entry["shares"]:
        share["baseline"] = 5 if share["rating"] is None else 0
    grid = transition_grid(entry)
    assert grid.rows == (None,) and grid.columns == ("outstanding", "good", "requires_improvement", "inadequate", None)
    entry["under"] = ["baseline"]
    entry["transitions"] = [{"baseline": "good", "draft": None, "count": 5}]
    assert transition_grid(entry).columns == (None,)


def test_a_rating_only_the_transitions_name_still_has_its_row(document):
    entry = document["overall"]
    entry["transitions"].append({"baseline": "exceptional", "draft": None, "count": 1})
    grid = transition_grid(entry)
    assert grid.rows[-2:] == ("inadequate", "exceptional") and grid.columns[-2:] == ("exceptional", None)
    assert grid.count("exceptional", None) == 1


def test_shares_are_the_documents_with_signed_changes(document):
    rows = share_rows(document["standards"][1])
    good = rows[1]
    assert (good.rating, good.baseline, good.baseline_percent, good.draft, good.draft_percent, good.change, good.change_points) == (
        "good", 3, "60.0", 2, "40.0", "-1", "-20.0")
    assert (rows[-1].rating, rows[-1].change, rows[-1].change_points) == (None, "+1", "+20.0")
    assert None not in [row.rating for row in share_rows(document["overall"])]  # no inspection is not rated overall


@pytest.mark.parametrize("points, shown", [("0.0", "0.0"), ("-0.0", "0.0"), ("9.1", "+9.1"), ("-9.1", "-9.1"),
                                           ("10.0", "+10.0"), ("-10.0", "-10.0"), ("0.1", "+0.1")])
def test_changes_in_points_carry_their_sign(points, shown):
    assert signed_points(points) == shown


@pytest.mark.parametrize("baseline, draft, bands, words", [
    ("good", "good", 0, "unchanged"), ("good", "requires_improvement", -1, "down 1 band"), ("inadequate", "good", 2, "up 2 bands"),
    ("good", None, None, "no longer rated"), (None, "good", None, "now rated")])
def test_a_move_in_words(baseline, draft, bands, words):
    assert move_words(baseline, draft, bands) == words


def test_an_inspection_s_changes_are_its_differing_ratings_with_causes(document):
    riverside, hillside, northgate = document["inspections"][:3]
    found = changes(riverside, document)
    assert [(c.name, c.baseline, c.draft, c.move) for c in found] == [
        ("2.1 Assessment", "Good", "Requires improvement", "down 1 band"),
        ("2.2 Planning", "Requires improvement", "Inadequate", "down 1 band"),
        ("Overall", "Good (3/6)", "Requires improvement (1/6)", "down 1 band")]
    assert "2.2.3 is 48%" in found[1].causes[0]
    assert [c.name for c in changes(hillside, document)] == ["2.1 Assessment"]
    assert [(c.draft, c.move) for c in changes(northgate, document)] == [("Not rated", "no longer rated")]
    assert changes(document["inspections"][4], document) == []


def test_the_sweep_marks_the_baseline_s_and_the_draft_s_values(document):
    sweep = document["sweep"]
    assert [value_marks(sweep, v) for v in sweep["values"]] == ["", "baseline", "draft", ""]
    sweep["baseline_value"] = "70.0"  # the same value, written otherwise
    assert value_marks(sweep, "70") == "baseline and draft"
    assert unswept_values(sweep) == []
    sweep["baseline_value"], sweep["draft_value"] = None, "72.5"
    assert unswept_values(sweep) == ["The draft's value, 72.5, is not among the values swept.", "The baseline has no such parameter."]


def test_the_sweep_parts_leave_out_not_rated_where_every_value_rates_all(document):
    found = sweep_parts(document["sweep"], document)
    assert [(key, name) for key, name, _ in found] == [("overall", "Overall rating"), ("2.1", "2.1 Assessment"), ("2.2", "2.2 Planning")]
    assert [s["rating"] for s in found[0][2]] == ["outstanding", "good", "requires_improvement", "inadequate"]
    assert found[2][2][-1]["rating"] is None


@pytest.mark.parametrize("under, words", [("draft", "the draft cannot rate it"), ("baseline", "the baseline cannot rate it"),
                                          ("both", "neither version can rate it")])
def test_which_version_cannot_rate_an_inspection(under, words):
    assert cannot_rate(under) == words


def test_versions_and_plugins_in_words(document):
    assert version_words(document["draft"]).startswith("hmip-crc@2021 (draft): HM Inspectorate")
    assert version_words(document["draft"]).endswith(", file drafts/hmip-crc-2021.json")
    assert not version_words(document["baseline"]).count(", file ")
    assert plugin_words(document["plugins"][0]) == "rating_methods (ratings-engine 0.1.0)"
    assert plugin_words({"name": "local.py", "distribution": None, "version": None}) == "local.py"
