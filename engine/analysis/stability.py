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
from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import repeat
from operator import add, and_, lshift, rshift
from typing import Any

from ..errors import InvalidInputError, Problem, RatingProblem
from ..extension import KeyQuestionResult, ModerationContext, StandardContext
from ..io.safe_text import printable_data
from ..model.proportions import percent_of
from ..rating.evaluate import Evaluation, StandardResult


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

    tally: Counter
    questions: list[tuple[int, _Question]]  # each key question's place in its sample's packed cases, and the question
    ratings: _Ratings


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
    rng = random.Random(seed)  # noqa: S311 -- a seeded draw, so the same seed gives the same figures; nothing secret
    rated = list(evaluation.standards)
    tallies: dict[str, Counter[str | None]] = {s.standard.id: Counter() for s in rated}  # None: not rated
    overall: Counter[str | None] = Counter()
    scores = {r.id: r.score for r in framework.ratings}
    groups = []  # per case sample: its packed cases, and the standards rated on them
    moving_ids = set()
    for ids, packed, width in samples:
        where = {question_id: index for index, question_id in enumerate(ids)}
        group = []
        for r in rated:
            if r.standard.counted_key_questions and all(kq.id in where for kq in r.key_questions):
                # A rating method that declares bands_only is asked once per combination of bands, not of counts.
                by_bands = registry.rating_methods[r.standard.rating_method].bands_only
                questions = [(where[kq.id], _Question(framework, kq, width, by_bands)) for kq in r.key_questions]
                group.append(_Moving(tallies[r.standard.id], questions, _Ratings(framework, registry, r, questions)))
                moving_ids.add(r.standard.id)
        groups.append((_Draws(rng, packed, width, len(ids)), group))
    # The others (rated by judgement, or on totals) keep their rating in every resample.
    fixed = [r for r in rated if r.standard.id not in moving_ids]
    fixed_score = sum(scores[r.rating] for r in fixed if r.rating is not None) if all(r.rating for r in fixed) else _UNRATED
    overall_for = _OverallBands(framework)
    # A batch of resamples at a time, sample by sample: each key question's counts in each resample, then
    # each standard's rating in each; then per resample the overall rating, from the standards' scores.
    for start in range(0, resamples, _AT_ONCE):
        batch = min(_AT_ONCE, resamples - start)
        scored: list[list[int]] = []
        for draws, group in groups:
            counts = draws.counts(batch)
            for standard in group:
                ratings = list(map(standard.ratings.__getitem__, zip(*(
                    map(question.__getitem__, counts[index]) for index, question in standard.questions), strict=True)))
                standard.tally.update(ratings)
                scored.append(list(map(scores.get, ratings, repeat(_UNRATED))))
        overall.update(map(overall_for.__getitem__, map(sum, zip([fixed_score] * batch, *scored, strict=True))))
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


class _Draws:
    """Resamples of one case sample, drawn a batch at a time: each key question's counts in each resample.

    A resample draws as many cases as the sample holds, with replacement, every case exactly as
    likely at each draw. Up to 256 cases, random bytes are turned into cases' positions, with the
    bytes that would favour some positions thrown away (rejection sampling), and the questions'
    counts are counted in C: bytes.translate marks, a bit each, the positions of the cases up to
    eight questions count (or judged sufficient), and int.bit_count counts each question's bits in
    each resample's stretch. Larger samples add the packed cases drawn by random.choices.
    """

    def __init__(self, rng: random.Random, packed: list[int], width: int, questions: int):
        self.rng, self.packed, self.width, self.questions = rng, packed, width, questions
        self.size = len(packed)
        if 0 < self.size <= 256:
            self.table, self.unfair = _byte_table(self.size)
            self.marks = [(_marks(packed, 2 * width * index), _marks(packed, 2 * width * index + width))
                          for index in range(questions)]
            # Questions often mark the same cases, and often every case or none: those are counted once, or not at all.
            distinct = list(dict.fromkeys(marked for pair in self.marks for marked in pair))
            self.constant = {marked: marked.count(1) for marked in distinct if marked.count(1) in (0, self.size)}
            varying = [marked for marked in distinct if marked not in self.constant]
            self.groups = [_MarkGroup(varying[at:at + 8], self.size) for at in range(0, len(varying), 8)]
        self.buffer = b""  # random positions drawn and not yet used

    def counts(self, resamples: int) -> list[list[int]]:
        """Per key question (in packed order), its (yes, of) in each of the next RESAMPLES resamples,
        packed as one integer: yes + (of << width)."""
        size, width = self.size, self.width
        if size == 0 or size > 256:
            population, pair = range(size), (1 << 2 * width) - 1
            totals = [sum(map(self.packed.__getitem__, self.rng.choices(population, k=size))) for _ in range(resamples)]
            return [list(map(and_, map(rshift, totals, repeat(2 * width * index)), repeat(pair))) for index in range(self.questions)]
        needed = size * resamples
        drawn = self.positions(needed)
        stretches = list(map(slice, range(0, needed, size), range(size, needed + 1, size)))
        found: dict[bytes, list[int]] = {}
        for group in self.groups:
            # Up to eight marks at once, one bit each: each resample's stretch of marked bytes read as one
            # integer, the count of mark j is the number of bits set at bit j of its bytes.
            words = list(map(int.from_bytes, map(drawn.translate(group.table).__getitem__, stretches)))
            for marked, mask in group.masks:
                found[marked] = list(map(int.bit_count, map(and_, words, repeat(mask))))
        for marked, every in self.constant.items():
            found[marked] = [every] * resamples
        return [list(map(add, found[yes_marks], map(lshift, found[of_marks], repeat(width))))
                for yes_marks, of_marks in self.marks]

    def positions(self, needed: int) -> bytes:
        """The next NEEDED case positions drawn, a byte each."""
        while len(self.buffer) < needed:
            # Enough random bytes, as a rule, for what is needed once the unfair ones are thrown away.
            wanted = (needed - len(self.buffer)) * 256 // (256 - len(self.unfair)) + 64
            self.buffer += self.rng.randbytes(wanted).translate(self.table, self.unfair)
        drawn, self.buffer = self.buffer[:needed], self.buffer[needed:]
        return drawn


class _MarkGroup:
    """Up to eight marks in one bytes.translate table: bit j of a position's byte is mark j."""

    def __init__(self, marks: list[bytes], size: int):
        self.table = bytes(sum(marked[position] << bit for bit, marked in enumerate(marks)) for position in range(256))
        self.masks = [(marked, int.from_bytes(bytes([1 << bit]) * size)) for bit, marked in enumerate(marks)]


def _marks(packed: list[int], bit: int) -> bytes:
    """A bytes.translate table marking with 1 the positions of the cases whose packed value has BIT set."""
    return bytes((value >> bit) & 1 for value in packed) + bytes(256 - len(packed))


#: Resamples drawn together: their positions take a byte per case each.
_AT_ONCE = 10_000


def _byte_table(size: int) -> tuple[bytes, bytes]:
    """How a random byte becomes a position below SIZE: the bytes.translate table, and the bytes to throw away.

    256 // SIZE * SIZE bytes are kept, so every position is reached from exactly 256 // SIZE of them.
    """
    return bytes(value % size for value in range(256)), bytes(range(256 // size * size, 256))


def _packed_samples(framework: Any, inspection: Mapping[str, Any]) -> list[tuple[list[str], list[int], int]]:
    """Per case sample: its counted key questions, each case packed as one integer, and the bits of one count.

    A case's integer holds, per key question, two counts of WIDTH bits: whether the case is counted
    (of) and whether it was judged sufficient (yes). Adding the integers of the cases drawn adds
    every question's counts at once (_Draws does so for samples of more than 256 cases, and reads
    its marks from these bits for the others). No count can exceed the number of cases, so WIDTH is
    that number's length in bits.
    """
    from ..model.conditions import holds

    packed_samples = []
    for sample_id, data in inspection["samples"].items():
        if "cases" not in data or sample_id not in framework.samples:
            continue
        questions = list(framework.key_questions_of_sample(sample_id))
        width = max(1, len(data["cases"]).bit_length())
        cases = []
        for case in data["cases"]:
            attributes = case.get("attributes", {})
            value = 0
            for index, question in enumerate(questions):
                answer = case["key_questions"].get(question.id)
                applies = question.sub_sample is None or holds(framework.sub_samples[question.sub_sample].when, attributes)
                if applies and answer in ("yes", "no"):
                    shift = 2 * width * index
                    value += ((answer == "yes") << shift) + (1 << (shift + width))
            cases.append(value)
        packed_samples.append(([q.id for q in questions], cases, width))
    return packed_samples


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


def render_stability_text(report: dict[str, Any]) -> str:
    report = printable_data(report)  # text from the files cannot start a line or drive the terminal
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
