"""Problem codes are stable and documented: every code the engine reports is registered and in docs/errors.md."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from ratings_engine.error_codes import CODES

ROOT = Path(__file__).resolve().parent.parent
# The modules that report problems (diff and document renderers name rules, not problems).
#: Every module, so that a new one reporting problems cannot slip past; diff.py's add() collects differences, not problems.
#: The engine is scanned with its sub-packages (rglob), so a module in any layer is included.
SOURCES = ([path for path in sorted((ROOT / "engine").rglob("*.py")) if path != ROOT / "engine" / "model" / "diff.py"]
           + sorted((ROOT / "plugins").glob("*.py")))
DOCS = (ROOT / "docs" / "errors.md").read_text("utf-8")


def codes_used(path: Path) -> set[str]:
    """String codes passed to Problem(...), RatingProblem(code=...), or a collector's add/problem(...)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in ("Problem", "add", "problem") and node.args and isinstance(node.args[0], ast.Constant):
            found.add(node.args[0].value)
        if name == "unknown":
            found.add("unknown-reference")
        for keyword in node.keywords:
            if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                found.add(keyword.value.value)
    return found


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(ROOT).as_posix() for p in SOURCES])
def test_every_code_reported_is_registered(path):
    """A module reporting a code that engine/error_codes.py does not list fails here."""
    assert codes_used(path) - set(CODES) == set()


def test_codes_are_found():
    """The scan above finds codes at all (so that it cannot pass by finding nothing)."""
    assert {"band-gap", "missing-answer", "discretion-ineligible", "json-syntax", "schema"} <= set().union(*map(codes_used, SOURCES))


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_documented_with_an_example_and_a_fix(code):
    """docs/errors.md has a section for each code with an example line ending in the code and its fix."""
    section = re.search(rf"^### {re.escape(code)}\n(.*?)(?=^##|\Z)", DOCS, re.S | re.M)
    assert section, f"no section for {code}"
    assert f"[{code}]\n```" in section.group(1)
    assert "**Fix:**" in section.group(1)


def test_no_documented_code_is_unknown():
    """docs/errors.md documents no code the engine does not have."""
    assert set(re.findall(r"^### (\S+)$", DOCS, re.M)) == set(CODES)


def test_negative_suite_codes_are_registered():
    """Every code the negative suite expects is a registered code."""
    expected = json.loads((ROOT / "tests" / "data" / "negative" / "expected.json").read_text("utf-8"))
    used = {entry["code"] for entry in expected} | {also["code"] for entry in expected for also in entry.get("also", [])}
    assert used - set(CODES) == set()


def test_json_problems_carry_their_class(runner, write_json):
    """`ratings validate --format json` gives each problem its code and class."""
    from ratings_engine.cli import cli

    path = write_json("bad.json", {"provider": "P", "fieldwork_start": "2019-11-25", "framework": "hmip-crc@2019", "samples": {}})
    [report] = json.loads(runner.invoke(cli, ["validate", "--format", "json", str(path)]).stdout)
    assert {(p["code"], p["kind"]) for p in report["problems"]} == {("missing-sample", "inspection"), ("missing-judgement", "inspection")}
