"""Where a value sits in a workbook, for problems an inspector can find: the sheet, the row, the column's header, the cell.

A problem in a workbook is printed like any other, `FILE: POINTER: MESSAGE (HINT) [CODE]`: the
pointer is /sheets/SHEET/ROW/HEADER, for scripts, and the message starts with the same place in
words, for people: "sheet case-supervision, row 14, column 2.1.3 (cell E14): ...". A CSV file is
its sheet, so its messages start at the row.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem, pointer


@dataclass(frozen=True)
class Place:
    file: str
    sheet: str
    row: int | None = None
    column: int | None = None
    header: str | None = None
    in_workbook: bool = True

    def pointer(self) -> str:
        parts: list[object] = ["sheets", self.sheet]
        if self.row is not None:
            parts.append(self.row)
        if self.header is not None:
            parts.extend([1] if self.row is None else [])
            parts.append(self.header)
        return pointer(*parts)

    def words(self) -> str:
        """The place in words: 'sheet S, row 14, column 2.1.3 (cell E14)'."""
        parts = [f"sheet {self.sheet}"] if self.in_workbook else []
        if self.row is not None:
            parts.append(f"row {self.row}")
        cell = f"{letters(self.column)}{self.row if self.row is not None else 1}" if self.column is not None else None
        if self.header is not None:
            parts.append(f"column {self.header}" + (f" (cell {cell})" if cell else ""))
        elif cell is not None:
            parts.append(f"cell {cell}")
        return ", ".join(parts)

    def problem(self, code: str, message: str, hint: str | None = None) -> Problem:
        words = self.words()
        return Problem(code, f"{words}: {message}" if words else message, self.file, self.pointer(), hint)


def letters(column: int) -> str:
    """A spreadsheet's name for the COLUMNth column: 1 is A, 27 is AA."""
    name = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        name = chr(65 + remainder) + name
    return name


class Findings:
    """The problems found in the cells, and what each spoils: a row, a column or a sheet whose later checks would only
    repeat it (an answer spelled wrongly would also be a missing answer), so the engine's checks of those are left out."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.spoiled: set[tuple[str, object]] = set()
        self._cells: set[tuple[str, str, int | None, int]] = set()

    def add(self, place: Place, code: str, message: str, hint: str | None = None, *, spoils: str = "row") -> None:
        """Record a problem at PLACE, unless its cell has one already (a formula's cell is also an empty one); SPOILS is
        what it makes unfit for further checks: 'row', 'column' or 'sheet'."""
        if place.column is not None:
            cell = (place.file, place.sheet, place.row, place.column)
            if cell in self._cells:
                return
            self._cells.add(cell)
        self.problems.append(place.problem(code, message, hint))
        if spoils == "sheet":
            self.spoiled.add((place.sheet, None))
        elif spoils == "column":
            self.spoiled.add((place.sheet, place.header))
        elif place.row is not None:
            self.spoiled.add((place.sheet, place.row))

    def spoils(self, place: Place) -> bool:
        """Whether a problem at PLACE only repeats one already found."""
        return bool({(place.sheet, None), (place.sheet, place.header), (place.sheet, place.row)} & self.spoiled)
