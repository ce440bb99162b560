"""Evaluating many inspections: one result file each, and a summary across them.

Results are written as each inspection is evaluated and only summary rows are kept, so memory does
not grow with the number of inspections. One bad inspection is reported and skipped; the others
still complete.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable

from .proportions import fraction_text
from .result import framework_ref


def inspection_files(paths: Iterable[Path]) -> list[Path]:
    """The inspection files named: files as given, and the *.json files in any folder, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.json") if p.is_file()))
        else:
            found.append(path)
    return found


def output_path(output_dir: Path, inspection: Path, extension: str) -> Path:
    """Where the result of INSPECTION goes: OUTPUT_DIR/<name>.result<extension>, never onto an inspection."""
    return output_dir / f"{inspection.stem}.result{extension}"


@dataclass
class Summary:
    """One row per inspection, and each key question's figures across inspections."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)
    key_questions: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def add(self, file: Path, result: dict[str, Any]) -> None:
        framework = result["framework"]
        row = {"file": str(file), "provider": result["provider"], "fieldwork_start": result["fieldwork_start"],
               "framework": framework_ref(framework), "status": framework["status"]}
        for standard in result["standards"]:
            if standard["id"] not in self.standards:
                self.standards.append(standard["id"])
            row[standard["id"]] = standard["rating"] or "not_rated"
            for kq in standard["key_questions"]:
                # Lined up within a framework version: the same id may be a different question elsewhere.
                entry = self.key_questions.setdefault((row["framework"], kq["id"]), {"text": kq["text"], "percents": [], "yes": 0, "of": 0, "all_counts": True})
                entry["percents"].append(Fraction(kq["percent_exact"]))
                if kq["of"] is None:
                    entry["all_counts"] = False
                else:
                    entry["yes"] += kq["yes"]
                    entry["of"] += kq["of"]
        overall = result["overall"]
        row.update(score=overall["score"], max=overall["max"], overall=overall["rating"] or "not_rated")
        self.rows.append(row)

    def inspections_csv(self) -> str:
        columns = ["file", "provider", "fieldwork_start", "framework", "status", *self.standards, "score", "max", "overall"]
        return _csv(columns, self.rows)

    def key_questions_csv(self) -> str:
        """Per key question across inspections: the mean of their percentages, and the pooled percentage of all cases.

        The report's 'All CRCs' column is a figure of this kind; the pooled one counts every case once.
        """
        rows = []
        for (framework, question_id), entry in self.key_questions.items():
            mean = sum(entry["percents"]) / len(entry["percents"])
            pooled = Fraction(100 * entry["yes"], entry["of"]) if entry["all_counts"] and entry["of"] else None
            rows.append({"framework": framework, "key_question": question_id, "text": entry["text"], "inspections": len(entry["percents"]),
                         "mean_percent": _one_decimal(mean), "mean_percent_exact": fraction_text(mean),
                         "pooled_yes": entry["yes"] if pooled is not None else "", "pooled_of": entry["of"] if pooled is not None else "",
                         "pooled_percent": _one_decimal(pooled) if pooled is not None else ""})
        columns = ["framework", "key_question", "text", "inspections", "mean_percent", "mean_percent_exact", "pooled_yes", "pooled_of", "pooled_percent"]
        return _csv(columns, rows)


def _one_decimal(value: Fraction) -> str:
    tenths = (value * 10 + Fraction(1, 2)).__floor__()
    return f"{tenths // 10}.{tenths % 10}"


def _csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
