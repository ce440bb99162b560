"""A small helper for driving headless Chromium from tests: find it, screenshot a page, dump its DOM.

Chromium runs with a fresh profile in a temporary folder, no sandbox (tests run as root in CI),
and with its background networking, component updates and sync turned off, so that loading a local
file touches nothing else.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome")

#: The Debian packages that provide what these tests need: the browser, and fonts for its text.
APT_PACKAGES = ("chromium", "fonts-liberation", "fonts-dejavu-core")

TIMEOUT = 90


class BrowserError(RuntimeError):
    """Chromium could not be run, or ran without producing what was asked; the message says why."""


def find_browser() -> str | None:
    """The path of a Chromium-family browser on PATH, or None."""
    for name in NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def _run(browser: str, page_url: str, extra: list[str], timeout: float, window: str = "1280,4000") -> Run:
    with tempfile.TemporaryDirectory(prefix="ratings-chromium-") as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
                   f"--window-size={window}", *extra, page_url]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL, errors="replace")
        except subprocess.TimeoutExpired as error:
            stderr = error.stderr.decode(errors="replace") if isinstance(error.stderr, bytes) else (error.stderr or "")
            raise BrowserError(f"{browser} did not finish within {timeout}s; stderr: {tail(stderr)}") from None
        except OSError as error:
            raise BrowserError(f"{browser} could not be started: {error}") from None
    return Run(done.returncode, done.stdout, done.stderr)


def tail(text: str, lines: int = 8) -> str:
    """The last LINES lines of TEXT, for a message (chromium's stderr is long)."""
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return " | ".join(kept) if kept else "(empty)"


def screenshot(browser: str, page_url: str, png: Path, timeout: float = TIMEOUT, window: str = "1280,4000") -> Run:
    """Render PAGE_URL in a WINDOW ('width,height') into the PNG file PNG; raises BrowserError if no PNG was written."""
    png = Path(png)
    if png.exists():
        png.unlink()
    run = _run(browser, page_url, [f"--screenshot={png}"], timeout, window)
    if run.returncode != 0 or not png.is_file() or png.stat().st_size == 0:
        raise BrowserError(f"{browser} exited {run.returncode} without writing {png.name}; stderr: {tail(run.stderr)}")
    return run


def dump_dom(browser: str, page_url: str, timeout: float = TIMEOUT) -> str:
    """The DOM of PAGE_URL after Chromium has loaded it, serialised as HTML."""
    run = _run(browser, page_url, ["--dump-dom"], timeout)
    if run.returncode != 0 or "<html" not in run.stdout:
        raise BrowserError(f"{browser} exited {run.returncode} without a DOM; stderr: {tail(run.stderr)}")
    return run.stdout
