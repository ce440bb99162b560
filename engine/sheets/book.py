"""What every workbook the engine writes shares: text cells that stay text, and the finished file.

A template (template.py) and a report (report_workbook.py) are laid out differently, but write a
piece of text, set up a sheet for printing and give the workbook's bytes the same way.
"""

from __future__ import annotations

import io
from typing import Any

from .. import __version__
from ..io.safe_text import printable


def text_cell(cell: Any, value: str, *, line_breaks: bool = False) -> Any:
    """CELL holding VALUE as text whatever it starts with (openpyxl would take '=...' for a formula).

    Control characters are shown as escapes, as everywhere text from a file is shown; LINE_BREAKS
    keeps the line breaks of the engine's own notes as line breaks.
    """
    shown = printable(value)
    cell.value = shown.replace("\\x0a", "\n") if line_breaks else shown
    cell.data_type = "s"
    return cell


def finished(book: Any, *, title_rows: bool = False) -> bytes:
    """BOOK as xlsx bytes, each sheet printed as wide as the page (TITLE_ROWS: its first row on every page)."""
    from openpyxl.worksheet.properties import PageSetupProperties

    for worksheet in book.worksheets:
        worksheet.page_setup.orientation = "landscape"
        worksheet.page_setup.fitToWidth, worksheet.page_setup.fitToHeight = 1, 0
        worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        if title_rows:
            worksheet.print_title_rows = "1:1"
    book.properties.creator = f"ratings-engine {__version__}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
