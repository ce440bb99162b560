"""Reading an xlsx workbook or CSV files into tables of cell values, within the limits, through the one reader.

Everything arrives through engine/io/reading.py, so the size limit holds for the file; a workbook
is a zip archive, and the sizes its parts unpack to are checked against the same limit before
openpyxl opens it, so that a small file cannot unpack into gigabytes. openpyxl reads from the bytes
in its read-only mode, row by row. A formula cell or merged cells are reported where they are: a
formula's result depends on the program that last saved the file, and a merged cell hides the cells
it covers. A file that is not a workbook at all, or a damaged one, is one problem line.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InvalidInputError, Problem
from ..io import limits
from ..io.reading import decode, read_bytes
from ..io.safe_text import printable
from .places import Findings, Place

_MB = 1024 * 1024
#: A workbook from before xlsx (.xls), or one saved with a password, is an OLE compound file, not a zip archive.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"')
#: LibreOffice saves a true/false cell as a formula of a constant, which depends on nothing: it is read as its value.
_CONSTANTS = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}
CSV_HINT = ("save it as UTF-8: in Excel, Save As 'CSV UTF-8 (Comma delimited)'; in LibreOffice, tick 'Edit filter settings' "
            "and choose the character set 'Unicode (UTF-8)'")


@dataclass
class Table:
    """One sheet's cell values, row 1 first, and the file it came from (a workbook, or a CSV file named after the sheet)."""

    name: str
    file: str
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    in_workbook: bool = True

    def place(self, row: int | None = None, column: int | None = None, header: str | None = None) -> Place:
        return Place(self.file, self.name, row, column, header, self.in_workbook)


def read_tables(paths: list[Path], findings: Findings) -> list[Table]:
    """The tables in PATHS (one workbook, or CSV files), with formulas and merged cells added to FINDINGS; raises
    InvalidInputError where a file cannot be read at all."""
    tables: list[Table] = []
    failures: list[Problem] = []
    for path in paths:
        try:
            tables.extend([read_csv(path)] if path.suffix.lower() == ".csv" else read_workbook(path, findings))
        except InvalidInputError as error:
            failures.extend(error.problems)
    if failures:
        raise InvalidInputError(failures)
    return tables


def read_workbook(path: Path, findings: Findings) -> list[Table]:
    """Each sheet of the xlsx workbook at PATH; each formula cell and each merged range is added to FINDINGS."""
    file = str(path)
    raw = read_bytes(path)
    _check_archive(raw, file)
    from openpyxl import load_workbook  # here only: no other command pays for importing openpyxl

    tables = []
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False, keep_links=False)
        try:
            for sheet in book.worksheets:
                table = Table(str(sheet.title), file)
                _read_rows(sheet, table, findings)
                for ref in _merged(sheet):
                    findings.add(table.place(*_first_cell(ref)), "sheet-merged-cell",
                                 f"the cells {ref.decode()} are merged: a merged cell hides the cells it covers",
                                 "unmerge them and give each cell its own value")
                tables.append(table)
        finally:
            book.close()
    except InvalidInputError:
        raise
    # openpyxl raises errors of many kinds (KeyError, ValueError, XML and zip errors) on a damaged file: each is one problem.
    except Exception as error:  # noqa: BLE001
        reason = f"the workbook is damaged and cannot be read ({type(error).__name__}: {printable(error)})"
        raise InvalidInputError([_unreadable(file, reason, "open it in a spreadsheet program and save it again")]) from None
    return tables


def _read_rows(sheet: Any, table: Table, findings: Findings) -> None:
    limit = limits.current().max_cases
    for number, cells in enumerate(sheet.iter_rows(min_row=1), 1):
        values = tuple(cell.value for cell in cells)
        if any(cell.data_type == "f" for cell in cells):
            values = tuple(_formula(table, number, column, cell, findings) if cell.data_type == "f" else cell.value
                           for column, cell in enumerate(cells, 1))
        table.rows.append(values)
        if number > limit + 1 and any(value is not None for value in values):
            raise InvalidInputError([table.place().problem(
                "too-many-cases", f"the sheet has more than {limit:,} rows, more than the limit of cases in one sample",
                "if the workbook is genuine, raise RATINGS_MAX_CASES")])


def _formula(table: Table, number: int, column: int, cell: Any, findings: Findings) -> bool | None:
    """A formula cell's value: true or false for LibreOffice's way of saving them (=TRUE()), else None and a problem."""
    constant = _CONSTANTS.get(str(cell.value).upper())
    if constant is None:
        findings.add(table.place(number, column), "sheet-formula",
                     f"the cell holds a formula ({str(cell.value)[:60]}); a formula's value depends on the program that last "
                     "saved the file", "type the value itself")
    return constant


def _merged(sheet: Any) -> list[bytes]:
    """The merged ranges of SHEET. openpyxl's read-only mode does not read them, so the sheet's XML is searched for them."""
    source = getattr(sheet, "_get_source", None)
    if source is None:
        return []
    with source() as stream:
        return _MERGED.findall(stream.read())


def _first_cell(ref: bytes) -> tuple[int, int]:
    letters = ref.split(b":")[0].rstrip(b"0123456789")
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return int(ref.split(b":")[0][len(letters):]), column


def _check_archive(raw: bytes, file: str) -> None:
    """Refuse RAW before openpyxl opens it: not a zip archive, not a workbook, or unpacking beyond the size limit."""
    if raw.startswith(_OLE):
        raise InvalidInputError([_unreadable(file, "this is an old-style .xls workbook, or one saved with a password, not an xlsx "
                                                   "workbook", "save it as an Excel workbook (.xlsx) without a password")])
    limit = limits.current().max_file_bytes
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise InvalidInputError([_unreadable(file, "this is not an xlsx workbook (it is not a zip archive)",
                                             "give an .xlsx workbook, or CSV files named .csv")]) from None
    if "xl/workbook.xml" not in {part.filename for part in parts}:
        raise InvalidInputError([_unreadable(file, "this zip archive is not an xlsx workbook (it has no xl/workbook.xml)")])
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limit:
        raise InvalidInputError([Problem(
            "too-large", f"the workbook unpacks to {unpacked // _MB:,} MB, more than the limit of {limit // _MB:,} MB", file,
            hint="if the workbook is genuine, raise RATINGS_MAX_FILE_MB")])


def _unreadable(file: str, message: str, hint: str | None = None) -> Problem:
    return Problem("sheet-unreadable", message, file, hint=hint)


def read_csv(path: Path) -> Table:
    """The CSV file at PATH as the table of the sheet its name gives (case-supervision.csv: the sheet case-supervision)."""
    file = str(path)
    raw = read_bytes(path)
    try:
        text = decode(raw, file)
    except InvalidInputError as error:
        raise InvalidInputError([_csv_problem(p) for p in error.problems]) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InvalidInputError([Problem("encoding", "the file holds a NUL byte, which text never has: it is not a CSV file "
                                                     "saved as UTF-8", file, line=line, hint=CSV_HINT)])
    first = text.split("\n", 1)[0]
    # Excel saves CSV with semicolons where the decimal mark is a comma; the header row tells which.
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = [tuple(row) for row in reader]
    except csv.Error as error:
        raise InvalidInputError([_unreadable(file, f"this is not a valid CSV file at line {reader.line_num}: {error}",
                                             "save the sheet again as CSV")]) from None
    return Table(path.stem, file, rows, in_workbook=False)


def _csv_problem(problem: Problem) -> Problem:
    return Problem(problem.code, problem.message.replace("the file is", "the CSV file is", 1), problem.file,
                   problem.pointer, CSV_HINT, problem.line, problem.column)
