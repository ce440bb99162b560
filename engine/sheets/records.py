"""The inspection's own fields and the records kept per standard (judgements, moderation, discretion, standards not
rated), read from their sheets.

The template lists each standard a record may be kept for, with its title; a row with nothing
filled in beside the standard records nothing. A row that records something needs what that
record needs (a judgement its rating, moderation its proposal and whether it was ratified).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .cells import CellProblem, convert, headers, is_empty
from .places import Findings
from .sheet_layout import STANDARD, TITLE, Column, Sheet
from .workbook import Table

_WORDS = {"judgements": "a judgement", "moderation": "a moderation decision", "discretion": "a discretion decision",
          "not_rated": "a standard not rated"}


@dataclass
class RecordRows:
    """Where records came from: the table, each header's column index, and the row of each standard (or of the fields)."""

    table: Table
    columns: dict[str, int]
    rows: dict[str, int] = field(default_factory=dict)


def read_inspection(table: Table, sheet: Sheet, findings: Findings) -> tuple[dict[str, Any], RecordRows]:
    """The inspection's fields (provider, fieldwork_start, framework, notes) from the one filled row under the header."""
    columns = headers(table, sheet, findings)
    filled = [(number, values) for number, values in enumerate(table.rows[1:], 2) if not all(is_empty(v) for v in values)]
    for number, _ in filled[1:]:
        findings.add(table.place(number), "sheet-cell", "the sheet holds one row of the inspection's fields, and this is another",
                     f"keep the values on row {filled[0][0]} and clear this row")
    number, values = filled[0] if filled else (2, ())
    origin = RecordRows(table, columns, {"": number})
    fields: dict[str, Any] = {}
    for column in sheet.columns:
        if column.id not in columns:
            continue
        index = columns[column.id]
        value = values[index] if index < len(values) else None
        if is_empty(value):
            if column.required:
                findings.add(table.place(number, index + 1, column.id), "sheet-cell", f"empty: the inspection needs its {column.id}",
                             _expected(column))
            continue
        try:
            fields[column.id] = convert(column, value)
        except CellProblem as problem:
            findings.add(table.place(number, index + 1, column.id), "sheet-cell", problem.message, problem.hint)
    return fields, origin


def read_records(table: Table, sheet: Sheet, findings: Findings) -> tuple[dict[str, dict[str, Any]], RecordRows]:
    """The records on TABLE, keyed by standard, and where each came from."""
    columns = headers(table, sheet, findings)
    origin = RecordRows(table, columns)
    if "standard" not in columns:
        return {}, origin
    fields = [c for c in sheet.columns if c.kind not in (STANDARD, TITLE) and c.id in columns]
    records: dict[str, dict[str, Any]] = {}
    for number, values in enumerate(table.rows[1:], 2):
        standard = _standard(table, sheet, number, values, columns["standard"], findings, origin)
        given = {c.id: values[columns[c.id]] for c in fields if columns[c.id] < len(values) and not is_empty(values[columns[c.id]])}
        if not given or standard is None:
            if given and standard is None and is_empty(_at(values, columns["standard"])):
                findings.add(table.place(number, columns["standard"] + 1, "standard"), "sheet-cell",
                             "the row records something but names no standard", "give the standard's id")
            continue
        if standard in records:
            findings.add(table.place(number, columns["standard"] + 1, "standard"), "sheet-duplicate",
                         f"the standard {standard} is also on row {origin.rows[standard]}", "keep one row for each standard")
            continue
        origin.rows[standard] = number
        record = _record(table, sheet, number, fields, given, columns, findings)
        if record is not None:  # a record with a problem is left out, and the problem reported
            records[standard] = record
    return records, origin


def _standard(table: Table, sheet: Sheet, number: int, values: tuple, index: int, findings: Findings,
              origin: RecordRows) -> str | None:
    value = _at(values, index)
    if is_empty(value):
        return None
    column = sheet.columns[0]
    try:
        standard = convert(column, value if not isinstance(value, (int, float)) else str(value))
    except CellProblem as problem:
        findings.add(table.place(number, index + 1, "standard"), "sheet-cell", problem.message,
                     problem.hint or f"{sheet.name} are kept for the standards {', '.join(column.allowed)}")
        return None
    origin.rows.setdefault(standard, number)  # where a missing record of this standard is reported
    return standard


def _record(table: Table, sheet: Sheet, number: int, fields: list[Column], given: dict[str, Any], columns: dict[str, int],
            findings: Findings) -> dict[str, Any] | None:
    record: dict[str, Any] = {}
    whole = True
    for column in fields:
        place = table.place(number, columns[column.id] + 1, column.id)
        if column.id not in given:
            if column.required:
                findings.add(place, "sheet-cell", f"empty: {_WORDS[sheet.section]} needs its {column.id}", _expected(column))
                whole = False
            elif column.field == "rationale":
                record[column.field] = ""
            continue
        try:
            record[column.field] = convert(column, given[column.id])
        except CellProblem as problem:
            findings.add(place, "sheet-cell", problem.message, problem.hint)
            whole = False
    return record if whole else None


def _expected(column: Column) -> str:
    """What an empty cell of COLUMN should hold, for the hint."""
    if column.allowed:
        return "one of " + ", ".join(column.allowed)
    return {"provider": "the provider's name", "fieldwork_start": "the date fieldwork started, as YYYY-MM-DD",
            "proposed": "-1, 0 or 1"}.get(column.id, "a value")


def _at(values: tuple, index: int) -> Any:
    return values[index] if index < len(values) else None

