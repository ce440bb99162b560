"""The impact page's charts (plugins/impact_charts.py): a transition heatmap and the sweep as lines,
read as written (html.parser). Every number is the document's and none is told by colour alone."""

from __future__ import annotations

import pytest
from impact_documents import impact_document

from ratings_engine.plugins.html_charts import RATING_COLOURS
from ratings_engine.plugins.impact_charts import sweep_chart, transition_heatmap
from ratings_engine.plugins.impact_tables import rating_labels, sweep_parts, transition_grid

from html_page import Node, parse


@pytest.fixture
def document() -> dict:
    return impact_document()


def heatmap(document: dict, entry: dict, name: str = "2.2 Planning") -> Node:
    return parse(transition_heatmap(transition_grid(entry), rating_labels(document), "chart", name)).find("svg")


def sweep_svg(document: dict, part: int = 0) -> Node:
    _, name, shares = sweep_parts(document["sweep"], document)[part]
    return parse(sweep_chart(document["sweep"], shares, rating_labels(document), "sweep", name)).find("svg")


def test_the_heatmap_has_a_cell_per_pair_with_its_count_written_in_it(document):
    chart = heatmap(document, document["standards"][1])
    cells = chart.find_all("g", cls="cell")
    assert len(cells) == 4 * 5  # four ratings under the baseline, and not rated too under the draft
    counts = {(c.attrs["data-baseline"], c.attrs["data-draft"]): c.find("text").words() for c in cells}
    assert counts[("good", "none")] == "1" and counts[("requires_improvement", "inadequate")] == "1"
    assert counts[("good", "good")] == "2" and counts[("inadequate", "good")] == "0"
    assert all(c.attrs["data-count"] == c.find("text").words() for c in cells)
    assert "Good under the baseline, Not rated under the draft: 1 inspection" in chart.find(
        "g", data_baseline="good", data_draft="none").find("title").words()


def test_the_heatmap_is_labelled_on_both_axes_and_titled(document):
    chart = heatmap(document, document["standards"][1])
    assert chart.attrs["role"] == "img" and "Transitions of 2.2 Planning" in chart.attrs["aria-label"]
    assert chart.children[0].tag == "title" and "2.2 Planning" in chart.children[0].text()
    assert [g.words() for g in chart.find_all("g", cls="row-label")] == ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert [g.words() for g in chart.find_all("g", cls="column-label")] == [
        "Outstanding", "Good", "Requires improvement", "Inadequate", "Not rated"]
    assert "Under the baseline" in chart.words() and "Under the draft" in chart.words()
    assert chart.find("g", cls="row-label").find("rect").attrs["fill"] == RATING_COLOURS["outstanding"][0]
    assert "Good to Not rated: 1" in chart.find("desc").text()


def test_the_diagonal_is_outlined_and_the_most_common_cell_darkest(document):
    chart = heatmap(document, document["overall"], "Overall rating")
    diagonal = chart.find_all("g", cls="diagonal")
    ratings = ("outstanding", "good", "requires_improvement", "inadequate")
    assert [(g.attrs["data-baseline"], g.attrs["data-draft"]) for g in diagonal] == [(r, r) for r in ratings]
    assert all(g.find("rect").attrs["stroke-width"] == "3" for g in diagonal)
    assert all("(unchanged)" in g.find("title").text() for g in diagonal)
    fills = {g.attrs["data-count"]: g.find("rect").attrs["fill"] for g in chart.find_all("g", cls="cell")}
    assert fills["0"] == "#ffffff" and fills["3"] < fills["1"] < fills["0"]  # darker is lower in hex, channel by channel
    assert "on-dark" in chart.find("g", data_baseline="good", data_draft="good").find("text").classes()


def test_the_sweep_has_a_line_per_rating_with_a_point_per_value(document):
    chart = sweep_svg(document)
    lines = chart.find_all("g", cls="line")
    assert [g.attrs["data-rating"] for g in lines] == ["outstanding", "good", "requires_improvement", "inadequate"]
    for line in lines:
        assert len(line.find_all("g", cls="point")) == 4
        assert len(line.find("polyline").attrs["points"].split()) == 4
    good = chart.find("g", cls="line", data_rating="good")
    assert [p.find("title").words() for p in good.find_all("g", cls="point")][2] == "Good at 70: 60.0% (3 inspections)"
    assert good.find("polyline").attrs["stroke"] == RATING_COLOURS["good"][0]
    dashes = {g.find("polyline").attrs.get("stroke-dasharray") for g in lines}
    assert len(dashes) == 4  # each line its own dash, not its colour alone


def test_the_sweep_marks_the_baseline_s_and_the_draft_s_values_on_axes_with_ticks(document):
    chart = sweep_svg(document)
    marks = chart.find_all("g", cls="value-mark")
    assert [m.find("text").words() for m in marks] == ["baseline 65", "draft 70"]
    for mark in marks:
        line = mark.find("line")
        assert line.attrs["x1"] == line.attrs["x2"]
    ticks = [g.find("text").words() for g in chart.find_all("g", cls="x-tick")]
    assert ticks == ["60", "65", "70", "75"]
    assert float(marks[0].find("line").attrs["x1"]) == float(chart.find_all("g", cls="x-tick")[1].find("line").attrs["x1"])
    assert [g.find("text").words() for g in chart.find_all("g", cls="y-tick")] == ["0%", "20%", "40%", "60%", "80%", "100%"]
    assert [g.words() for g in chart.find_all("g", cls="legend-item")] == ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert chart.attrs["role"] == "img" and "bands.good" in chart.find("title").text()


def test_one_mark_where_the_versions_share_a_value_and_none_for_a_baseline_without_it(document):
    document["sweep"]["baseline_value"] = "70"
    assert [m.find("text").words() for m in sweep_svg(document).find_all("g", cls="value-mark")] == ["baseline and draft 70"]
    document["sweep"]["baseline_value"] = None
    assert [m.find("text").words() for m in sweep_svg(document).find_all("g", cls="value-mark")] == ["draft 70"]


def test_many_values_keep_every_tick_and_label_at_most_a_dozen(document):
    sweep = document["sweep"]
    sweep["values"] = [str(v) for v in range(50, 90)]
    for entry in [sweep["overall"], *sweep["standards"]]:
        for share in entry["shares"]:
            share["counts"], share["percents"] = [share["counts"][0]] * 40, [share["percents"][0]] * 40
    chart = sweep_svg(document)
    ticks = chart.find_all("g", cls="x-tick")
    assert len(ticks) == 40 and len([t for t in ticks if t.find_all("text")]) <= 12


def test_text_in_the_charts_is_escaped(document):
    document["ratings"][1]["label"] = "<script>alert(1)</script>"
    document["sweep"]["parameter"] = '"><script>alert(2)</script>'
    page = transition_heatmap(transition_grid(document["overall"]), rating_labels(document), "c", "x") + sweep_chart(
        document["sweep"], sweep_parts(document["sweep"], document)[0][2], rating_labels(document), "s", "y")
    assert "<script" not in page and "&lt;script&gt;alert(1)" in page and "&quot;&gt;&lt;script&gt;alert(2)" in page
