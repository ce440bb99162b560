"""Reading a workbook back into an inspection, through the API: cells read as they mean, problems placed where they are.

The modules that read the cells (cells, cases, records), place them (places) and take the engine's
problems back to them (origins) are tested here, through import_files, as the command uses them.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ratings_engine.errors import InvalidInputError
from ratings_engine.sheets.importing import import_files
from ratings_engine.sheets.places import Findings, Place
from ratings_engine.sheets.sheet_layout import layout
from ratings_engine.sheets.template import csv_files, workbook

from support import ROOT

DYNAMIC = ROOT / "docs" / "examples" / "example-dynamic-framework.json"


def template(engine, tmp_path: Path, name: str = str(DYNAMIC)):
    framework = engine.framework(name)
    return load_workbook(io.BytesIO(workbook(framework, layout(framework, engine.registry))))


def problems(engine, path: Path, framework: str | None = str(DYNAMIC)) -> list[str]:
    with pytest.raises(InvalidInputError) as excinfo:
        import_files(engine, [path], framework)
    return [str(p) for p in excinfo.value.problems]


def fill(book, cases: list[list]) -> None:
    book["inspection"]["A2"] = "Example Probation Region"
    book["inspection"]["B2"] = datetime(2025, 11, 3)  # a date cell, as a spreadsheet makes of a typed date
    for row in cases:
        book["public-protection"].append(row)


def test_cells_are_read_as_they_mean(engine, tmp_path):
    book = template(engine, tmp_path)
    # case, from_release, contact_suspended, harm_factors, 1.1.1, 1.1.2, 1.1.3
    fill(book, [[14, "none", False, "TRUE", "yes", None, "no"], ["c2", "pss-only", "false", False, None, "yes", None]])
    book.save(tmp_path / "cases.xlsx")
    imported = import_files(engine, [tmp_path / "cases.xlsx"], str(DYNAMIC))
    assert imported.document == {
        "provider": "Example Probation Region", "fieldwork_start": "2025-11-03", "framework": imported.framework.ref,
        "samples": {"public-protection": {"cases": [
            {"id": "14", "attributes": {"from_release": "none", "contact_suspended": False, "harm_factors": True},
             "key_questions": {"1.1.1": "yes", "1.1.3": "no"}},
            {"id": "c2", "attributes": {"from_release": "pss-only", "contact_suspended": False, "harm_factors": False},
             "key_questions": {"1.1.2": "yes"}}]}}}


def test_the_engines_problems_are_placed_at_the_cell_the_value_came_from(engine, tmp_path):
    book = template(engine, tmp_path)
    fill(book, [["c1", None, False, True, "yes", None, "yes"], ["c2", "none", False, True, "yes", None, None]])
    book.save(tmp_path / "cases.xlsx")
    assert [line.split(": ", 1)[1] for line in problems(engine, tmp_path / "cases.xlsx")] == [
        "/sheets/public-protection/2/from_release: sheet public-protection, row 2, column from_release (cell B2): case 'c1' does "
        "not record 'from_release', which decides its question set (fill in the case's attribute in its column) [missing-attribute]",
        "/sheets/public-protection/3/1.1.3: sheet public-protection, row 3, column 1.1.3 (cell G3): case 'c2' has no answer for "
        "1.1.3, which applies to it (answer 'yes', 'no') [missing-answer]"]


def test_the_inspection_and_record_sheets_need_what_a_record_needs(engine, tmp_path):
    book = template(engine, tmp_path, "hmip-crc@2019")
    book["inspection"]["B2"] = "7 Oct 2019"
    book["inspection"]["A3"] = "Another provider"
    book["moderation"]["C2"] = 1
    book["judgements"].cell(1, 6, "extra")
    book["judgements"]["F3"] = "x"
    book.save(tmp_path / "cases.xlsx")
    found = problems(engine, tmp_path / "cases.xlsx", None)
    assert [line.split(": ", 2)[2] for line in found[:5]] == [
        "sheet inspection, row 3: the sheet holds one row of the inspection's fields, and this is another (keep the values on "
        "row 2 and clear this row) [sheet-cell]",
        "sheet inspection, row 2, column provider (cell A2): empty: the inspection needs its provider (the provider's name) [sheet-cell]",
        "sheet inspection, row 2, column fieldwork_start (cell B2): '7 Oct 2019' is not a date (a date as YYYY-MM-DD, for example "
        "2019-11-25, or a date cell) [sheet-cell]",
        "sheet judgements, column extra (cell F1): the sheet judgements has no column 'extra' (known: standard, title, rating, "
        "rationale) [sheet-unknown-column]",
        "sheet moderation, row 2, column ratified (cell D2): empty: a moderation decision needs its ratified (one of true, false) "
        "[sheet-cell]"]


def test_csv_files_are_their_own_sheets_and_a_sheet_given_twice_is_named(engine, tmp_path):
    framework = engine.framework(str(DYNAMIC))
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for name, text in csv_files(framework, layout(framework, engine.registry)).items():
            (tmp_path / folder / name).write_text(text, encoding="utf-8")
    rows = list(csv.reader(io.StringIO((tmp_path / "a" / "public-protection.csv").read_text("utf-8-sig"))))
    assert rows == [["case", "from_release", "contact_suspended", "harm_factors", "1.1.1", "1.1.2", "1.1.3"]]
    with pytest.raises(InvalidInputError) as excinfo:
        import_files(engine, [tmp_path / "a" / "About.csv", tmp_path / "a" / "inspection.csv", tmp_path / "b" / "inspection.csv"],
                     str(DYNAMIC))
    lines = [str(p) for p in excinfo.value.problems]
    assert f"{tmp_path / 'b' / 'inspection.csv'}: /sheets/inspection: the sheet is given twice: in {tmp_path / 'a' / 'inspection.csv'} " \
           "and here (give each sheet once) [sheet-duplicate]" in lines
    assert f"{tmp_path / 'a' / 'inspection.csv'}: /sheets/inspection/2/provider: row 2, column provider (cell A2): empty: the " \
           "inspection needs its provider (the provider's name) [sheet-cell]" in lines


def test_a_place_in_words_and_as_a_pointer():
    place = Place("cases.xlsx", "a/b", 14, 5, "2.1.1")
    assert (place.pointer(), place.words()) == ("/sheets/a~1b/14/2.1.1", "sheet a/b, row 14, column 2.1.1 (cell E14)")
    assert Place("x.csv", "x", 3, 28, None, in_workbook=False).words() == "row 3, cell AB3"
    assert Place("cases.xlsx", "s", None, 2, "h").pointer() == "/sheets/s/1/h"


def test_a_problem_spoils_what_it_makes_unfit_for_later_checks():
    findings = Findings()
    findings.add(Place("f", "s", 4, 1, "a"), "sheet-cell", "x")
    findings.add(Place("f", "s", None, 2, "b"), "sheet-unknown-column", "y", spoils="column")
    assert findings.spoils(Place("f", "s", 4, 9, "z")) and findings.spoils(Place("f", "s", 7, 2, "b"))
    assert not findings.spoils(Place("f", "s", 5, 9, "z")) and not findings.spoils(Place("f", "t", 4, 1, "a"))
