"""The result page (the 'html' format) and the framework document's page in a real headless Chromium,
driven by Selenium: at a phone's, a tablet's and a desktop's width (390, 768 and 1280 pixels) neither
scrolls sideways and no text is drawn under 11 pixels; axe-core finds no serious or critical
accessibility problem; and the result page prints on A4 with its charts whole and its provenance last.

Chromium, Debian's chromedriver and axe-core are found and started as webdriver.py says: without them
these tests skip, saying why; in CI (CI=true), which installs all three, a missing one fails them instead.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from ratings_engine.cli import cli
from ratings_engine.plugins.html_format import render_html

from html_page import crc_2019_band_table, south_yorkshire_document
from webdriver import WIDTHS, fits_every_width, no_serious_axe_violations, set_viewport

#: A4 in PDF points (210 x 297 mm), as Chromium writes it, to the hundredth of a point.
A4_POINTS = (594.96, 841.92)
#: The width of A4 less the print style sheet's side margins (12 mm each), in CSS pixels (96 to the inch).
A4_TEXT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)




@pytest.fixture
def report(runner, tmp_path) -> Path:
    """South Yorkshire 2020 with 2019 as the previous inspection, every band threshold drawn: the widest charts and tables."""
    path = tmp_path / "south-yorkshire-crc-2020.html"
    path.write_text(render_html(south_yorkshire_document(runner), boundaries=crc_2019_band_table()), encoding="utf-8")
    return path


@pytest.fixture
def framework_page(runner, tmp_path) -> Path:
    result = runner.invoke(cli, ["frameworks", "show", "hmip-crc@2019", "--format", "html"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "hmip-crc-2019.html"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_the_report_fits_every_width_and_passes_axe(driver, axe_source, report):
    driver.get(report.as_uri())
    assert len(driver.find_elements(By.CSS_SELECTOR, ".chart-box > svg.chart")) == 6
    fits_every_width(driver, "the report")
    no_serious_axe_violations(driver, axe_source, "the report")


def test_on_a_phone_the_report_scrolls_its_charts_and_tables_in_their_own_boxes(driver, report):
    """The charts keep their drawn size and scroll sideways inside their boxes, which the keyboard can reach."""
    driver.get(report.as_uri())
    try:
        set_viewport(driver, WIDTHS[0], 900)
        boxes = driver.execute_script("return [...document.querySelectorAll('.scroll')].map(e => "
                                      "[e.className, e.scrollWidth > e.clientWidth, e.tabIndex, e.getAttribute('aria-label')])")
        charts = [box for box in boxes if "chart-box" in box[0]]
        assert len(charts) == 6 and all(scrolls for _, scrolls, _, _ in charts), charts
        assert all(tabindex == 0 and name for _, _, tabindex, name in boxes), boxes
        width = driver.execute_script("return document.querySelector('svg.chart').getBoundingClientRect().width")
        assert width == pytest.approx(960, abs=1)
    finally:
        set_viewport(driver, 1280, 900)


def test_the_framework_document_fits_every_width_and_passes_axe(driver, axe_source, framework_page):
    driver.get(framework_page.as_uri())
    assert driver.find_elements(By.CSS_SELECTOR, ".source")
    fits_every_width(driver, "the framework document")
    no_serious_axe_violations(driver, axe_source, "the framework document")


def test_the_report_prints_on_a4_with_whole_charts_and_the_provenance_last(driver, report):
    driver.get(report.as_uri())
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script("return matchMedia('print').matches")
        # The provenance is the last section of the page, and shown.
        last = driver.execute_script("const e = document.querySelector('main').lastElementChild;"
                                     "return [e.id, getComputedStyle(e).display];")
        assert last[0] == "provenance" and last[1] != "none"
        # No chart or figure is cut across two sheets.
        breaks = driver.execute_script("return [...document.querySelectorAll('figure, .chart-box')]"
                                       ".map(e => getComputedStyle(e).breakInside)")
        assert len(breaks) == 12 and set(breaks) == {"avoid"}
        # At the width of A4's text, every chart and table is within the page: on paper nothing scrolls.
        set_viewport(driver, A4_TEXT_WIDTH, 900)
        past = driver.execute_script("return [...document.querySelectorAll('svg.chart, table')]"
                                     ".filter(e => e.getBoundingClientRect().right > window.innerWidth).length")
        assert past == 0
        # The page asks for A4, and Chromium prints on it.
        pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
        sizes = {tuple(round(float(n), 2) for n in box.split()[2:]) for box in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)}
        assert sizes == {A4_POINTS}
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        set_viewport(driver, 1280, 900)
