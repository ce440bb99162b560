"""A filled workbook (or its CSV files) read back into an inspection, and checked as `ratings evaluate` checks one.

In stages, every problem of each reported in one run: the version the workbook was made from
(from its About sheet) must be the version it is read under, or --framework must name one; then
every sheet and cell is read against that version's layout; then the inspection read is checked by
the engine itself, for its shape and its meaning (a missing answer a case needs, an attribute that
decides nothing, discretion the rules do not allow), and each problem is placed back at the sheet,
row and column it came from. A problem the cells already explain (an answer spelled wrongly is also
a missing answer) is reported once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api import Engine
from ..error_codes import kind_of
from ..errors import InvalidInputError, Problem, SelectionError
from ..io.safe_text import printable
from ..io.schemas import schema_problems
from ..model.framework import Framework
from ..rating.evaluate import evaluate
from .cases import read_cases
from .origins import Origins
from .places import Findings, Place
from .records import read_inspection, read_records
from .sheet_layout import ABOUT, FRAMEWORK_LABEL, INSPECTION, SHA256_LABEL, Sheet, layout
from .workbook import Table, read_tables

#: Hints of the engine's that speak of the inspection file's JSON, said instead in the workbook's terms.
_SHEET_HINTS = {
    "missing-judgement": "fill in the rating and the rationale on this row",
    "missing-attribute": "fill in the case's attribute in its column",
    "missing-sample": "copy the sheet from the template and fill it in",
}
#: The engine's problems judged on a sample's figures as a whole, not on one value.
_FROM_FIGURES = frozenset({"no-applicable-cases", "published-contradiction"})
_ORDER = ("provider", "fieldwork_start", "framework", "notes", "judgements", "not_rated", "samples", "moderation", "discretion")


@dataclass
class Imported:
    """The inspection read, the version it was read under, notes for the person importing, and the evaluation's warnings."""

    document: dict[str, Any]
    framework: Framework
    notes: list[str] = field(default_factory=list)
    warnings: tuple[dict, ...] = ()


def import_files(engine: Engine, paths: list[Path], framework_name: str | None = None) -> Imported:
    """The inspection in PATHS (one xlsx workbook, or CSV files), checked; raises InvalidInputError listing every problem."""
    findings = Findings()
    tables = read_tables(paths, findings)
    in_workbook = any(t.in_workbook for t in tables) or not any(p.suffix.lower() == ".csv" for p in paths)
    home = str(paths[0]) if in_workbook else str(paths[0].parent)
    notes: list[str] = []
    framework = _framework(engine, tables, framework_name, home, notes)
    origins = Origins(home, in_workbook)
    document = _read(framework, layout(framework, engine.registry), tables, findings, origins, notes)
    named = document.get("framework", framework.ref)
    if framework_name is None and named not in (framework.ref, framework.id) and origins.inspection is not None:
        cell = _cell(origins.inspection.table, origins.inspection, "framework")
        findings.add(cell, "sheet-other-version", f"the inspection names {printable(document['framework'])}, but the workbook was "
                     f"made from {framework.ref}", f"put back {framework.ref}, or name the version to read it under with --framework")
    document["framework"] = framework.ref
    document = {key: document[key] for key in _ORDER if key in document}
    warnings = _check(engine, document, framework, framework_name, origins, findings)
    if findings.problems:
        raise InvalidInputError(findings.problems)
    return Imported(document, framework, notes, warnings)


def _framework(engine: Engine, tables: list[Table], framework_name: str | None, home: str, notes: list[str]) -> Framework:
    """The version to read the workbook under: --framework's, else the one the About sheet names, if it is the same file."""
    ref, sha256, place = _about(tables)
    if framework_name is not None:
        framework = engine.framework(framework_name)  # a name that finds nothing is the command line's problem
        if ref is not None and (ref, sha256) != (framework.ref, framework.sha256):
            notes.append(f"the workbook was made from {printable(ref)} (SHA-256 {printable(sha256)}); it is read under "
                         f"{framework.ref} (SHA-256 {framework.sha256}), as --framework says")
        return framework
    if ref is None or place is None:
        raise InvalidInputError([Problem(
            "sheet-no-version", f"the {'workbook' if tables and tables[0].in_workbook else 'files'} do not say which framework "
            f"version they were made from: the sheet {ABOUT} is missing, or its rows '{FRAMEWORK_LABEL}' and '{SHA256_LABEL}' are", home,
            hint="name the version with --framework ID@VERSION")])
    try:
        framework = engine.framework(ref)
    except SelectionError as error:
        hint = error.hint or "name the framework file with --framework FILE"
        raise InvalidInputError([place.problem(error.code, str(error), hint)]) from None
    if sha256 != framework.sha256:
        raise InvalidInputError([place.problem(
            "sheet-other-version", f"the workbook was made from {printable(ref)} with SHA-256 {printable(sha256)}, but "
            f"{framework.ref} here is another file, with SHA-256 {framework.sha256}: its rules may differ",
            "make a new template from the version here and copy the answers across, or name the version to read it under "
            "with --framework")])
    return framework


def _about(tables: list[Table]) -> tuple[str | None, str | None, Place | None]:
    """The version named on the About sheet, its SHA-256, and the place of the name."""
    about = next((t for t in tables if t.name == ABOUT), None)
    if about is None:
        return None, None, None
    found: dict[str, tuple[str, int]] = {}
    for number, row in enumerate(about.rows, 1):
        if len(row) > 1 and row[0] in (FRAMEWORK_LABEL, SHA256_LABEL) and isinstance(row[1], str):
            found.setdefault(row[0], (row[1], number))
    if FRAMEWORK_LABEL not in found or SHA256_LABEL not in found:
        return None, None, None
    name, number = found[FRAMEWORK_LABEL]
    return name, found[SHA256_LABEL][0], about.place(number, 2)


def _read(framework: Framework, sheets: tuple[Sheet, ...], tables: list[Table], findings: Findings, origins: Origins,
          notes: list[str]) -> dict[str, Any]:
    """The inspection read from TABLES against SHEETS; each table's origin noted in ORIGINS."""
    by_name = {sheet.name: sheet for sheet in sheets}
    origins.sample_sheets = {sheet.sample: sheet.name for sheet in sheets if sheet.sample is not None}
    document: dict[str, Any] = {"samples": {}}
    seen: dict[str, Place] = {}
    done: dict[str, Table] = {}
    for table in tables:
        sheet = by_name.get(table.name)
        if table.name == ABOUT:
            continue
        if sheet is None:
            notes.append(f"{_where(table)}: {framework.ref} has no sheet {printable(table.name)}: it is ignored")
            continue
        if table.name in done:
            findings.add(table.place(), "sheet-duplicate", f"the sheet is given twice: in {done[table.name].file} and here",
                         "give each sheet once", spoils="sheet")
            continue
        done[table.name] = table
        if sheet.kind == "cases":
            cases, rows = read_cases(table, sheet, findings, seen)
            document["samples"][sheet.sample] = {"cases": cases}
            origins.samples[str(sheet.sample)] = rows
        elif sheet.kind == "inspection":
            fields, origins.inspection = read_inspection(table, sheet, findings)
            document.update(fields)
        else:
            records, origins.records[sheet.section] = read_records(table, sheet, findings)
            if records:
                document[sheet.section] = records
    if INSPECTION not in done:
        findings.add(Place(origins.home, INSPECTION, in_workbook=origins.in_workbook), "sheet-missing",
                     "there is no sheet inspection, which holds the provider and the fieldwork start date",
                     "copy it from the template" if origins.in_workbook else "give inspection.csv too", spoils="sheet")
    return document


def _check(engine: Engine, document: dict[str, Any], framework: Framework, framework_name: str | None, origins: Origins,
           findings: Findings) -> tuple[dict, ...]:
    """The engine's own checks of DOCUMENT, each problem placed back in the workbook; the evaluation's warnings."""
    complete = "provider" in document and "fieldwork_start" in document
    # Without a provider or a fieldwork date (reported already) the rest is still checked, under the version read, so that
    # one run reports every problem.
    checked = document if complete else {"provider": "-", "fieldwork_start": "2000-01-01", **document}
    problems = schema_problems(checked, "inspection", None)
    if not problems:
        try:
            if not complete:
                evaluate(framework, checked, engine.registry)
                return ()
            choice = engine.choose_framework(checked, framework_name)
            return evaluate(choice.framework, checked, engine.registry, warnings=choice.warnings).warnings
        except InvalidInputError as error:
            problems = error.problems
    for problem in problems:
        if findings.problems and (kind_of(problem.code) == "rule" or problem.code in _FROM_FIGURES):
            continue  # judged on figures the problems in the cells already change: reported once those are put right
        place = origins.place(problem)
        if place is None:
            findings.problems.append(Problem(problem.code, problem.message, origins.home, "/", problem.hint))
        elif not findings.spoils(place):
            findings.problems.append(place.problem(problem.code, problem.message, _SHEET_HINTS.get(problem.code, problem.hint)))
    return ()


def _cell(table: Table, origin: Any, header: str) -> Place:
    index = origin.columns.get(header)
    return table.place(origin.rows[""], None if index is None else index + 1, header)


def _where(table: Table) -> str:
    return f"{table.file}, sheet {printable(table.name)}" if table.in_workbook else table.file
