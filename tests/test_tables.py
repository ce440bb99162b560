"""Tables for spreadsheets (engine/reports/tables.py): one vocabulary of columns, typed cells, CSV text.

Every column a built-in CSV output writes is in the README's table of CSV columns, so a column's
name means the same in every file and the one table says what it holds.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from impact_documents import impact_document

from ratings_engine.analysis.batch import Summary
from ratings_engine.plugins.csv_format import key_questions_table, standards_table
from ratings_engine.plugins.impact_csv import inspections_table
from ratings_engine.reports.result import result_document, with_previous
from ratings_engine.reports.tables import EXACT, FRACTION, INTEGER, PERCENT, TEXT, Table, csv_cell, csv_text, exact_decimal, kind_of, table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize("value, expected", [
    ("1140/17", "67.0588235294"), ("63", "63"), (65, "65"), ("129/2", "64.5"), (Fraction(200, 3), "66.6666666667"),
    ("1/3000000000", "0.0000000003"), (Fraction(6499999999, 100000000), "64.99999999"),
])
def test_an_exact_percentage_is_a_decimal_of_at_most_ten_places(value, expected):
    assert exact_decimal(value) == Decimal(expected)
    assert csv_cell("percent_exact", value) == expected


def test_ten_places_tell_a_percentage_just_below_a_boundary_from_the_boundary():
    # 64.99% of 10,000 cases is 6,499 of them: the decimal is below 65, as the bands decide.
    assert Decimal(csv_cell("percent_exact", "6499/100")) < 65
    assert Decimal(csv_cell("percent_exact", Fraction(100 * 649_999_999, 1_000_000_000))) < 65


@pytest.mark.parametrize("column, value, expected", [
    ("percent_fraction", "1140/17", "1140/17"), ("yes", 63, "63"), ("score", 20.0, "20"), ("weight", 1.5, "1.5"),
    ("driving", True, "yes"), ("moderation_changed", False, "no"), ("band", None, ""),
    ("provider", "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("standard", "2.10", "2.10"), ("provider", "-1", "'-1"),
])
def test_each_kind_of_cell(column, value, expected):
    assert csv_cell(column, value) == expected


def test_columns_have_kinds_and_others_are_text():
    assert [kind_of(c) for c in ("percent", "percent_exact", "percent_fraction", "of", "standard", "2.1")] == [
        PERCENT, EXACT, FRACTION, INTEGER, TEXT, TEXT]


def test_csv_text_is_rfc_4180_with_the_header_first():
    text = csv_text(table("t", ["provider", "of"], [["A, B", 3], ["C", None]]))
    assert text == 'provider,of\r\n"A, B",3\r\nC,\r\n'
    assert not text.startswith("\ufeff")  # the command adds the byte order mark to a file, never the table


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="a row has 1 cells, the header 2"):
        Table("t", ("a", "b"), (("x",),))


def readme_columns() -> set[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    lines = text[text.index("| column | in | what it holds |"):].splitlines()[2:]
    names: set[str] = set()
    for line in lines:
        if not line.startswith("|"):
            break
        names.update(re.findall(r"`([a-z_]+)`", line.strip("|").split("|")[0]))
    return names


def test_every_column_of_every_csv_output_is_in_the_readme_table(engine):
    documents = [result_document(engine.evaluate_file(path)) for path in sorted(EXAMPLES.glob("*.json"))]
    documents.append(with_previous(documents[0], documents[1]))
    columns = {c for d in documents for t in (key_questions_table(d), standards_table(d)) for c in t.columns}
    summary = Summary()
    for number, document in enumerate(documents):
        summary.add(Path(f"inspection-{number}.json"), document)
    standard_ids = {s for ids in summary.standards.values() for s in ids}
    columns |= {c for t in summary.tables() for c in t.columns if c not in standard_ids}
    columns |= set(inspections_table(impact_document()).columns)
    missing = sorted(columns - readme_columns())
    assert not missing, f"CSV columns not in the README's table of CSV columns: {missing}"


def test_the_batch_summary_reads_back_as_written(engine):
    summary = Summary()
    summary.add(Path("sy.json"), result_document(engine.evaluate_file(EXAMPLES / "south-yorkshire-crc-2020.json")))
    rows = list(csv.DictReader(io.StringIO(csv_text(summary.key_questions_table("hmip-crc@2019")), newline="")))
    first = rows[0]
    assert (first["key_question"], first["mean_percent"], first["mean_percent_exact"], first["mean_percent_fraction"]) == (
        "2.1.1", "63.0", "63", "63")
