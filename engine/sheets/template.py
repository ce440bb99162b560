"""The template an inspection team fills in: an xlsx workbook, or CSV files for those without a spreadsheet program.

The workbook is built in memory and returned as bytes for the one writer (engine/io/writing.py).
It holds no macros and no formulas: every cell is written as text, so a title from a framework
file that starts with '=' stays text. Each header carries its column's note (the question, its
allowed answers, which cases it is asked of) and each column with a fixed set of values a drop-down.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .. import __version__
from ..io.safe_text import printable, spreadsheet_cell
from ..model.framework import Framework, unpublished
from .book import finished, text_cell
from .sheet_layout import ABOUT, FRAMEWORK_LABEL, INTEGER, SHA256_LABEL, STANDARD, Column, Sheet

#: Drop-downs and checks reach this far down each column: the most rows a sheet can have.
LAST_ROW = 1_048_576
#: A spreadsheet's limit on a drop-down's list written in place (Excel refuses a longer one).
_LIST_LIMIT = 255
#: CSV files start with a UTF-8 byte order mark: without it Excel reads them in the local code page and garbles
#: accented names; LibreOffice, Python's csv (utf-8-sig) and the import read them either way.
BOM = "\ufeff"


def about_rows(framework: Framework, sheets: tuple[Sheet, ...]) -> list[tuple[str, ...]]:
    """The About sheet: what the workbook is, the version it was made from, how to fill it, and every column's note."""
    samples = ", ".join(s.name for s in sheets if s.kind == "cases") or "none"
    rows: list[tuple[str, ...]] = [
        ("Inspection workbook", f"Case judgements for one inspection under {framework.ref}, to be read back into an inspection "
                                "file with `ratings import`."),
        (FRAMEWORK_LABEL, framework.ref),
        ("Framework title", framework.title + unpublished(framework.status)),
        (SHA256_LABEL, framework.sha256),
        ("Made by", f"ratings-engine {__version__} (`ratings template`)"),
        ("Case samples", f"one sheet each: {samples}"),
        ("", ""),
        ("How to fill it", "One row per case, on the sheet of its sample, the case's reference in the column 'case'."),
        ("", "Answers are yes or no, and n/a only where the key question allows it: pick them from the drop-down, spelled "
             "exactly so (no capitals, no spaces)."),
        ("", "Leave a cell empty where the question was not answered: an empty cell is never read as 'no', and a case "
             "lacking an answer it needs is reported at import."),
        ("", "Hover over a column's header for its note: the question, its allowed answers and which cases it is asked of. "
             "Each note is also listed below."),
        ("", "Fill the provider and the fieldwork start date on the sheet 'inspection', and the judgements, moderation and "
             "discretion on their sheets, where the framework has them."),
        ("", "Keep the sheets' names and the headers as they are; do not merge cells or enter formulas: the import reports each."),
        ("", "Then: ratings import cases.xlsx -o inspection.json, and ratings evaluate inspection.json."),
        ("", ""),
        ("Sheet", "Column", "What it holds"),
    ]
    rows.extend((sheet.name, column.id, column.note) for sheet in sheets for column in sheet.columns)
    return rows


def workbook(framework: Framework, sheets: tuple[Sheet, ...]) -> bytes:
    """The xlsx workbook of SHEETS, after its About sheet, as bytes."""
    from openpyxl import Workbook  # here only: no other command pays for importing openpyxl
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    about: Any = book.active
    about.title = ABOUT
    widths = (22, 68, 90)
    for number, row in enumerate(about_rows(framework, sheets), 1):
        for column, value in enumerate(row, 1):
            _text(about.cell(number, column), value).alignment = Alignment(wrap_text=True, vertical="top")
        # Not every program sizes a row to its wrapped text: each is given the height its longest cell needs.
        lines = max(sum(len(line) // (width - 4) + 1 for line in value.split("\n")) for value, width in zip(row, widths, strict=False))
        about.row_dimensions[number].height = 15 * lines
    for label in ("A1", "A8", "A16", "B16", "C16"):
        about[label].font = Font(bold=True)
    for letter, width in zip("ABC", widths, strict=True):
        about.column_dimensions[letter].width = width
    for sheet in sheets:
        _sheet(book.create_sheet(sheet.name), sheet)
    return finished(book, title_rows=True)  # printed, each sheet as wide as the page, its header on every page


def _sheet(worksheet: Any, sheet: Sheet) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    header = PatternFill("solid", fgColor="DDDDDD")
    for number, column in enumerate(sheet.columns, 1):
        cell = _text(worksheet.cell(1, number), column.id)
        cell.font, cell.fill = Font(bold=True), header
        lines = column.note.count("\n") + len(column.note) // 45 + 2
        cell.comment = Comment(printable(column.note).replace("\\x0a", "\n"), "ratings-engine", height=min(400, 16 * lines), width=320)
        letter = get_column_letter(number)
        worksheet.column_dimensions[letter].width = column.width
        validation = _drop_down(column)
        if validation is not None:
            worksheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
    for number, row in enumerate(sheet.rows, 2):
        for column_number, value in enumerate(row, 1):
            if value:
                _text(worksheet.cell(number, column_number), value)
    # The header row stays in view, and on a case sheet the case's reference too.
    worksheet.freeze_panes = "B2" if sheet.kind == "cases" else "A2"


def _drop_down(column: Column) -> Any:
    """The check a spreadsheet makes as a cell is typed: a drop-down of the allowed values, or a whole number."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.kind == INTEGER:
        return DataValidation(type="whole", operator="between", formula1="-9", formula2="9", allow_blank=True,
                              showErrorMessage=True, errorTitle=column.id, error="A whole number: -1, 0 or 1.")
    listed = ",".join(column.allowed)
    if not column.allowed or column.kind == STANDARD or len(listed) > _LIST_LIMIT - 2 or any(
            "," in value or '"' in value for value in column.allowed):
        return None  # too long or not listable in place: the header's note and the import say what is allowed
    return DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True,
                          errorTitle=column.id, error=f"One of: {', '.join(column.allowed)}; or leave it empty.")


def _text(cell: Any, value: str) -> Any:
    return text_cell(cell, value, line_breaks=True)  # the notes' line breaks are the engine's own


def csv_files(framework: Framework, sheets: tuple[Sheet, ...]) -> dict[str, str]:
    """The same template as CSV files: NAME.csv for each sheet and About.csv, each UTF-8 with a byte order mark."""
    # A line break in a note would split a row for a reader who opens the file as text.
    about = [tuple(spreadsheet_cell(value.replace("\n", " ")) for value in row) for row in about_rows(framework, sheets)]
    files = {f"{ABOUT}.csv": _csv(about)}
    for sheet in sheets:
        blank = ("",) * len(sheet.columns)
        rows = [tuple(c.id for c in sheet.columns),
                *[(tuple(spreadsheet_cell(value) for value in row) + blank)[:len(blank)] for row in sheet.rows]]
        files[f"{sheet.name}.csv"] = _csv(rows)
    return files


def _csv(rows: list[tuple[str, ...]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return BOM + buffer.getvalue()
