"""Replaying a result: does the same inspection, under the framework version it records, give it again?

A published rating must be defensible years later. Replay checks the framework file's SHA-256 and
the inspection's, re-evaluates, and says 'reproduced' or exactly what differs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import __version__
from .errors import FrameworkNotFoundError, InvalidInputError, RatingsError
from .jsonio import read_bytes, read_json, sha256
from .result import framework_ref, result_document
from .schemas import schema_problems


def replay(engine: Any, result_path: Path, inspection_path: Path) -> dict[str, Any]:
    """Re-evaluate INSPECTION_PATH as RESULT_PATH records and compare; returns the findings."""
    recorded, _ = read_json(result_path)
    problems = schema_problems(recorded, "result", str(result_path))
    if problems:
        raise InvalidInputError(problems)
    ref = framework_ref(recorded["framework"])
    findings: list[dict[str, str]] = []

    def finding(kind: str, message: str) -> None:
        findings.append({"kind": kind, "message": message})

    raw = read_bytes(inspection_path)
    if recorded["input"]["sha256"] != sha256(raw):
        finding("input differs", f"the inspection's SHA-256 is {sha256(raw)}, but the result records {recorded['input']['sha256']}")
    try:
        framework = engine.framework(ref)
    except FrameworkNotFoundError as error:
        finding("framework missing", f"{ref} cannot be found: {error}")
        return _report(recorded, ref, findings)
    if framework.sha256 != recorded["framework"]["sha256"]:
        finding("framework file changed", f"{framework.path} has SHA-256 {framework.sha256}, but the result records "
                                          f"{recorded['framework']['sha256']}: the file of {ref} has been edited")
    if recorded["engine"]["version"] != __version__:
        finding("engine version differs", f"this is ratings-engine {__version__}; the result was produced by {recorded['engine']['version']}")
    allow = any(w["code"] == "out-of-window" for w in recorded["warnings"])
    try:
        again = result_document(engine.evaluate_file(inspection_path, ref, allow_out_of_window=allow))
    except InvalidInputError as error:
        finding("cannot re-evaluate", "; ".join(str(p) for p in error.problems[:5]))
        return _report(recorded, ref, findings)
    except RatingsError as error:
        finding("cannot re-evaluate", str(error))
        return _report(recorded, ref, findings)
    _compare(recorded, again, finding)
    return _report(recorded, ref, findings)


def _compare(recorded: dict[str, Any], again: dict[str, Any], finding) -> None:
    before = {s["id"]: s for s in recorded["standards"]}
    after = {s["id"]: s for s in again["standards"]}
    for standard_id in list(before) + [s for s in after if s not in before]:
        old, new = before.get(standard_id), after.get(standard_id)
        if old is None or new is None:
            finding("rating differs", f"standard {standard_id} is {'new' if old is None else 'gone'} on replay")
        elif (old["indicative_rating"], old["rating"]) != (new["indicative_rating"], new["rating"]):
            finding("rating differs", f"{standard_id} {old['title']}: recorded {old['rating_label']} (indicative "
                                      f"{old['indicative_rating_label']}), now {new['rating_label']} (indicative {new['indicative_rating_label']})")
        elif old != new:
            finding("detail differs", f"{standard_id} {old['title']}: the same rating, but its key questions, reasons or "
                                      "discretion differ")
    if recorded["overall"] != again["overall"]:
        finding("rating differs", f"overall: recorded {recorded['overall']['rating_label']} ({recorded['overall']['score']}/"
                                  f"{recorded['overall']['max']}), now {again['overall']['rating_label']} "
                                  f"({again['overall']['score']}/{again['overall']['max']})")
    if recorded["plugins"] != again["plugins"]:
        finding("plugins differ", f"recorded plugins {recorded['plugins']}, now {again['plugins']}")
    rest = [key for key in recorded if key not in ("standards", "overall", "plugins", "engine", "framework", "input")
            and recorded[key] != again.get(key)]
    if rest:
        finding("detail differs", f"the result's {', '.join(rest)} differ")


def _report(recorded: dict[str, Any], ref: str, findings: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "replay_format": 1,
        "reproduced": not findings,
        "framework": ref,
        "provider": recorded["provider"],
        "fieldwork_start": recorded["fieldwork_start"],
        "overall": recorded["overall"]["rating_label"],
        "findings": findings,
    }


def render_replay_text(report: dict[str, Any]) -> str:
    head = f"{report['provider']}, fieldwork from {report['fieldwork_start']}, under {report['framework']}: "
    if report["reproduced"]:
        return head + f"reproduced ({report['overall']}; same framework file, inspection, engine and ratings)\n"
    lines = [head + "NOT reproduced"]
    lines += [f"- {f['kind']}: {f['message']}" for f in report["findings"]]
    return "\n".join(lines) + "\n"
