"""Why a rating changed between a baseline and a draft framework version, in the policy's words.

Each cause names the rule that moved the rating: the key question and the band edge it crossed, a
key question the draft adds or drops, a sub-sample rule that counts other cases, a moderation or
discretion rule that no longer applies (or newly does), a change of rating method, or the overall
score bands. A changed rating always gets at least one cause: where none of these explains it, the
indicative ratings are given as the last resort, so nothing reads as unexplained.
"""

from __future__ import annotations

from fractions import Fraction

from ..extension import KeyQuestionResult
from ..model.framework import Framework
from ..model.proportions import number_text
from ..rating.evaluate import Evaluation, StandardResult
from .rerate import sub_sample_words


def standard_causes(first: Evaluation, sa: StandardResult | None, second: Evaluation, sb: StandardResult | None) -> list[str]:
    """Why the standard is rated differently under SECOND (the draft) than under FIRST (the baseline)."""
    a, b = first.framework.ref, second.framework.ref
    if sa is None or sb is None:
        present, evaluation, result = (b, second, sb) if sa is None else (a, first, sa)
        return [f"the standard is only in {present}" + ("" if result is None else f" (rated {_rated(evaluation, result.rating)} there)")]
    causes = [f"not rated under {ref}: {_why_unrated(result)}" for ref, result in ((a, sa), (b, sb)) if not result.rated]
    if sa.standard.rating_method != sb.standard.rating_method:
        causes.append(f"rated by '{sa.standard.rating_method}' under {a}, by '{sb.standard.rating_method}' under {b}")
    if sa.indicative.rating != sb.indicative.rating:
        # Key questions banded otherwise explain a change only where they changed what the method gives.
        causes += _key_question_causes(first, sa, second, sb)
    causes += _panel_causes(first, sa, second, sb)
    if not causes and sa.indicative.rating != sb.indicative.rating:
        causes.append(f"the rating method gives {first.framework.label(sa.indicative.rating)} under {a}, "
                      f"{second.framework.label(sb.indicative.rating)} under {b}")
    if not causes:
        causes.append(f"rated {_rated(first, sa.rating)} under {a}, {_rated(second, sb.rating)} under {b}")
    return causes


def _why_unrated(result: StandardResult) -> str:
    return result.unrated_on_purpose or result.indicative.reason or "no reason given"


def _key_question_causes(first: Evaluation, sa: StandardResult, second: Evaluation, sb: StandardResult) -> list[str]:
    """The key questions behind the change: added or dropped, counted otherwise, or across a moved band edge."""
    a, b = first.framework.ref, second.framework.ref
    before = {kq.id: kq for kq in sa.key_questions}
    after = {kq.id: kq for kq in sb.key_questions}
    drivers = {sa.indicative.driving_key_question, sb.indicative.driving_key_question}
    causes = []
    for question_id, kq in after.items():
        if question_id not in before:
            drove = ", and drives the rating there" if sb.indicative.driving_key_question == question_id else ""
            causes.append(f"{b} adds key question {question_id} ({_figure(second.framework, kq)}, "
                          f"{second.framework.label(kq.rating)}){drove}")
    for question_id, kq in before.items():
        if question_id not in after:
            drove = ", which drove the rating there" if sa.indicative.driving_key_question == question_id else ""
            causes.append(f"{b} drops key question {question_id} ({_figure(first.framework, kq)} under {a}{drove})")
    # The driving key questions first: they are what the rating turned on.
    shared = sorted(before.keys() & after.keys(), key=lambda q: (q not in drivers, list(before).index(q)))
    for question_id in shared:
        qa, qb = before[question_id], after[question_id]
        if (qa.yes, qa.of) != (qb.yes, qb.of) or qa.percent != qb.percent:
            causes.append(_recounted(first, qa, second, qb))
        elif qa.rating != qb.rating:
            causes.append(_across_edge(first.framework, qa, second.framework, qb))
    return causes


def _recounted(first: Evaluation, qa: KeyQuestionResult, second: Evaluation, qb: KeyQuestionResult) -> str:
    a, b = first.framework.ref, second.framework.ref
    words = (f"key question {qa.id} counts other cases: {_figure(first.framework, qa)} ({first.framework.label(qa.rating)}) "
             f"under {a}, {_figure(second.framework, qb)} ({second.framework.label(qb.rating)}) under {b}")
    rule_a, rule_b = sub_sample_words(first.framework, qa.sub_sample), sub_sample_words(second.framework, qb.sub_sample)
    if rule_a != rule_b:
        words += f"; its sub-sample is {rule_b} under {b}, {rule_a} under {a}"
    return words


def _across_edge(fa: Framework, qa: KeyQuestionResult, fb: Framework, qb: KeyQuestionResult) -> str:
    """A key question counted alike but banded otherwise: which band edge moved past it."""
    a, b = fa.ref, fb.ref
    went_down = fb.rating(qb.rating).rank < fa.rating(qa.rating).rank
    # Down: the edge of the band it had is now above it. Up: the edge of the band it has was above it.
    moved = qa.rating if went_down else qb.rating
    edge_a, edge_b = _starts(fa, moved), _starts(fb, moved)
    edge = (f"{fb.label(moved)} starts at {_percent(edge_b)} under {b}, {_percent(edge_a)} under {a}"
            if edge_a is not None and edge_b is not None and edge_a != edge_b else "the bands differ")
    return (f"key question {qa.id} at {_figure(fa, qa)} is {fa.label(qa.rating)} under {a} "
            f"and {fb.label(qb.rating)} under {b}: {edge}")


def _starts(framework: Framework, rating: str) -> Fraction | None:
    """The lowest percentage banded RATING in FRAMEWORK, or None where no band gives it."""
    edges = [band.at_least for band in framework.banding.bands if band.rating == rating]
    return min(edges) if edges else None


def _percent(value: Fraction) -> str:
    return f"{number_text(value)}%"


def _figure(framework: Framework, kq: KeyQuestionResult) -> str:
    shown = framework.banding.display_text(kq.percent)
    return f"{shown} ({kq.yes} of {kq.of})" if kq.counts_known else shown


def _panel_causes(first: Evaluation, sa: StandardResult, second: Evaluation, sb: StandardResult) -> list[str]:
    """Moderation and professional discretion that apply under one version only, or move the rating otherwise."""
    b = second.framework.ref
    causes = []
    for this, evaluation, other in ((sa, first, sb), (sb, second, sa)):
        if this.moderation is not None and other.moderation is None and this.moderation.rating != this.indicative.rating:
            causes.append(f"moderation applies only under {evaluation.framework.ref}, where it moved the rating from "
                          f"{_rated(evaluation, this.indicative.rating)} to {_rated(evaluation, this.moderation.rating)}")
    if sa.exercised is not None and sb.exercised is None:
        causes.append(f"the ratings panel's decision ({first.framework.label(sa.exercised.from_rating)} to "
                      f"{first.framework.label(sa.exercised.to_rating)}) is not allowed under {b}: {sb.eligibility.explanation}")
    elif sb.exercised is not None and sa.exercised is None:
        causes.append(f"the ratings panel's decision ({second.framework.label(sb.exercised.from_rating)} to "
                      f"{second.framework.label(sb.exercised.to_rating)}) applies only under {b}: {sb.eligibility.explanation}")
    return causes


def _rated(evaluation: Evaluation, rating: str | None) -> str:
    return evaluation.framework.label(rating)


def overall_causes(first: Evaluation, second: Evaluation, moved: list[str]) -> list[str]:
    """Why the overall rating differs: the standards whose scores moved, and the overall score bands."""
    a, b = first.framework.ref, second.framework.ref
    causes = []
    if first.rating is None or second.rating is None:
        for ref, evaluation in ((a, first), (b, second)):
            if evaluation.rating is None:
                unrated = [s.standard.id for s in evaluation.standards if not s.rated and s.standard.counts_towards_overall]
                causes.append(f"no overall rating under {ref}" + (f": standard(s) {', '.join(unrated)} not rated" if unrated else ""))
    if (first.score, first.max_score) != (second.score, second.max_score):
        causes.append(f"the score is {second.score} of {second.max_score} under {b}, {first.score} of {first.max_score} under {a}"
                      + (f" (standard(s) {', '.join(moved)} rated differently)" if moved else ""))
    bands_a = [(band.start, band.end, band.rating) for band in first.framework.overall_bands]
    bands_b = [(band.start, band.end, band.rating) for band in second.framework.overall_bands]
    if bands_a != bands_b and second.rating is not None:
        starts_a = {rating: start for start, _, rating in bands_a}
        starts_b = {rating: start for start, _, rating in bands_b}
        shifted = [f"{second.framework.label(r)} starts at {starts_b[r]} under {b}, {starts_a[r]} under {a}"
                   for r in starts_b if r in starts_a and starts_a[r] != starts_b[r]]
        causes.append("the overall score bands differ" + (f": {'; '.join(shifted)}" if shifted else ""))
    return causes or [f"rated {first.framework.label(first.rating)} under {a}, {second.framework.label(second.rating)} under {b}"]
