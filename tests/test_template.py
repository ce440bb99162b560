"""The template: an xlsx workbook, or CSV files, made from a framework version's layout; text only, never a formula."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from ratings_engine.sheets.sheet_layout import layout
from ratings_engine.sheets.template import BOM, csv_files, workbook


def made(engine, ref: str = "hmip-crc@2019"):
    framework = engine.framework(ref)
    return framework, load_workbook(io.BytesIO(workbook(framework, layout(framework, engine.registry))))


def test_the_about_sheet_comes_first_and_names_the_version_it_was_made_from(engine):
    framework, book = made(engine)
    assert book.sheetnames[0] == "About"
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    assert about["Framework"] == "hmip-crc@2019"
    assert about["Framework SHA-256"] == framework.sha256
    assert about["Made by"].startswith("ratings-engine ")
    assert "never read as 'no'" in " ".join(str(cell.value) for cell in book["About"]["B"] if cell.value)


def test_each_header_has_its_note_and_each_answer_column_its_drop_down(engine):
    _, book = made(engine)
    sheet = book["case-supervision"]
    headers = {cell.value: cell for cell in sheet[1]}
    assert "harm_factors is true" in headers["2.1.3"].comment.text
    assert headers["2.1.1"].comment.text.startswith("Key question 2.1.1: ")
    drop_downs = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert drop_downs["E2:E1048576"] == '"yes,no"'  # 2.1.1
    assert drop_downs["B2:B1048576"] == '"true,false"'  # harm_factors
    assert book["through-the-gate"].data_validations.dataValidation[0].formula1 == '"yes,no,n/a"'
    assert sheet.freeze_panes == "B2" and book["judgements"].freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 12


def test_no_cell_is_a_formula_even_text_that_starts_like_one(engine, framework_factory):
    def titled(document):
        document["title"] = '=HYPERLINK("http://example.invalid","x")'
        document["domains"][0]["standards"][0]["title"] = "+1 staff"

    framework = framework_factory(titled)
    book = load_workbook(io.BytesIO(workbook(framework, layout(framework, engine.registry))))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells and all(cell.data_type != "f" for cell in cells)
    assert any(cell.value == '=HYPERLINK("http://example.invalid","x")' for cell in cells)


def test_the_csv_files_hold_the_same_sheets_with_a_byte_order_mark(engine):
    framework = engine.framework("hmip-crc@2019")
    files = csv_files(framework, layout(framework, engine.registry))
    assert sorted(files) == sorted(["About.csv", "inspection.csv", "case-supervision.csv", "unpaid-work.csv",
                                    "through-the-gate.csv", "judgements.csv", "moderation.csv", "discretion.csv"])
    assert all(text.startswith(BOM) for text in files.values())
    assert files["judgements.csv"].splitlines()[:2] == [BOM + "standard,title,rating,rationale", "1.1,Leadership,,"]
    assert "\r\n" in files["case-supervision.csv"]
