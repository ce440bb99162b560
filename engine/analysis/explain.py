"""Why each standard was rated as it was, in the inspectorate's words.

This is analysis on top of an evaluation, never a second evaluation: every figure comes from the
evaluation, and 'how many cases would have changed it' is found by asking the standard's own rating
method again with one key question's count changed. A standard's sentences are its reasons as every
output format words them (reports/reasons.py, from the result document), each followed by what only
an explanation adds.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from ..errors import RatingProblem
from ..extension import KeyQuestionResult, StandardContext
from ..model.proportions import percent_of
from ..plugin_host.wording import driving as driving_name
from ..rating.evaluate import Evaluation, StandardResult
from ..reports.overall_reasons import area_words, overall_reasons, published_overall
from ..reports.reasons import reasons
from ..reports.result import result_document


def explain(evaluation: Evaluation, registry: Any, standard_ids: list[str] | None = None) -> dict[str, Any]:
    """An explanation of each standard asked for (all by default) and of the overall rating."""
    framework = evaluation.framework
    document = result_document(evaluation)
    by_id = {standard["id"]: standard for standard in document["standards"]}
    chosen = [s for s in evaluation.standards if standard_ids is None or s.standard.id in standard_ids]
    return {
        "explain_format": 3,
        "provider": evaluation.provider,
        "fieldwork_start": evaluation.fieldwork_start,
        "framework": {"ref": framework.ref, "status": framework.status, "sha256": framework.sha256},
        "standards": [_standard(evaluation, registry, result, by_id[result.standard.id], document) for result in chosen],
        "overall": _overall(evaluation, document),
        "warnings": list(evaluation.warnings),
    }


def _standard(evaluation: Evaluation, registry: Any, result: StandardResult, entry_in_document: dict[str, Any],
              document: dict[str, Any]) -> dict[str, Any]:
    """One standard's explanation: its reasons as every format gives them (engine/reports/reasons.py), each
    followed by what only an explanation adds: the driving key question asked in full, how many cases
    would have moved it, the other key questions, and what each sub-sample holds."""
    framework = evaluation.framework
    standard = result.standard
    driving = next((kq for kq in result.key_questions if kq.id == result.indicative.driving_key_question), None)
    method = registry.rating_methods[standard.rating_method]
    context = StandardContext(framework, standard, result.key_questions, result.judgement, "")
    explained = [_key_question(evaluation, registry, method, context, result, kq) for kq in result.key_questions]
    found = reasons(entry_in_document, document)
    head = f"{standard.id} {standard.title}: {framework.label(result.rating)}"
    sentences = [head + (f" (score {result.score})." if result.score is not None else ".")]
    sentences += _pooled(evaluation, standard)
    sentences += _question_sets(evaluation, result)
    after_moves = "boundaries" if any(reason.kind == "boundaries" for reason in found) else "indicative"
    for reason in found:
        sentences.append(_sentence(reason.words))
        if reason.kind == "indicative" and driving is not None:
            sentences.append(_driving(framework, registry, standard, driving))
        if reason.kind == after_moves and driving is not None:
            sentences += _moves(framework, result, driving, explained)
        if reason.kind == "exclusions" and reason.key_question is not None:
            sentences += _sub_sample(framework, result, reason.key_question)
    eligibility = result.eligibility
    return {
        "id": standard.id, "title": standard.title, "rating": result.rating, "rating_label": framework.label(result.rating),
        "score": result.score, "indicative_rating": result.indicative.rating,
        "driving_key_question": result.indicative.driving_key_question,
        "reasons": [asdict(reason) for reason in found],
        "key_questions": explained, "sentences": sentences,
        "discretion": {"applies": eligibility.applies, "eligible": eligibility.eligible,
                       "near_boundary_rule": bool(eligibility.near_boundaries), "one_case_rule": eligibility.one_case,
                       "exercised": result.exercised is not None},
    }


def _pooled(evaluation: Evaluation, standard: Any) -> list[str]:
    """Where a standard's cases come from when they are pooled from other inspections."""
    sample = evaluation.framework.samples.get(standard.sample) if standard.sample else None
    if sample is None or not sample.pooled or not evaluation.pooled_from:
        return []
    named = "; ".join(f"{p['file']} ({p['provider']}, fieldwork from {p['fieldwork_start']})" for p in evaluation.pooled_from)
    return [f"Its counts are of the '{sample.label}' cases pooled from {len(evaluation.pooled_from)} inspections, "
            f"counted together: {named}."]


def _question_sets(evaluation: Evaluation, result: StandardResult) -> list[str]:
    """Which question set each count follows, where the standard's key questions are asked of one set."""
    sample = evaluation.framework.samples.get(result.standard.sample) if result.standard.sample else None
    if sample is None or not sample.question_sets:
        return []
    described = {q.id: q.description for q in sample.question_sets}
    sentences = []
    for kq in result.key_questions:
        if kq.question_set is None:
            sentences.append(f"{kq.id} is asked of every case, whatever its question set.")
            continue
        left_out = ("" if kq.not_in_question_set is None else
                    f"; {kq.not_in_question_set} case{'s' if kq.not_in_question_set != 1 else ''} answering another set "
                    f"{'is' if kq.not_in_question_set == 1 else 'are'} not counted for it")
        sentences.append(f"{kq.id} follows the question set '{kq.question_set}', the cases {described[kq.question_set]}{left_out}.")
    return sentences


def _sentence(words: str) -> str:
    return words if words.endswith((".", "!", "?")) else words + "."


def _driving(framework: Any, registry: Any, standard: Any, driving: KeyQuestionResult) -> str:
    """The key question that drove the indicative rating, asked in full, and its band's range."""
    words = registry.describe("rating method", standard.rating_method, standard.rating_options)
    return (f"It comes from its {driving_name(words)}, {driving.id} '{driving.text}', in the band "
            f"'{driving.band.label}' ({driving.band.describe()}).")


def _moves(framework: Any, result: StandardResult, driving: KeyQuestionResult, explained: list[dict[str, Any]]) -> list[str]:
    """How many cases judged differently on the driving key question would have moved it, then the other key questions."""
    sentences = list(next(e for e in explained if e["id"] == driving.id)["sentences"])
    if not driving.counts_known:
        given = "an assumed percentage (a placeholder) is given" if driving.assumed else "a percentage is published"
        sentences.append(f"Only {given} for {driving.id}, so the cases a move across a boundary "
                         "would take cannot be counted.")
    others = [kq for kq in result.key_questions if kq is not driving]
    if others:
        sentences.append("The other key questions: " + "; ".join(
            f"{kq.id} at {_figure(framework, kq)}, '{kq.band.label}'" for kq in others) + ".")
    return sentences


def _sub_sample(framework: Any, result: StandardResult, question_id: str) -> list[str]:
    """What the sub-sample of the key question holds, in the framework's words."""
    kq = next((kq for kq in result.key_questions if kq.id == question_id), None)
    if kq is None or not kq.sub_sample or kq.sub_sample not in framework.sub_samples:
        return []
    return [f"The sub-sample '{kq.sub_sample}' holds the cases {framework.sub_samples[kq.sub_sample].description}."]


def _figure(framework: Any, kq: KeyQuestionResult) -> str:
    shown = framework.banding.display_text(kq.percent)
    if kq.assumed:  # a placeholder is never called published
        return f"{shown} ({kq.yes} of {kq.of}, assumed)" if kq.counts_known else f"{shown} (an assumed percentage, a placeholder)"
    return f"{shown} ({kq.yes} of {kq.of})" if kq.counts_known else f"{shown} (a published percentage; the counts are not known)"


def _key_question(evaluation: Evaluation, registry: Any, method: Any, context: StandardContext, result: StandardResult,
                  kq: KeyQuestionResult) -> dict[str, Any]:
    framework = evaluation.framework
    sentences: list[str] = []
    up = down = None
    if kq.counts_known:
        up = _move(framework, registry, method, context, result, kq, +1)
        down = _move(framework, registry, method, context, result, kq, -1)
        for move in (up, down):
            if move is not None:
                sentences.append(move["sentence"])
    return {"id": kq.id, "yes": kq.yes, "of": kq.of, "excluded": kq.excluded, "not_applicable": kq.not_applicable,
            "sub_sample": kq.sub_sample, "band": kq.band.id, "band_label": kq.band.label,
            "cases_to_band_above": None if up is None else up["cases"], "standard_rating_then": None if up is None else up["rating"],
            "cases_to_band_below": None if down is None else down["cases"],
            "sentences": sentences}


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


def _overall(evaluation: Evaluation, document: dict[str, Any]) -> dict[str, Any]:
    """The overall rating in a sentence, then what its figures rest on where the framework weights,
    leaves standards out, or scales the bands for standards not rated, and what it owes to published
    outcomes (the same reasons every format gives, reports/reasons.py)."""
    found = _overall_computed(evaluation, document)
    published = published_overall(document["overall"])
    if published:
        found["sentence"] += " " + " ".join(f"{words}." for words in published)
        found["published"] = document["overall"]["published"]
    return found


def _overall_computed(evaluation: Evaluation, document: dict[str, Any]) -> dict[str, Any]:
    framework = evaluation.framework
    after = "".join(" " + _sentence(reason.words) for reason in overall_reasons(document))
    before = "".join(_sentence(f"Area {a['id']} {a['title']}: {a['rating_label']}; {area_words(a)}") + " "
                     for a in document.get("areas", ()))
    if evaluation.rating is None:
        sentence = (f"There is no overall rating: not every standard is rated. The rated standards score "
                    f"{evaluation.score} of {evaluation.max_score}.")
        return {"score": evaluation.score, "max": evaluation.max_score, "rating": None, "sentence": before + sentence + after}
    band_in = document["overall"]["band"]
    count = sum(1 for s in evaluation.standards if s.rated and s.standard.counts_towards_overall)
    scores = "weighted scores" if framework.weighted else "scores"
    parts = "standards"
    if framework.overall_from == "areas":
        count, scores, parts = sum(1 for a in evaluation.areas if a.rated), "scores", "areas"
    if evaluation.unrated_rule is not None:
        sentence = (f"The {count} rated {parts}' {scores} add up to {evaluation.score} of {evaluation.max_score}; "
                    f"scaled, that is in the band {band_in['from']}-{band_in['to']}: {framework.label(evaluation.rating)} overall.")
    else:
        sentence = (f"The {count} {parts}' {scores} add up to {evaluation.score} of {evaluation.max_score}, which is in the "
                    f"band {band_in['from']}-{band_in['to']}: {framework.label(evaluation.rating)} overall.")
    return {"score": evaluation.score, "max": evaluation.max_score, "rating": evaluation.rating,
            "band": dict(band_in), "sentence": before + sentence + after}
