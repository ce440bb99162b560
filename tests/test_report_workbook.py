"""Tables as an xlsx workbook (engine/sheets/report_workbook.py): every cell typed on purpose, no formula ever."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from ratings_engine.reports.tables import table
from ratings_engine.sheets.report_workbook import ABOUT, sheet_name, workbook

FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://example.com","x")', "=cmd|' /C calc'!A0"]


def opened(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_each_kind_of_cell_is_typed_as_it_is():
    data = workbook([table("key questions", ["standard", "fieldwork_start", "of", "percent", "percent_exact", "percent_fraction",
                                             "mean_percent", "change_points", "score", "weight", "driving"],
                           [["2.10", "2019-11-25", 85, 67, "1140/17", "1140/17", "64.6", "-19.0", 20, 1.5, True]])],
                    [("Framework", "hmip-crc@2019")])
    sheet = opened(data)["key questions"]
    row = {sheet.cell(1, n).value: sheet.cell(2, n) for n in range(1, sheet.max_column + 1)}
    assert (row["standard"].value, row["standard"].data_type) == ("2.10", "s")
    assert isinstance(row["fieldwork_start"].value, datetime) and row["fieldwork_start"].number_format == "yyyy-mm-dd"
    assert row["of"].value == 85 and isinstance(row["of"].value, int)
    assert (row["percent"].value, row["percent"].number_format) == (0.67, "0%")
    assert row["percent_exact"].value == pytest.approx(float(Fraction(1140, 17) / 100), abs=1e-12)
    assert row["percent_exact"].number_format == "0.0%"
    assert (row["percent_fraction"].value, row["percent_fraction"].data_type) == ("1140/17", "s")
    assert (row["mean_percent"].value, row["mean_percent"].number_format) == (pytest.approx(0.646), "0.0%")
    assert row["change_points"].value == pytest.approx(-19.0) and "%" not in row["change_points"].number_format
    assert (row["score"].value, row["weight"].value, row["driving"].value) == (20, 1.5, "yes")


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_looks_like_a_formula_stays_text(text):
    data = workbook([table("t", ["provider", "standard"], [[text, text]])], [("Provider", text)])
    book = opened(data)
    for cell in (book["t"]["A2"], book["t"]["B2"], book[ABOUT]["B1"]):
        assert (cell.value, cell.data_type) == (text, "s")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) or b"<f " in archive.read(name) for name in sheets)
        assert not any(name.endswith(".bin") or "vba" in name.lower() for name in archive.namelist())  # no macros


def test_each_sheet_has_its_header_frozen_and_its_columns_sized():
    data = workbook([table("standards", ["standard", "standard_title"], [["1.1", "Leadership and a long title"]])],
                    [("Framework SHA-256", "a" * 64)])
    book = opened(data)
    assert book.sheetnames == [ABOUT, "standards"]
    sheet = book["standards"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert sheet.column_dimensions["B"].width >= len("Leadership and a long title")
    assert book[ABOUT]["A1"].value == "Framework SHA-256" and book[ABOUT]["B1"].value == "a" * 64


def test_an_empty_cell_is_empty_and_text_that_is_no_date_stays_text():
    sheet = opened(workbook([table("t", ["fieldwork_start", "of"], [["soon", None]])], []))["t"]
    assert (sheet["A2"].value, sheet["A2"].data_type, sheet["B2"].value) == ("soon", "s", None)


@pytest.mark.parametrize("wanted, taken, expected", [
    ("hmip-crc@2019", [], "hmip-crc@2019"),
    ("a/b:c*d?[e]\\f", [], "a_b_c_d__e__f"),
    ("a-very-long-framework-identifier@2019 key questions", [], "a-very-long-framework-identifie"),
    ("About", ["About"], "About (2)"),
    ("about", ["About"], "about (2)"),
    ("x" * 40, ["x" * 31], "x" * 27 + " (2)"),
    ("History", [], "History (2)"),
])
def test_sheet_names_are_ones_excel_accepts(wanted, taken, expected):
    name = sheet_name(wanted, taken)
    assert name == expected and len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_the_workbook_is_the_same_for_the_same_tables_but_for_its_timestamps():
    tables = [table("t", ["standard"], [["1.1"]])]
    first, second = opened(workbook(tables, [("a", "b")])), opened(workbook(tables, [("a", "b")]))
    assert [[c.value for c in row] for row in first["t"].iter_rows()] == [[c.value for c in row] for row in second["t"].iter_rows()]
