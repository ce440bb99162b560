"""The folder names the layers, and no module imports from a layer above its own.

Every module under engine/ is parsed (not imported), and every import counts: at the top of a file,
inside a function, relative or absolute. A reader who knows the layers then finds each module where
its layer says, and a change that would tangle them fails here rather than in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "engine"
PACKAGE = "ratings_engine"

#: Lowest first; a module may import from its own layer and the layers before it.
# sheets sits above the Engine (api): an imported workbook is checked through the Engine's own choice of framework.
# studio sits above both: a web application over the Engine, started by a command.
ORDER = ["io", "model", "plugin_host", "rating", "reports", "analysis", "api", "sheets", "studio", "cli"]

#: The modules at the top of engine/, each placed in a layer explicitly.
TOP = {
    # Every layer raises these, and errors.py cleans what it shows with io.safe_text: the floor.
    "errors": "io",
    "error_codes": "io",
    # Frozen records, which the model, the results and the errors are made of: standard library only.
    "record_classes": "io",
    # The plugin author's contract, built on the model; the plugin host is built on it.
    "extension": "plugin_host",
    "hookspecs": "plugin_host",
    # The Engine, the fixtures for plugin authors' tests, and the public names, over all the rest.
    "api": "api",
    "testing": "api",
    "__init__": "api",
    "__main__": "cli",
}

#: Names any module may take from the package root: constants, with no imports behind them.
ROOT_CONSTANTS = {"__version__"}

#: Imports made only for type annotations (under `if TYPE_CHECKING:`), each allowed by name and
#: with the reason; at run time the module never loads the layer above.
TYPE_ONLY = {
    # Loading checks a framework against whatever registry its caller passes in.
    ("model.load", "plugin_host.registry"),
}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(ENGINE.rglob("*.py")):
        parts = path.relative_to(ENGINE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = modules()


def layer(name: str) -> str:
    first = name.split(".")[0]
    if "." in name or (ENGINE / first).is_dir():
        assert first in ORDER, f"the sub-package {first}/ has no place in ORDER"
        return first
    assert name in TOP, f"the top-level module {name}.py has no layer in TOP"
    return TOP[name]


def is_package(name: str) -> bool:
    return (ENGINE / name.replace(".", "/") / "__init__.py").is_file() if name else True


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(name: str, path: Path) -> list[tuple[int, str, bool]]:
    """(line, absolute target, type-only) for every import in the module NAME."""
    here = name.split(".") if is_package(name) and name else name.split(".")[:-1]
    if name == "__init__":
        here = []
    tree = ast.parse(path.read_text("utf-8"))
    type_only = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            type_only.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, id(node) in type_only) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                assert node.level - 1 <= len(here), f"{path}: import above the package"
                module = ".".join([PACKAGE, *base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # `from X import y` imports the sub-module X.y where there is one, else a name from X.
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                inner = candidate.removeprefix(PACKAGE + ".")
                target = candidate if inner in MODULES or inner.split(".")[0] == "plugins" else module
                if target == PACKAGE and alias.name in ROOT_CONSTANTS:
                    continue
                found.append((node.lineno, target, id(node) in type_only))
    return found


def engine_target(target: str) -> str | None:
    """The engine module an absolute import names, or None for one outside the engine."""
    if target == PACKAGE:
        return "__init__"
    if not target.startswith(PACKAGE + "."):
        return None
    inner = target.removeprefix(PACKAGE + ".")
    while inner and inner not in MODULES:  # a name imported from a module: ratings_engine.io.jsonio.x
        inner = inner.rpartition(".")[0]
    return inner or None


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def violations(name: str, path: Path) -> list[str]:
    found = []
    mine = ORDER.index(layer(name))
    for line, target, type_only in imports(name, path):
        if target == f"{PACKAGE}.plugins" or target.startswith(f"{PACKAGE}.plugins."):
            found.append(f"{shown(path)}:{line}: imports {target}; the built-in plugins are reached "
                         "only through their entry points")
            continue
        inner = engine_target(target)
        if inner is None:
            continue
        theirs = ORDER.index(layer(inner))
        if theirs > mine and not (type_only and (name, inner) in TYPE_ONLY):
            found.append(f"{shown(path)}:{line}: {name} ({layer(name)}) imports {inner} "
                         f"({layer(inner)}), a layer above its own")
    return found


def test_every_module_is_checked():
    # A scan that quietly stopped recursing would check fewer files and still pass.
    assert set(MODULES.values()) == set(ENGINE.rglob("*.py"))
    assert len(MODULES) >= 60
    assert {name.split(".")[0] for name in MODULES if "." in name} == set(ORDER) - {"api"}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_only_from_its_own_layer_or_below(name):
    assert violations(name, MODULES[name]) == []


@pytest.mark.parametrize("package", sorted(set(ORDER) - {"api"}))
def test_each_sub_package_says_what_belongs_there_and_stays_light(package):
    init = ENGINE / package / "__init__.py"
    tree = ast.parse(init.read_text("utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring and "may import" in docstring, f"{package}/__init__.py must say what belongs there and what it may import"
    if package != "cli":  # the console script's ratings_engine.cli:main is re-exported there
        assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]


@pytest.mark.parametrize("source, expected", [
    ("from ..cli.common import open_output\n", "a layer above its own"),
    ("def later():\n    from ..analysis import compare\n", "a layer above its own"),
    ("import ratings_engine.reports.result\n", "a layer above its own"),
    ("from ratings_engine.plugins import rating_methods\n", "entry points"),
    ("from .. import plugins\n", "entry points"),
])
def test_a_wrong_import_is_caught(tmp_path, source, expected):
    # The check itself is checked: a module in the rating layer importing upward, or a built-in plugin.
    path = tmp_path / "evaluate.py"
    path.write_text(source, "utf-8")
    found = violations("rating.evaluate", path)
    assert len(found) == 1 and expected in found[0]
