"""`ratings template`: the workbook (or CSV files) an inspection team fills in, written through the one writer.

A template never replaces a file, which may be a filled workbook. LibreOffice, as an inspector
without Excel would, opens the workbook and its sheets and headers read back as they were written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from ratings_engine.cli import cli

from sheets_fill import fill_workbook
from support import EXAMPLES


def test_the_workbook_is_written_with_a_sheet_per_case_sample(runner, tmp_path):
    result = runner.invoke(cli, ["template", "hmip-youth@2021", "-o", str(tmp_path / "cases.xlsx")])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {tmp_path / 'cases.xlsx'} (template of hmip-youth@2021: 2 case sample sheet(s))\n"
    book = load_workbook(tmp_path / "cases.xlsx")
    assert book.sheetnames == ["About", "inspection", "court-disposals", "out-of-court-disposals", "judgements", "discretion",
                              "not-rated"]
    assert [c.value for c in book["court-disposals"][1]][:5] == ["case", "harm_factors", "2.1.1", "2.1.2", "2.1.3"]
    assert os.listdir(tmp_path) == ["cases.xlsx"]


def test_only_the_samples_asked_for(runner, tmp_path):
    result = runner.invoke(cli, ["template", "hmip-crc@2019", "--sample", "unpaid-work", "-o", str(tmp_path / "uw.xlsx")])
    assert result.exit_code == 0, result.output
    assert load_workbook(tmp_path / "uw.xlsx").sheetnames == ["About", "inspection", "unpaid-work", "judgements", "moderation",
                                                              "discretion"]
    wrong = runner.invoke(cli, ["template", "hmip-crc@2019", "--sample", "unpaid_work", "-o", str(tmp_path / "x.xlsx")])
    assert wrong.exit_code == 2 and "'unpaid_work' is not a case sample of hmip-crc@2019 (did you mean unpaid-work?)" in wrong.stderr


def test_a_template_never_replaces_a_file_unless_forced(runner, tmp_path):
    target = tmp_path / "cases.xlsx"
    target.write_bytes(b"a filled workbook")
    refused = runner.invoke(cli, ["template", "hmip-crc@2019", "-o", str(target)])
    assert refused.exit_code == 1 and refused.stderr.rstrip().endswith("[output-exists]")
    assert target.read_bytes() == b"a filled workbook"
    assert runner.invoke(cli, ["template", "hmip-crc@2019", "-o", str(target), "--force"]).exit_code == 0
    assert target.read_bytes().startswith(b"PK")


def test_standard_output_is_no_place_for_a_workbook(runner):
    result = runner.invoke(cli, ["template", "hmip-crc@2019", "-o", "-"])
    assert result.exit_code == 2 and "not to standard output" in result.stderr


def test_csv_files_go_into_a_folder_and_none_is_replaced(runner, tmp_path):
    result = runner.invoke(cli, ["template", "hmip-crc@2019", "--format", "csv", "-o", str(tmp_path / "cases")])
    assert result.exit_code == 0, result.output
    assert "case-supervision.csv" in os.listdir(tmp_path / "cases")
    (tmp_path / "cases" / "inspection.csv").write_text("filled", "utf-8")
    again = runner.invoke(cli, ["template", "hmip-crc@2019", "--format", "csv", "-o", str(tmp_path / "cases")])
    assert again.exit_code == 1 and "[output-exists]" in again.stderr
    assert (tmp_path / "cases" / "inspection.csv").read_text("utf-8") == "filled"


def test_an_unknown_framework_is_one_problem(runner, tmp_path):
    result = runner.invoke(cli, ["template", "hmip-crc@2020", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 1 and result.stderr.rstrip().endswith("[framework-not-found]")


def test_the_commands_that_do_not_use_workbooks_do_not_import_openpyxl():
    found = subprocess.run([sys.executable, "-X", "importtime", "-c", "import ratings_engine.cli"], capture_output=True,
                           text=True, check=True)
    assert "ratings_engine.cli" in found.stderr and "openpyxl" not in found.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed: .ci/run installs it")
def test_libreoffice_opens_the_template_and_what_it_saves_imports_the_same(runner, tmp_path):
    inspection = json.loads((EXAMPLES / "synthetic-crc-2019.json").read_text("utf-8"))
    assert runner.invoke(cli, ["template", "hmip-crc@2019", "-o", str(tmp_path / "cases.xlsx")]).exit_code == 0
    (tmp_path / "filled.xlsx").write_bytes(fill_workbook((tmp_path / "cases.xlsx").read_bytes(), inspection))
    profile = (tmp_path / "profile").as_uri()  # a profile of its own: a LibreOffice already running elsewhere is not disturbed
    soffice = shutil.which("soffice") or "soffice"
    converted = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                                "--outdir", str(tmp_path / "out"), str(tmp_path / "cases.xlsx"), str(tmp_path / "filled.xlsx")],
                               capture_output=True, text=True, timeout=300)
    assert converted.returncode == 0, converted.stderr
    mine, theirs = load_workbook(tmp_path / "cases.xlsx"), load_workbook(tmp_path / "out" / "cases.xlsx")
    assert theirs.sheetnames == mine.sheetnames
    for name in mine.sheetnames:
        assert [c.value for c in theirs[name][1]] == [c.value for c in mine[name][1]], name
    assert theirs["About"]["B2"].value == "hmip-crc@2019"
    assert theirs["case-supervision"]["E1"].comment.text.startswith("Key question 2.1.1")
    assert any(v.formula1 == '"yes,no"' for v in theirs["case-supervision"].data_validations.dataValidation)
    # LibreOffice saves true and false as formulas (=TRUE()); they are read as the values they are.
    for workbook in (tmp_path / "filled.xlsx", tmp_path / "out" / "filled.xlsx"):
        result = runner.invoke(cli, ["import", str(workbook), "-o", str(workbook.with_suffix(".json"))])
        assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "filled.json").read_bytes() == (tmp_path / "filled.json").read_bytes()
