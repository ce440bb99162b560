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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import repeat
from typing import Any

from ..errors import InvalidInputError, Problem, RatingProblem
from ..extension import KeyQuestionResult, ModerationContext, StandardContext
from ..model.proportions import percent_of
from ..rating.areas import rate_areas
from ..rating.evaluate import Evaluation, StandardResult
from ..rating.overall import overall
from .resampling import AT_ONCE, Draws, packed_samples


class _Question(dict):
    """One key question of a re-rated standard: the part of a rating key each packed (yes, of) gives.

    The part is the band's id (None when no case counted) for a standard rated by bands alone, or
    else the counts themselves. Worked out when a count is first drawn, with the key question's
    result on it kept as the representative of its part.
    """

    def __init__(self, framework: Any, template: KeyQuestionResult, width: int, by_bands: bool):
        super().__init__()
        self.framework, self.template, self.width, self.by_bands = framework, template, width, by_bands
        self.representatives: dict[Any, KeyQuestionResult | None] = {}

    def __missing__(self, counts: int) -> Any:
        yes, of = counts & ((1 << self.width) - 1), counts >> self.width
        percent = percent_of(yes, of) if of else None
        band = self.framework.banding.band_for(percent) if percent is not None else None
        self[counts] = part = (band.id if band else None) if self.by_bands else counts
        if part not in self.representatives:
            self.representatives[part] = (replace(self.template, yes=yes, of=of, percent=percent, band=band)
                                          if percent is not None and band is not None else None)
        return part


class _Ratings(dict):
    """A standard's rating for each combination of its key questions' parts, rated when first met."""

    def __init__(self, framework: Any, registry: Any, result: StandardResult, questions: list[tuple[int, _Question]]):
        super().__init__()
        self.framework, self.registry, self.result, self.questions = framework, registry, result, questions

    def __missing__(self, key: tuple) -> str | None:
        questions = tuple(question.representatives[part] for (_, question), part in zip(self.questions, key, strict=True))
        self[key] = rating = _rerate(self.framework, self.registry, self.result, questions)
        return rating


@dataclass
class _Moving:
    """A standard re-rated on every resample, and the ratings it has been given so far."""

    standard_id: str
    tally: Counter
    questions: list[tuple[int, _Question]]  # each key question's place in its sample's packed cases, and the question
    ratings: _Ratings


def stability(evaluation: Evaluation, inspection: Mapping[str, Any], registry: Any, resamples: int, seed: int,
              file: str | None = None) -> dict[str, Any]:
    """Resample EVALUATION's case samples RESAMPLES times (deterministic for SEED) and count the ratings.

    Raises InvalidInputError if no sample of the inspection (FILE) records its cases one by one.
    """
    framework = evaluation.framework
    samples = packed_samples(framework, inspection)
    if not samples:
        raise InvalidInputError([Problem(
            "no-case-level-data", "ratings stability needs case-level data, but every sample of this inspection gives "
            "only totals, so there are no cases to resample", file, "/samples",
            hint="give a sample's 'cases', one record per inspected case, instead of its 'results'")])
    rng = random.Random(seed)  # noqa: S311 -- a seeded draw, so the same seed gives the same figures; nothing secret
    rated = list(evaluation.standards)
    tallies: dict[str, Counter[str | None]] = {s.standard.id: Counter() for s in rated}  # None: not rated
    groups = [(Draws(rng, packed, width, len(ids)), _moving(framework, registry, rated, ids, width, tallies))
              for ids, packed, width in samples]
    # The others (rated by judgement, or on totals) keep their rating in every resample.
    moving_ids = {standard.standard_id for _, group in groups for standard in group}
    fixed = [r for r in rated if r.standard.id not in moving_ids]
    overall = _resample(framework, groups, fixed, resamples)
    for result in fixed:
        tallies[result.standard.id][result.rating] += resamples
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


def _moving(framework: Any, registry: Any, rated: list[StandardResult], ids: list[str], width: int,
            tallies: Mapping[str, Counter]) -> list[_Moving]:
    """The standards a case sample's resamples re-rate: those rated on counts of its key questions alone.

    IDS are the sample's key questions in the order of its packed cases, each WIDTH bits wide.
    """
    where = {question_id: index for index, question_id in enumerate(ids)}
    group = []
    for r in rated:
        # A standard left unrated on purpose keeps no key questions: it stays unrated in every resample.
        if r.standard.counted_key_questions and r.key_questions and all(kq.id in where for kq in r.key_questions):
            # A rating method that declares bands_only is asked once per combination of bands, not of counts.
            by_bands = registry.rating_methods[r.standard.rating_method].bands_only
            questions = [(where[kq.id], _Question(framework, kq, width, by_bands)) for kq in r.key_questions]
            group.append(_Moving(r.standard.id, tallies[r.standard.id], questions, _Ratings(framework, registry, r, questions)))
    return group


def _resample(framework: Any, groups: list[tuple[Draws, list[_Moving]]], fixed: list[StandardResult],
              resamples: int) -> Counter[str | None]:
    """Draw RESAMPLES resamples, tally each moving standard's rating in each, and count the overall ratings.

    A batch of resamples at a time, sample by sample: each key question's counts in each resample,
    then each standard's rating in each; then per resample the overall rating, from the standards'
    scores and those of the FIXED standards, which keep their rating in every resample.
    """
    scores = {r.id: r.score for r in framework.ratings}
    if not _plain_sum(framework, fixed):
        return _resample_by_rule(framework, groups, fixed, resamples)
    fixed_score = sum(scores[r.rating] for r in fixed if r.rating is not None) if all(r.rating for r in fixed) else _UNRATED
    overall_for = _OverallBands(framework)
    overall: Counter[str | None] = Counter()
    for start in range(0, resamples, AT_ONCE):
        batch = min(AT_ONCE, resamples - start)
        scored = [list(map(scores.get, ratings, repeat(_UNRATED))) for _, ratings in _rated_batch(groups, batch)]
        overall.update(map(overall_for.__getitem__, map(sum, zip([fixed_score] * batch, *scored, strict=True))))
    return overall


def _rated_batch(groups: list[tuple[Draws, list[_Moving]]], batch: int) -> Iterator[tuple[_Moving, list[str | None]]]:
    """Each moving standard with its rating in each of the next BATCH resamples, sample by sample, tallied as drawn."""
    for draws, group in groups:
        counts = draws.counts(batch)
        for standard in group:
            ratings = list(map(standard.ratings.__getitem__, zip(*(
                map(question.__getitem__, counts[index]) for index, question in standard.questions), strict=True)))
            standard.tally.update(ratings)
            yield standard, ratings


def _plain_sum(framework: Any, fixed: list[StandardResult]) -> bool:
    """Whether the overall rating is the unweighted sum of every standard's score, banded, with none unrated on
    purpose: then each resample's overall rating is looked up from its sum alone."""
    return not (framework.weighted or framework.areas or framework.when_unrated is not None
                or len(framework.counted_standards) != len(framework.standards)
                or any(r.unrated_on_purpose is not None for r in fixed))


def _resample_by_rule(framework: Any, groups: list[tuple[Draws, list[_Moving]]], fixed: list[StandardResult],
                      resamples: int) -> Counter[str | None]:
    """As _resample, for a framework that weights, leaves out, scales or groups standards into areas: each
    resample's overall rating is reached by the framework's overall rule (rating.overall), as evaluation reaches it."""
    scores = {r.id: r.score for r in framework.ratings}
    order = {s.id: i for i, s in enumerate(framework.standards)}
    results = sorted(list(fixed) + [m.ratings.result for _, group in groups for m in group], key=lambda r: order[r.standard.id])
    overall_counts: Counter[str | None] = Counter()
    for start in range(0, resamples, AT_ONCE):
        batch = min(AT_ONCE, resamples - start)
        drawn = {standard.standard_id: ratings for standard, ratings in _rated_batch(groups, batch)}
        for i in range(batch):
            standards = [replace(r, rating=drawn[r.standard.id][i], score=scores.get(drawn[r.standard.id][i]))
                         if r.standard.id in drawn else r for r in results]
            overall_counts[overall(framework, standards, rate_areas(framework, standards)).rating] += 1
    return overall_counts


#: A score so low that any sum with it is negative: a resample with a standard not rated has no overall rating.
_UNRATED = -(1 << 40)


class _OverallBands(dict):
    """The overall rating for each sum of scores, worked out when first needed (None for a negative sum)."""

    def __init__(self, framework: Any):
        super().__init__()
        self.framework = framework

    def __missing__(self, score: int) -> str | None:
        self[score] = rating = self.framework.overall_band(score).rating if score >= 0 else None
        return rating


def _rerate(framework: Any, registry: Any, result: StandardResult, questions: tuple) -> str | None:
    """The rating of RESULT's standard with its key questions' results as QUESTIONS, moderated as recorded."""
    if None in questions:
        return None  # no applicable case drawn for a key question: this resample cannot rate the standard
    rules = result.standard
    method = registry.rating_methods[rules.rating_method]
    try:
        rating = registry.call("rating method", method.name, method.rate,
                               StandardContext(framework, rules, questions, result.judgement, "")).rating
    except RatingProblem:
        return None  # the method cannot rate the standard from this resample
    if rating is not None and rules.moderation is not None and result.moderation is not None and result.moderation.recorded:
        rule = registry.moderation_rules[rules.moderation.rule]
        record = {"proposed": result.moderation.proposed, "ratified": result.moderation.ratified, "rationale": result.moderation.rationale}
        try:
            rating = registry.call("moderation rule", rule.name, rule.moderate,
                                   ModerationContext(framework, rules, rules.moderation.options, framework.rating(rating),
                                                     record, "")).rating
        except RatingProblem:
            pass  # a decision that cannot apply to this resample's rating (off the scale) leaves it as the cases give it
    return rating


def _shares(framework, item_id: str, title: str, actual: str | None, tally: Counter, resamples: int,
            discretion: bool = False) -> dict[str, Any]:
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
