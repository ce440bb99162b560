"""Evaluating many inspections: one result file each, and a summary across them.

Results are written as each inspection is evaluated and only summary rows are kept, so memory does
not grow with the number of inspections. One bad inspection is reported and skipped; the others
still complete.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.proportions import fraction_text, one_decimal, percent_of, to_fraction
from ..reports.result import framework_ref
from ..reports.tables import Table, csv_text, table


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


#: The summary's table of every inspection, whatever its framework version: its overall rating only.
OVERVIEW_COLUMNS = ("file", "provider", "fieldwork_start", "framework", "framework_status", "score", "max_score", "rating",
                    "rating_label")
KEY_QUESTION_COLUMNS = ("framework", "standard", "key_question", "key_question_text", "inspections", "mean_percent",
                        "mean_percent_exact", "mean_percent_fraction", "pooled_yes", "pooled_of", "pooled_percent",
                        "pooled_percent_exact", "pooled_percent_fraction")
#: Characters kept in a file name made from a framework version's id@version; any other is written '_'.
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._@-]")


@dataclass
class Summary:
    """Across inspections: one row each, each standard's rating within its framework version, and each key question.

    Standards and key questions are lined up only within a framework version: a CRC's 1.1 and a
    youth service's 1.1 are different standards, so each version has a table of its own.
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    standards: dict[str, list[str]] = field(default_factory=dict)
    key_questions: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    #: Each framework version's file's SHA-256, for the provenance.
    sha256: dict[str, str] = field(default_factory=dict)

    def add(self, file: Path, result: dict[str, Any]) -> None:
        framework = result["framework"]
        overall = result["overall"]
        ref = framework_ref(framework)
        row = {"file": str(file), "provider": result["provider"], "fieldwork_start": result["fieldwork_start"],
               "framework": ref, "framework_status": framework["status"], "score": overall["score"],
               "max_score": overall["max"], "rating": overall["rating"] or "not_rated", "rating_label": overall["rating_label"],
               "standards": {}}
        columns = self.standards.setdefault(ref, [])
        self.sha256.setdefault(ref, framework["sha256"])
        for standard in result["standards"]:
            if standard["id"] not in columns:
                columns.append(standard["id"])
            row["standards"][standard["id"]] = standard["rating"] or "not_rated"
            for kq in standard["key_questions"]:
                entry = self.key_questions.setdefault((ref, kq["id"]), {"standard": standard["id"], "text": kq["text"],
                                                                       "percents": [], "yes": 0, "of": 0, "all_counts": True})
                entry["percents"].append(to_fraction(kq["percent_exact"]))
                if kq["of"] is None:
                    entry["all_counts"] = False
                else:
                    entry["yes"] += kq["yes"]
                    entry["of"] += kq["of"]
        self.rows.append(row)

    def versions(self) -> list[str]:
        """The framework versions rated, as ID@VERSION, sorted."""
        return sorted(self.standards)

    def overview(self) -> Table:
        """Every inspection, whatever its version: the overall rating and score."""
        return table("inspections", OVERVIEW_COLUMNS, [[row[c] for c in OVERVIEW_COLUMNS] for row in self.rows])

    def standards_table(self, ref: str) -> Table:
        """The inspections rated under REF (ID@VERSION): each standard's rating, a column each, then the overall."""
        ids = self.standards[ref]
        head = ("file", "provider", "fieldwork_start", "framework")
        rows = [[row[c] for c in head] + [row["standards"].get(i) for i in ids] + [row["score"], row["max_score"], row["rating"]]
                for row in self.rows if row["framework"] == ref]
        return table(ref, (*head, *ids, "score", "max_score", "rating"), rows)

    def key_questions_table(self, ref: str) -> Table:
        """Per key question of REF across its inspections: the mean of their percentages, and the pooled percentage.

        The report's 'All CRCs' column is a figure of this kind; the pooled one counts every case once.
        """
        rows = []
        for (framework, question_id), entry in self.key_questions.items():
            if framework != ref:
                continue
            mean = sum(entry["percents"]) / len(entry["percents"])
            pooled = percent_of(entry["yes"], entry["of"]) if entry["all_counts"] and entry["of"] else None
            counts = [entry["yes"], entry["of"]] if pooled is not None else [None, None]
            rows.append([framework, entry["standard"], question_id, entry["text"], len(entry["percents"]),
                         one_decimal(mean), mean, fraction_text(mean), *counts,
                         *([one_decimal(pooled), pooled, fraction_text(pooled)] if pooled is not None else [None] * 3)])
        return table(f"{ref} key questions", KEY_QUESTION_COLUMNS, rows)

    def tables(self) -> list[Table]:
        """The overview, then each version's standards and key questions: the sheets of a workbook summary."""
        return [self.overview()] + [t for ref in self.versions() for t in (self.standards_table(ref), self.key_questions_table(ref))]

    def csv_files(self, path: Path) -> list[tuple[Path, str]]:
        """The CSV files of a summary named PATH: PATH itself (the overview), then NAME-ID@VERSION.csv and
        NAME-ID@VERSION-key-questions.csv for each version, beside it."""
        files = [(path, csv_text(self.overview()))]
        for ref in self.versions():
            files += [(version_path(path, ref), csv_text(self.standards_table(ref))),
                      (version_path(path, ref, "-key-questions"), csv_text(self.key_questions_table(ref)))]
        return files


def version_path(path: Path, ref: str, suffix: str = "") -> Path:
    """The file beside the summary PATH for the framework version REF: summary-hmip-crc@2019.csv."""
    return path.with_name(f"{path.stem}-{_UNSAFE_IN_NAME.sub('_', ref)}{suffix}{path.suffix}")
