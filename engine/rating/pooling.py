"""Reading the inspections a regional inspection pools: each named by file and SHA-256, each checked.

A regional inspection rates some standards from the cases (or totals) of the region's PDU
inspections. It names each by its file, relative to itself, and the SHA-256 of the file's bytes, so
that a rating can only be reached from the very files the inspectors meant: a pooled file that was
edited since is refused, not silently counted. A pooled file must not pool others itself, since the
cases of a region must be counted once, from the inspections that hold them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InvalidInputError, Problem, pointer
from ..io.jsonio import sha256
from ..model.framework import Sample
from ..record_classes import record
from .inspection import load_inspection
from .run import IGNORABLE, UNAVAILABLE, Run
from .tally import SampleTally, tally_pooled

#: Problems a pooled inspection's own data may raise that only mean the regional framework has no
#: use for it: a PDU inspection answers key questions and records facts the region does not count.
_NOT_POOLED = frozenset({"unknown-key-question", "unknown-prompt", "unknown-attribute"})


@record
class PooledInspection:
    """One inspection whose cases (or totals) are pooled: as named, as read, and its document."""

    file: str  # as the pooling inspection names it, relative to that inspection
    path: str  # where it was read
    sha256: str
    document: dict[str, Any]
    raw: bytes
    where: str  # the JSON pointer of its entry in the pooling inspection

    def provenance(self) -> dict[str, Any]:
        """The pooled file as the result document records it."""
        return {"file": self.file, "sha256": self.sha256, "provider": self.document["provider"],
                "fieldwork_start": self.document["fieldwork_start"]}


def read_pool(document: dict[str, Any], path: str | Path) -> tuple[PooledInspection, ...]:
    """The inspections DOCUMENT (read from PATH) pools, each read, checked and validated; () where it pools none.

    Raises InvalidInputError listing every problem: a file missing, changed since it was named, not a
    valid inspection, pooling others itself, or named twice.
    """
    entries = document.get("pooled_from", ())
    if not entries:
        return ()
    here = Path(path)
    pooled, problems = [], []
    seen: dict[Path, int] = {}
    for index, entry in enumerate(entries):
        where = pointer("pooled_from", index)
        target = here.parent / entry["file"]
        key = target.resolve()
        if key in seen:
            problems.append(Problem("pooled-twice", f"{entry['file']} is pooled twice: its cases would be counted twice",
                                    str(path), where + "/file", hint=f"first named at /pooled_from/{seen[key]}"))
            continue
        seen[key] = index
        found = _read_one(entry, target, str(path), where, problems)
        if found is not None:
            pooled.append(found)
    if problems:
        raise InvalidInputError(problems)
    return tuple(pooled)


def _read_one(entry: dict[str, Any], target: Path, file: str, where: str, problems: list[Problem]) -> PooledInspection | None:
    try:
        pooled, raw = load_inspection(target)
    except InvalidInputError as error:
        if any(p.code in ("unreadable", "not-a-file") for p in error.problems):
            reason = "; ".join(p.message for p in error.problems)
            problems.append(Problem("pooled-file-missing", f"the pooled inspection {target} cannot be read: {reason}",
                                    file, where + "/file", hint=f"{entry['file']} is read relative to {file}"))
        else:
            problems.extend(error.problems)  # located in the pooled file itself
        return None
    digest = sha256(raw)
    if digest != entry["sha256"]:
        problems.append(Problem("pooled-file-changed",
                                f"{target} has SHA-256 {digest}, but {file} names it with {entry['sha256']}: "
                                "the pooled inspection has changed since it was named",
                                file, where + "/sha256",
                                hint="check what changed in the pooled file; if the change is meant, record its new SHA-256 here"))
        return None
    if "pooled_from" in pooled:
        problems.append(Problem("pooled-nested", f"{target} pools other inspections itself; {file} may pool only "
                                                 "inspections that hold their own cases",
                                file, where + "/file", hint="name the inspections it pools here directly instead"))
        return None
    return PooledInspection(entry["file"], str(target), digest, pooled, raw, where)


def tally_pool(run: Run, sample: Sample, given: dict[str, Any] | Any, pool: tuple[PooledInspection, ...]) -> SampleTally | None:
    """Count a pooled SAMPLE over the POOL; None where a problem stops it (reported to RUN)."""
    where = pointer("samples", sample.id)
    if sample.id in given:
        run.problem("pooled-sample-given", where, f"the {sample.id!r} sample is pooled from other inspections under "
                                                  f"{run.framework.ref}, so this inspection must not give it itself",
                    "remove it here; its cases belong in the inspections named in pooled_from")
        return None
    if not pool:
        run.problem("missing-sample", "/samples", f"the {sample.id!r} sample is pooled from the region's inspections, "
                                                  "but this inspection pools none",
                    'name them in "pooled_from": [{"file": ..., "sha256": ...}]')
        return None
    parts = []
    for pooled in pool:
        data = pooled.document["samples"].get(sample.id)
        if data is None:
            run.problems.append(Problem("missing-sample", f"the {sample.id!r} sample is missing from this pooled inspection",
                                        pooled.path, "/samples", hint=f"{run.file} pools it at {pooled.where}"))
            continue
        parts.append((data, where, _reporter(run, pooled.path)))
    if len(parts) < len(pool):
        return None
    return tally_pooled(run.framework, sample, parts, "/pooled_from", run.problem)


def _reporter(run: Run, file: str):
    """Where a pooled inspection's problems go: located in its own FILE, and set aside as RUN sets aside its own."""
    def report(code: str, at: str, message: str, hint: str | None = None, /) -> None:
        if code in _NOT_POOLED:
            return
        if run.lenient and (code in IGNORABLE or code in UNAVAILABLE):
            run.problem(code, at, message, hint)  # set aside, never reported, so the file does not matter
            return
        run.problems.append(Problem(code, message, file, at, hint=hint))
    return report
