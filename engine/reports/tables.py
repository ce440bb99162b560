"""Tables for spreadsheets: one vocabulary of columns, written as CSV here and as a workbook by engine/sheets.

Every CSV output and every workbook sheet is a :class:`Table`: a name, its columns and its rows. A
column's name says what it holds wherever it appears (``score`` and ``max_score``, ``framework`` as
ID@VERSION), and :data:`KINDS` says how its cells are typed: a percentage is a number, its exact
fraction is text, a count is a whole number, a date is a date. The CSV writer and the workbook writer
both follow KINDS, so a column reads the same in both. Nothing is rated here: the cells are the
document's.

In CSV an exact percentage is a decimal (``percent_exact``, 10 decimal places at most) that any
spreadsheet reads as a number, and the fraction it comes from is kept as text beside it
(``percent_fraction``). Ten places tell apart any two percentages of up to a billion cases from each
other and from a band's boundary.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

from ..io.safe_text import spreadsheet_cell
from ..model.proportions import to_fraction

#: Kinds of cell. TEXT: text, never a number or a formula, ids included ("2.10" stays "2.10").
#: INTEGER: a count. NUMBER: a score or weight. PERCENT: a percentage as displayed (65, or "25.0").
#: EXACT: an exact percentage (a fraction text such as "1140/17"), a decimal in CSV. FRACTION: the
#: exact fraction itself, as text. POINTS: a change in percentage points ("-19.0"). DATE: YYYY-MM-DD.
#: YES_NO: a true/false, written yes or no.
TEXT, INTEGER, NUMBER, PERCENT, EXACT, FRACTION, POINTS, DATE, YES_NO = (
    "text", "integer", "number", "percent", "exact", "fraction", "points", "date", "yes_no")

#: The columns whose cells are not text, by name; every other column is TEXT.
KINDS: Mapping[str, str] = {
    "fieldwork_start": DATE,
    "yes": INTEGER, "of": INTEGER, "not_applicable": INTEGER, "excluded": INTEGER, "not_answered": INTEGER,
    "inspections": INTEGER, "pooled_yes": INTEGER, "pooled_of": INTEGER, "changed": INTEGER, "up": INTEGER,
    "down": INTEGER, "count": INTEGER, "bands_moved": INTEGER, "baseline_count": INTEGER, "draft_count": INTEGER,
    "change": INTEGER, "domain": TEXT,
    "score": NUMBER, "max_score": NUMBER, "weight": NUMBER, "weighted_score": NUMBER, "scaled_score": NUMBER,
    "value": NUMBER, "band_from": NUMBER, "band_to": NUMBER,
    "percent": PERCENT, "previous_percent": PERCENT, "mean_percent": PERCENT, "pooled_percent": PERCENT,
    "baseline_percent": PERCENT, "draft_percent": PERCENT,
    "percent_exact": EXACT, "mean_percent_exact": EXACT, "pooled_percent_exact": EXACT,
    "percent_fraction": FRACTION, "mean_percent_fraction": FRACTION, "pooled_percent_fraction": FRACTION,
    "change_points": POINTS,
    "driving": YES_NO, "discretion_eligible": YES_NO, "discretion_exercised": YES_NO, "moderation_changed": YES_NO,
    "counts_towards_overall": YES_NO, "rating_is_published": YES_NO, "rating_changed": YES_NO,
}

#: Decimal places of an exact percentage written as a decimal.
EXACT_PLACES = 10


@dataclass(frozen=True)
class Table:
    """One table: its name (a sheet's, or part of a file's), its columns' names and its rows, one cell per column."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"table {self.name}: a row has {len(row)} cells, the header {len(self.columns)}")


def table(name: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Table:
    """A Table of NAME, COLUMNS and ROWS (each row as many cells as COLUMNS)."""
    return Table(name, tuple(columns), tuple(tuple(row) for row in rows))


def kind_of(column: str) -> str:
    return KINDS.get(column, TEXT)


def exact_decimal(value: Any) -> Decimal:
    """An exact percentage (a fraction text, a number or a Fraction) as a decimal of at most EXACT_PLACES places."""
    exact = value if isinstance(value, Fraction) else to_fraction(value)
    quotient = Decimal(exact.numerator) / Decimal(exact.denominator)
    return quotient.quantize(Decimal(1).scaleb(-EXACT_PLACES), rounding=ROUND_HALF_EVEN).normalize()


def decimal_words(value: Decimal) -> str:
    """A decimal as written, never in exponent form: 65, 67.0588235294, 0.5."""
    return format(value, "f")


def csv_cell(column: str, value: Any) -> str:
    """VALUE as a CSV cell of COLUMN: empty for null, yes/no, numbers unformatted, exact percentages as decimals,
    text never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    kind = kind_of(column)
    if kind == EXACT:
        return decimal_words(exact_decimal(value))
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    return spreadsheet_cell(str(value))


def csv_text(found: Table) -> str:
    """FOUND as RFC 4180 CSV text (comma separated, CRLF, quoted only where needed), the header first."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(found.columns)
    for row in found.rows:
        writer.writerow([csv_cell(column, value) for column, value in zip(found.columns, row, strict=True)])
    return out.getvalue()


#: Written at the start of a CSV file so that Excel reads it as UTF-8 (without it, Excel uses the local code page).
BOM = "\ufeff"
