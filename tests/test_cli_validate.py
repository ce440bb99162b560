"""`ratings validate`: every shipped file valid, and, driven by data, what it must say of each bad file.

The negative tests: one small bad file per failure mode.

Each entry of tests/data/negative/expected.json names a file under tests/data/negative and the problem
its validation must report:

    file       the bad file, relative to tests/data/negative
    pointer    the JSON pointer of the place at fault ("" for the whole document, shown as "/" in text)
    code       the problem code, shown in brackets at the end of the text line
    contains   words the message (with its hint) must contain
    line       optional: the line the location must give (file:LINE), and column (file:LINE:COL)
    problems   optional: how many problems the file has in all (default 1; null: not checked)
    also       optional: further problems (pointer, code, contains) the same run must report
    xfail      optional: why the engine does not yet behave as written (a known engine defect)
    framework  optional: the framework file to validate under (--framework), relative to tests/data/negative,
               for a construct no installed framework uses
    in         optional: the file the problems are located in, relative to tests/data/negative, where it is
               not the file validated (an inspection that file pools)

Framework files are derived from tests/data/minimal-framework.json and inspection files from
tests/data/minimal-inspection-aggregate.json (the South Yorkshire example, shortened) or
tests/data/minimal-inspection-cases.json, each by one change (or the fewest that show the failure).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratings_engine.cli import cli

from support import CRC_2019, EXAMPLES, SOUTH_YORKSHIRE_2020

DATA = Path(__file__).parent / "data"
NEGATIVE = DATA / "negative"
EXPECTED_FILE = NEGATIVE / "expected.json"
EXPECTED = json.loads(EXPECTED_FILE.read_text("utf-8"))
VALID_BASES = ["minimal-framework.json", "minimal-inspection-aggregate.json", "minimal-inspection-cases.json"]


def _cases() -> list:
    return [
        pytest.param(entry, id=entry["file"],
                     marks=[pytest.mark.xfail(reason=entry["xfail"], strict=True)] if "xfail" in entry else [])
        for entry in EXPECTED
    ]


def _validate(*args: str):
    result = CliRunner().invoke(cli, ["validate", *args])
    everything = result.output + result.stderr
    assert "Traceback" not in everything, everything
    # CliRunner swallows exceptions; anything but the command's own sys.exit is an engine crash.
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"ratings validate crashed: {result.exception!r}") from result.exception
    return result


def _framework_args(entry: dict) -> list[str]:
    return ["--framework", str(NEGATIVE / entry["framework"])] if "framework" in entry else []


def _expected_problems(entry: dict) -> list[dict]:
    return [entry] + entry.get("also", [])


def _shown(pointer: str) -> str:
    return pointer or "/"


def _location(path: str, entry: dict) -> str:
    location = path
    if "line" in entry:
        location += f":{entry['line']}"
        if "column" in entry:
            location += f":{entry['column']}"
    return location


def _matches_line(line: str, path: str, expected: dict, location: str) -> bool:
    return (line.startswith(location + ":")
            and f": {_shown(expected['pointer'])}: " in line
            and line.endswith(f"[{expected['code']}]")
            and all(word in line for word in expected["contains"]))


@pytest.mark.parametrize("entry", _cases())
def test_validate_reports_problem(entry):
    validated = str(NEGATIVE / entry["file"])
    result = _validate(*_framework_args(entry), validated)
    path = str(NEGATIVE / entry.get("in", entry["file"]))
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    for index, expected in enumerate(_expected_problems(entry)):
        location = _location(path, entry) if index == 0 else path
        assert any(_matches_line(line, path, expected, location) for line in lines), (
            f"no problem line at {location} {_shown(expected['pointer'])} [{expected['code']}] "
            f"containing {expected['contains']}; stderr was:\n{result.stderr}")
    count = entry.get("problems", 1)
    if count is not None:
        problem_lines = [line for line in lines if line.startswith(path + ":") and line.endswith("]")]
        assert len(problem_lines) == count, result.stderr
        assert f"{count} problem{'s' if count != 1 else ''}" in result.stdout, result.stdout


@pytest.mark.parametrize("entry", _cases())
def test_validate_json_lists_problem(entry):
    validated = str(NEGATIVE / entry["file"])
    result = _validate("--format", "json", *_framework_args(entry), validated)
    path = str(NEGATIVE / entry.get("in", entry["file"]))
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert isinstance(report, list) and len(report) == 1, report
    assert report[0]["file"] == validated
    assert report[0]["valid"] is False
    problems = report[0]["problems"]
    for index, expected in enumerate(_expected_problems(entry)):
        found = [p for p in problems if p["pointer"] == expected["pointer"] and p["code"] == expected["code"]
                 and all(word in f"{p['message']} ({p['hint']})" for word in expected["contains"])]
        assert found, f"no problem {expected['pointer']!r} [{expected['code']}] containing {expected['contains']} in {problems}"
        if index == 0 and "line" in entry:
            assert found[0]["line"] == entry["line"], found[0]
            if "column" in entry:
                assert found[0]["column"] == entry["column"], found[0]
        assert all(p["file"] == path for p in found)
    count = entry.get("problems", 1)
    if count is not None:
        assert len(problems) == count, problems


@pytest.mark.parametrize("name", VALID_BASES)
def test_bases_of_negative_files_are_valid(name):
    """The files the negative files are derived from validate, so each negative file fails for its one change."""
    result = _validate(str(DATA / name))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_every_negative_file_has_one_expectation():
    on_disk = {p.relative_to(NEGATIVE).as_posix() for p in NEGATIVE.rglob("*") if p.is_file() and p != EXPECTED_FILE}
    listed = [entry["file"] for entry in EXPECTED]
    duplicates = sorted({name for name in listed if listed.count(name) > 1})
    assert not duplicates, f"listed more than once in expected.json: {duplicates}"
    assert sorted(on_disk - set(listed)) == [], "files with no entry in expected.json"
    assert sorted(set(listed) - on_disk) == [], "entries in expected.json with no file"


def test_expectations_are_well_formed():
    allowed = {"file", "pointer", "code", "contains", "line", "column", "problems", "also", "xfail", "framework", "in"}
    for entry in EXPECTED:
        assert set(entry) <= allowed, entry
        for expected in _expected_problems(entry):
            assert isinstance(expected["pointer"], str) and (expected["pointer"] == "" or expected["pointer"].startswith("/")), entry
            assert isinstance(expected["code"], str) and expected["code"], entry
            assert isinstance(expected["contains"], list) and expected["contains"], entry
        if "column" in entry:
            assert "line" in entry, entry
        if entry.get("problems") is not None:
            assert entry["problems"] >= 1 + len(entry.get("also", [])), entry


def test_validate_every_shipped_file(runner):
    """Every framework and example validates, exit 0."""
    files = [str(CRC_2019), *(str(p) for p in sorted(EXAMPLES.glob("*.json")))]
    result = runner.invoke(cli, ["validate", *files])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"{CRC_2019}: valid framework" in result.stdout
    assert f"{SOUTH_YORKSHIRE_2020}: valid inspection" in result.stdout


def test_validate_reports_every_problem_and_continues(runner, tmp_path, write_json):
    """Problems in several files are all reported in one run, with exit 1."""
    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    document["samples"]["case-supervision"]["results"]["2.1.9"] = {"yes": 1, "of": 2}
    document["discretion"]["2.2"] = {"rating": "good", "rationale": "x"}
    bad = write_json("bad.json", document)
    result = runner.invoke(cli, ["validate", str(bad), str(SOUTH_YORKSHIRE_2020)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    # Each problem is located by file, line and column, then JSON pointer.
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: /samples/case-supervision/results/2.1.9: '2.1.9' is not a key question", lines[0])
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: /discretion/2.2: professional discretion is not eligible on standard 2.2", lines[1])
    assert f"{bad}: invalid inspection, 2 problems" in result.stdout
    assert f"{SOUTH_YORKSHIRE_2020}: valid inspection" in result.stdout


def test_validate_json(runner, write_json):
    """validate --format json lists problems with code, pointer and message for machines."""
    bad = write_json("bad.json", {"provider": "x", "fieldwork_start": "2019-11-25", "samples": {}, "framework": "hmip-crc@2019"})
    result = runner.invoke(cli, ["validate", "--format", "json", str(bad)])
    assert result.exit_code == 1
    [report] = json.loads(result.stdout)
    assert report["valid"] is False and report["kind"] == "inspection"
    assert {p["code"] for p in report["problems"]} == {"missing-sample", "missing-judgement"}
    assert {p["pointer"] for p in report["problems"]} == {"/samples", "/judgements/1.1", "/judgements/1.2", "/judgements/1.3",
                                                          "/judgements/1.4"}


def test_the_validation_is_written_to_the_file_named_with_o(tmp_path):
    """-o FILE writes the validation document there (json from the extension); the exit code still says whether all are valid."""
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = _validate(str(SOUTH_YORKSHIRE_2020), str(bad), "-o", str(tmp_path / "validation.json"))
    assert result.exit_code == 1
    assert result.stdout == ""
    written = json.loads((tmp_path / "validation.json").read_text("utf-8"))
    assert [(entry["file"], entry["valid"]) for entry in written] == [(str(SOUTH_YORKSHIRE_2020), True), (str(bad), False)]


# Documents the commands write: each is recognised by what it says it is and checked against its schema.

IMPACT = Path(__file__).parent / "golden" / "impact" / "corpus-draft.json"


@pytest.fixture
def result_document(runner, tmp_path) -> Path:
    """The result of the South Yorkshire example, as `ratings evaluate --format json` writes it."""
    path = tmp_path / "south-yorkshire-result.json"
    path.write_text(runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "json"]).stdout, "utf-8")
    return path


def test_a_result_document_is_checked_as_a_result(runner, result_document):
    """A result (it says 'result_format') is a valid result, not an inspection with a dozen problems."""
    result = runner.invoke(cli, ["validate", str(result_document)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{result_document}: valid result\n" and result.stderr == ""


def test_an_impact_document_is_checked_as_an_impact(runner):
    """An impact document ('impact_format') is valid against schemas/impact.schema.json."""
    result = runner.invoke(cli, ["validate", "--format", "json", str(IMPACT)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"file": str(IMPACT), "kind": "impact", "valid": True, "problems": []}]


def test_a_result_missing_a_part_is_placed_at_the_fault(runner, tmp_path, result_document):
    """A result document without its overall rating: one schema problem, at the object that lacks it."""
    document = json.loads(result_document.read_text("utf-8"))
    del document["overall"]
    path = tmp_path / "result.json"
    path.write_text(json.dumps(document, indent=2), "utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stdout == f"{path}: invalid result, 1 problem\n"
    assert result.stderr == f"{path}:1:1: /: missing required property 'overall' [schema]\n"


def test_an_impact_with_a_wrong_value_is_placed_at_its_line(runner, tmp_path):
    """A schema problem inside an impact document names its pointer, line and column, in text and JSON alike."""
    text = IMPACT.read_text("utf-8")
    document = json.loads(text)
    document["counts"] = "many"
    path = tmp_path / "impact.json"
    written = json.dumps(document, indent=2)
    path.write_text(written, "utf-8")
    line = next(number for number, words in enumerate(written.splitlines(), 1) if words.startswith('  "counts"'))
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stdout == f"{path}: invalid impact, 1 problem\n"
    assert result.stderr == f'{path}:{line}:3: /counts: expected an object, found string "many" [schema]\n'
    (entry,) = json.loads(runner.invoke(cli, ["validate", "--format", "json", str(path)]).stdout)
    assert (entry["kind"], entry["valid"]) == ("impact", False)
    assert [(p["pointer"], p["line"], p["code"]) for p in entry["problems"]] == [("/counts", line, "schema")]


def test_every_document_a_command_writes_is_recognised(runner, tmp_path):
    """Each --format json document of the commands is told apart and valid: none is taken for an inspection or framework."""
    runs = {
        "explanation": ["explain", str(SOUTH_YORKSHIRE_2020), "--format", "json"],
        "framework-diff": ["diff", "hmip-crc@2018", "hmip-crc@2019", "--format", "json"],
        "framework-list": ["frameworks", "--format", "json"],
        "framework-outline": ["frameworks", "show", "hmip-crc@2019", "--format", "json"],
        "plugin-list": ["plugins", "--format", "json"],
        "validation": ["validate", "--format", "json", str(CRC_2019)],
    }
    for kind, args in runs.items():
        path = tmp_path / f"{kind}.json"
        path.write_text(runner.invoke(cli, args).stdout, "utf-8")
        result = runner.invoke(cli, ["validate", str(path)])
        assert result.stdout == f"{path}: valid {kind}\n", (kind, result.stderr)


def _draft(tmp_path: Path, **changes) -> Path:
    document = json.loads(CRC_2019.read_text("utf-8"))
    document.update(version="2020", status="draft", **changes)
    document["provenance"]["derived_from"] = "hmip-crc@2019"
    path = tmp_path / "2020.json"
    path.write_text(json.dumps(document, indent=2), "utf-8")
    return path


def test_a_draft_still_titled_and_dated_as_its_source_is_warned_about(runner, tmp_path):
    """Valid, exit 0, but a warning each for the title and the window still those of provenance.derived_from."""
    path = _draft(tmp_path)
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.stdout == f"{path}: valid framework\n"
    original = json.loads(CRC_2019.read_text("utf-8"))
    assert result.stderr.splitlines() == [
        f"warning: {path}: the title is unchanged from hmip-crc@2019, the version this draft was derived from: {original['title']!r}",
        f"warning: {path}: the effective window is unchanged from hmip-crc@2019, the version this draft was derived from: "
        f"from {original['effective_from']} to {original['effective_to']}",
    ]
    as_json = runner.invoke(cli, ["validate", "--format", "json", str(path)])
    assert as_json.exit_code == 0
    (entry,) = json.loads(as_json.stdout)
    assert entry["valid"] is True and len(entry["warnings"]) == 2 and entry["warnings"][0].startswith("the title is unchanged")


def test_a_draft_with_its_own_title_and_window_or_an_unknown_source_is_not_warned_about(runner, tmp_path):
    """No warning once the title and window are the draft's own, nor where derived_from names no version found here."""
    renamed = _draft(tmp_path, title="Round three", effective_from="2021-06-26")
    own = json.loads(renamed.read_text("utf-8"))
    del own["effective_to"]
    renamed.write_text(json.dumps(own), "utf-8")
    assert runner.invoke(cli, ["validate", str(renamed)]).stderr == ""
    unknown = _draft(tmp_path)
    document = json.loads(unknown.read_text("utf-8"))
    document["provenance"]["derived_from"] = "hmip-crc@1999"
    unknown.write_text(json.dumps(document), "utf-8")
    result = runner.invoke(cli, ["validate", str(unknown)])
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_published_version_derived_from_another_is_not_warned_about(runner):
    """Only drafts are warned about: a published version may keep a title its family shares."""
    result = runner.invoke(cli, ["validate", *map(str, sorted(CRC_2019.parent.parent.rglob("*.json")))])
    assert result.exit_code == 0 and "warning" not in result.stderr
