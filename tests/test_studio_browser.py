"""The framework studio in a real headless Chromium, driven by Selenium: an officer's task end to end,
no script errors on any page, axe-core's accessibility rules, and every page at a phone's width.

The studio runs in this process on a free port of 127.0.0.1. Chromium, Debian's chromedriver and
axe-core are found and started as webdriver.py says: without them these tests skip, saying why; in
CI (CI=true), which installs all three, a missing one fails them instead.
"""

from __future__ import annotations

import json
import os
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from ratings_engine.cli import cli
from ratings_engine.plugin_host.registry import load_registry
from ratings_engine.studio.app import create_app
from ratings_engine.studio.guard import Guard
from ratings_engine.studio.pointers import field_id
from ratings_engine.studio.workspace import Workspace

from support import EXAMPLES, ROOT
from webdriver import fits_a_phone, no_serious_axe_violations

WAIT = 30  # seconds: the most a page or the as-you-type check may take on a slow, busy machine

#: The fields of hmip-crc@2019's bands the officer moves: where 'Requires improvement' ends and 'Good' starts.
RI_BELOW = field_id("/banding/bands/1/below")
GOOD_FROM = field_id("/banding/bands/2/at_least")


@dataclass
class Studio:
    url: str
    frameworks: Path


@pytest.fixture
def studio(tmp_path) -> Iterator[Studio]:
    """The studio over an empty frameworks folder and the example corpus, served until the test ends."""
    from werkzeug.serving import make_server

    # The guard needs the port, known once the server is bound: the server calls the app made just after.
    server = make_server("127.0.0.1", 0, lambda environ, start: app(environ, start), threaded=True)
    frameworks = tmp_path / "frameworks"
    app = create_app(Workspace(load_registry(), frameworks, corpus=EXAMPLES / "corpus"), Guard("127.0.0.1", server.server_port))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Studio(f"http://127.0.0.1:{server.server_port}", frameworks)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()




# What every page must pass -------------------------------------------------------------------------


def no_console_errors(driver, page: str, status: int | None = None) -> None:
    """No SEVERE message in the console since the last look: no script error, no failed load.

    A page the studio answers with an error STATUS on purpose (409: the file changed on disk) is logged
    as a failed load of the page itself; that one line is expected, and only that one.
    """
    expected = f"{driver.current_url} - Failed to load resource: the server responded with a status of {status} "
    severe = [entry["message"] for entry in driver.get_log("browser")
              if entry["level"] == "SEVERE" and not (status and entry["message"].startswith(expected))]
    assert not severe, f"{page}: console errors {severe}"


# Driving the studio --------------------------------------------------------------------------------


def press(driver, words: str) -> None:
    """Press the button that reads WORDS and wait for the page it leads to."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.XPATH, f"//button[normalize-space()='{words}' and not(@aria-hidden)]").click()
    WebDriverWait(driver, WAIT).until(lambda d: _gone(old) and d.execute_script("return document.readyState") == "complete")


def _gone(element) -> bool:
    try:
        element.tag_name  # noqa: B018 - asking for it raises once the page has been replaced
    except WebDriverException:
        return True
    return False


def type_into(driver, field: str, text: str) -> None:
    box = driver.find_element(By.ID, field)
    box.clear()
    box.send_keys(text)


def errors_at(driver, field: str) -> list[str]:
    return [p.text for p in driver.find_elements(By.CSS_SELECTOR, f"#{field}-errors p.error")]


def label_of(driver, field: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f"label[for='{field}']").text


def start_draft(driver, studio: Studio, target: str) -> None:
    """From the versions, open hmip-crc@2019 and start the draft TARGET from it; then open its bands section."""
    driver.get(studio.url + "/")
    no_console_errors(driver, "the versions")
    driver.find_element(By.LINK_TEXT, "hmip-crc@2019").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "hmip-crc@2019"
    no_console_errors(driver, "hmip-crc@2019")
    type_into(driver, "target", target)
    press(driver, "Start the draft")
    assert driver.find_element(By.TAG_NAME, "h1").text == f"Editing draft {target}"
    assert f"Draft {target} started" in driver.find_element(By.CSS_SELECTOR, ".notice").text
    press(driver, "Ratings and bands")
    assert label_of(driver, RI_BELOW) == "Below (%)" and label_of(driver, GOOD_FROM) == "From (%)"
    ratings = [driver.find_element(By.ID, field_id(f"/banding/bands/{i}/rating")).get_attribute("value") for i in (1, 2)]
    assert ratings == ["requires_improvement", "good"]
    no_console_errors(driver, "the bands section")


def test_an_officer_moves_the_edge_of_good_to_70_and_saves_what_the_cli_would_write(driver, studio, tmp_path):
    start_draft(driver, studio, "hmip-crc@2099")
    assert driver.find_element(By.ID, RI_BELOW).get_attribute("value") == "65"

    # Ending 'Requires improvement' at 70 overlaps 'Good', which still starts at 65: said as it is typed,
    # in the same page ...
    page = driver.find_element(By.TAG_NAME, "html")
    type_into(driver, RI_BELOW, "70")
    WebDriverWait(driver, WAIT).until(lambda d: errors_at(d, GOOD_FROM))
    assert not _gone(page)
    assert any("overlap" in words for words in errors_at(driver, GOOD_FROM)), errors_at(driver, GOOD_FROM)
    assert driver.find_element(By.ID, GOOD_FROM).get_attribute("aria-invalid") == "true"
    # ... and by the server when Check is pressed.
    press(driver, "Check")
    assert any("overlap" in words for words in errors_at(driver, GOOD_FROM)), errors_at(driver, GOOD_FROM)
    assert driver.find_element(By.ID, RI_BELOW).get_attribute("value") == "70"
    assert "problem" in driver.find_element(By.ID, "problem-summary").text
    no_console_errors(driver, "the editor with a problem")

    # Starting 'Good' at 70 too: the error goes as it is typed, and the server agrees.
    type_into(driver, GOOD_FROM, "70")
    WebDriverWait(driver, WAIT).until(lambda d: not errors_at(d, GOOD_FROM))
    press(driver, "Check")
    assert not driver.find_elements(By.CSS_SELECTOR, "p.error")
    assert driver.find_element(By.ID, "problem-summary").text.startswith("No problems")

    # The comparison words the change and shows its impact, with a slider over the threshold.
    press(driver, "Compare and see the impact")
    briefing = driver.find_element(By.CSS_SELECTOR, "pre.briefing").text
    assert "below 70% (was at least 50% and below 65%)" in briefing and "at least 70% and below 80%" in briefing, briefing
    frame = driver.find_element(By.CSS_SELECTOR, "iframe.report")
    slider = driver.find_element(By.ID, "threshold")
    no_console_errors(driver, "the comparison")
    chosen = driver.find_element(By.CSS_SELECTOR, "table.sweep thead th.chosen")
    assert chosen.text.startswith("70%") and driver.find_element(By.ID, "threshold-value").text == "70"
    slider.send_keys(Keys.ARROW_RIGHT)
    slider.send_keys(Keys.ARROW_RIGHT)
    chosen = driver.find_elements(By.CSS_SELECTOR, "table.sweep thead th.chosen")
    assert [th.text for th in chosen] == ["72%"] and driver.find_element(By.ID, "threshold-value").text == "72"
    rows = driver.find_elements(By.CSS_SELECTOR, "table.sweep tbody tr")
    assert rows and all(len(row.find_elements(By.CSS_SELECTOR, "td.chosen")) == 1 for row in rows)
    driver.switch_to.frame(frame)
    try:
        assert "hmip-crc@2019" in driver.find_element(By.TAG_NAME, "body").text
    finally:
        driver.switch_to.default_content()

    # Back in the editor, at the same section, with the change kept; then saved.
    press(driver, "Back to editing")
    assert driver.find_element(By.ID, GOOD_FROM).get_attribute("value") == "70"
    press(driver, "Save draft")
    assert driver.find_element(By.CSS_SELECTOR, ".notice").text.startswith("Saved")
    no_console_errors(driver, "the editor after saving")

    # The saved file passes `ratings validate`, and is the file the command line makes for the same change.
    from click.testing import CliRunner

    runner = CliRunner()
    saved = studio.frameworks / "hmip-crc" / "2099.json"
    result = runner.invoke(cli, ["validate", str(saved)])
    assert result.exit_code == 0, result.output
    other = tmp_path / "by-hand"
    result = runner.invoke(cli, ["frameworks", "new", "hmip-crc@2099", "--from", "hmip-crc@2019", "--into", str(other)])
    assert result.exit_code == 0, result.output
    by_hand = other / "hmip-crc" / "2099.json"
    document = json.loads(by_hand.read_text(encoding="utf-8"))
    bands = document["banding"]["bands"]
    assert (bands[1]["below"], bands[2]["at_least"]) == (65, 65)
    bands[1]["below"] = bands[2]["at_least"] = 70
    by_hand.write_text(json.dumps(document), encoding="utf-8")
    assert json.loads(saved.read_text(encoding="utf-8")) == document
    result = runner.invoke(cli, ["diff", str(by_hand), str(saved)])
    assert result.exit_code == 0 and "No changes" in result.output, result.output


def open_with_a_problem(driver, studio: Studio) -> None:
    """A new draft's bands section, after Check, with 'Requires improvement' ending at 70 where 'Good' starts at 65."""
    start_draft(driver, studio, "hmip-crc@2099")
    type_into(driver, RI_BELOW, "70")
    press(driver, "Check")
    assert any("overlap" in words for words in errors_at(driver, GOOD_FROM)), errors_at(driver, GOOD_FROM)


def test_every_page_passes_axe_and_fits_a_phone(driver, studio, axe_source):
    def passes(page: str, status: int | None = None) -> None:
        no_console_errors(driver, page, status)
        no_serious_axe_violations(driver, axe_source, page)
        fits_a_phone(driver, page)

    # A file that cannot be read is listed on the home page with its path, a long word on a phone.
    (studio.frameworks / "broken").mkdir(parents=True)
    (studio.frameworks / "broken" / "1.json").write_text("{", encoding="utf-8")
    driver.get(studio.url + "/")
    assert "broken" in driver.find_element(By.CSS_SELECTOR, ".summary").text
    passes("the versions")
    driver.get(studio.url + "/search?q=risk")
    assert driver.find_elements(By.CSS_SELECTOR, "ul.found li")
    passes("the search")
    driver.get(studio.url + "/versions/hmip-crc@2019")
    passes("hmip-crc@2019")

    open_with_a_problem(driver, studio)
    passes("the editor with a problem")
    type_into(driver, GOOD_FROM, "70")
    press(driver, "Compare and see the impact")
    assert driver.find_elements(By.CSS_SELECTOR, "iframe.report") and driver.find_elements(By.ID, "threshold")
    passes("the comparison")
    press(driver, "Back to editing")
    press(driver, "Publish…")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Publish hmip-crc@2099"
    passes("the publish form")
    press(driver, "Back to editing")

    # Someone else saves the draft meanwhile: saving this page shows what differs, and writes nothing.
    saved = studio.frameworks / "hmip-crc" / "2099.json"
    document = json.loads(saved.read_text(encoding="utf-8"))
    document["title"] = "Changed in a text editor"
    saved.write_text(json.dumps(document), encoding="utf-8")
    press(driver, "Save draft")
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Not saved")
    assert json.loads(saved.read_text(encoding="utf-8"))["title"] == "Changed in a text editor"
    passes("the stale save", 409)

    driver.get(studio.url + "/evaluate?version=hmip-crc@2019")
    passes("the evaluate form")
    Select(driver.find_element(By.ID, "inspection")).select_by_visible_text("crc-01-northshire.json")
    press(driver, "Evaluate")
    assert driver.find_elements(By.CSS_SELECTOR, "iframe.report")
    passes("an evaluated inspection")


def test_the_readme_screenshot_shows_the_editor_with_a_field_error(driver, studio, tmp_path):
    """The picture of the studio in the README: the bands section, with the overlap said at Good's 'From (%)'.

    Written into docs/images only when RATINGS_WRITE_SCREENSHOT=1, so the suite never changes the repository.
    """
    open_with_a_problem(driver, studio)
    # From where 'Requires improvement' now ends at 70 down to where Good still starts at 65, with its error.
    driver.execute_script("arguments[0].closest('.field').scrollIntoView({block: 'start'}); window.scrollBy(0, -16);",
                          driver.find_element(By.ID, RI_BELOW))
    png = ROOT / "docs" / "images" / "studio.png" if os.environ.get("RATINGS_WRITE_SCREENSHOT") == "1" else tmp_path / "studio.png"
    png.parent.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(png))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 900)
    assert 20_000 < len(data) < 200_000, f"{len(data)} bytes: a blank page, or too large for the README"
