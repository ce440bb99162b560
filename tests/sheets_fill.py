"""Filling a template programmatically from an inspection file's answers, as an inspection team would by hand.

For the tests and the import benchmark: the template made by `ratings template`, filled cell by cell
from a case-level inspection, so that importing it must give back an inspection that rates the same.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

#: The sheets of records, and the part of the inspection each holds.
RECORDS = {"judgements": "judgements", "moderation": "moderation", "discretion": "discretion", "not-rated": "not_rated"}


def rows_of(name: str, header: list[str], inspection: dict[str, Any]) -> list[list[Any]]:
    """The rows (after the header) of the sheet NAME, filled from INSPECTION."""
    if name == "inspection":
        return [[inspection.get(h) for h in header]]
    if name in RECORDS:
        records = inspection.get(RECORDS[name], {})
        return [[standard if h == "standard" else record.get(h) for h in header] for standard, record in records.items()]
    sample = inspection["samples"].get(name, {"cases": []})
    rows = []
    for case in sample["cases"]:
        values = {**case.get("attributes", {}), **case["key_questions"], **case.get("prompts", {}), "case": case["id"]}
        rows.append([values.get(h) for h in header])
    return rows


def fill_workbook(template: bytes, inspection: dict[str, Any]) -> bytes:
    """TEMPLATE (xlsx bytes) with INSPECTION's values typed into it; the template's pre-filled rows are replaced."""
    book = load_workbook(io.BytesIO(template))
    for sheet in book.worksheets:
        if sheet.title == "About":
            continue
        header = [cell.value for cell in sheet[1]]
        if sheet.max_row > 1:
            sheet.delete_rows(2, sheet.max_row)
        for row in rows_of(sheet.title, header, inspection):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fill_csv_folder(folder: Path, inspection: dict[str, Any]) -> None:
    """The CSV template in FOLDER with INSPECTION's values written into each file."""
    for path in sorted(folder.glob("*.csv")):
        if path.stem == "About":
            continue
        text = path.read_text("utf-8-sig")
        header = next(csv.reader(io.StringIO(text)))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows_of(path.stem, header, inspection):
            writer.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in row])
        path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
