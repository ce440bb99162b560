"""The public API: the names `ratings_engine` itself offers, loaded only when first asked for."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ratings_engine
from ratings_engine import api, errors, extension, hookspecs
from ratings_engine.reports import overall_reasons, reasons

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_PACKAGE = ROOT / "examples" / "plugin-package" / "src"


@pytest.mark.parametrize("name", sorted(set(ratings_engine.__all__) - {"__version__"}))
def test_each_public_name_is_the_object_its_module_defines(name):
    modules = [module for module in (api, errors, extension, hookspecs, reasons, overall_reasons) if hasattr(module, name)]
    assert modules and getattr(ratings_engine, name) is getattr(modules[0], name)
    assert name in dir(ratings_engine)


def test_each_public_name_is_in_the_api_reference():
    # docs/api.md names every public name where it documents it (an autoclass, or a module's :members: list).
    reference = (ROOT / "docs" / "api.md").read_text("utf-8")
    missing = [name for name in sorted(set(ratings_engine.__all__) - {"__version__"})
               if not re.search(rf"(?:[.:, ]){re.escape(name)}\b", reference)]
    assert not missing, f"not in docs/api.md: {missing}"


def test_what_plugins_receive_and_return_is_all_public():
    # Every type a plugin is handed or hands back is importable from ratings_engine itself.
    defined = {node.name for node in ast.parse(Path(extension.__file__).read_text("utf-8")).body
               if isinstance(node, ast.ClassDef)}
    assert defined <= set(ratings_engine.__all__)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        ratings_engine.no_such_name  # noqa: B018


def test_importing_the_package_loads_nothing_else():
    # The command's start-up time depends on this: the public names are imported on first use.
    code = "import sys, ratings_engine; print(sorted(m for m in sys.modules if m.startswith(('ratings_engine.', 'pluggy', 'jsonschema'))))"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"


def test_the_example_plugin_package_uses_only_the_public_api():
    imported = set()
    for path in sorted(PLUGIN_PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and not node.level:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert {name for name in imported if name.split(".")[0] == "ratings_engine"} == {"ratings_engine"}
