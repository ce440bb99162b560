"""The impact document as one self-contained page (plugins/impact_html.py), parsed as written and as
headless Chromium renders it. Without a browser the Chromium tests skip, saying why; in CI (CI=true),
which installs Chromium, a missing or broken browser fails them instead, as in test_html_format.py."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from impact_documents import impact_document

from ratings_engine.plugins.impact_html import render_impact_html

import browser as chromium
from html_page import Node, parse

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "Tom\'s" </style>'


@pytest.fixture
def document() -> dict:
    return impact_document()


@pytest.fixture
def page(document) -> str:
    return render_impact_html(document)


@pytest.fixture
def dom(page) -> Node:
    return parse(page)


def table_rows(table: Node) -> dict[str, list[str]]:
    return {row.find("th").words(): [td.words() for td in row.find_all("td")] for row in table.find("tbody").find_all("tr")}


def test_it_says_what_was_compared_and_how_many(document, dom):
    assert dom.find("h1").words() == "hmip-crc@2021 (draft) against hmip-crc@2019 (published)"
    assert [d.words() for d in dom.find(id="counts").find_all("dt")] == ["Given", "Compared", "Changed", "Not rated"]
    assert [d.find("span").words() for d in dom.find(id="counts").find_all("dd")] == ["6", "5", "3", "1"]
    assert table_rows(dom.find(id="counts").find("table", cls="brief"))["2.1 Assessment"] == ["2", "0", "2"]
    footer = dom.find("footer").words()
    for expected in (document["baseline"]["sha256"], document["draft"]["sha256"], "drafts/hmip-crc-2021.json",
                     "ratings-engine 0.1.0", "rating_methods (ratings-engine 0.1.0)"):
        assert expected in footer


def test_each_part_has_a_heatmap_and_the_same_numbers_in_tables(dom):
    sections = dom.find_all("section", cls="part")
    assert [s.attrs["data-part"] for s in sections] == ["overall", "2.1", "2.2"]
    assert [len(s.find_all("svg", cls="heatmap")) for s in sections] == [1, 1, 1]
    overall = table_rows(sections[0].find("table", cls="transitions"))
    assert overall["Good"] == ["0", "3", "1", "0", "4"] and overall["Total"] == ["1", "3", "1", "0", "5"]
    assert sections[0].find("table", cls="transitions").find("tbody").find_all("strong")[1].words() == "3"  # unchanged, in bold
    shares = table_rows(sections[2].find("table", cls="shares"))
    assert shares["Not rated"] == ["0", "0.0%", "1", "20.0%", "+1", "+20.0"]
    assert sections[2].find("figure").find("figcaption").attrs["id"] == sections[2].find("figure").attrs["aria-labelledby"]


def test_the_inspections_most_affected_first_with_causes(dom):
    found = dom.find(id="inspections")
    assert [a.find("h3").words() for a in found.find_all("article")] == ["Riverside CRC", "Hillside CRC", "Northgate CRC"]
    riverside = table_rows(found.find("article").find("table"))
    assert riverside["Overall"][:3] == ["Good (3/6)", "Requires improvement (1/6)", "down 1 band"]
    assert "2.2.3 is 48%" in riverside["2.2 Planning"][3]
    assert "Note: 2.2 is not rated" in found.find_all("article")[2].words()
    assert "Unchanged under the draft: 2 inspections." in found.words()


def test_what_cannot_be_rated_and_the_decisions_no_longer_allowed(dom):
    not_rated = dom.find(id="not-rated")
    assert not_rated.find("li").attrs["data-under"] == "draft"
    assert "Southbank CRC (inspections/southbank-2020.json): the draft cannot rate it" in not_rated.words()
    assert "2.1.4 has no answers in the inspection" in not_rated.words()
    decisions = table_rows(dom.find(id="discretion").find("table"))
    assert decisions["Riverside CRC (inspections/riverside-2020.json)"][:2] == ["2.1 Assessment", "Requires improvement \u2192 Good"]


def test_the_sweep_is_a_chart_and_a_table_per_part(dom):
    parts = dom.find(id="sweep").find_all("div", cls="sweep-part")
    assert [p.attrs["data-part"] for p in parts] == ["overall", "2.1", "2.2"]
    assert [len(p.find_all("svg", cls="sweep")) for p in parts] == [1, 1, 1]
    overall = table_rows(parts[0].find("table"))
    assert list(overall) == ["60", "65 baseline", "70 draft", "75"]
    assert overall["70 draft"] == ["20.0%", "60.0%", "20.0%", "0.0%"]


def test_without_a_sweep_there_is_no_sweep_section():
    dom = parse(render_impact_html(impact_document(sweep=False)))
    assert not dom.find_all(id="sweep") and not dom.find_all("svg", cls="sweep") and len(dom.find_all("svg")) == 3


def test_every_chart_has_a_title_and_a_label(dom):
    charts = dom.find_all("svg")
    assert len(charts) == 6
    for chart in charts:
        assert chart.attrs["role"] == "img" and chart.attrs["aria-label"]
        assert chart.children[0].tag == "title" and chart.children[0].text()


def test_the_page_is_self_contained(page, dom):
    assert page.startswith("<!DOCTYPE html>")
    assert not dom.find_all("script") and "<script" not in page.lower()
    for needle in ("http://", "https://", "url(", "@import"):
        assert needle not in page
    for node in dom.iter():
        assert not {"src", "href", "srcset", "action", "xlink:href"} & set(node.attrs)
        assert not any(name.startswith("on") for name in node.attrs)
    assert "default-src 'none'" in dom.find("meta", http_equiv="Content-Security-Policy").attrs["content"]


def test_everything_from_the_document_is_escaped(document):
    document["inspections"][0]["provider"] = HOSTILE
    document["inspections"][0]["standards"][0]["causes"] = [HOSTILE]
    document["not_rated"][0]["provider"] = HOSTILE
    document["discretion_not_allowed"][0]["reason"] = HOSTILE
    document["standards"][0]["title"] = HOSTILE
    document["ratings"][0]["label"] = HOSTILE
    page = render_impact_html(document)
    dom = parse(page)
    assert not dom.find_all("script") and not dom.find_all("img")
    assert "<script" not in page and "<img" not in page and page.count("</style>") == 1
    assert not any(name.startswith("on") for node in dom.iter() for name in node.attrs)
    assert dom.find(id="inspections").find("h3").text() == HOSTILE
    assert " ".join(HOSTILE.split()) in dom.find(id="not-rated").words()


def test_the_same_document_gives_the_same_bytes(document):
    assert render_impact_html(document) == render_impact_html(impact_document())


# The page in a browser -----------------------------------------------------------------------------


def _unavailable(reason: str):
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason}; CI installs Chromium (apt-get install {' '.join(chromium.APT_PACKAGES)}), "
                    "so this is a failure", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> str:
    """A headless Chromium that starts: skipped locally (failed in CI) with the reason if there is none."""
    path = chromium.find_browser()
    if path is None:
        _unavailable(f"no headless Chromium found: none of {', '.join(chromium.NAMES)} is on PATH")
    probe = tmp_path_factory.mktemp("probe") / "probe.html"
    probe.write_text("<!DOCTYPE html><html><body><p>probe</p></body></html>", encoding="utf-8")
    try:
        chromium.dump_dom(path, probe.as_uri())
    except chromium.BrowserError as error:
        _unavailable(f"Chromium at {path} failed to start: {error}")
    return path


def console_messages(browser: str, path: Path) -> list[str]:
    """What the page wrote to the browser's console (errors, refused loads, policy violations), with its DOM loaded."""
    # Chromium logs each console message to standard error as INFO:CONSOLE when logging is on.
    run = chromium._run(browser, path.as_uri(), ["--dump-dom", "--enable-logging=stderr", "--v=0"], chromium.TIMEOUT)
    assert run.returncode == 0 and "<html" in run.stdout, chromium.tail(run.stderr)
    return [line for line in run.stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture
def page_file(tmp_path, page) -> Path:
    path = tmp_path / "impact.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_the_browser_renders_the_charts_without_a_console_message(browser, page_file):
    dom = parse(chromium.dump_dom(browser, page_file.as_uri()))
    assert len(dom.find_all("svg", cls="heatmap")) == 3 and len(dom.find_all("svg", cls="sweep")) == 3
    assert [len(chart.find_all("g", cls="cell")) for chart in dom.find_all("svg", cls="heatmap")] == [16, 16, 20]
    assert [len(chart.find_all("g", cls="line")) for chart in dom.find_all("svg", cls="sweep")] == [4, 4, 5]
    assert console_messages(browser, page_file) == []


def test_the_console_check_sees_what_the_page_would_be_refused(browser, page_file):
    """The check is not vacuous: a page that tries to load an image and run a script is reported."""
    page_file.write_text(page_file.read_text("utf-8").replace("<main>", '<main><img src="https://example.invalid/x.png">'
                                                              "<script>console.error('x')</script>", 1), encoding="utf-8")
    messages = console_messages(browser, page_file)
    assert any("Content Security Policy" in message for message in messages), messages


def test_the_browser_takes_a_screenshot_of_the_page(browser, page_file, tmp_path):
    png = tmp_path / "impact.png"
    chromium.screenshot(browser, page_file.as_uri(), png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1280, 4000)
    assert len(data) > 20_000, f"{len(data)} bytes: a blank page, not the briefing"
