"""Modules stay small enough to read in one sitting, and functions small enough to hold in mind.

A module over MODULE_LINES or a function over FUNCTION_LINES fails here, unless it is listed below
with the reason it is longer; a listed one that has since shrunk fails too, so the list stays true.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.joinpath("engine").rglob("*.py"), *ROOT.joinpath("plugins").rglob("*.py")])

MODULE_LINES = 300
FUNCTION_LINES = 60

#: Longer modules, each with its reason.
LONG_MODULES = {
    # The compiled yes-or-no check mirrors the schema keyword by keyword: one table-like module,
    # read alongside schemas/, and faster for being one.
    "engine/io/compiled_schema.py": "a keyword-by-keyword table of the schema's checks",
    # The frozen model: one small dataclass per part of a framework file, in the file's order, read
    # beside schemas/framework.schema.json; splitting it would scatter one table over several files.
    "engine/model/framework.py": "one dataclass per part of the framework file",
}

#: Longer functions, each with its reason.
LONG_FUNCTIONS: dict[str, str] = {}


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node.lineno, node.end_lineno - node.lineno + 1


def test_modules_are_short():
    long = {_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in SOURCES}
    over = {name: lines for name, lines in long.items() if lines > MODULE_LINES and name not in LONG_MODULES}
    assert not over, f"modules over {MODULE_LINES} lines: {over}; split them, or list one in LONG_MODULES with why"


def test_functions_are_short():
    over = {f"{_name(p)}:{line} {name}": length for p in SOURCES for name, line, length in _functions(p)
            if length > FUNCTION_LINES and f"{_name(p)}::{name}" not in LONG_FUNCTIONS}
    assert not over, f"functions over {FUNCTION_LINES} lines: {over}; split them, or list one in LONG_FUNCTIONS with why"


@pytest.mark.parametrize("name", sorted(LONG_MODULES))
def test_every_long_module_listed_is_still_long(name):
    assert len((ROOT / name).read_text(encoding="utf-8").splitlines()) > MODULE_LINES, f"{name} is short now: drop it from LONG_MODULES"
