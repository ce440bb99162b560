"""The impact document as one CSV table (plugins/impact_csv.py): a row per inspection and standard and
one for its overall rating, then a row per inspection not rated; no formula from the data."""

from __future__ import annotations

import csv
import io

import pytest
from impact_documents import impact_document

from ratings_engine.plugins.impact_csv import COLUMNS, render_impact_csv


@pytest.fixture
def document() -> dict:
    return impact_document()


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def row(rows: list[dict[str, str]], provider: str, standard: str) -> dict[str, str]:
    (found,) = [r for r in rows if r["provider"] == provider and r["standard"] == standard]
    return found


def test_one_row_per_inspection_and_standard_then_overall_then_one_per_inspection_not_rated(document):
    text = render_impact_csv(document)
    rows = table(text)
    standards = len(document["standards"])
    assert len(rows) == len(document["inspections"]) * (standards + 1) + len(document["not_rated"]) == 16
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert text.count("\r\n") == len(rows) + 1 and "\n" not in text.replace("\r\n", "")
    assert [r["standard"] for r in rows[:3]] == ["2.1", "2.2", "overall"]
    assert [r["provider"] for r in rows[::3]][:5] == ["Riverside CRC", "Hillside CRC", "Northgate CRC", "Eastway CRC", "Westfield CRC"]


def test_each_row_gives_both_ratings_the_move_and_the_causes(document):
    rows = table(render_impact_csv(document))
    assessment = row(rows, "Riverside CRC", "2.1")
    assert {k: assessment[k] for k in ("file", "fieldwork_start", "standard_title", "baseline_rating", "baseline_rating_label",
                                       "draft_rating", "draft_rating_label", "bands_moved", "rating_changed")} == {
        "file": "inspections/riverside-2020.json", "fieldwork_start": "2020-01-13", "standard_title": "Assessment",
        "baseline_rating": "good", "baseline_rating_label": "Good", "draft_rating": "requires_improvement",
        "draft_rating_label": "Requires improvement", "bands_moved": "-1", "rating_changed": "yes"}
    assert assessment["causes"].startswith("Professional discretion raised it")
    overall = row(rows, "Riverside CRC", "overall")
    assert (overall["standard_title"], overall["draft_rating_label"], overall["rating_changed"]) == (
        "Overall", "Requires improvement", "yes")
    unchanged = row(rows, "Eastway CRC", "2.2")
    assert (unchanged["bands_moved"], unchanged["rating_changed"], unchanged["causes"], unchanged["note"]) == ("0", "no", "", "")
    planning = row(rows, "Northgate CRC", "2.2")
    assert (planning["draft_rating"], planning["draft_rating_label"], planning["bands_moved"], planning["rating_changed"]) == (
        "", "", "", "yes")
    assert row(rows, "Northgate CRC", "overall")["note"] == "2.2 is not rated: 8 cases, fewer than the minimum sample of 10."


def test_causes_are_joined_with_semicolons(document):
    document["inspections"][1]["standards"][0]["causes"] = ["first cause", "second cause"]
    assert row(table(render_impact_csv(document)), "Hillside CRC", "2.1")["causes"] == "first cause; second cause"


def test_an_inspection_not_rated_is_a_row_saying_why(document):
    last = table(render_impact_csv(document))[-1]
    assert (last["file"], last["provider"], last["standard"], last["draft_rating"], last["rating_changed"]) == (
        "inspections/southbank-2020.json", "Southbank CRC", "", "", "")
    assert last["note"].startswith("the draft cannot rate it: inspections/southbank-2020.json:14:7: ")
    document["not_rated"][0].update(provider=None, under="both")  # a file that could not be read that far
    last = table(render_impact_csv(document))[-1]
    assert (last["provider"], last["note"][:34]) == ("", "neither version can rate it: inspe")


def test_a_standard_only_one_version_has_is_noted(document):
    document["standards"][1]["under"] = ["baseline"]
    assert row(table(render_impact_csv(document)), "Westfield CRC", "2.2")["note"] == "a standard only of the baseline"


def test_text_from_the_files_never_starts_a_formula(document):
    document["inspections"][0]["provider"] = '=HYPERLINK("http://x","Riverside")'
    document["inspections"][0]["standards"][0]["causes"] = ["+cmd|' /C calc'!A0"]
    document["not_rated"][0]["provider"] = "@SUM(A1:A2)"
    document["not_rated"][0]["reasons"] = ["-2+3"]
    rows = table(render_impact_csv(document))
    assert rows[0]["provider"] == '\'=HYPERLINK("http://x","Riverside")'
    assert rows[0]["causes"] == "'+cmd|' /C calc'!A0"
    assert rows[-1]["provider"] == "'@SUM(A1:A2)" and rows[-1]["note"] == "the draft cannot rate it: -2+3"
    assert rows[0]["bands_moved"] == "-1"  # a number is not text, and stays as it is
