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
from dataclasses import dataclass, field, replace
from typing import Any, Iterator, Mapping, Sequence

from .errors import InvalidInputError, Problem
from .evaluate import Evaluation, StandardResult
from .extension import KeyQuestionResult, ModerationContext, StandardContext
from .proportions import percent_of

_FIELD = 21  # bits for one count: up to two million cases in a sample
_MASK = (1 << _FIELD) - 1
_PAIR = (1 << 2 * _FIELD) - 1  # one question's (yes, of), packed


@dataclass
class _Moving:
    """A standard re-rated on every resample, and the ratings it has been given so far."""

    result: StandardResult
    tally: Counter
    questions: tuple[tuple[str, int], ...]  # its key questions, and where each one's counts sit in a packed total
    by_bands: bool  # its rating method's rating depends on the key questions' bands alone
    by_counts: dict = field(default_factory=dict)  # packed counts -> rating
    memo: dict = field(default_factory=dict)  # bands (or counts) of its key questions -> rating

    def __post_init__(self) -> None:
        # The bits of a packed total that hold all of its key questions' counts (they sit side by side).
        low, high = min(s for _, s in self.questions), max(s for _, s in self.questions) + 2 * _FIELD
        self.shift, self.mask = low, (1 << (high - low)) - 1


_UNSET = object()


def stability(evaluation: Evaluation, inspection: Mapping[str, Any], registry: Any, resamples: int, seed: int,
              file: str | None = None) -> dict[str, Any]:
    """Resample EVALUATION's case samples RESAMPLES times (deterministic for SEED) and count the ratings.

    Raises InvalidInputError if no sample of the inspection (FILE) records its cases one by one.
    """
    framework = evaluation.framework
    samples = _packed_samples(framework, inspection)
    if not samples:
        raise InvalidInputError([Problem(
            "no-case-level-data", "ratings stability needs case-level data, but every sample of this inspection gives "
            "only totals, so there are no cases to resample", file, "/samples",
            hint="give a sample's 'cases', one record per inspected case, instead of its 'results'")])
    rng = random.Random(seed)
    rated = list(evaluation.standards)
    tallies = {s.standard.id: Counter() for s in rated}
    overall = Counter()
    scores = {r.id: r.score for r in framework.ratings}
    groups = []  # per case sample: its packed cases, and the standards rated on them
    moving_ids = set()
    for ids, packed in samples:
        where = {question_id: 2 * _FIELD * index for index, question_id in enumerate(ids)}
        group = []
        for r in rated:
            if r.standard.counted_key_questions and all(kq.id in where for kq in r.key_questions):
                questions = tuple((kq.id, where[kq.id]) for kq in r.key_questions)
                group.append(_Moving(r, tallies[r.standard.id], questions, registry.rating_methods[r.standard.rating_method].bands_only))
                moving_ids.add(r.standard.id)
        groups.append((_resamples(rng, len(packed)), packed, group))
    # The others (rated by judgement, or on totals) keep their rating in every resample.
    fixed = [r for r in rated if r.standard.id not in moving_ids]
    fixed_score = sum(scores[r.rating] for r in fixed if r.rating is not None)
    fixed_complete = all(r.rating is not None for r in fixed)
    overall_for: dict[int, str] = {}
    templates = {kq.id: kq for r in rated for kq in r.key_questions}
    made: dict[str, dict[int, tuple]] = {question_id: {} for question_id in templates}
    for _ in range(resamples):
        score, complete = fixed_score, fixed_complete
        for indexes, packed, group in groups:
            total = sum(map(packed.__getitem__, next(indexes)))
            for standard in group:
                counts = (total >> standard.shift) & standard.mask
                rating = standard.by_counts.get(counts, _UNSET)
                if rating is _UNSET:
                    rating = standard.by_counts[counts] = _rate(framework, registry, standard, total, templates, made)
                standard.tally[rating] += 1
                if rating is None:
                    complete = False
                else:
                    score += scores[rating]
        if complete and score not in overall_for:
            overall_for[score] = framework.overall_band(score).rating
        overall[overall_for[score] if complete else None] += 1
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


def _resamples(rng: random.Random, size: int) -> Iterator[Sequence[int]]:
    """Endless resamples of SIZE case positions, each drawn uniformly with replacement.

    Up to 256 cases, random bytes are used, with the bytes that would favour some positions thrown away
    (rejection sampling, so every position is exactly as likely); bytes.translate does both in C,
    about four times as fast as random.choices. Larger samples use random.choices.
    """
    if size > 256:
        population = range(size)
        while True:
            yield rng.choices(population, k=size)
    if size == 0:
        while True:
            yield b""
    table, unfair = _byte_table(size)
    buffer, at = b"", 0
    while True:
        if len(buffer) - at < size:
            buffer, at = buffer[at:] + rng.randbytes(4096).translate(table, unfair), 0
            continue
        yield buffer[at:at + size]
        at += size


def _byte_table(size: int) -> tuple[bytes, bytes]:
    """How a random byte becomes a position below SIZE: the bytes.translate table, and the bytes to throw away.

    256 // SIZE * SIZE bytes are kept, so every position is reached from exactly 256 // SIZE of them.
    """
    return bytes(value % size for value in range(256)), bytes(range(256 // size * size, 256))


def _made(framework: Any, question: KeyQuestionResult, counts: int) -> tuple:
    yes, of = counts & _MASK, counts >> _FIELD
    if of == 0:
        return None, counts, None
    percent = percent_of(yes, of)
    band = framework.banding.band_for(percent)
    return band.id, counts, replace(question, yes=yes, of=of, percent=percent, band=band)


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


def _rate(framework: Any, registry: Any, standard: _Moving, total: int, templates: Mapping[str, KeyQuestionResult],
          made: dict[str, dict[int, tuple]]) -> str | None:
    """The rating of STANDARD on the counts in a resample's packed TOTAL."""
    entries = []
    for question_id, shift in standard.questions:
        counts = (total >> shift) & _PAIR
        entry = made[question_id].get(counts)
        if entry is None:
            entry = made[question_id][counts] = _made(framework, templates[question_id], counts)
        entries.append(entry)
    key = tuple([entry[0 if standard.by_bands else 1] for entry in entries])
    if key not in standard.memo:
        standard.memo[key] = _rerate(framework, registry, standard.result, tuple(entry[2] for entry in entries))
    return standard.memo[key]


def _rerate(framework: Any, registry: Any, result: StandardResult, questions: tuple) -> str | None:
    """The rating of RESULT's standard with its key questions' results as QUESTIONS, moderated as recorded."""
    if None in questions:
        return None  # no applicable case drawn for a key question: this resample cannot rate the standard
    rules = result.standard
    method = registry.rating_methods[rules.rating_method]
    rating = method.rate(StandardContext(framework, rules, questions, result.judgement, "")).rating
    if rating is not None and rules.moderation is not None and result.moderation is not None and result.moderation.recorded:
        rule = registry.moderation_rules[rules.moderation.rule]
        record = {"proposed": result.moderation.proposed, "ratified": result.moderation.ratified, "rationale": result.moderation.rationale}
        try:
            rating = rule.moderate(ModerationContext(framework, rules, rules.moderation.options,
                                                     framework.rating(rating), record, "")).rating
        except Exception:
            pass  # a decision that cannot apply to this resample's rating (off the scale) leaves it as the cases give it
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
        lines.append(f"not resampled, because they give only totals (resampling needs case-level data): {', '.join(report['fixed'])}; "
                     "standards judged on them keep their rating")
    lines.append("")
    for item in [*report["standards"], report["overall"]]:
        shares = ", ".join(f"{s['rating_label']} {s['share']:.1%}" for s in item["shares"])
        note = " (rated with professional discretion, which resamples do not repeat)" if item["discretion_applied"] else ""
        lines.append(f"{item['id'] + ' ' + item['title']:<40} rated {item['rating_label']}: same in {item['same_as_rated']:.1%}{note}")
        lines.append(f"{'':<40} {shares}")
    return "\n".join(lines) + "\n"
