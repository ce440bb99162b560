"""The result as a workbook (plugins/xlsx_result.py, `ratings evaluate -o result.xlsx`), read back as an analyst would.

openpyxl reads each cell's type and number format; LibreOffice, where installed, opens the workbook
and saves each sheet as CSV, and what it saves is what the workbook holds.
"""

from __future__ import annotations

import copy
import csv
import io
import shutil
import subprocess
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ratings_engine.cli import cli
from ratings_engine.plugins.xlsx_result import render_result_xlsx
from ratings_engine.reports.result import result_document

ROOT = Path(__file__).resolve().parent.parent
SOUTH_YORKSHIRE_2020 = ROOT / "examples" / "south-yorkshire-crc-2020.json"
NO_LIBREOFFICE = "LibreOffice (soffice) is not installed: .ci/run installs it"


@pytest.fixture
def document(engine):
    return result_document(engine.evaluate_file(SOUTH_YORKSHIRE_2020))


def rows(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def by(sheet, column: str, value: str) -> dict:
    return next(row for row in rows(sheet) if row[column].value == value)


def test_a_sheet_per_table_after_the_provenance(document):
    book = load_workbook(io.BytesIO(render_result_xlsx(document)))
    assert book.sheetnames == ["About", "standards", "key questions", "prompts", "overall"]
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert about["Framework"] == "hmip-crc@2019" and about["Framework SHA-256"] == document["framework"]["sha256"]
    assert about["Inspection SHA-256"] == document["input"]["sha256"]
    assert about["Engine"] == f"ratings-engine {document['engine']['version']}"
    assert "rating_methods (ratings-engine" in about["Plugins"]
    for name in book.sheetnames[1:]:
        assert book[name].freeze_panes == "A2", name


def test_cells_are_typed(document):
    book = load_workbook(io.BytesIO(render_result_xlsx(document)))
    kq = by(book["key questions"], "key_question", "2.1.3")
    assert kq["standard"].data_type == "s" and kq["key_question"].data_type == "s"
    assert (kq["yes"].value, kq["of"].value, kq["excluded"].value) == (57, 85, 15)
    assert all(isinstance(kq[c].value, int) for c in ("yes", "of", "excluded"))
    assert kq["percent_exact"].value == pytest.approx(float(Fraction(1140, 17) / 100)) and kq["percent_exact"].number_format == "0.0%"
    assert (kq["percent"].value, kq["percent"].number_format) == (0.67, "0%")
    assert (kq["percent_fraction"].value, kq["percent_fraction"].data_type) == ("1140/17", "s")
    assert isinstance(kq["fieldwork_start"].value, datetime) and kq["fieldwork_start"].value.date().isoformat() == "2019-11-25"
    assert kq["driving"].value == "no" and by(book["key questions"], "key_question", "2.1.1")["driving"].value == "yes"
    standard = by(book["standards"], "standard", "2.1")
    assert (standard["rating"].value, standard["score"].value) == ("good", 2)
    overall = rows(book["overall"])[0]
    assert (overall["rating_label"].value, overall["score"].value, overall["max_score"].value) == ("Good", 20, 30)


def test_an_id_a_spreadsheet_would_make_a_number_stays_as_written(document):
    changed = copy.deepcopy(document)
    changed["standards"][0]["id"] = "2.10"
    changed["standards"][0]["key_questions"] = [dict(changed["standards"][4]["key_questions"][0], id="2.10.1")]
    book = load_workbook(io.BytesIO(render_result_xlsx(changed)))
    assert [c.value for c in book["standards"]["D"][1:2]] == ["2.10"]
    assert book["standards"]["D2"].data_type == "s"
    assert by(book["key questions"], "key_question", "2.10.1")["standard"].value == "2.10"


def test_a_provider_named_as_a_formula_is_text(document):
    changed = dict(document, provider='=HYPERLINK("http://example.com","click")')
    book = load_workbook(io.BytesIO(render_result_xlsx(changed)))
    for cell in (book["standards"]["A2"], book["key questions"]["A2"], book["About"]["B2"]):
        assert (cell.value, cell.data_type) == (changed["provider"], "s")


def test_warnings_have_a_sheet_of_their_own(engine):
    document = result_document(engine.evaluate_file(ROOT / "examples" / "south-yorkshire-crc-2019.json"))
    book = load_workbook(io.BytesIO(render_result_xlsx(document)))
    assert "framework-status" in [row["code"].value for row in rows(book["warnings"])]


def test_evaluate_writes_the_workbook_and_never_prints_it(runner, tmp_path):
    out = tmp_path / "result.xlsx"
    written = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(out)])
    assert written.exit_code == 0 and written.stderr == f"wrote {out} (xlsx)\n"
    assert load_workbook(out)["overall"]["D2"].value == "good"
    for args in (["--format", "xlsx"], ["--format", "xlsx", "-o", "-"]):
        printed = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), *args])
        assert printed.exit_code == 2 and "xlsx is a file format: name the file with -o" in printed.stderr
        assert printed.stdout == ""


@pytest.mark.skipif(shutil.which("soffice") is None, reason=NO_LIBREOFFICE)
def test_libreoffice_opens_the_workbook_and_reads_what_it_holds(runner, tmp_path):
    out = tmp_path / "result.xlsx"
    assert runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(out)]).exit_code == 0
    profile = (tmp_path / "profile").as_uri()  # a profile of its own: a LibreOffice already running elsewhere is not disturbed
    soffice = shutil.which("soffice") or "soffice"
    # Each sheet as CSV (sheet 3: key questions), with the values as the cells show them (the formatted text).
    converted = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                                "--outdir", str(tmp_path / "out"), str(out)], capture_output=True, text=True, timeout=300)
    assert converted.returncode == 0, converted.stderr
    saved = {path.name: path for path in (tmp_path / "out").glob("*.csv")}
    [key_questions] = [path for name, path in saved.items() if "key questions" in name]
    table = list(csv.DictReader(io.StringIO(key_questions.read_text("utf-8"), newline="")))
    row = next(r for r in table if r["key_question"] == "2.1.3")
    assert (row["standard"], row["of"], row["percent"], row["percent_exact"], row["percent_fraction"]) == (
        "2.1", "85", "67%", "67.1%", "1140/17")
    assert row["fieldwork_start"] == "2019-11-25"
    [standards] = [path for name, path in saved.items() if name.endswith("-standards.csv")]
    assert [r["standard"] for r in csv.DictReader(io.StringIO(standards.read_text("utf-8"), newline=""))][:2] == ["1.1", "1.2"]
