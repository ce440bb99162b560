"""No code from data: frameworks and inspections are read as data only, and the package never runs code from them.

Most of the code scan is ruff's security rules (S), which .ci/run runs over the engine and its plugins:
eval (S307), exec (S102), pickle, shelve and dill loading (S301), marshal (S302), YAML loading (S506),
subprocess calls (S602, S603), and os.system, os.popen, os.exec* and os.spawn* (S605, S606).
test_ruff_keeps_the_security_rules fails if the configuration stops applying them to the package.
The scan kept here is what those rules do not catch: the compile and __import__ built-ins, importing
a module by name outside the two places that load installed or named plugins, and importing the
modules that load or run code from data at all (ruff's rules for such imports are not yet stable).
"""

from __future__ import annotations

import ast
import fnmatch
import json
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The engine with its sub-packages (rglob), and the built-in plugins.
PACKAGE = sorted((ROOT / "engine").rglob("*.py")) + sorted((ROOT / "plugins").glob("*.py"))
FORBIDDEN_CALLS = {"compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "subprocess", "yaml", "dill", "cloudpickle"}
# The places that import code on purpose, all of it code the user installed or named, never a
# framework or inspection: the plugin module named with --plugin, and installed plugins' entry points.
ALLOWED = {("engine/plugin_host/plugin_loading.py", "import_module"), ("engine/plugin_host/plugin_loading.py", "exec_module")}
# The ruff rules that stand in for the rest of the scan (see the module's docstring).
SECURITY_RULES = {"S102", "S307", "S301", "S302", "S506", "S602", "S603", "S605", "S606"}


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
            if name in ("import_module", "exec_module") and (where(path), name) not in ALLOWED:
                found.append(f"{where(path)}:{node.lineno}: {name}")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] in FORBIDDEN_MODULES:
                    found.append(f"{where(path)}:{node.lineno}: import {name}")
    return found


@pytest.mark.parametrize("path", PACKAGE, ids=[where(p) for p in PACKAGE])
def test_no_compile_import_by_name_pickle_yaml_or_subprocess(path):
    """No compile or __import__, no module imported by name but plugins, and no pickle, YAML or subprocess modules."""
    assert findings(path) == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The scan itself works: a file with each forbidden thing is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("import pickle\nimport subprocess\ncompile('1', 'x', 'eval')\n__import__('os')\n"
                   "import importlib\nimportlib.import_module('os')\n", encoding="utf-8")
    assert len(findings(bad)) == 5


def test_ruff_keeps_the_security_rules():
    """The ruff configuration applies the security rules to the engine and its plugins, and excludes neither."""
    ruff = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["ruff"]
    lint = ruff.get("lint", {})
    selected = set(lint.get("select", [])) | set(lint.get("extend-select", []))
    assert all(any(rule.startswith(prefix) for prefix in selected) for rule in SECURITY_RULES), selected
    ignored = set(lint.get("ignore", [])) | set(ruff.get("ignore", []))
    assert not any(rule.startswith(code) for rule in SECURITY_RULES for code in ignored), ignored
    package_files = [where(path) for path in PACKAGE]
    for pattern, codes in lint.get("per-file-ignores", {}).items():
        if any(fnmatch.fnmatch(file, pattern) for file in package_files):
            assert not any(rule.startswith(code) for rule in SECURITY_RULES for code in codes), (pattern, codes)
    for pattern in ruff.get("exclude", []) + ruff.get("extend-exclude", []):
        assert not any(fnmatch.fnmatch(file, pattern) or file.startswith(pattern.rstrip("/") + "/") for file in package_files), pattern


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

    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    secret = tmp_path / "secret.json"
    secret.write_text('{"id": "x", "version": "1", "domains": []}', encoding="utf-8")
    document["framework"] = f"../../{secret}"  # not ID@VERSION: the schema refuses it
    result = runner.invoke(cli, ["evaluate", str(write_json("i.json", document))])
    assert result.exit_code == 1 and "/framework" in result.stderr and "[schema]" in result.stderr
