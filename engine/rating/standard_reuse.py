"""Rating a standard once for the evaluations of one inspection that must rate it alike (a band sweep's).

An evaluation for its ratings alone may be given a memo (analysis/sweep_memo.StandardsMemo) whose
key for a standard is equal under two frameworks only where they must rate that standard alike.
Where the memo holds a result for the key, it is taken; otherwise the standard is rated and its
result kept, unless rating it found a problem or figures missing, which must then be found wherever
it is rated (they decide whether the inspection can be rated at all). What else rating it reports,
warnings and data set aside, an evaluation for its ratings alone never reports. The plugins a rating
called are kept with its result, so that an evaluation that takes it names them as if it had called
them itself.

A whole evaluation that rates each standard as one for its ratings alone does (assessing discretion
only where it was exercised: ratings impact's of the draft) may be given the memo too. It only adds
to it: its results are all its own, as the report of its causes needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..model.framework import freeze
from .evaluation import StandardResult
from .run import Run


def rate_or_reuse(run: Run, standard: Any, results: Mapping[str, Any],
                  rate: Callable[..., StandardResult | None], *arguments: Any) -> StandardResult | None:
    """STANDARD's result from RUN's memo (run.reuse), or RATE(*ARGUMENTS)'s, kept for the next evaluation where it may be.
    RESULTS are the key questions' results, by id, that the standard is rated on."""
    memo = run.reuse
    key = memo.key(run.framework, standard, results)
    kept = memo.results.get(key) if run.ratings_only else None
    if kept is not None:
        result, used = kept
        run.used.update(used)
        return result
    before = _reported(run)
    outer, run.used = run.used, {}
    try:
        result = rate(*arguments)
    finally:
        used, run.used = run.used, outer
        outer.update(used)
    if result is not None and _reported(run) == before:
        memo.results[key] = (result, used)
    return result


def _reported(run: Run) -> tuple[int, ...]:
    """How much RUN has found so far that an evaluation for its ratings alone reports: problems, figures found missing."""
    return len(run.problems), len(run.unavailable)


def frozen_records(inspection: Mapping[str, Any], memo: Any) -> Mapping[str, Any]:
    """The INSPECTION's records but its samples, read-only (freeze), made once for the evaluations given one MEMO.

    A memo is of one inspection, and so are the evaluations it is given (ratings impact's of the draft and at
    each value of a sweep): they share one copy, kept in the memo with the inspection it was made from."""
    kept = getattr(memo, "records", None)
    if kept is not None and kept[0] is inspection:
        return kept[1]
    frozen = freeze({key: value for key, value in inspection.items() if key != "samples"})
    if kept is None and hasattr(memo, "records"):
        memo.records = (inspection, frozen)
    return frozen
