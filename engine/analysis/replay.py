"""Replaying a result: does the same inspection, under the framework version it records, give it again?

A published rating must be defensible years later. Replay checks the framework file's SHA-256 and
the inspection's, re-evaluates, and says 'reproduced' or exactly what differs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import FrameworkNotFoundError, InvalidInputError, Problem, RatingsError
from ..io.jsonio import placed, read_bytes, read_json, sha256
from ..io.schemas import schema_problems
from ..reports.result import framework_ref, result_document


def replay(engine: Any, result_path: Path, inspection_path: Path) -> dict[str, Any]:
    """Re-evaluate INSPECTION_PATH as RESULT_PATH records and compare; returns the findings."""
    recorded, recorded_raw = read_json(result_path)
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
    _check_pooled(recorded["input"].get("pooled_from", ()), inspection_path, finding)
    try:
        framework = engine.framework(ref)
    except FrameworkNotFoundError as error:
        # Without the framework nothing can be replayed: a problem with the result, placed where it names the version.
        problem = Problem(error.code, f"the framework this result was rated under cannot be found: {error}", str(result_path),
                          "/framework/version", hint="install the framework version, or name its folder with --frameworks-dir")
        raise placed(InvalidInputError([problem]), str(result_path), recorded_raw) from None
    if framework.sha256 != recorded["framework"]["sha256"]:
        finding("framework file changed", f"{framework.path} has SHA-256 {framework.sha256}, but the result records "
                                          f"{recorded['framework']['sha256']}: the file of {ref} has been edited")
    if recorded["engine"]["version"] != __version__:
        finding("engine version differs",
                f"this is ratings-engine {__version__}; the result was produced by {recorded['engine']['version']}")
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


def _check_pooled(pooled_from: Any, inspection_path: Path, finding) -> None:
    """Each inspection the result records as pooled must be there, with the bytes it was counted from."""
    for pooled in pooled_from:
        path = Path(inspection_path).parent / pooled["file"]
        try:
            digest = sha256(read_bytes(path))
        except RatingsError as error:
            finding("pooled file differs", f"the pooled inspection {path} cannot be read: {error}")
            continue
        if digest != pooled["sha256"]:
            finding("pooled file differs", f"the pooled inspection {path} has SHA-256 {digest}, but the result records "
                                           f"{pooled['sha256']}: it has changed since the result was produced")


def _compare(recorded: dict[str, Any], again: dict[str, Any], finding) -> None:
    before = {s["id"]: s for s in recorded["standards"]}
    after = {s["id"]: s for s in again["standards"]}
    for standard_id in list(before) + [s for s in after if s not in before]:
        old, new = before.get(standard_id), after.get(standard_id)
        if old is None or new is None:
            finding("rating differs", f"standard {standard_id} is {'new' if old is None else 'gone'} on replay")
        elif (old["indicative_rating"], old["rating"]) != (new["indicative_rating"], new["rating"]):
            finding("rating differs", f"{standard_id} {old['title']}: recorded {old['rating_label']} (indicative "
                                      f"{old['indicative_rating_label']}), now {new['rating_label']} "
                                      f"(indicative {new['indicative_rating_label']})")
        if old is not None and new is not None:
            for name, was, now in _figures(old, new, standard_id):
                finding("detail differs", f"{name}: recorded {was}, now {now}")
    if recorded["overall"] != again["overall"]:
        finding("rating differs", f"overall: recorded {recorded['overall']['rating_label']} ({recorded['overall']['score']}/"
                                  f"{recorded['overall']['max']}), now {again['overall']['rating_label']} "
                                  f"({again['overall']['score']}/{again['overall']['max']})")
    if recorded["plugins"] != again["plugins"]:
        finding("plugins differ", _plugin_changes(recorded["plugins"], again["plugins"]))
    # The framework file's hash is checked above; every other field recorded must match the framework as it is now.
    for name, was, now in _figures({k: v for k, v in recorded["framework"].items() if k != "sha256"},
                                   {k: v for k, v in again["framework"].items() if k != "sha256"}, "framework"):
        finding("framework differs", f"{name}: recorded {was}, now {now}")
    for key in [key for key in recorded if key not in ("standards", "plugins", "engine", "framework", "input")]:
        for name, was, now in _figures(recorded[key], again.get(key, _ABSENT), key):
            finding("detail differs", f"{name}: recorded {was}, now {now}")


_ABSENT = object()


def _figures(old: Any, new: Any, name: str):
    """(name, recorded, now) for each figure that differs between OLD and NEW, named as a reader of the result would name it.

    Members of a list of parts with ids (standards, key questions, prompts) are named by their id, so
    that a count reads '2.1.1 yes'.
    """
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            yield from _figures(old.get(key, _ABSENT), new.get(key, _ABSENT), f"{name} {key}")
    elif isinstance(old, list) and isinstance(new, list) and _with_ids(old) and _with_ids(new):
        before, after = {part["id"]: part for part in old}, {part["id"]: part for part in new}
        for part_id in [*before, *(i for i in after if i not in before)]:
            yield from _figures(before.get(part_id, _ABSENT), after.get(part_id, _ABSENT), str(part_id))
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (was, now) in enumerate(zip(old, new, strict=True), start=1):
            yield from _figures(was, now, f"{name} {index}")
    elif old is _ABSENT or new is _ABSENT or old != new:
        yield name, _shown(old), _shown(new)


def _with_ids(parts: list) -> bool:
    return bool(parts) and all(isinstance(p, dict) and isinstance(p.get("id"), str) for p in parts) \
        and len({p["id"] for p in parts}) == len(parts)


def _shown(value: Any) -> str:
    if value is _ABSENT:
        return "absent"
    if isinstance(value, str):
        text = value
    else:
        import json

        text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= 160 else text[:157] + "..."


def _plugin_changes(recorded: list[dict], now: list[dict]) -> str:
    """What was added to, is missing from, or changed in the plugins, by name."""
    def shown(entry: dict) -> str:
        origin = f" ({entry['distribution']} {entry['version']})" if entry.get("distribution") else ""
        return entry["name"] + origin + (f" (SHA-256 {entry['sha256']})" if entry.get("sha256") else "")

    before, after = {p["name"]: p for p in recorded}, {p["name"]: p for p in now}
    parts = []
    added = [shown(after[n]) for n in after if n not in before]
    missing = [shown(before[n]) for n in before if n not in after]
    changed = [f"{shown(before[n])} is now {shown(after[n])}" for n in before if n in after and before[n] != after[n]]
    if added:
        parts.append("loaded now but not recorded: " + ", ".join(added))
    if missing:
        parts.append("recorded but not loaded now: " + ", ".join(missing))
    if changed:
        parts.append("changed: " + ", ".join(changed))
    return "; ".join(parts) or f"recorded plugins {recorded}, now {now}"


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
