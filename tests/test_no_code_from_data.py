"""No code from data: frameworks and inspections are read as data only, and the package never runs code from them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The engine with its sub-packages (rglob), and the built-in plugins.
PACKAGE = sorted((ROOT / "engine").rglob("*.py")) + sorted((ROOT / "plugins").glob("*.py"))
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "subprocess", "yaml", "dill", "cloudpickle"}
FORBIDDEN_ATTRIBUTES = {("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "spawnv")}
# The places that import code on purpose, all of it code the user installed or named, never a
# framework or inspection: the plugin module named with --plugin, and installed plugins' entry points.
ALLOWED = {("engine/plugin_host/plugin_loading.py", "import_module"), ("engine/plugin_host/plugin_loading.py", "exec_module")}


def where(path: Path) -> str:
    """The path from the repository root (two modules may share a name in different layers)."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def findings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if isinstance(node.func, ast.Name) and name in FORBIDDEN_CALLS:  # re.compile is not compile
                found.append(f"{where(path)}:{node.lineno}: call to {name}")
            if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                if (node.func.value.id, node.func.attr) in FORBIDDEN_ATTRIBUTES:
                    found.append(f"{where(path)}:{node.lineno}: {node.func.value.id}.{node.func.attr}")
            if name in ("import_module", "exec_module") and (where(path), name) not in ALLOWED:
                found.append(f"{where(path)}:{node.lineno}: {name}")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] in FORBIDDEN_MODULES:
                    found.append(f"{where(path)}:{node.lineno}: import {name}")
    return found


@pytest.mark.parametrize("path", PACKAGE, ids=[where(p) for p in PACKAGE])
def test_no_eval_exec_pickle_yaml_or_shell(path):
    """No eval, exec, pickle, YAML loading or shell calls anywhere in the engine or its plugins."""
    assert findings(path) == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The scan itself works: a file with each forbidden thing is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("import pickle\nimport subprocess\nimport os\neval('1')\nos.system('x')\n", encoding="utf-8")
    assert len(findings(bad)) == 4


def test_conditions_are_data_not_code(framework_factory):
    """A sub-sample condition is a JSON test on an attribute; anything else is refused by the schema."""
    from ratings_engine.errors import InvalidInputError

    def code_in_condition(document):
        document["sub_samples"][0]["when"] = {"python": "__import__('os').system('echo hi')"}

    with pytest.raises(InvalidInputError) as raised:
        framework_factory(code_in_condition)
    assert raised.value.problems[0].pointer.startswith("/sub_samples/0/when")


def test_frameworks_are_read_only_from_the_framework_folders(runner, tmp_path, write_json):
    """An inspection cannot make the engine read a file by naming it: a framework name is looked up, not opened."""
    from ratings_engine.cli import cli
    from support import SOUTH_YORKSHIRE_2020
    import json

    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    secret = tmp_path / "secret.json"
    secret.write_text('{"id": "x", "version": "1", "domains": []}', encoding="utf-8")
    document["framework"] = f"../../{secret}"  # not ID@VERSION: the schema refuses it
    result = runner.invoke(cli, ["evaluate", str(write_json("i.json", document))])
    assert result.exit_code == 1 and "/framework" in result.stderr and "[schema]" in result.stderr
