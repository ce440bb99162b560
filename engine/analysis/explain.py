"""Why each standard was rated as it was, in the inspectorate's words.

This is analysis on top of an evaluation, never a second evaluation: every figure comes from the
evaluation, and 'how many cases would have changed it' is found by asking the standard's own rating
method again with one key question's count changed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..errors import RatingProblem
from ..extension import KeyQuestionResult, StandardContext
from ..model.proportions import percent_of
from ..plugin_host.wording import driving as driving_name
from ..rating.discretion import points
from ..rating.evaluate import Evaluation, StandardResult


def explain(evaluation: Evaluation, registry: Any, standard_ids: list[str] | None = None) -> dict[str, Any]:
    """An explanation of each standard asked for (all by default) and of the overall rating."""
    framework = evaluation.framework
    chosen = [s for s in evaluation.standards if standard_ids is None or s.standard.id in standard_ids]
    return {
        "explain_format": 2,
        "provider": evaluation.provider,
        "fieldwork_start": evaluation.fieldwork_start,
        "framework": {"ref": framework.ref, "status": framework.status, "sha256": framework.sha256},
        "standards": [_standard(evaluation, registry, result) for result in chosen],
        "overall": _overall(evaluation),
        "warnings": list(evaluation.warnings),
    }


def _standard(evaluation: Evaluation, registry: Any, result: StandardResult) -> dict[str, Any]:
    framework = evaluation.framework
    standard = result.standard
    sentences: list[str] = []
    entry: dict[str, Any] = {
        "id": standard.id, "title": standard.title, "rating": result.rating, "rating_label": framework.label(result.rating),
        "score": result.score, "indicative_rating": result.indicative.rating,
        "driving_key_question": result.indicative.driving_key_question,
        "key_questions": [], "sentences": sentences,
    }
    head = f"{standard.id} {standard.title}: {framework.label(result.rating)}"
    sentences.append(head + (f" (score {result.score})." if result.score is not None else "."))
    if result.judgement is not None:
        sentences.append(f"It is a single judgement by the lead inspector: {result.judgement['rationale']}")
    driving = next((kq for kq in result.key_questions if kq.id == result.indicative.driving_key_question), None)
    if driving is not None:
        words = registry.describe("rating method", standard.rating_method, standard.rating_options)
        sentences.append(
            f"Its indicative rating, {framework.label(result.indicative.rating)}, comes from its {driving_name(words)}, "
            f"{driving.id} '{driving.text}', at {_figure(framework, driving)}, in the band '{driving.band.label}' "
            f"({driving.band.describe()}).")
    elif result.judgement is None:
        sentences.append(f"Its indicative rating, {framework.label(result.indicative.rating)}: {result.indicative.reason}.")
    method = registry.rating_methods[standard.rating_method]
    context = StandardContext(framework, standard, result.key_questions, result.judgement, "")
    for kq in result.key_questions:
        explained = _key_question(evaluation, registry, method, context, result, kq)
        entry["key_questions"].append(explained)
        if kq is driving:
            sentences.extend(explained["sentences"])
    others = [kq for kq in result.key_questions if kq is not driving]
    if others and driving is not None:
        sentences.append("The other key questions: " + "; ".join(
            f"{kq.id} at {_figure(framework, kq)}, '{kq.band.label}'" for kq in others) + ".")
        for kq, explained in zip(result.key_questions, entry["key_questions"], strict=True):
            if kq is not driving and explained["excluded_sentence"]:
                sentences.append(explained["excluded_sentence"])
    if result.moderation is not None:
        sentences.append(f"Moderation: {result.moderation.reason}." + (
            f" Recorded rationale: {result.moderation.rationale}" if result.moderation.rationale else ""))
    eligibility = result.eligibility
    if eligibility.applies:
        verdict = {True: "eligible", False: "not eligible", None: "of unknown eligibility"}[eligibility.eligible]
        sentences.append(f"Professional discretion was {verdict}: {eligibility.explanation.split(': ', 1)[1]}.")
    if result.exercised is not None:
        override = " by override, although not eligible" if result.exercised.override else ""
        sentences.append(f"The ratings panel exercised discretion{override}, moving the rating from "
                         f"{framework.label(result.exercised.from_rating)} to {framework.label(result.exercised.to_rating)}: "
                         f"{result.exercised.rationale}")
    elif eligibility.applies and eligibility.eligible is not False:
        sentences.append("The ratings panel did not exercise discretion.")
    entry["discretion"] = {"applies": eligibility.applies, "eligible": eligibility.eligible,
                           "near_boundary_rule": bool(eligibility.near_boundaries), "one_case_rule": eligibility.one_case,
                           "exercised": result.exercised is not None}
    return entry


def _figure(framework: Any, kq: KeyQuestionResult) -> str:
    shown = framework.banding.display_text(kq.percent)
    return f"{shown} ({kq.yes} of {kq.of})" if kq.counts_known else f"{shown} (a published percentage; the counts are not known)"


def _key_question(evaluation: Evaluation, registry: Any, method: Any, context: StandardContext, result: StandardResult,
                  kq: KeyQuestionResult) -> dict[str, Any]:
    framework = evaluation.framework
    sentences: list[str] = []
    excluded_sentence = None
    if kq.sub_sample and kq.excluded is not None and kq.of is not None:
        size = kq.of + kq.excluded + (kq.not_applicable or 0)
        rule = framework.sub_samples[kq.sub_sample]
        excluded_sentence = (f"{kq.id} counts only the cases {rule.description}: {kq.of + (kq.not_applicable or 0)} of the "
                             f"{size} in the sample; {kq.excluded} were excluded by the sub-sample rule '{rule.id}'.")
        sentences.append(excluded_sentence)
    if kq.not_applicable:
        sentences.append(f"The inspector judged {kq.id} not applicable in {kq.not_applicable} case(s), which are not counted.")
    up = down = None
    if kq.counts_known:
        up = _move(framework, registry, method, context, result, kq, +1)
        down = _move(framework, registry, method, context, result, kq, -1)
        for move in (up, down):
            if move is not None:
                sentences.append(move["sentence"])
    else:
        above, below = _nearest_boundaries(framework, kq)
        if above is not None:
            sentences.append(f"{kq.id} is {points(above - framework.banding.deciding(kq.percent))} points below the "
                             f"{points(above)}% boundary; with only a percentage published, the cases this means cannot be counted.")
        if below is not None:
            sentences.append(f"It is {points(framework.banding.deciding(kq.percent) - below)} points above the {points(below)}% boundary.")
    return {"id": kq.id, "yes": kq.yes, "of": kq.of, "excluded": kq.excluded, "not_applicable": kq.not_applicable,
            "sub_sample": kq.sub_sample, "band": kq.band.id, "band_label": kq.band.label,
            "cases_to_band_above": None if up is None else up["cases"], "standard_rating_then": None if up is None else up["rating"],
            "cases_to_band_below": None if down is None else down["cases"],
            "sentences": sentences, "excluded_sentence": excluded_sentence}


def _move(framework: Any, registry: Any, method: Any, context: StandardContext, result: StandardResult,
          kq: KeyQuestionResult, step: int) -> dict[str, Any] | None:
    """The fewest cases judged differently that would put KQ in the next band up (STEP 1) or down (-1)."""
    if kq.yes is None or kq.of is None:
        return None  # only a published percentage: there are no cases to judge differently
    yes, of = kq.yes, kq.of
    while 0 <= yes + step <= of:
        yes += step
        band = framework.banding.band_for(percent_of(yes, of))
        if band.id != kq.band.id:
            break
    else:
        return None
    cases = abs(yes - kq.yes)
    changed = tuple(q.with_yes(yes, framework) if q.id == kq.id else q for q in context.key_questions)
    try:
        rating = registry.call("rating method", method.name, method.rate, replace(context, key_questions=changed)).rating
    except RatingProblem:
        return None  # the method cannot rate the standard with that count, so there is no move to tell of
    word = "more" if step > 0 else "fewer"
    shown_percent = framework.banding.display_text(percent_of(yes, of))
    moved = f"{cases} {word} sufficient case{'s' if cases != 1 else ''} on {kq.id} ({yes} of {kq.of}, {shown_percent})"
    if rating != result.indicative.rating:
        sentence = f"{moved} would have {'reached' if step > 0 else 'dropped it to'} {framework.label(rating)}."
    else:
        sentence = (f"{moved} would have put {kq.id} in the band '{band.label}', but the standard would still be "
                    f"{framework.label(rating)}.")
    return {"cases": cases, "rating": rating, "sentence": sentence}


def _nearest_boundaries(framework: Any, kq: KeyQuestionResult):
    value = framework.banding.deciding(kq.percent)
    above = [b for b in framework.banding.boundaries if b > value]
    below = [b for b in framework.banding.boundaries if b <= value]
    return (min(above) if above else None), (max(below) if below else None)


def _overall(evaluation: Evaluation) -> dict[str, Any]:
    framework = evaluation.framework
    if evaluation.rating is None:
        sentence = (f"There is no overall rating: not every standard is rated. The rated standards score "
                    f"{evaluation.score} of {evaluation.max_score}.")
        return {"score": evaluation.score, "max": evaluation.max_score, "rating": None, "sentence": sentence}
    band = framework.overall_band(evaluation.score)
    count = len(evaluation.standards)
    sentence = (f"The {count} standards' scores add up to {evaluation.score} of {evaluation.max_score}, which is in the "
                f"band {band.start}-{band.end}: {framework.label(evaluation.rating)} overall.")
    return {"score": evaluation.score, "max": evaluation.max_score, "rating": evaluation.rating,
            "band": {"from": band.start, "to": band.end}, "sentence": sentence}
