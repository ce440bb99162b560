"""Where each part of an imported inspection came from, so that the engine's problems are reported in the workbook.

The engine checks the inspection read from a workbook exactly as it checks a file, and places
each problem with a JSON pointer into the inspection (/samples/case-supervision/cases/13/...).
Here that pointer is taken back to the sheet, row and column the value was read from. Where the
engine points at a group (a case's key questions) and names the member in its message, the member
is the column whose id the message names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Problem, tokens
from .cases import CaseRows
from .places import Place
from .records import RecordRows
from .sheet_layout import CASE


@dataclass
class Origins:
    """The tables the inspection was read from, by the part of the inspection each gave."""

    home: str
    in_workbook: bool
    #: The sheet names of the case samples the framework has, given or not, by sample id.
    sample_sheets: dict[str, str] = field(default_factory=dict)
    samples: dict[str, CaseRows] = field(default_factory=dict)
    records: dict[str, RecordRows] = field(default_factory=dict)
    inspection: RecordRows | None = None

    def place(self, problem: Problem) -> Place | None:
        """Where in the workbook PROBLEM, found in the inspection read from it, is; None where it is about the whole."""
        parts = [part for part in tokens(problem.pointer) if part != ""]
        if not parts:
            return None
        head, rest = parts[0], parts[1:]
        if head == "samples":
            return self._in_samples(rest, problem.message)
        if head in self.records or head in ("judgements", "moderation", "discretion", "not_rated"):
            return self._in_records(head, rest)
        if self.inspection is not None:
            return _cell(self.inspection, self.inspection.rows[""], head)
        return None

    def _in_samples(self, parts: list[str], message: str) -> Place | None:
        if not parts:
            named = _named(message, list(self.sample_sheets))
            return None if named is None else self._sheet(named)
        origin = self.samples.get(parts[0])
        if origin is None:
            return self._sheet(parts[0])
        if len(parts) < 3 or parts[1] != "cases" or not parts[2].isdigit() or int(parts[2]) >= len(origin.rows):
            return origin.table.place()
        row = origin.rows[int(parts[2])]
        if len(parts) == 3:
            return origin.table.place(row)
        if parts[3] == "id":
            return _cell(origin, row, CASE)
        member = parts[4] if len(parts) > 4 else _named(message, origin.known)
        return origin.table.place(row) if member is None else _cell(origin, row, member)

    def _in_records(self, section: str, parts: list[str]) -> Place:
        origin = self.records.get(section)
        if origin is None:
            return self._sheet(section.replace("_", "-"))
        row = origin.rows.get(parts[0]) if parts else None
        if row is None:
            return origin.table.place()
        return _cell(origin, row, parts[1]) if len(parts) > 1 else origin.table.place(row)

    def _sheet(self, name: str) -> Place:
        return Place(self.home, self.sample_sheets.get(name, name), in_workbook=self.in_workbook)


def _cell(origin: CaseRows | RecordRows, row: int, header: str) -> Place:
    index = origin.columns.get(header)
    return origin.table.place(row, None if index is None else index + 1, header)


def _named(message: str, candidates: list[str]) -> str | None:
    """The first of CANDIDATES (ids) that MESSAGE names as a whole word: 2.1.1 is not named by 2.1.1.a."""
    for candidate in candidates:
        if re.search(rf"(?<![\w.]){re.escape(candidate)}(?!\w|\.\w)", message):
            return candidate
    return None
