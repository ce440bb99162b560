"""Evaluating many inspections: one result file each, and a summary across them.

Results are written as each inspection is evaluated and only summary rows are kept, so memory does
not grow with the number of inspections. One bad inspection is reported and skipped; the others
still complete.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..io.safe_text import spreadsheet_cell
from ..model.proportions import fraction_text, tenths, to_fraction
from ..reports.result import framework_ref


@dataclass
class Found:
    """The inspection files a batch rates, and the result files it left out of the folders named."""

    files: list[Path]
    results_left_out: dict[Path, int] = field(default_factory=dict)


def inspection_files(paths: Iterable[Path]) -> Found:
    """The inspection files named: files as given, and the *.json files in any folder, sorted.

    From a folder, hidden files (a leftover temporary file among them) and result files (NAME.result.EXT,
    which a batch writes, maybe into this very folder) are never taken. A file named twice, by any
    spelling or link, is rated once.
    """
    found = Found([])
    seen: set = set()
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.glob("*.json") if not p.name.startswith(".") and not p.is_dir()):
                if _is_result(child):
                    found.results_left_out[path] = found.results_left_out.get(path, 0) + 1
                elif _first_time(child, seen):
                    found.files.append(child)
        elif _first_time(path, seen):
            found.files.append(path)
    return found


def _is_result(path: Path) -> bool:
    return ".result." in path.name


def _first_time(path: Path, seen: set) -> bool:
    try:
        status = path.stat()
        key: object = (status.st_dev, status.st_ino)
    except OSError:
        key = os.path.abspath(path)  # reported as unreadable when rated
    if key in seen:
        return False
    seen.add(key)
    return True


def output_path(output_dir: Path, inspection: Path, extension: str) -> Path:
    """Where the result of INSPECTION goes when its name is its own: OUTPUT_DIR/<name>.result<extension>."""
    return output_dir / f"{inspection.stem}.result{extension}"


def output_paths(output_dir: Path, inspections: list[Path], extension: str) -> list[Path]:
    """Where each of INSPECTIONS' results goes: a different file for each, the same for the same inspections.

    OUTPUT_DIR/NAME.result.EXT, NAME being the inspection's file name without its extension. Only
    where two inspections would share a result (insp.json in two folders; names that differ only in
    case, which some file systems take as one) do those results go in subfolders named after the
    inspections' folders below the folder they share (2020/insp.result.json, 2021/insp.result.json);
    and two such in one folder (insp.json, insp.JSON) keep their whole names (insp.json.result.json).
    """
    targets = [output_path(output_dir, path, extension) for path in inspections]
    for members in _sharing(targets):
        folders = [Path(os.path.abspath(inspections[i].parent)) for i in members]
        shared = Path(os.path.commonpath(folders))
        for i, folder in zip(members, folders, strict=True):
            targets[i] = output_dir / folder.relative_to(shared) / targets[i].name
        for same in _sharing(targets, members):
            for i in same:
                targets[i] = targets[i].parent / f"{inspections[i].name}.result{extension}"
    return targets


def _sharing(targets: list[Path], among: Iterable[int] | None = None) -> list[list[int]]:
    """The groups (of two or more) of indexes in AMONG whose TARGETS are the same file on a file system that ignores case."""
    groups: dict[str, list[int]] = {}
    for i in range(len(targets)) if among is None else among:
        groups.setdefault(str(targets[i]).casefold(), []).append(i)
    return [members for members in groups.values() if len(members) > 1]


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
                entry = self.key_questions.setdefault((row["framework"], kq["id"]),
                                                      {"text": kq["text"], "percents": [], "yes": 0, "of": 0, "all_counts": True})
                entry["percents"].append(to_fraction(kq["percent_exact"]))
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
        columns = ["framework", "key_question", "text", "inspections", "mean_percent", "mean_percent_exact",
                   "pooled_yes", "pooled_of", "pooled_percent"]
        return _csv(columns, rows)


def _one_decimal(value: Fraction) -> str:
    """A non-negative VALUE to one decimal place, the place always written: '13.0', '6.3'."""
    rounded = tenths(value)
    return f"{rounded // 10}.{rounded % 10}"


def _csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, restval="", lineterminator="\r\n")
    writer.writeheader()
    # A file name that is not UTF-8, or a provider's name made to be a formula, is shown, never run.
    writer.writerows({key: spreadsheet_cell(value) if isinstance(value, str) else value for key, value in row.items()}
                     for row in rows)
    return buffer.getvalue()
