"""What every workbook shares: text that stays text, and the finished file."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from ratings_engine.sheets.book import finished, text_cell


def test_a_formula_like_value_stays_text_and_control_characters_show_as_escapes():
    book = Workbook()
    sheet = book.active
    text_cell(sheet["A1"], "=HYPERLINK(1)")
    text_cell(sheet["A2"], "two\nlines")
    text_cell(sheet["A3"], "two\nlines", line_breaks=True)
    again = load_workbook(io.BytesIO(finished(book))).active
    assert again["A1"].value == "=HYPERLINK(1)" and again["A1"].data_type == "s"
    assert again["A2"].value == "two\\x0alines"
    assert again["A3"].value == "two\nlines"


def test_each_sheet_prints_as_wide_as_the_page_and_says_who_made_it():
    book = Workbook()
    book.create_sheet("second")
    again = load_workbook(io.BytesIO(finished(book, title_rows=True)))
    for sheet in again.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
    assert again.properties.creator.startswith("ratings-engine ")
    assert load_workbook(io.BytesIO(finished(Workbook()))).active.print_title_rows is None
