"""A batch with an inspection whose file name is not UTF-8, and a provider named like a formula: the summary CSV and the
summary workbook are written, the name shown and the formula kept as text."""

import csv
import io
import json
import os


def run(h):
    source = h.example()
    folder = os.fsencode(h.folder)
    os.makedirs(os.fsdecode(folder + b"/in"))
    formula = json.loads(source.read_text("utf-8"))
    formula["provider"] = '=HYPERLINK("http://x","click")'
    for name, content in ((b"insp\xff\xfe.json", source.read_bytes()), (b"formula.json", json.dumps(formula).encode())):
        with open(os.fsdecode(folder + b"/in/" + name), "wb") as copy:
            copy.write(content)
    done = h.ratings("evaluate", "in", "--output-dir", "out", "--summary", "summary.csv").ok()
    assert "rated 2 of 2" in done.stderr, done
    rows = list(csv.DictReader(io.StringIO((h.folder / "summary.csv").read_text("utf-8-sig"), newline="")))
    assert sorted(row["file"] for row in rows) == ["in/formula.json", "in/insp\\udcff\\udcfe.json"], rows
    assert sorted(row["provider"] for row in rows) == ["'=HYPERLINK(\"http://x\",\"click\")", "South Yorkshire CRC"], rows
    (h.folder / "summary-hmip-crc@2019-key-questions.csv").read_text("utf-8")
    done = h.ratings("evaluate", "in", "--output-dir", "out2", "--summary", "summary.xlsx").ok()
    from openpyxl import load_workbook

    sheet = load_workbook(h.folder / "summary.xlsx")["inspections"]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row[:2]}
    assert cells == {"in/formula.json": "s", "in/insp\\udcff\\udcfe.json": "s", '=HYPERLINK("http://x","click")': "s",
                     "South Yorkshire CRC": "s"}, cells
