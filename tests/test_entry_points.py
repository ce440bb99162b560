"""Plugins are found as importlib.metadata finds them, without importing it where the layout is plain."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from ratings_engine.plugin_host import entry_points as module
from ratings_engine.plugin_host.entry_points import EntryPoint, distribution_name_and_version, entry_points


def standard(group: str) -> set[tuple]:
    return {(ep.name, ep.value, ep.dist.name, ep.dist.version) for ep in metadata.entry_points(group=group)}


def ours(group: str) -> set[tuple]:
    return {(ep.name, ep.value, ep.distribution, ep.version) for ep in entry_points(group)}


@pytest.mark.parametrize("group", ["ratings_engine", "console_scripts", "pytest11"])
def test_finds_what_importlib_metadata_finds_here(group):
    """In the environment the tests run in, the same entry points, distributions and versions."""
    assert module._plain_directories() is not None  # the direct reading is what is tested here
    assert ours(group) == standard(group) != set()


def distribution(root: Path, folder: str, name: str, version: str, entries: str) -> None:
    info = root / folder
    info.mkdir(parents=True)
    # A long description with header-like lines, which must not be taken for headers.
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nName: not-this\n", "utf-8")
    (info / "entry_points.txt").write_text(entries, "utf-8")


@pytest.fixture
def path(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    distribution(first, "Acme_Ratings-1.0.dist-info", "Acme_Ratings", "1.0",
                 "[ratings_engine]\n# a comment\nacme = acme_plugin:plugin.inner [extra]\n\n[other]\nx = y\n")
    distribution(second, "acme.ratings-2.0.dist-info", "acme.ratings", "2.0", "[ratings_engine]\nold = acme_old\n")
    distribution(second, "other-3.0.dist-info", "other", "3.0", "[ratings_engine]\nother = other_plugin:make\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    return tmp_path


def test_the_first_distribution_of_a_name_on_the_path_wins(path):
    """acme.ratings 2.0 later on the path is hidden by Acme_Ratings 1.0, as importlib.metadata hides it."""
    assert ours("ratings_engine") == standard("ratings_engine") == {
        ("acme", "acme_plugin:plugin.inner [extra]", "Acme_Ratings", "1.0"),
        ("other", "other_plugin:make", "other", "3.0"),
    }


def test_a_zip_file_on_the_path_is_left_to_importlib_metadata(path, monkeypatch):
    (path / "plugins.zip").write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip archive
    sys.path.append(str(path / "plugins.zip"))
    assert module._plain_directories() is None
    monkeypatch.setattr(module, "_through_importlib_metadata", lambda group: ["asked importlib.metadata"])
    assert entry_points("ratings_engine") == ["asked importlib.metadata"]


def test_an_import_hook_that_finds_distributions_is_left_to_importlib_metadata(path, monkeypatch):
    class Finder:
        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert module._plain_directories() is None
    assert ours("ratings_engine") == standard("ratings_engine")


def test_load_follows_dotted_attributes(tmp_path, monkeypatch):
    (tmp_path / "acme_plugin.py").write_text("class plugin:\n    inner = 42\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert EntryPoint("acme", "acme_plugin:plugin.inner [extra]", "acme", "1").load() == 42
    assert EntryPoint("acme", "acme_plugin", "acme", "1").load().plugin.inner == 42
    with pytest.raises(ValueError, match="not an entry point"):
        EntryPoint("acme", "acme plugin:!", "acme", "1").load()


def test_name_and_version_come_from_the_headers(tmp_path):
    distribution(tmp_path, "x-1.dist-info", "Acme", "1.2.3", "")
    assert distribution_name_and_version(str(tmp_path / "x-1.dist-info")) == ("Acme", "1.2.3")
    assert distribution_name_and_version(str(tmp_path / "nowhere")) == ("", None)
