"""The distribution as installed and as described: its bundled data reads through importlib.resources
(the way a plugin or a tool outside the engine finds it), and its metadata names what the suite runs on."""

from __future__ import annotations

import importlib.util
import json
import tomllib
from importlib.metadata import metadata
from importlib.resources import files

from support import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_schemas_read_through_importlib_resources_from_the_installed_package():
    """ratings_engine.schemas is the data folder, not hidden by a module of that name, and holds the schemas
    byte for byte as the source tree has them (in a normal install they are copies in site-packages)."""
    spec = importlib.util.find_spec("ratings_engine.schemas")
    assert spec is not None and spec.submodule_search_locations, "ratings_engine.schemas is not a package"
    shipped = files("ratings_engine.schemas")
    names = sorted(path.name for path in (ROOT / "schemas").glob("*.schema.json"))
    assert names and sorted(p.name for p in shipped.iterdir() if p.name.endswith(".schema.json")) == names
    for name in names:
        data = shipped.joinpath(name).read_bytes()
        assert data == (ROOT / "schemas" / name).read_bytes(), name
    assert json.loads(shipped.joinpath("result.schema.json").read_text(encoding="utf-8"))["type"] == "object"


def test_the_classifiers_name_every_python_the_suite_runs_on_and_no_license():
    classifiers = PYPROJECT["project"]["classifiers"]
    pythons = {c.rsplit(" :: ", 1)[1] for c in classifiers if c.startswith("Programming Language :: Python :: 3.")}
    assert pythons == set(PYPROJECT["tool"]["tox"]["env_list"]) == {"3.11", "3.12", "3.13"}
    assert {"Typing :: Typed", "Framework :: Pytest"} <= set(classifiers)
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    # PEP 639: a License classifier may not stand beside an SPDX `license` expression.
    assert PYPROJECT["project"]["license"] == "MIT" and not [c for c in classifiers if c.startswith("License ::")]


def test_the_installed_metadata_is_the_project_s():
    installed = metadata("ratings-engine")
    assert installed["License-Expression"] == "MIT"
    assert set(installed.get_all("Classifier")) == set(PYPROJECT["project"]["classifiers"])


def _shipped(path: str, manifest: list[list[str]]) -> bool:
    """Whether MANIFEST.in's include and recursive-include lines take PATH into the sdist."""
    from fnmatch import fnmatch

    for words in manifest:
        if words[0] == "include" and any(fnmatch(path, pattern) for pattern in words[1:]):
            return True
        if words[0] == "recursive-include" and path.startswith(words[1] + "/") and any(
                fnmatch(path.rsplit("/", 1)[-1], pattern) for pattern in words[2:]):
            return True
    return False


def test_every_relative_link_of_the_readme_names_a_file_the_sdist_ships():
    """The README is the package index's page, which cannot resolve a relative link: each names a file that exists
    and that MANIFEST.in ships, so that the sdist holds what the link points at."""
    import re

    manifest = [line.split() for line in (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    links = re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(links) >= 10
    missing = [link for link in links if not (ROOT / link).is_file() or not _shipped(link, manifest)]
    assert not missing, f"README links to files the sdist does not ship: {missing}"
