"""Standards rated without figures of their own: left unrated on purpose, as the framework allows;
rated as a report publishes them, where the inspection gives no figures; or not rated, for want of
the answers or totals the framework rates them on (re-rated under another version).

Evaluation (evaluate.py) asks here for each such standard's result, so that it says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..errors import pointer
from ..extension import Indicative, KeyQuestionResult
from ..model.framework import Framework, Standard
from . import discretion as discretion_rules
from .evaluation import StandardResult
from .run import Run


def not_rated(standard: Standard, key_questions: tuple[KeyQuestionResult, ...], indicative: Indicative,
               judgement: Mapping[str, Any] | None) -> StandardResult:
    eligibility = discretion_rules.Eligibility(False, False, "the standard is not rated, so discretion does not arise")
    return StandardResult(standard, key_questions, indicative, None, eligibility, None, None, None, judgement)


def unrated_on_purpose(framework: Framework, inspection: Mapping[str, Any]) -> frozenset[str]:
    """The standards the inspection marks not rated that the framework allows to go unrated."""
    return frozenset(sid for sid in inspection.get("not_rated", {})
                     if framework.has_standard(sid) and framework.standard(sid).may_go_unrated is not None)


def unrated_on_purpose_result(run: Run, standard: Standard, inspection: Mapping[str, Any]) -> StandardResult:
    """A standard left unrated on purpose: nothing else may be recorded for it."""
    for section in ("judgements", "moderation", "discretion"):
        if standard.id in inspection.get(section, {}):
            run.problem("not-rated", pointer(section, standard.id),
                        f"standard {standard.id} is marked not rated (under not_rated), so it has no {section}",
                        "remove this entry or the standard's entry under not_rated")
    reason = inspection["not_rated"][standard.id]["reason"]
    result = not_rated(standard, (), Indicative(None, reason), None)
    return replace(result, unrated_on_purpose=reason)


def published_standard(run: Run, standard: Standard, inspection: Mapping[str, Any]) -> StandardResult:
    """A standard the inspection gives no figures for, rated as its published rating, with its source."""
    from .published import standing_in_for  # only an inspection giving published outcomes gets here

    published = standing_in_for(run.framework, standard, inspection)
    for section in ("moderation", "discretion"):
        if standard.id in inspection.get(section, {}):
            run.problem("not-rated", pointer(section, standard.id),
                        f"standard {standard.id} has no figures in the inspection, only its published rating, "
                        f"which already includes any {section}")
    reason = f"the inspection gives no figures for standard {standard.id}; its rating is the published one ({published.source})"
    eligibility = discretion_rules.Eligibility(False, False, "the rating is the published one, so discretion does not arise")
    return StandardResult(standard, (), Indicative(None, reason), None, eligibility, None,
                          published.rating, published.score, None, published=published)


def missing_reason(run: Run, missing: list[str]) -> str:
    """Why a standard re-rated under another version has no result: the totals or the cases' answers it lacks."""
    given = [q for q in missing if q not in run.unanswered]
    parts = [f"the inspection gives no result for key question{'s' if len(given) > 1 else ''} {', '.join(given)}"] if given else []
    for question_id in missing:
        if question_id in run.unanswered:
            count, size = run.unanswered[question_id]
            parts.append(f"no case answers key question {question_id}" if count == size
                         else f"{count} of the {size} cases give no answer to key question {question_id}")
    return f"{'; '.join(parts)}, which {run.framework.ref} rates it on"
