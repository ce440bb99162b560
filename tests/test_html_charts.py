"""The charts of the 'html' format (plugins/html_charts.py): a bar per key question, the band thresholds, the previous inspection.

Read from the South Yorkshire 2020 page (with 2019 as the previous inspection), parsed as written.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from ratings_engine.plugins.html_charts import document_boundaries
from ratings_engine.plugins.html_format import render, render_html

from html_page import Node, crc_2019_band_table, parse, south_yorkshire_document
from support import CRC_2019

#: The standards rated on a case sample, each with a chart, in the page's order.
CASE_SAMPLE_STANDARDS = ["2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]


# Fixtures ------------------------------------------------------------------------------------------


@pytest.fixture
def document(runner) -> dict:
    """The result document of South Yorkshire 2020, with the 2019 inspection as 'previous'."""
    return south_yorkshire_document(runner)


@pytest.fixture
def band_table() -> list[str]:
    """The band boundaries of hmip-crc@2019 (see crc_2019_band_table)."""
    return crc_2019_band_table()


@pytest.fixture
def page(document, band_table) -> str:
    return render_html(document, boundaries=band_table)


@pytest.fixture
def dom(page) -> Node:
    return parse(page)


def test_one_chart_per_case_sample_standard_with_a_bar_per_key_question(document, dom):
    charts = dom.find_all("svg")
    assert len(charts) == len(CASE_SAMPLE_STANDARDS) == 6
    standards = {s["id"]: s for s in document["standards"]}
    for sid, chart in zip(CASE_SAMPLE_STANDARDS, charts, strict=True):
        standard = standards[sid]
        assert chart.attrs["role"] == "img" and sid in chart.attrs["aria-label"]
        assert chart.children[0].tag == "title" and sid in chart.children[0].text()
        groups = chart.find_all("g", cls="kq")
        assert [g.attrs["data-kq"] for g in groups] == [kq["id"] for kq in standard["key_questions"]]
        for group, kq in zip(groups, standard["key_questions"], strict=True):
            (bar,) = group.find_all("rect", cls="bar")
            assert Fraction(bar.attrs["width"]) == Fraction(600 * kq["percent"], 100)  # the displayed percent
            label = f"{kq['percent']}% ({kq['yes']} of {kq['of']})" if kq["of"] is not None else \
                f"{kq['percent']}% (published percentage)"
            assert group.find("text", cls="value").words() == label
            assert ("driving" in group.classes()) == (kq["id"] == standard["driving_key_question"])
        driving = chart.find("g", cls="driving")
        assert driving.attrs["data-kq"] == standard["driving_key_question"]
        assert driving.find("rect", cls="bar").attrs["stroke-width"] == "3"
        assert "drives rating" in driving.words()


def test_the_bar_labels_read_as_in_the_report(dom):
    chart = dom.find_all("svg")[0]
    assert chart.find("g", data_kq="2.1.1").find("text", cls="value").words() == "63% (63 of 100)"
    assert dom.find_all("svg")[5].find("g", data_kq="4.2.3").find("text", cls="value").words() == "86% (published percentage)"


def test_each_chart_draws_the_band_thresholds_as_labelled_vertical_lines(dom):
    for chart in dom.find_all("svg"):
        thresholds = chart.find_all("g", cls="threshold")
        assert [t.attrs["data-percent"] for t in thresholds] == ["50%", "65%", "80%"]
        for threshold in thresholds:
            line = threshold.find_all("line")[-1]
            assert line.attrs["x1"] == line.attrs["x2"]  # vertical
            assert threshold.find("text").words() == threshold.attrs["data-percent"]
        assert float(thresholds[1].find("line").attrs["x1"]) == 112 + 600 * 65 / 100


def test_the_previous_percentage_is_a_marker_where_the_previous_inspection_has_one(dom):
    chart = dom.find_all("svg")[0]
    marker = chart.find("g", cls="previous", data_kq="2.1.1")
    line = marker.find_all("line")[-1]
    assert line.attrs["x1"] == line.attrs["x2"] and float(line.attrs["x1"]) == 112 + 600 * 61 / 100
    assert marker.find("title").words() == "2.1.1: previous inspection 61%"
    assert "previously 61%" in chart.find("g", cls="kq", data_kq="2.1.1").words()
    assert [m.attrs["data-kq"] for m in dom.find_all("svg")[5].find_all("g", cls="previous")] == ["4.2.1", "4.2.2"]
    assert "previous inspection 61%" in chart.find("desc").text()


def test_the_band_table_in_the_result_draws_every_threshold(document):
    """The result carries the framework's bands, so every chart draws the 50%, 65% and 80% boundaries."""
    assert document_boundaries(document) == ((Fraction(50), Fraction(65), Fraction(80)), True)
    dom = parse(render(document))
    for chart in dom.find_all("svg"):
        assert [t.attrs["data-percent"] for t in chart.find_all("g", cls="threshold")] == ["50%", "65%", "80%"]


def test_without_a_band_table_only_the_thresholds_named_are_drawn_and_the_page_says_so(document):
    """A result without a band table names only 65% (2.1's discretion), and the page says the table is missing."""
    document = {key: value for key, value in document.items() if key != "banding"}
    assert document_boundaries(document) == ((Fraction(65),), False)
    dom = parse(render(document))
    for chart in dom.find_all("svg"):
        assert [t.attrs["data-percent"] for t in chart.find_all("g", cls="threshold")] == ["65%"]
    assert "does not carry the framework's full band table" in dom.find("figcaption").words()


def test_a_band_table_in_the_document_would_give_every_threshold(document):
    """Should the result document carry the framework's banding (as proposed), it is used in full."""
    extended = {**document, "banding": json.loads(CRC_2019.read_text(encoding="utf-8"))["banding"]}
    assert document_boundaries(extended) == ((Fraction(50), Fraction(65), Fraction(80)), True)
