"""The impact of a draft as a workbook (plugins/xlsx_impact.py, `ratings impact ... -o impact.xlsx`)."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from impact_documents import impact_document
from openpyxl import load_workbook

from ratings_engine.cli import cli
from ratings_engine.plugins.xlsx_impact import render_impact_xlsx

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def rows(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize("sweep", [True, False])
def test_a_sheet_per_table(sweep):
    book = load_workbook(io.BytesIO(render_impact_xlsx(impact_document(sweep))))
    expected = ["About", "summary", "shares", "transitions", "inspections", "not rated", "discretion not allowed"]
    assert book.sheetnames == expected + (["sweep"] if sweep else [])
    assert all(book[name].freeze_panes == "A2" for name in book.sheetnames[1:])


def test_the_figures_are_the_document_s_and_typed():
    document = impact_document(True)
    book = load_workbook(io.BytesIO(render_impact_xlsx(document)))
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert about["Baseline"].startswith(document["baseline"]["ref"]) and about["Draft SHA-256"] == document["draft"]["sha256"]
    summary = rows(book["summary"])
    assert [row["standard"] for row in summary] == ["overall"] + [s["id"] for s in document["standards"]]
    assert summary[0]["changed"] == document["overall"]["changed"]
    share = document["overall"]["shares"][0]
    first = rows(book["shares"])[0]
    assert first["baseline_count"] == share["baseline"]
    assert first["baseline_percent"] == pytest.approx(float(share["baseline_percent"]) / 100)
    assert book["shares"]["E2"].number_format == "0.0%"
    transitions = rows(book["transitions"])
    assert sum(row["count"] for row in transitions if row["standard"] == "overall") == document["counts"]["compared"]
    inspection = rows(book["inspections"])[0]
    assert isinstance(inspection["fieldwork_start"], datetime) and inspection["baseline_framework"] == document["baseline"]["ref"]
    assert inspection["rating_changed"] in ("yes", "no") and isinstance(inspection["bands_moved"], int)
    sweep = rows(book["sweep"])
    assert {row["value"] for row in sweep} == {int(v) for v in document["sweep"]["values"]}
    marked = {row["version_value"] for row in sweep if row["value"] == int(document["sweep"]["baseline_value"])}
    assert len(marked) == 1 and "baseline" in marked.pop()


def test_impact_writes_a_workbook_from_a_real_run(runner, tmp_path):
    out = tmp_path / "impact.xlsx"
    result = runner.invoke(cli, ["impact", "--baseline", "hmip-crc@2019", "--draft", "hmip-crc@2019", "--sweep", "bands.good=60:70",
                                 str(CORPUS), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    book = load_workbook(out)
    assert book.sheetnames[-1] == "sweep" and len(rows(book["sweep"])) == 11 * 11 * 5  # values, parts, ratings
    printed = runner.invoke(cli, ["impact", "--baseline", "hmip-crc@2019", "--draft", "hmip-crc@2019", str(CORPUS),
                                  "--format", "xlsx"])
    assert printed.exit_code == 2 and "xlsx is a file format: name the file with -o" in printed.stderr
