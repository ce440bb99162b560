"""Shared fixtures: fresh plugin registries, a framework factory writing JSON to tmp_path, a CLI runner."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from ratings_engine.api import Engine
from ratings_engine.model.load import framework_from_bytes
from ratings_engine.plugin_host.registry import Registry, load_registry

from support import minimal_framework

# Generated examples may use the function-scoped fixtures above (each example reuses the one
# registry, which nothing changes), and a slow machine must not fail a property on time alone.
settings.register_profile("engine", suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
settings.load_profile("engine")

@pytest.fixture(autouse=True)
def only_builtin_plugins(monkeypatch):
    """Tests see the engine's own plugins only, whatever else is installed; a test may undo this."""
    monkeypatch.setenv("RATINGS_DISABLE_PLUGINS", "all")
    monkeypatch.delenv("RATINGS_FRAMEWORKS_PATH", raising=False)


@pytest.fixture
def registry() -> Registry:
    """The registry of a fresh plugin manager with the built-in plugins."""
    return load_registry()


@pytest.fixture
def engine(registry: Registry) -> Engine:
    """An engine using the fresh registry and the installed frameworks."""
    return Engine(registry)


@pytest.fixture
def framework_factory(registry: Registry) -> Callable[..., Any]:
    """Build a checked Framework from the minimal framework, changed by a function given to it."""

    def build(change: Callable[[dict], None] | None = None):
        document = minimal_framework()
        if change is not None:
            change(document)
        return framework_from_bytes(json.dumps(document).encode(), "mini.json", registry)

    return build


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[str, Any], Path]:
    """Write a JSON document to a file in tmp_path and return its path."""

    def write(name: str, document: Any) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
        return path

    return write


@pytest.fixture
def runner() -> CliRunner:
    """A click runner for the `ratings` command."""
    return CliRunner()


# The browser tests' Chromium and axe-core (tests/webdriver.py), shared by the pages' and the studio's tests.
# Imported when a test asks for them, so that the rest of the suite never loads Selenium.


@pytest.fixture(scope="module")
def driver():
    """A headless Chromium under Debian's chromedriver; quit after the module (skipped, or failed in CI, without one)."""
    from webdriver import start_driver

    started = start_driver()
    try:
        yield started
    finally:
        started.quit()


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script, to inject into a page (skipped, or failed in CI, without it)."""
    from webdriver import read_axe

    return read_axe()
