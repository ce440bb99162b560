"""Shared helpers for the tests that drive headless Chromium through Selenium and Debian's chromedriver:
starting the driver, sizing its window, axe-core's accessibility rules, and the checks every page must pass
at a phone's, a tablet's and a desktop's width.

Chromium and its driver are Debian's (chromium, chromium-driver): the driver's path is always given, so
Selenium never downloads one. axe-core comes from the npm registry (npm install axe-core@4), found at
$AXE_CORE_JS or in the repository's node_modules. Without them the tests skip, saying why; in CI
(CI=true), which installs all three, a missing one fails them instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

import browser as chromium
from support import ROOT

#: The Debian packages these tests need besides Python's: the browser, its fonts, and its WebDriver.
APT_PACKAGES = (*chromium.APT_PACKAGES, "chromium-driver")
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")
AXE_PATHS = (os.environ.get("AXE_CORE_JS", ""), str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
RUN_AXE = "const done = arguments[arguments.length - 1]; axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations));"
#: The innermost elements that reach past the window's right edge or whose text spills out of them, outside
#: the boxes that scroll sideways on their own: what makes a page scroll sideways.
TOO_WIDE = """
const over = (e) => e.getBoundingClientRect().right > window.innerWidth
  || (e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'visible');
const inScroller = (e) => e.parentElement.closest('.scroll, pre, iframe') !== null;
return [...document.querySelectorAll('body *')].filter((e) => over(e) && !inScroller(e) && ![...e.children].some(over))
  .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + e.className : ''}: `
  + e.textContent.trim().slice(0, 60));
"""
#: The visible text smaller than the least size asked, in CSS pixels: HTML text by its computed font size, SVG
#: text by the height it is drawn at (an SVG scaled down draws its 13px text smaller than 13 pixels).
SMALL_TEXT = """
const least = arguments[0];
const shown = (e) => { const box = e.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
const own = (e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
const found = [];
for (const e of document.querySelectorAll('body *')) {
  if (!own(e) || !shown(e) || e.closest('title, desc, style')) continue;
  const size = e instanceof SVGElement ? e.getBoundingClientRect().height : parseFloat(getComputedStyle(e).fontSize);
  if (size < least) found.push(`${e.tagName.toLowerCase()}${e.className && e.className.baseVal === undefined ? '.' + e.className : ''}`
    + ` ${size.toFixed(1)}px: ${e.textContent.trim().slice(0, 40)}`);
}
return found.slice(0, 8);
"""
#: A phone held upright, a tablet, a desktop: the widths every page is laid out at, in CSS pixels.
WIDTHS = (390, 768, 1280)
#: The least size of visible text, in CSS pixels.
LEAST_TEXT = 11
WAIT = 30  # seconds: the most a page may take on a slow, busy machine


def unavailable(reason: str) -> NoReturn:
    """Skip, saying why; in CI, which installs the browser, its driver and axe-core, fail instead."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason}; CI installs it (apt-get install {' '.join(APT_PACKAGES)}; npm install axe-core@4), "
                    "so this is a failure", pytrace=False)
    pytest.skip(reason)


def start_driver() -> webdriver.Chrome:
    """A headless Chromium under Debian's chromedriver that logs every console message, 1280 x 900; the caller quits it."""
    browser, driver_path = chromium.find_browser(), shutil.which("chromedriver")
    if browser is None:
        unavailable(f"no headless Chromium found: none of {', '.join(chromium.NAMES)} is on PATH")
    if driver_path is None:
        unavailable("no chromedriver on PATH (Debian's package chromium-driver)")
    options = webdriver.ChromeOptions()
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.binary_location = browser
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        # The driver's path is given, so Selenium Manager has nothing to look up or download.
        started = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    except WebDriverException as error:
        unavailable(f"Chromium at {browser} did not start under {driver_path}: {error.msg}")
    set_viewport(started, 1280, 900)
    return started


def read_axe() -> str:
    """axe-core's script, from $AXE_CORE_JS or the repository's node_modules."""
    for path in AXE_PATHS:
        if path and Path(path).is_file():
            return Path(path).read_text(encoding="utf-8")
    unavailable("axe-core not found: set AXE_CORE_JS, or run `npm install --no-save --no-package-lock axe-core@4` "
                "in the repository")


def set_viewport(driver, width: int, height: int) -> None:
    """Size the window so that the page itself is WIDTH x HEIGHT pixels: the window's own frame takes some."""
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return window.innerWidth") == width)
    # Two frames later the page has been laid out again at the new width.
    driver.execute_async_script("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));")


def no_serious_axe_violations(driver, axe_source: str, page: str) -> None:
    driver.execute_script(axe_source)
    violations = driver.execute_async_script(RUN_AXE)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"{page}: axe-core found\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in serious)


def no_sideways_scroll(driver, page: str) -> None:
    """The page scrolls only down, never sideways, at the window's present width."""
    wide, room = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert wide <= room, f"{page}: {wide} pixels wide in a {room}-pixel window; too wide: {driver.execute_script(TOO_WIDE)}"


def no_small_text(driver, page: str) -> None:
    """No visible text is drawn smaller than LEAST_TEXT pixels at the window's present width."""
    small = driver.execute_script(SMALL_TEXT, LEAST_TEXT)
    assert not small, f"{page}: text under {LEAST_TEXT} pixels at {driver.execute_script('return window.innerWidth')}: {small}"


def fits_a_phone(driver, page: str) -> None:
    """At 390 pixels wide (a phone held upright) the page scrolls only down, never sideways."""
    set_viewport(driver, 390, 900)
    try:
        no_sideways_scroll(driver, page)
    finally:
        set_viewport(driver, 1280, 900)


def fits_every_width(driver, page: str) -> None:
    """At each of WIDTHS: no sideways scroll, and no text too small to read."""
    try:
        for width in WIDTHS:
            set_viewport(driver, width, 900)
            no_sideways_scroll(driver, page)
            no_small_text(driver, page)
    finally:
        set_viewport(driver, 1280, 900)
