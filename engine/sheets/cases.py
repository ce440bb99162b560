"""A case sample's sheet read into the sample's cases, one case per row, each value's place kept.

A row left wholly empty is no case. A cell left empty is no answer: the engine's own checks then
say whether the case needed one. A case's reference is unique across the workbook: the same case
on two rows, or on two samples' sheets, is most often a row copied onto the wrong sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..io import limits
from .cells import CellProblem, convert, headers, is_empty, shown
from .places import Findings, Place
from .sheet_layout import ANSWER, CASE, TEXT, Column, Sheet
from .workbook import Table

_GROUPS = ("attributes", "key_questions", "prompts")


@dataclass
class CaseRows:
    """Where a sample's cases came from: the table, each case's row (in the cases' order) and each header's column index."""

    table: Table
    columns: dict[str, int]
    #: Every column the sheet should have, present or not: a problem may name one that is missing.
    known: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


def read_cases(table: Table, sheet: Sheet, findings: Findings, seen: dict[str, Place]) -> tuple[list[dict[str, Any]], CaseRows]:
    """The cases on TABLE, the sheet of a sample, and where each came from; SEEN holds the place of every case read so far."""
    columns = headers(table, sheet, findings)
    origin = CaseRows(table, columns, [c.id for c in sheet.columns if c.id != CASE])
    if CASE not in columns:
        return [], origin  # with no references there are no cases to tell apart: the missing column is reported
    reference = columns[CASE]
    # For each answer column: where it is, its column, its group, and its answers for a quick exact match.
    plan = [(index, column, column.field, frozenset(column.allowed) if column.kind == ANSWER else frozenset())
            for name, index in columns.items() if name != CASE and (column := sheet.column(name)) is not None]
    cases = []
    limit = limits.current().max_cases
    for number, values in enumerate(table.rows[1:], 2):
        if all(value is None or value == "" for value in values):
            continue
        case_id = _reference(table, number, values, reference, findings, seen)
        if case_id is None:
            continue
        groups: dict[str, dict[str, Any]] = {group: {} for group in _GROUPS}
        for index, column, group, answers in plan:
            value = values[index] if index < len(values) else None
            if value is None or value == "":
                continue
            if value.__class__ is str and value in answers:
                groups[group][column.id] = value
                continue
            try:
                groups[group][column.id] = convert(column, value)
            except CellProblem as problem:
                findings.add(table.place(number, index + 1, column.id), "sheet-cell", problem.message, problem.hint)
        cases.append(_case(case_id, groups))
        origin.rows.append(number)
    if len(cases) > limit:
        findings.add(table.place(), "too-many-cases", f"the sheet has {len(cases):,} cases, more than the limit of {limit:,}",
                     "if the workbook is genuine, raise RATINGS_MAX_CASES", spoils="sheet")
    return cases, origin


def _reference(table: Table, number: int, values: tuple, index: int, findings: Findings, seen: dict[str, Place]) -> str | None:
    """The case's reference on row NUMBER, or None (reported) where it is missing, not text, or already used."""
    table_column = Column(CASE, TEXT, "")
    place = table.place(number, index + 1, CASE)
    value = values[index] if index < len(values) else None
    if is_empty(value):
        findings.add(place, "sheet-cell", "the row has answers but no case reference", "give the case's reference")
        return None
    try:
        case_id = convert(table_column, value)
    except CellProblem as problem:
        findings.add(place, "sheet-cell", problem.message, problem.hint)
        return None
    earlier = seen.get(case_id)
    if earlier is not None:
        where = (f"row {earlier.row}" if earlier.file == table.file and earlier.sheet == table.name else
                 f"sheet {earlier.sheet}, row {earlier.row}" if earlier.in_workbook else f"{Path(earlier.file).name}, row {earlier.row}")
        findings.add(place, "sheet-duplicate-case", f"the case {shown(case_id)} is also on {where}",
                     "each case is recorded once, on the sheet of its sample: remove one, or correct its reference")
        return None
    seen[case_id] = place
    return case_id


def _case(case_id: str, groups: dict[str, dict[str, Any]]) -> dict[str, Any]:
    case: dict[str, Any] = {"id": case_id}
    if groups["attributes"]:
        case["attributes"] = groups["attributes"]
    case["key_questions"] = groups["key_questions"]
    if groups["prompts"]:
        case["prompts"] = groups["prompts"]
    return case
