"""Re-rating one inspection under two framework versions, and why each standard's rating differs or not."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model.conditions import describe
from ..model.framework import Framework, thaw
from ..rating.evaluate import Evaluation, StandardResult
from ..reports.result import result_document


def rerate(first: Evaluation, second: Evaluation) -> dict[str, Any]:
    """Each standard's rating under both versions, with the differences in the rules behind them.

    Totals cannot be recounted: where a key question's sub-sample rule differs between the versions
    and the inspection gives totals, SECOND's result reuses the totals counted under FIRST's rule, and
    a cause and a warning say so.
    """
    a, b = first.framework.ref, second.framework.ref
    recounts = _totals_not_recounted(first, second)
    if recounts:
        second = replace(second, warnings=second.warnings + tuple(
            {"code": "totals-not-recounted", "message": message} for message in recounts.values()))
    by_id_a = {s.standard.id: s for s in first.standards}
    by_id_b = {s.standard.id: s for s in second.standards}
    order = list(by_id_a) + [sid for sid in by_id_b if sid not in by_id_a]
    standards = []
    for standard_id in order:
        sa, sb = by_id_a.get(standard_id), by_id_b.get(standard_id)
        either = sa or sb
        if either is None:  # each id in the order is a standard of one version or both
            continue
        standards.append({
            "id": standard_id,
            "title": either.standard.title,
            "ratings": {a: _rating(first, sa), b: _rating(second, sb)},
            "same": sa is not None and sb is not None and sa.rating == sb.rating,
            "causes": _causes(first, sa, second, sb) + [
                recounts[kq.id] for kq in (sb.key_questions if sb is not None else ()) if kq.id in recounts],
        })
    return {
        "rerate_format": 1,
        "provider": first.provider,
        "fieldwork_start": first.fieldwork_start,
        "versions": [a, b],
        "standards": standards,
        "overall": {
            a: {"score": first.score, "max": first.max_score, "rating": first.rating,
                "rating_label": first.framework.label(first.rating)},
            b: {"score": second.score, "max": second.max_score, "rating": second.rating,
                "rating_label": second.framework.label(second.rating)},
        },
        "results": [result_document(first), result_document(second)],
    }


def _totals_not_recounted(first: Evaluation, second: Evaluation) -> dict[str, str]:
    """Per key question given as totals whose sub-sample rule differs between the versions, why SECOND's figure is FIRST's."""
    a, b = first.framework.ref, second.framework.ref
    before = {kq.id: kq for s in first.standards for kq in s.key_questions}
    found = {}
    for standard in second.standards:
        for kq in standard.key_questions:
            tally = second.samples.get(kq.sample)
            old = before.get(kq.id)
            if old is None or tally is None or not tally.totals:
                continue
            rule_a, rule_b = sub_sample_words(first.framework, old.sub_sample), sub_sample_words(second.framework, kq.sub_sample)
            if rule_a != rule_b:
                found[kq.id] = (f"key question {kq.id} counts {rule_b} under {b} but {rule_a} under {a}; the inspection gives "
                                f"totals, which cannot be recounted, so its figures under {b} are those counted under {a}'s rule")
    return found


def sub_sample_words(framework: Framework, rule_id: str | None) -> str:
    """The cases a sub-sample rule admits, in words: 'every case', or 'only cases where' the condition holds."""
    if rule_id is None:
        return "every case"
    return f"only cases where {describe(thaw(framework.sub_samples[rule_id].when))}"


def _rating(evaluation: Evaluation, result: StandardResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    framework = evaluation.framework
    return {"indicative": result.indicative.rating, "rating": result.rating, "rating_label": framework.label(result.rating),
            "driving_key_question": result.indicative.driving_key_question}


def _causes(first: Evaluation, sa: StandardResult | None, second: Evaluation, sb: StandardResult | None) -> list[str]:
    a, b = first.framework.ref, second.framework.ref
    if sa is None or sb is None:
        present = a if sa else b
        return [f"the standard exists only under {present}"]
    causes = [f"not rated under {ref}: {result.indicative.reason}" for ref, result in ((a, sa), (b, sb)) if not result.rated]
    if sa.standard.rating_method != sb.standard.rating_method:
        causes.append(f"rated by '{sa.standard.rating_method}' under {a} but '{sb.standard.rating_method}' under {b}")
    questions_a = {kq.id: kq for kq in sa.key_questions}
    questions_b = {kq.id: kq for kq in sb.key_questions}
    for ref, own, other, result, evaluation in ((a, questions_a, questions_b, sa, first), (b, questions_b, questions_a, sb, second)):
        for question_id, kq in own.items():
            if question_id not in other:
                shown = evaluation.framework.banding.display_text(kq.percent)
                drove = ", and it drove the rating there" if result.indicative.driving_key_question == question_id else ""
                causes.append(f"key question {question_id} is rated only under {ref} ({shown}, {kq.band.label}){drove}")
    for question_id in questions_a.keys() & questions_b.keys():
        qa, qb = questions_a[question_id], questions_b[question_id]
        if (qa.yes, qa.of, qa.percent) != (qb.yes, qb.of, qb.percent):
            causes.append(f"key question {question_id} counts differently: {_count(first, qa)} under {a}, {_count(second, qb)} under {b}")
        elif qa.band.rating != qb.band.rating:
            causes.append(f"key question {question_id} is banded differently: {qa.band.label} under {a}, {qb.band.label} under {b}")
    if _bands(first) != _bands(second) and (_banded(sa) or _banded(sb)):
        causes.append(f"the banding differs between {a} and {b}")
    for ref, this, that in ((a, sa, sb), (b, sb, sa)):
        if this.moderation is not None and that.moderation is None:
            changed = "it changed the rating" if this.moderation.rating != this.indicative.rating else "it made no change"
            causes.append(f"a moderation step applies only under {ref} ({changed})")
        if this.exercised is not None and that.exercised is None:
            causes.append(f"professional discretion was applied only under {ref}")
    driving_a, driving_b = sa.indicative.driving_key_question, sb.indicative.driving_key_question
    if driving_a != driving_b and driving_a and driving_b:
        causes.append(f"driven by {sa.indicative.driving_key_question} under {a}, {sb.indicative.driving_key_question} under {b}")
    return sorted(set(causes), key=causes.index)


def _count(evaluation: Evaluation, kq) -> str:
    shown = evaluation.framework.banding.display_text(kq.percent)
    return f"{shown} ({kq.yes} of {kq.of})" if kq.counts_known else shown


def _banded(result: StandardResult) -> bool:
    """Whether the bands can reach this standard's rating: only through key questions counted on cases.

    A rating method sees the bands as its key questions' bands (or bands a percentage of its own made
    from them), and discretion's nearness to a boundary is measured on a key question; a standard with
    no key question counted on cases, such as one rated on the lead inspector's judgement alone, has
    a rating the bands cannot change, whatever its method.
    """
    return bool(result.standard.counted_key_questions)


def _bands(evaluation: Evaluation) -> tuple:
    return tuple((band.at_least, band.below, band.rating) for band in evaluation.framework.banding.bands)
