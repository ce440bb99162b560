"""Every command asked for JSON prints its problems as JSON: the document `ratings validate --format json` prints.

A program that runs `ratings ... --format json` reads standard output; when the input is invalid it
finds there the files at fault and their problems (schemas/validation.schema.json), and the exit code
is 1 as before. The lines a person reads stay on standard error. With -o FILE the file is for the
result alone, so nothing is printed; with a text format nothing is printed either.
"""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from ratings_engine.cli import cli

from support import ROOT, SOUTH_YORKSHIRE_2020

SCHEMA = json.loads((ROOT / "schemas" / "validation.schema.json").read_text("utf-8"))
GOOD = str(SOUTH_YORKSHIRE_2020)
MISSING = "hmip-crc@2099"

#: Each command with an input it must refuse, and the file (or framework named) the problem is in: "BAD" is an
#: inspection missing its required fields, "CSV" a CSV file that is no filled template.
COMMANDS = {
    "evaluate": (["evaluate", "BAD"], "BAD"),
    "explain": (["explain", "BAD"], "BAD"),
    "stability": (["stability", "BAD"], "BAD"),
    "replay": (["replay", "BAD", GOOD], "BAD"),
    "compare": (["compare", "BAD", GOOD], "BAD"),
    "diff": (["diff", MISSING, "hmip-crc@2019"], MISSING),
    "impact": (["impact", "--baseline", MISSING, "--draft", "hmip-crc@2019", GOOD], MISSING),
    "frameworks show": (["frameworks", "show", MISSING], MISSING),
    "validate": (["validate", "--framework", MISSING, GOOD], GOOD),
    "import": (["import", "CSV"], None),
}


@pytest.fixture
def inputs(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    csv = tmp_path / "cases.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    return {"BAD": str(bad), "CSV": str(csv)}


def _run(runner, inputs, name, *extra):
    args, at_fault = COMMANDS[name]
    args = [inputs.get(arg, arg) for arg in args]
    with_format = [] if name == "import" else ["--format", "json"]  # import prints JSON whatever it is asked
    return runner.invoke(cli, [*args, *with_format, *extra]), inputs.get(at_fault, at_fault)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_problems_are_printed_as_the_validation_document(runner, inputs, name):
    result, at_fault = _run(runner, inputs, name)
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert not list(Draft202012Validator(SCHEMA).iter_errors(document))
    assert all(not entry["valid"] and entry["problems"] for entry in document)
    if at_fault is not None:
        assert at_fault in [entry["file"] for entry in document]
    # The human lines are still on standard error, one per problem (validate, whose document this is, prints only the document).
    assert name == "validate" or len(result.stderr.strip().splitlines()) >= sum(len(entry["problems"]) for entry in document)


@pytest.mark.parametrize("name", ["evaluate", "diff", "import"])
def test_with_an_output_file_nothing_is_printed(runner, inputs, tmp_path, name):
    result, _ = _run(runner, inputs, name, "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "[" in result.stderr  # the problem's code, as the text line ends
    assert not (tmp_path / "out.json").exists()


def test_to_standard_output_named_with_a_dash_the_document_is_printed(runner, inputs):
    result, _ = _run(runner, inputs, "evaluate", "-o", "-")
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["problems"][0]["code"] == "schema"


def test_with_a_text_format_only_the_human_lines_are_printed(runner, inputs):
    result = runner.invoke(cli, ["evaluate", inputs["BAD"]])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "missing required property 'provider'" in result.stderr
