"""Reading a workbook or CSV files: through the one reader, within the limits, and a file that is no workbook is one problem."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook

from ratings_engine.errors import InvalidInputError
from ratings_engine.sheets.places import Findings
from ratings_engine.sheets.workbook import read_tables


def refused(path) -> list[str]:
    with pytest.raises(InvalidInputError) as excinfo:
        read_tables([path], Findings())
    return [str(problem) for problem in excinfo.value.problems]


def saved(path, rows, change=None):
    book = Workbook()
    book.active.title = "inspection"
    for row in rows:
        book.active.append(row)
    if change is not None:
        change(book.active)
    book.save(path)
    return path


def test_a_workbook_is_read_row_by_row_with_its_formulas_and_merged_cells_reported(tmp_path):
    def spoil(sheet):
        sheet["B3"] = "=1+1"
        sheet.merge_cells("A4:B4")
        sheet["C2"] = "=TRUE()"  # how LibreOffice saves a true/false cell: a constant, read as its value

    findings = Findings()
    [table] = read_tables([saved(tmp_path / "w.xlsx", [["provider", "fieldwork_start"], ["A", "2019-10-07"], ["B", None]], spoil)],
                          findings)
    assert table.name == "inspection" and table.rows[:2] == [("provider", "fieldwork_start", None), ("A", "2019-10-07", True)]
    assert table.rows[2] == ("B", None, None)  # the formula's cell is not read
    assert [p.code for p in findings.problems] == ["sheet-formula", "sheet-merged-cell"]
    assert str(findings.problems[0]).startswith("%s: /sheets/inspection/3: sheet inspection, row 3, cell B3: the cell holds a "
                                                "formula (=1+1)" % (tmp_path / "w.xlsx"))
    assert "the cells A4:B4 are merged" in str(findings.problems[1])


@pytest.mark.parametrize("content, expected", [
    (b"provider,fieldwork_start\n", "it is not a zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old-style .xls workbook, or one saved with a password"),
])
def test_a_file_that_is_not_an_xlsx_workbook_is_one_problem(tmp_path, content, expected):
    path = tmp_path / "cases.xlsx"
    path.write_bytes(content)
    [line] = refused(path)
    assert expected in line and line.endswith("[sheet-unreadable]")


def test_a_zip_that_is_not_a_workbook_or_is_damaged_is_one_problem(tmp_path):
    plain = tmp_path / "plain.xlsx"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "it has no xl/workbook.xml" in refused(plain)[0]
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
    [line] = refused(damaged)
    assert "the workbook is damaged and cannot be read" in line and line.endswith("[sheet-unreadable]")


def test_a_workbook_that_unpacks_beyond_the_size_limit_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    monkeypatch.setenv("RATINGS_MAX_FILE_MB", "1")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (3 * 1024 * 1024) + b"</a>")
    assert bomb.stat().st_size < 100_000
    [line] = refused(bomb)
    assert "the workbook unpacks to 3 MB, more than the limit of 1 MB" in line and line.endswith("[too-large]")


def test_a_sheet_with_more_rows_than_cases_allowed_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("RATINGS_MAX_CASES", "5")
    path = saved(tmp_path / "w.xlsx", [["case"], *[[f"C{n}"] for n in range(10)]])
    [line] = refused(path)
    assert "more than 5 rows" in line and line.endswith("[too-many-cases]")


@pytest.mark.parametrize("content, expected", [
    ("provider\nCafé\n".encode("utf-16"), "the CSV file is UTF-16 text"),
    ("provider\nCafé\n".encode("cp1252"), ":2:4: /: the CSV file is not UTF-8 text"),
    (b"provider\nA\x00B\n", ":2: /: the file holds a NUL byte"),
])
def test_a_csv_file_in_another_encoding_is_named_with_how_to_save_it_as_utf8(tmp_path, content, expected):
    path = tmp_path / "inspection.csv"
    path.write_bytes(content)
    [line] = refused(path)
    assert expected in line and "CSV UTF-8 (Comma delimited)" in line and line.endswith("[encoding]")


def test_csv_files_are_read_with_or_without_the_byte_order_mark_and_with_semicolons(tmp_path):
    (tmp_path / "inspection.csv").write_bytes("\ufeffprovider,notes\r\nCafé CRC,\"two\nlines\"\r\n".encode())
    (tmp_path / "judgements.csv").write_bytes(b"standard;rating\r\n1.1;good\r\n")
    tables = read_tables([tmp_path / "inspection.csv", tmp_path / "judgements.csv"], Findings())
    assert [(t.name, t.in_workbook) for t in tables] == [("inspection", False), ("judgements", False)]
    assert tables[0].rows == [("provider", "notes"), ("Café CRC", "two\nlines")]
    assert tables[1].rows == [("standard", "rating"), ("1.1", "good")]


def test_a_csv_file_that_is_not_valid_csv_is_one_problem(tmp_path):
    path = tmp_path / "inspection.csv"
    path.write_bytes(b'provider\n"Open quote\n')
    [line] = refused(path)
    assert "not a valid CSV file at line 2" in line and line.endswith("[sheet-unreadable]")


def test_the_workbook_is_read_through_the_one_reader(tmp_path):
    [line] = refused(tmp_path / "missing.xlsx")
    assert line.endswith("[unreadable]")
