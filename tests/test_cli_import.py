"""`ratings import`: a filled workbook (or its CSV files) back into an inspection that rates exactly as the answers do.

The round trip: a template made by `ratings template`, filled cell by cell from a case-level
inspection's answers (prompts too), imported and evaluated, gives the same result document as the
inspection itself, byte for byte once the input's SHA-256 (which names the file rated) is set
aside. The negative suite: each thing an inspector may get wrong in a workbook gives a problem
placed at its sheet, row and column, exit code 1, and no file written.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ratings_engine.cli import cli

from sheets_fill import fill_csv_folder, fill_workbook
from support import EXAMPLES, ROOT

DYNAMIC_FRAMEWORK = ROOT / "docs" / "examples" / "example-dynamic-framework.json"
ROUND_TRIPS = [
    (EXAMPLES / "synthetic-crc-2019.json", None),
    (EXAMPLES / "synthetic-youth-2022.json", None),
    # A choice attribute and question sets, under a framework given as a file.
    (ROOT / "docs" / "examples" / "example-dynamic-inspection.json", DYNAMIC_FRAMEWORK),
]


def run(runner, *args: str, code: int = 0):
    result = runner.invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def evaluated(runner, path: Path, framework: Path | None) -> str:
    options = ["--framework", framework] if framework else []
    return run(runner, "evaluate", path, "--format", "json", *options).stdout


@pytest.mark.parametrize("inspection, framework", ROUND_TRIPS, ids=[p.stem for p, _ in ROUND_TRIPS])
def test_a_filled_workbook_rates_exactly_as_the_inspection_it_was_filled_from(runner, tmp_path, inspection, framework):
    document = json.loads(inspection.read_text("utf-8"))
    run(runner, "template", framework or document["framework"], "-o", tmp_path / "cases.xlsx")
    (tmp_path / "filled.xlsx").write_bytes(fill_workbook((tmp_path / "cases.xlsx").read_bytes(), document))
    options = ["--framework", framework] if framework else []
    run(runner, "import", tmp_path / "filled.xlsx", "-o", tmp_path / "imported.json", *options)
    imported, original = evaluated(runner, tmp_path / "imported.json", framework), evaluated(runner, inspection, framework)
    mine, theirs = json.loads(imported)["input"]["sha256"], json.loads(original)["input"]["sha256"]
    assert mine != theirs and imported.replace(mine, theirs) == original


def test_csv_files_make_the_same_round_trip(runner, tmp_path):
    inspection = EXAMPLES / "synthetic-crc-2019.json"
    run(runner, "template", "hmip-crc@2019", "--format", "csv", "-o", tmp_path / "cases")
    fill_csv_folder(tmp_path / "cases", json.loads(inspection.read_text("utf-8")))
    result = run(runner, "import", tmp_path / "cases", "-o", tmp_path / "imported.json")
    assert "wrote " in result.stderr and "(inspection under hmip-crc@2019: 230 cases)" in result.stderr
    assert "warning: 3 answer(s) to 2.1.3 were ignored" in result.stderr
    imported, original = evaluated(runner, tmp_path / "imported.json", None), evaluated(runner, inspection, None)
    assert imported.replace(json.loads(imported)["input"]["sha256"], json.loads(original)["input"]["sha256"]) == original


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> bytes:
    """The template of hmip-crc@2019 filled from the synthetic inspection: a workbook that imports cleanly."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("filled")
    assert CliRunner().invoke(cli, ["template", "hmip-crc@2019", "-o", str(folder / "cases.xlsx")]).exit_code == 0
    return fill_workbook((folder / "cases.xlsx").read_bytes(), json.loads((EXAMPLES / "synthetic-crc-2019.json").read_text("utf-8")))


def _set(sheet: str, **cells):
    def change(book):
        for cell, value in cells.items():
            book[sheet][cell] = value
    return change


#: What an inspector may get wrong, each with the problem's code and the start of its place and message.
MISTAKES = {
    "answer spelled otherwise": (_set("case-supervision", E14="Yes "), "sheet-cell",
                                 "sheet case-supervision, row 14, column 2.1.1 (cell E14): 'Yes ' is not one of yes, no (write yes"),
    "answer left empty": (_set("case-supervision", E14=None), "missing-answer",
                          "sheet case-supervision, row 14, column 2.1.1 (cell E14): case 'CS-013' has no answer for 2.1.1"),
    "attribute not true or false": (_set("case-supervision", B17="yes"), "sheet-cell",
                                    "sheet case-supervision, row 17, column harm_factors (cell B17): 'yes' is not true or false"),
    "rating in capitals": (_set("judgements", C2="Good"), "sheet-cell",
                           "sheet judgements, row 2, column rating (cell C2): 'Good' is not one of inadequate, requires_improvement"),
    "header mistyped": (_set("case-supervision", E1="2.1.l"), "sheet-unknown-column",
                        "sheet case-supervision, column 2.1.l (cell E1): the sheet case-supervision has no column '2.1.l' "
                        "(did you mean 2.1.1?)"),
    "a case twice on its sheet": (_set("case-supervision", A14="CS-001"), "sheet-duplicate-case",
                                  "sheet case-supervision, row 14, column case (cell A14): the case 'CS-001' is also on row 2"),
    "a case on two sheets": (_set("unpaid-work", A5="CS-002"), "sheet-duplicate-case",
                             "sheet unpaid-work, row 5, column case (cell A5): the case 'CS-002' is also on sheet case-supervision, row 3"),
    "a standard twice": (_set("judgements", A6="1.2", C6="good"), "sheet-duplicate",
                         "sheet judgements, row 6, column standard (cell A6): the standard 1.2 is also on row 3"),
    "merged cells": (lambda book: book["case-supervision"].merge_cells("E14:F14"), "sheet-merged-cell",
                     "sheet case-supervision, row 14, cell E14: the cells E14:F14 are merged"),
    "a formula": (_set("case-supervision", E14='=IF(1,"yes","no")'), "sheet-formula",
                  "sheet case-supervision, row 14, cell E14: the cell holds a formula"),
    "another version named": (_set("inspection", C2="hmip-crc@2018"), "sheet-other-version",
                              "sheet inspection, row 2, column framework (cell C2): the inspection names hmip-crc@2018, but the "
                              "workbook was made from hmip-crc@2019"),
    "made from another file of the version": (_set("About", B4="0" * 64), "sheet-other-version",
                                              "sheet About, row 2, cell B2: the workbook was made from hmip-crc@2019 with SHA-256 0000"),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_is_placed_at_its_cell_and_nothing_is_written(runner, tmp_path, filled, mistake):
    change, code, place = MISTAKES[mistake]
    book = load_workbook(io.BytesIO(filled))
    change(book)
    book.save(tmp_path / "cases.xlsx")
    result = run(runner, "import", tmp_path / "cases.xlsx", "-o", tmp_path / "inspection.json", code=1)
    lines = result.stderr.splitlines()
    assert lines == [line for line in lines if line.startswith(f"{tmp_path / 'cases.xlsx'}: /sheets/")]
    assert any(f": {place}" in line and line.endswith(f"[{code}]") for line in lines), result.stderr
    assert len(lines) <= 2, "a mistake is reported once, not again by every check that follows from it"
    assert not (tmp_path / "inspection.json").exists()


def test_every_problem_is_reported_in_one_run(runner, tmp_path, filled):
    book = load_workbook(io.BytesIO(filled))
    for change, _, _ in (MISTAKES["answer spelled otherwise"], MISTAKES["attribute not true or false"], MISTAKES["rating in capitals"]):
        change(book)
    book["case-supervision"]["F20"] = None  # a prompt left empty: prompts need no answer
    book["case-supervision"]["E30"] = None
    book.save(tmp_path / "cases.xlsx")
    result = run(runner, "import", tmp_path / "cases.xlsx", "-o", tmp_path / "inspection.json", code=1)
    assert [line.rsplit("[", 1)[1] for line in result.stderr.splitlines()] == [
        "sheet-cell]", "sheet-cell]", "sheet-cell]", "missing-answer]"]
    assert "row 30, column 2.1.1 (cell E30)" in result.stderr


def test_a_sheet_the_version_does_not_have_is_ignored_with_a_note(runner, tmp_path, filled):
    book = load_workbook(io.BytesIO(filled))
    book.create_sheet("Pivot")["A1"] = "totals"
    book.save(tmp_path / "cases.xlsx")
    result = run(runner, "import", tmp_path / "cases.xlsx", "-o", tmp_path / "inspection.json")
    assert f"note: {tmp_path / 'cases.xlsx'}, sheet Pivot: hmip-crc@2019 has no sheet Pivot: it is ignored" in result.stderr
    assert json.loads((tmp_path / "inspection.json").read_text("utf-8"))["framework"] == "hmip-crc@2019"


def test_a_workbook_made_from_another_file_of_the_version_is_refused_unless_framework_names_one(runner, tmp_path, filled):
    revised = json.loads((ROOT / "frameworks" / "hmip-crc" / "2019.json").read_text("utf-8"))
    revised["title"] += " (revised draft)"
    (tmp_path / "revised.json").write_text(json.dumps(revised), "utf-8")
    run(runner, "template", tmp_path / "revised.json", "-o", tmp_path / "revised.xlsx")
    (tmp_path / "cases.xlsx").write_bytes(fill_workbook((tmp_path / "revised.xlsx").read_bytes(),
                                                        json.loads((EXAMPLES / "synthetic-crc-2019.json").read_text("utf-8"))))
    refused = run(runner, "import", tmp_path / "cases.xlsx", "-o", tmp_path / "inspection.json", code=1)
    assert "the workbook was made from hmip-crc@2019 with SHA-256 " in refused.stderr
    assert "but hmip-crc@2019 here is another file, with SHA-256 61689e3d" in refused.stderr
    assert refused.stderr.rstrip().endswith("[sheet-other-version]") and not (tmp_path / "inspection.json").exists()
    taken = run(runner, "import", tmp_path / "cases.xlsx", "--framework", "hmip-crc@2019", "-o", tmp_path / "inspection.json")
    assert "note: the workbook was made from hmip-crc@2019 (SHA-256 " in taken.stderr
    assert "it is read under hmip-crc@2019 (SHA-256 61689e3d" in taken.stderr


@pytest.mark.parametrize("name, content, code", [
    ("cases.xlsx", b"provider,fieldwork_start\n", "sheet-unreadable"),
    ("cases.xlsx", b"PK\x03\x04" + bytes(200), "sheet-unreadable"),
    ("inspection.csv", b"provider,fieldwork_start\r\nA\x00B,2019-10-07\r\n", "encoding"),
    ("inspection.csv", "provider,fieldwork_start\r\nCafé,2019-10-07\r\n".encode("cp1252"), "encoding"),
    ("inspection.csv", "provider,fieldwork_start\r\nCafé,2019-10-07\r\n".encode("utf-16"), "encoding"),
])
def test_a_file_that_cannot_be_read_is_one_problem_line(runner, tmp_path, name, content, code):
    (tmp_path / name).write_bytes(content)
    result = run(runner, "import", tmp_path / name, "-o", tmp_path / "inspection.json", code=1)
    [line] = result.stderr.splitlines()
    assert line.startswith(str(tmp_path / name)) and line.endswith(f"[{code}]")
    assert not (tmp_path / "inspection.json").exists()


def test_csv_files_without_the_about_sheet_need_the_version_named(runner, tmp_path):
    run(runner, "template", "hmip-crc@2019", "--format", "csv", "-o", tmp_path / "cases")
    (tmp_path / "cases" / "About.csv").unlink()
    result = run(runner, "import", tmp_path / "cases", code=1)
    assert result.stderr.strip().endswith("(name the version with --framework ID@VERSION) [sheet-no-version]")
    named = run(runner, "import", tmp_path / "cases", "--framework", "hmip-crc@2019", code=1)
    assert "inspection.csv: /sheets/inspection/2/provider: row 2, column provider (cell A2): empty: the inspection needs its " \
           "provider" in named.stderr


def test_an_output_that_is_an_input_is_refused(runner, tmp_path, filled):
    (tmp_path / "cases.xlsx").write_bytes(filled)
    result = run(runner, "import", tmp_path / "cases.xlsx", "-o", tmp_path / "cases.xlsx", code=1)
    assert result.stderr.rstrip().endswith("[output-is-input]") and (tmp_path / "cases.xlsx").read_bytes() == filled


def test_one_workbook_at_a_time(runner, tmp_path, filled):
    for name in ("a.xlsx", "b.xlsx"):
        (tmp_path / name).write_bytes(filled)
    result = run(runner, "import", tmp_path / "a.xlsx", tmp_path / "b.xlsx", code=2)
    assert "give one workbook, or CSV files" in result.stderr
