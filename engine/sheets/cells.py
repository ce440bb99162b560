"""One cell's value as the inspection holds it, and a sheet's header row matched against the columns it should have.

Answers and ratings are matched exactly, as in an inspection file: 'Yes ' is not 'yes', and the
message shows the cell as it is, with a hint where only capitals or spaces are wrong. A spreadsheet
turns typed true and false into its own TRUE and FALSE, and dates into date cells, so those are
read as what they mean. An empty cell is no value at all: never a 'no'.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ..errors import did_you_mean, hint_for
from ..io.safe_text import printable
from .places import Findings
from .sheet_layout import ANSWER, ATTRIBUTE, BOOLEAN, BOOLEANS, DATE, INTEGER, RATING, STANDARD, Column, Sheet
from .workbook import Table

_WHOLE = re.compile(r"[+-]?[0-9]{1,9}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class CellProblem(ValueError):
    """A cell's value is not one its column allows."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


def is_empty(value: Any) -> bool:
    return value is None or value == ""


def shown(value: Any) -> str:
    """A cell's value as a message shows it: text quoted as it is, spaces and all; anything else with what it is."""
    if isinstance(value, str):
        return repr(printable(value)) if value == printable(value) else f"'{printable(value)}'"
    if isinstance(value, bool):
        return f"{'TRUE' if value else 'FALSE'} (a true/false cell)"
    if isinstance(value, (datetime, date)):
        return f"{value.isoformat()} (a date cell)"
    return f"{value} (a number)"


def convert(column: Column, value: Any) -> Any:
    """VALUE, a non-empty cell of COLUMN, as the inspection holds it; raises CellProblem saying why it cannot be."""
    kind = column.kind
    if kind == BOOLEAN or (kind == ATTRIBUTE and column.allowed == BOOLEANS):
        return _boolean(value)
    if kind in (ANSWER, RATING, STANDARD, ATTRIBUTE):
        if isinstance(value, str) and value in column.allowed:
            return value
        raise _not_one_of(value, column.allowed)
    if kind == INTEGER:
        return _whole(value)
    if kind == DATE:
        return _date(value)
    return _text(value)


def _not_one_of(value: Any, allowed: tuple[str, ...]) -> CellProblem:
    hint = None
    if isinstance(value, str):
        tidy = value.strip().lower()
        exact = next((a for a in allowed if a.lower() == tidy), None)
        hint = (f"write {exact}: spelled exactly so, with no capitals or spaces" if exact is not None
                else did_you_mean(value, allowed))
    return CellProblem(f"{shown(value)} is not one of {', '.join(allowed)}", hint)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    # A spreadsheet shows true as TRUE, and a CSV file saved by one writes it so.
    if isinstance(value, str) and value.lower() in BOOLEANS:
        return value.lower() == "true"
    raise CellProblem(f"{shown(value)} is not true or false", "true or false, as the drop-down offers")


def _whole(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**9:
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 10**9:
        return int(value)
    if isinstance(value, str) and _WHOLE.fullmatch(value):
        return int(value)
    raise CellProblem(f"{shown(value)} is not a whole number", "-1 lowers the rating one band, 0 leaves it, 1 raises it")


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise CellProblem(f"{shown(value)} is not a date", "a date as YYYY-MM-DD, for example 2019-11-25, or a date cell")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    # A reference typed as 14 is stored by a spreadsheet as the number 14: it is still the reference "14".
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    raise CellProblem(f"{shown(value)} is not text", "type it as text")


def headers(table: Table, sheet: Sheet, findings: Findings) -> dict[str, int]:
    """Each known header of TABLE and its column's index; unknown, repeated and missing headers are reported.

    A header matches a column's id exactly; an unknown one is named with the closest id.
    """
    first = table.rows[0] if table.rows else ()
    found: dict[str, int] = {}
    ids = [c.id for c in sheet.columns]
    present = {h for h in first if isinstance(h, str)}
    # An unknown header is most often a known one mistyped: the columns missing are the likelier meaning.
    missing = [i for i in ids if i not in present]
    for index, header in enumerate(first):
        if is_empty(header):
            if any(len(row) > index and not is_empty(row[index]) for row in table.rows[1:]):
                findings.add(table.place(1, index + 1), "sheet-unknown-column", "the column has values but no header",
                             f"give it one of the headers {sheet.name} has, or clear it", spoils="sheet")
            continue
        name = header if isinstance(header, str) else str(header)
        place = table.place(None, index + 1, name)
        if name in found:
            findings.add(place, "sheet-duplicate", f"the header {name} is also the header of column {found[name] + 1}",
                         "keep one column of each", spoils="column")
        elif sheet.column(name) is None:
            findings.add(place, "sheet-unknown-column", f"the sheet {sheet.name} has no column {shown(name)}",
                         did_you_mean(name.strip(), missing) or hint_for(name.strip(), ids), spoils="column")
        else:
            found[name] = index
    for column in sheet.columns:
        if column.id not in found and column.field != "prompts" and column.kind != "title":
            findings.add(table.place(None, None, column.id), "sheet-missing", f"the sheet has no column {column.id}",
                         "add the column, headed exactly so, as the template has it", spoils="column")
    return found
