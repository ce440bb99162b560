"""How firm is a rating, given the size of its samples? Re-rating resamples of the cases.

Each case sample is resampled with replacement, as many cases as it holds, and every standard is
re-rated by its own rating method (with moderation as recorded) on each resample. The share of
resamples giving each rating says how firmly the sample supports the rating. Professional
discretion is the ratings panel's judgement on the actual cases and is not applied to resamples;
samples given only as totals cannot be resampled and stay as they are.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from typing import Any, Mapping

from .evaluate import Evaluation
from .extension import KeyQuestionResult, ModerationContext, StandardContext
from .proportions import percent_of

_FIELD = 21  # bits for one count: up to two million cases in a sample


def stability(evaluation: Evaluation, inspection: Mapping[str, Any], registry: Any, resamples: int, seed: int) -> dict[str, Any]:
    """Resample EVALUATION's case samples RESAMPLES times (deterministic for SEED) and count the ratings."""
    framework = evaluation.framework
    rng = random.Random(seed)
    samples = _packed_samples(framework, inspection)
    rated = [s for s in evaluation.standards]
    tallies = {s.standard.id: Counter() for s in rated}
    overall = Counter()
    scores = {r.id: r.score for r in framework.ratings}
    memo: dict[tuple, str | None] = {}
    bands: dict[tuple[str, int, int], KeyQuestionResult] = {}
    for _ in range(resamples):
        counts: dict[str, tuple[int, int]] = {}
        for questions, packed in samples:
            total = sum(rng.choices(packed, k=len(packed)))
            for index, question_id in enumerate(questions):
                shift = 2 * _FIELD * index
                counts[question_id] = ((total >> shift) & _MASK, (total >> (shift + _FIELD)) & _MASK)
        score, complete = 0, True
        for result in rated:
            rating = _rerate(framework, registry, result, counts, memo, bands)
            tallies[result.standard.id][rating] += 1
            if rating is None:
                complete = False
            else:
                score += scores[rating]
        overall[framework.overall_band(score).rating if complete else None] += 1
    return {
        "stability_format": 1,
        "provider": evaluation.provider,
        "framework": {"ref": framework.ref, "status": framework.status, "sha256": framework.sha256},
        "resamples": resamples,
        "seed": seed,
        "resampled": [s for s in inspection["samples"] if "cases" in inspection["samples"][s]],
        "fixed": [s for s in inspection["samples"] if "cases" not in inspection["samples"][s]],
        "standards": [_shares(framework, result.standard.id, result.standard.title, result.rating, tallies[result.standard.id], resamples,
                              discretion=result.exercised is not None) for result in rated],
        "overall": _shares(framework, "overall", "Overall", evaluation.rating, overall, resamples),
    }


_MASK = (1 << _FIELD) - 1


def _packed_samples(framework: Any, inspection: Mapping[str, Any]) -> list[tuple[list[str], list[int]]]:
    """Per case sample: its counted key questions, and each case packed as one integer of (yes, of) per question.

    Adding the packed integers of the cases drawn adds every question's counts at once, which keeps
    ten thousand resamples fast without any numerical library.
    """
    from .conditions import holds

    packed_samples = []
    for sample_id, data in inspection["samples"].items():
        if "cases" not in data or sample_id not in framework.samples:
            continue
        questions = list(framework.key_questions_of_sample(sample_id))
        cases = []
        for case in data["cases"]:
            attributes = case.get("attributes", {})
            value = 0
            for index, question in enumerate(questions):
                answer = case["key_questions"].get(question.id)
                applies = question.sub_sample is None or holds(framework.sub_samples[question.sub_sample].when, attributes)
                if applies and answer in ("yes", "no"):
                    shift = 2 * _FIELD * index
                    value += ((answer == "yes") << shift) + (1 << (shift + _FIELD))
            cases.append(value)
        packed_samples.append(([q.id for q in questions], cases))
    return packed_samples


def _rerate(framework, registry, result, counts, memo, bands) -> str | None:
    standard = result.standard
    if not standard.counted_key_questions or not all(kq.id in counts for kq in result.key_questions):
        return result.rating  # a judgement, or a standard on totals: as rated
    key = (standard.id, *(counts[kq.id] for kq in result.key_questions))
    if key in memo:
        return memo[key]
    questions = []
    for kq in result.key_questions:
        yes, of = counts[kq.id]
        if of == 0:
            memo[key] = None  # no applicable case drawn: this resample cannot rate the standard
            return None
        made = bands.get((kq.id, yes, of))
        if made is None:
            percent = percent_of(yes, of)
            made = bands[(kq.id, yes, of)] = replace(kq, yes=yes, of=of, percent=percent, band=framework.banding.band_for(percent))
        questions.append(made)
    method = registry.rating_methods[standard.rating_method]
    context = StandardContext(framework, standard, tuple(questions), result.judgement, "")
    rating = method.rate(context).rating
    if rating is not None and standard.moderation is not None and result.moderation is not None and result.moderation.recorded:
        rule = registry.moderation_rules[standard.moderation.rule]
        record = {"proposed": result.moderation.proposed, "ratified": result.moderation.ratified, "rationale": result.moderation.rationale}
        try:
            rating = rule.moderate(ModerationContext(framework, standard, standard.moderation.options,
                                                     framework.rating(rating), record, "")).rating
        except Exception:
            pass  # a decision that cannot apply to this resample's rating (off the scale) leaves it as the cases give it
    memo[key] = rating
    return rating


def _shares(framework, item_id: str, title: str, actual: str | None, tally: Counter, resamples: int, discretion: bool = False) -> dict[str, Any]:
    order = [None] + [r.id for r in framework.ratings]
    return {
        "id": item_id,
        "title": title,
        "rating": actual,
        "rating_label": framework.label(actual),
        "discretion_applied": discretion,
        "shares": [{"rating": rating, "rating_label": framework.label(rating), "resamples": tally[rating],
                    "share": round(tally[rating] / resamples, 4)} for rating in order if tally[rating]],
        "same_as_rated": round(tally[actual] / resamples, 4),
    }


def render_stability_text(report: dict[str, Any]) -> str:
    framework = report["framework"]
    status = "" if framework["status"] == "published" else f" ({framework['status']}, not published)"
    lines = [f"{report['provider']} under {framework['ref']}{status}: {report['resamples']} resamples (seed {report['seed']}) "
             f"of the case samples {', '.join(report['resampled']) or '(none)'}"]
    if report["fixed"]:
        lines.append(f"given as totals, not resampled: {', '.join(report['fixed'])}")
    lines.append("")
    for item in [*report["standards"], report["overall"]]:
        shares = ", ".join(f"{s['rating_label']} {s['share']:.1%}" for s in item["shares"])
        note = " (rated with professional discretion, which resamples do not repeat)" if item["discretion_applied"] else ""
        lines.append(f"{item['id'] + ' ' + item['title']:<40} rated {item['rating_label']}: same in {item['same_as_rated']:.1%}{note}")
        lines.append(f"{'':<40} {shares}")
    return "\n".join(lines) + "\n"
