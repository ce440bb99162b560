"""Tables as an xlsx workbook, each cell typed on purpose: the spreadsheet form of a result, an impact or a summary.

Each table is a sheet, its header row frozen and its columns as wide as their contents; an About
sheet comes first with the provenance (which framework version and its SHA-256, the engine, the
plugins, the input's SHA-256). Cells follow engine/reports/tables.py: ids and names are text
cells (a "2.10" stays "2.10", and a name starting with '=' stays text, never a formula); counts are
whole numbers; percentages are numbers with a percent format, from the exact fraction where the
table has one; dates are date cells. The workbook holds no macros and no formulas. Built in memory
and returned as bytes for the one writer (engine/io/writing.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from ..io.safe_text import printable
from ..reports.tables import DATE, EXACT, FRACTION, INTEGER, NUMBER, PERCENT, POINTS, YES_NO, Table, exact_decimal, kind_of
from .book import finished, text_cell

ABOUT = "About"
#: Excel's limit on a sheet's name, and the characters it refuses in one.
_NAME_LIMIT = 31
_NOT_IN_NAME = re.compile(r"[\[\]:*?/\\]")
_WIDEST = 80


def sheet_name(wanted: str, taken: Iterable[str]) -> str:
    """WANTED as a sheet name Excel accepts (at most 31 characters, none of []:*?/\\) and not among TAKEN.

    Sheet names are compared without regard to case, as Excel does; a clash or a cut name is told
    apart by a number at its end.
    """
    used = {name.casefold() for name in taken}
    name = _NOT_IN_NAME.sub("_", printable(wanted)).strip("'") or "sheet"
    candidate = name[:_NAME_LIMIT]
    number = 1
    while candidate.casefold() in used or candidate.casefold() == "history":  # Excel reserves 'History'
        number += 1
        suffix = f" ({number})"
        candidate = name[:_NAME_LIMIT - len(suffix)] + suffix
    return candidate


def workbook(tables: Sequence[Table], about: Sequence[tuple[str, str]]) -> bytes:
    """TABLES as sheets after an About sheet of ABOUT's (label, value) rows, as xlsx bytes."""
    from openpyxl import Workbook  # here only: no other command pays for importing openpyxl
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    first: Any = book.active
    first.title = ABOUT
    for number, (label, value) in enumerate(about, 1):
        label_cell = _text(first.cell(number, 1), label)
        label_cell.font, label_cell.alignment = Font(bold=True), Alignment(vertical="top")
        _text(first.cell(number, 2), value).alignment = Alignment(wrap_text=True, vertical="top")
        first.row_dimensions[number].height = 15 * (len(value) // (_WIDEST - 4) + 1)  # not every program sizes rows itself
    first.column_dimensions["A"].width = max((len(label) for label, _ in about), default=10) + 2
    first.column_dimensions["B"].width = min(_WIDEST, max((len(value) for _, value in about), default=10) + 2)
    taken = [ABOUT]
    for found in tables:
        name = sheet_name(found.name, taken)
        taken.append(name)
        _sheet(book.create_sheet(name), found)
    return finished(book)  # printed, each sheet as wide as the page; _sheet repeats each table's header row


def _sheet(worksheet: Any, found: Table) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="DDDDDD")
    widths = [len(column) for column in found.columns]
    for number, column in enumerate(found.columns, 1):
        cell = _text(worksheet.cell(1, number), column)
        cell.font, cell.fill = Font(bold=True), fill
    for row_number, row in enumerate(found.rows, 2):
        for index, (column, value) in enumerate(zip(found.columns, row, strict=True)):
            shown = _typed(worksheet.cell(row_number, index + 1), kind_of(column), value)
            widths[index] = max(widths[index], shown)
    for number, width in enumerate(widths, 1):
        worksheet.column_dimensions[get_column_letter(number)].width = min(_WIDEST, width + 2)
    worksheet.freeze_panes = "A2"  # the header row stays in view
    worksheet.print_title_rows = "1:1"


def _typed(cell: Any, kind: str, value: Any) -> int:
    """Give CELL the VALUE of a column of KIND, typed as its kind says; the width it needs shown."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool) or kind == YES_NO:
        return len(_text(cell, "yes" if value else "no").value)
    if kind in (PERCENT, EXACT):
        try:
            number = exact_decimal(value) if kind == EXACT else Decimal(str(value))
        except (ArithmeticError, ValueError):
            return len(_text(cell, str(value)).value)  # not a number after all: shown as the text it is
        cell.value = float(number / 100)
        # As displayed: 63% where the document shows whole percentages, 64.6% where it shows tenths.
        exponent = number.as_tuple().exponent
        places = (-exponent if isinstance(exponent, int) else 0) if kind == PERCENT else 1
        cell.number_format = "0%" if places <= 0 else "0.0%" if places == 1 else "0.00%"
        return 7
    if kind in (INTEGER, NUMBER, POINTS) and isinstance(value, (int, float, Decimal, str)):
        return _number(cell, value, kind)
    if kind == DATE and isinstance(value, str):
        try:
            cell.value = date.fromisoformat(value)
            cell.number_format = "yyyy-mm-dd"
            return 10
        except ValueError:
            pass  # not a date after all: shown as the text it is
    return len(_text(cell, value if kind == FRACTION or isinstance(value, str) else str(value)).value)


def _number(cell: Any, value: Any, kind: str) -> int:
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return len(_text(cell, str(value)).value)
    whole = number == number.to_integral_value()
    cell.value = int(number) if whole else float(number)
    cell.number_format = "0" if whole and kind != POINTS else "+0.0;-0.0;0.0" if kind == POINTS else "General"
    return len(str(value)) + 1


def _text(cell: Any, value: str) -> Any:
    return text_cell(cell, value)
