"""The 'html' output format: the South Yorkshire 2020 result (with 2019 as the previous inspection) as one page.

The page is checked twice: parsed as written (html.parser), and as headless Chromium renders it
(its DOM, and a screenshot). Without a browser the Chromium tests skip, saying why; in CI (CI=true),
which installs Chromium, a missing or broken browser fails them instead.
"""

from __future__ import annotations

import copy
import json
import os
import re
import struct
from pathlib import Path

import pytest

from ratings_engine.cli import cli
from ratings_engine.plugin_host.registry import load_registry
from ratings_engine.plugins import html_format
from ratings_engine.plugins.html_charts import RATING_COLOURS
from ratings_engine.plugins.html_format import render, render_html

import browser as chromium
from html_page import SOUTH_YORKSHIRE_2019, Node, crc_2019_band_table, evaluate_json, parse, south_yorkshire_document
from support import EXAMPLES, SOUTH_YORKSHIRE_2020

PLUGIN = "ratings_engine.plugins.html_format"

#: The report's "Ratings" page, in its order.
PUBLISHED_RATINGS = [
    ("1.1", "Leadership", "Outstanding"), ("1.2", "Staff", "Outstanding"), ("1.3", "Services", "Good"),
    ("1.4", "Information and facilities", "Good"), ("2.1", "Assessment", "Good"),
    ("2.2", "Planning", "Requires improvement"), ("2.3", "Implementation and delivery", "Requires improvement"),
    ("2.4", "Reviewing", "Requires improvement"), ("4.1", "Unpaid work", "Good"), ("4.2", "Through the Gate", "Outstanding"),
]
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


def tiles(dom: Node) -> list[tuple[str, str, str]]:
    found = []
    for tile in dom.find(id="ratings").find_all("li", cls="tile"):
        title = tile.find("span", cls="std").words()
        found.append((tile.attrs["data-standard"], title.split(" ", 1)[1], tile.find("span", cls="rating-word").words()))
    return found


# The page as written -------------------------------------------------------------------------------


def test_the_format_is_registered_as_a_built_in_html_format():
    (fmt,) = html_format.ratings_output_formats()
    assert (fmt.name, fmt.extensions, fmt.render) == ("html", (".html", ".htm"), render)


def test_the_ratings_page_has_the_ten_published_ratings_the_score_and_the_overall_rating(dom):
    assert tiles(dom) == PUBLISHED_RATINGS
    summary = dom.find(id="ratings")
    assert "South Yorkshire CRC" in summary.find("span", cls="provider-name").words()
    assert "Score 20/30" in summary.find(id="score").words()
    overall = summary.find(id="overall")
    assert overall.words().startswith("Overall rating Good")
    assert overall.find("span", cls="rating").attrs["data-rating"] == "good"
    assert [h.words() for h in summary.find_all("h3")] == ["1. Organisational delivery", "2. Case supervision",
                                                         "3. CRC-specific work"]


def test_each_rating_has_its_own_colour_and_always_its_word(page, dom):
    style = dom.find("style").text()
    backgrounds = {rid: re.search(rf"\.rating-{rid} \{{ background: (#[0-9a-f]{{6}});", style).group(1)
                   for rid in RATING_COLOURS}
    assert len(set(backgrounds.values())) == 4
    assert re.search(r"\.rating-none \{ background: #[0-9a-f]{6}", style)
    for tile in dom.find(id="ratings").find_all("li", cls="tile"):
        rating = tile.attrs["data-rating"]
        assert f"rating-{rating}" in tile.classes()
        assert tile.find("span", cls="rating-word").words()  # the word, never the colour alone


def test_tiles_note_discretion_and_the_previous_rating(dom):
    tile = dom.find("li", data_standard="2.1")
    assert "Professional discretion: Requires improvement \u2192 Good" in tile.words()
    assert "Previous inspection: Requires improvement" in tile.words()
    assert "Professional discretion" not in dom.find("li", data_standard="2.2").words()


def test_a_moderation_change_and_an_override_are_noted(document, band_table):
    changed = copy.deepcopy(document)
    unpaid = next(s for s in changed["standards"] if s["id"] == "4.1")
    unpaid["moderation"].update(changed=True, rating="outstanding", proposed=1)
    unpaid.update(rating="outstanding", rating_label="Outstanding", score=3)
    assessment = next(s for s in changed["standards"] if s["id"] == "2.1")
    assessment["discretion"]["exercised"]["override"] = True
    dom = parse(render_html(changed, boundaries=band_table))
    assert "Moderated: Good \u2192 Outstanding" in dom.find("li", data_standard="4.1").words()
    assert "Professional discretion (by override)" in dom.find("li", data_standard="2.1").words()
    assert "Applied by override" in dom.find("article", data_standard="2.1").words()


def test_a_standard_not_rated_is_a_grey_tile_saying_so(document, band_table):
    changed = copy.deepcopy(document)
    unpaid = next(s for s in changed["standards"] if s["id"] == "4.1")
    unpaid.update(rating=None, rating_label="Not rated", score=None, indicative_rating=None,
                  indicative_rating_label="Not rated", indicative_reason="too few cases: 7, fewer than 10")
    changed["overall"].update(rating=None, rating_label="Not rated", band=None)
    dom = parse(render_html(changed, boundaries=band_table))
    tile = dom.find("li", data_standard="4.1")
    assert "rating-none" in tile.classes() and tile.find("span", cls="rating-word").words() == "Not rated"
    assert "too few cases: 7, fewer than 10" in dom.find("article", data_standard="4.1").words()
    assert dom.find(id="overall").words().startswith("Overall rating Not rated")


def test_without_a_previous_inspection_there_are_no_markers_and_no_previous_column(runner, band_table):
    dom = parse(render_html(evaluate_json(runner, str(SOUTH_YORKSHIRE_2020)), boundaries=band_table))
    assert not dom.find_all("g", cls="previous")
    assert "Previous inspection" not in dom.find(id="inspection-data").words()
    assert len(dom.find_all("svg")) == 6


def test_prompt_tables_follow_annexe_4(dom):
    tables = dom.find(id="inspection-data").find_all("table", cls="prompts")
    assert [t.attrs["data-standard"] for t in tables] == CASE_SAMPLE_STANDARDS
    assessment = tables[0]
    assert [t.attrs["data-kq"] for t in assessment.find_all("tbody")] == ["2.1.1", "2.1.2", "2.1.3"]
    group = assessment.find("tbody", data_kq="2.1.1")
    assert "Does assessment focus sufficiently on engaging the service user?" in group.find("th").words()
    rows = {row.find("th").words()[:8]: [td.words() for td in row.find_all("td")] for row in group.find_all("tr")[1:]}
    assert rows == {"2.1.1.a ": ["54%", "71%"], "2.1.1.b ": ["No comparable data available", "43%"],
                    "2.1.1.c ": ["71%", "67%"]}
    contingency = tables[1].find("tbody", data_kq="2.2.3").find_all("tr")[-1]
    assert "contingency arrangements" in contingency.words()
    assert [td.words() for td in contingency.find_all("td")] == ["44%", "49%"]


def test_tables_and_charts_scroll_in_named_boxes_the_keyboard_can_reach(dom):
    """Wider than a phone, a table or chart scrolls inside its own box, never the page: the box takes the focus
    (tabindex 0) and is a named region, as axe-core asks of a box that scrolls."""
    boxes = dom.find_all("div", cls="scroll")
    held = [child.tag for box in boxes for child in box.children if isinstance(child, Node)]
    assert held.count("svg") == 6 and held.count("table") == len(dom.find_all("table")) == 6 + 6
    for box in boxes:
        assert (box.attrs["tabindex"], box.attrs["role"]) == ("0", "region") and box.attrs["aria-label"]
    assert [box.attrs["aria-label"] for box in dom.find_all("div", cls="chart-box")][0] == "Chart of the key questions of 2.1"


def test_each_domain_s_tiles_are_named_by_its_heading(dom):
    for tiles_list in dom.find(id="ratings").find_all("ul", cls="tiles"):
        assert "aria-label" not in tiles_list.attrs
        heading = dom.find("h3", id=tiles_list.attrs["aria-labelledby"])
        assert heading.words() in {"1. Organisational delivery", "2. Case supervision", "3. CRC-specific work"}


def test_the_page_prints_on_a4_with_the_provenance_last(page, dom):
    assert "@page { size: A4;" in page
    main = [node for node in dom.find("main").children if isinstance(node, Node)]
    assert main[-1].tag == "footer" and main[-1].attrs["id"] == "provenance"


def test_the_footer_gives_the_provenance(document, dom):
    footer = dom.find("footer").words()
    for expected in ("hmip-crc@2019", "status published", document["framework"]["sha256"],
                     f"ratings-engine {document['engine']['version']}", "moderation (ratings-engine", "rating_methods (ratings-engine",
                     document["input"]["sha256"],
                     "hmip-crc@2018", document["previous"]["input_sha256"]):
        assert expected in footer


def test_the_page_is_self_contained(page, dom):
    assert page.startswith("<!DOCTYPE html>")
    assert not dom.find_all("script") and "<script" not in page.lower()
    for needle in ("http://", "https://", "//", "url(", "@import"):
        assert needle not in page
    for node in dom.iter():
        assert not {"src", "href", "srcset", "action", "xlink:href"} & set(node.attrs)
        assert not any(name.startswith("on") for name in node.attrs)
    assert "default-src 'none'" in dom.find("meta", http_equiv="Content-Security-Policy").attrs["content"]


def test_everything_from_the_document_is_escaped(document, band_table):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "Tom\'s" </style>'
    changed = copy.deepcopy(document)
    changed["provider"] = "South Yorkshire " + hostile
    changed["standards"][4]["title"] = hostile
    changed["standards"][4]["key_questions"][0]["text"] = hostile
    changed["prompts"][0]["text"] = hostile
    changed["warnings"] = [{"code": "x<y", "message": hostile}]
    page = render_html(changed, boundaries=band_table)
    dom = parse(page)
    assert not dom.find_all("script") and not dom.find_all("img")
    assert "<script" not in page and "<img" not in page and page.count("</style>") == 1
    assert not any(name.startswith("on") for node in dom.iter() for name in node.attrs)
    assert dom.find("h1").text() == "South Yorkshire " + hostile
    assert dom.find(id="warnings").find("li").words().startswith(" ".join(hostile.split()))
    assert hostile in dom.find_all("svg")[0].find("title").text()


def test_a_framework_that_is_not_published_gets_a_prominent_notice_and_its_warnings(runner):
    document = evaluate_json(runner, str(EXAMPLES / "synthetic-youth-2019.json"))
    dom = parse(render(document))
    notice = dom.find(id="framework-status")
    assert notice.attrs["role"] == "alert"
    assert "provisional, not published" in notice.words()
    body = [node.attrs.get("id") for node in dom.find("main").children if isinstance(node, Node)]
    assert body.index("framework-status") < body.index("ratings")
    warnings = [li.words() for li in dom.find(id="warnings").find_all("li")]
    assert len(warnings) == len(document["warnings"]) == 3
    assert any("is provisional, not published" in w for w in warnings)


def test_a_published_framework_has_no_notice(dom):
    assert not dom.find_all(id="framework-status") and not dom.find_all(id="warnings")


def test_the_same_document_gives_the_same_bytes(document, band_table):
    assert render_html(document, boundaries=band_table) == render_html(copy.deepcopy(document), boundaries=band_table)
    assert render(document) == render(json.loads(json.dumps(document)))


def test_the_command_line_writes_the_page(runner, tmp_path, document):
    """--format html, or an .html/.htm output file; loaded with --plugin until the entry point is installed."""
    plugin = [] if "html" in load_registry().output_formats else ["--plugin", PLUGIN]
    out = tmp_path / "south-yorkshire.htm"
    args = [*plugin, "evaluate", str(SOUTH_YORKSHIRE_2020), "--previous", str(SOUTH_YORKSHIRE_2019), "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == render(document)
    result = runner.invoke(cli, [*plugin, "evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "html"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")


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


@pytest.fixture
def page_file(tmp_path, page) -> Path:
    path = tmp_path / "south-yorkshire-crc-2020.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_the_browser_renders_the_ten_ratings_and_six_charts(browser, page_file):
    dom = parse(chromium.dump_dom(browser, page_file.as_uri()))
    assert tiles(dom) == PUBLISHED_RATINGS
    assert "Score 20/30" in dom.find(id="score").words()
    charts = dom.find_all("svg")
    assert len(charts) == 6
    assert [len(chart.find_all("rect", cls="bar")) for chart in charts] == [3, 3, 3, 3, 3, 3]
    assert all(len(chart.find_all("g", cls="threshold")) == 3 for chart in charts)


def test_the_browser_takes_a_screenshot_of_the_page(browser, page_file, tmp_path):
    png = tmp_path / "south-yorkshire-crc-2020.png"
    chromium.screenshot(browser, page_file.as_uri(), png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 4000)
    assert len(data) > 20_000, f"{len(data)} bytes: a blank page, not the report"
