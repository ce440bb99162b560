"""Professional discretion: when the ratings panel may move a standard's rating, and applying its decision.

The framework's discretion block says on which standards, and how near a band boundary the key
question that drives the rating (as the standard's rating method names it) must be, whether a
differing judgement in one case that would change the rating also makes it eligible, and how many
bands it may move a rating.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from ..errors import RatingProblem, hint_for
from ..extension import Indicative, KeyQuestionResult, StandardContext
from ..model.framework import Framework, Rating, Standard
from ..model.proportions import percent_of, tenths
from ..record_classes import changed as changed_record
from ..record_classes import record


@record
class Eligibility:
    """Whether discretion is eligible on a standard, and why, kept as parts so that no one parses a sentence.

    VERDICT is 'eligible', 'not eligible' or 'eligibility unknown' where discretion applies; REASON says
    why, without the verdict; EXPLANATION is the two together, as the result document gives it. Where
    discretion does not apply to the standard at all, REASON says so and is the explanation.
    """

    applies: bool
    eligible: bool | None
    reason: str
    near_boundaries: tuple[Fraction, ...] = ()
    nearest_boundary: Fraction | None = None
    distance: Fraction | None = None
    one_case: bool | None = None
    one_case_changes: tuple[str, ...] = ()
    counts_unknown: tuple[str, ...] = ()

    @property
    def verdict(self) -> str:
        """'eligible', 'not eligible' or 'eligibility unknown'; 'does not apply' where discretion does not apply."""
        if not self.applies:
            return "does not apply"
        return {True: "eligible", False: "not eligible", None: "eligibility unknown"}[self.eligible]

    @property
    def explanation(self) -> str:
        """The verdict and the reason in one sentence, as the result document's discretion.explanation."""
        return f"{self.verdict}: {self.reason}" if self.applies else self.reason


@record
class Exercised:
    """Discretion the ratings panel exercised on a standard."""

    from_rating: str
    to_rating: str
    rationale: str
    override: bool
    eligible: bool | None


def points(value: Fraction) -> str:
    """A non-negative number of percentage points as a reader wants it, to one decimal place: '2', '6.2'."""
    whole, tenth = divmod(tenths(value), 10)  # as number_text writes it, without dividing Decimals
    return f"{whole}.{tenth}" if tenth else str(whole)


#: The eligibility of a standard where nobody asked: an evaluation for its ratings alone (a sweep's)
#: does not assess discretion where the panel recorded no decision, which then changes no rating.
NOT_ASSESSED = Eligibility(False, None, "not assessed: only the ratings were asked for")


def assess(framework: Framework, standard: Standard, context: StandardContext, indicative: Indicative,
           rate: Callable[[StandardContext], Indicative], driving_name: str, bands_only: bool = False) -> Eligibility:
    """Test both of the framework's eligibility rules on STANDARD.

    DRIVING_NAME is what the rating method calls the key question it reports as driving the rating,
    in its own words. Where the method reports none, nearness to a boundary cannot be tested
    and says so, naming the method; only the one-case rule can make it eligible. BANDS_ONLY, where
    the method declares that only its key questions' bands decide its rating, spares asking it
    again about a case that moves no key question out of its band.
    """
    rule = framework.discretion
    if rule is None or standard.id not in rule.standards:
        return Eligibility(False, False, f"professional discretion does not apply to standard {standard.id} in {framework.ref}")
    by_id = {kq.id: kq for kq in context.key_questions}
    near = _nearness(framework, standard, by_id.get(indicative.driving_key_question or ""), driving_name)
    one_case = _one_case(framework, context, indicative, rate, bands_only) if rule.one_case_rule else None
    parts = [part for part in (near.words, one_case.words if one_case else None) if part]
    found = one_case.found if one_case else None
    if near.boundaries or found:
        eligible: bool | None = True
    elif found is None and rule.one_case_rule:
        eligible = None
    else:
        eligible = False
    unknown = tuple(kq.id for kq in context.key_questions if not kq.counts_known)
    return Eligibility(True, eligible, "; ".join(parts), near.boundaries, near.nearest, near.distance, found,
                       one_case.changes if one_case else (), unknown)


@record
class _Nearness:
    """The near-boundary rule's finding on the driving key question, and its words (None where it says nothing)."""

    words: str | None
    boundaries: tuple[Fraction, ...] = ()
    nearest: Fraction | None = None
    distance: Fraction | None = None


def _nearness(framework: Framework, standard: Standard, driving: KeyQuestionResult | None, driving_name: str) -> _Nearness:
    """How near the driving key question is to a band boundary, within the framework's points or not."""
    rule, banding = framework.discretion, framework.banding
    if driving is None:
        return _Nearness(f"the rating method {standard.rating_method!r} reports no key question that drives "
                         "the rating, so nearness to a band boundary is not tested")
    if rule is None or not banding.boundaries:
        return _Nearness(None)
    percent = driving.percent
    near, nearest, distance = _gaps(banding.deciding(percent), banding.boundaries, rule.within_percentage_points)
    shown = banding.display_text(percent)
    if banding.decide_on == "exact" and not banding.shows_exactly(percent):
        shown += f" ({points(percent)}% before rounding)"
    within = points(rule.within_percentage_points)
    if near:
        words = (f"the {driving_name}, {driving.id} at {shown}, is within {within} "
                 f"percentage points of the {points(nearest)}% boundary ({points(distance)} points)")
    else:
        words = (f"the {driving_name}, {driving.id} at {shown}, is {points(distance)} points from the nearest "
                 f"boundary ({points(nearest)}%), more than {within}")
    return _Nearness(words, near, nearest, distance)


def _gaps(value: Fraction, boundaries: tuple[Fraction, ...], within: Fraction) -> tuple[tuple[Fraction, ...], Fraction, Fraction]:
    """The BOUNDARIES within WITHIN of VALUE, the nearest (the lower of two as near) and its distance, all exact.

    Worked out on numerators and denominators, each gap |n/d - bn/bd| as |n*bd - bn*d| over d*bd: this
    runs for every standard of every evaluation, and Fraction arithmetic costs many times as much.
    """
    numerator, denominator = value.numerator, value.denominator
    within_n, within_d = within.numerator, within.denominator
    near = []
    best: tuple[int, int, Fraction] | None = None
    for boundary in boundaries:
        gap_n, gap_d = abs(numerator * boundary.denominator - boundary.numerator * denominator), denominator * boundary.denominator
        if gap_n * within_d <= within_n * gap_d:
            near.append(boundary)
        # Nearer, or as near and lower: as min() orders (gap, boundary) pairs.
        if best is None or gap_n * best[1] < best[0] * gap_d or gap_n * best[1] == best[0] * gap_d and boundary < best[2]:
            best = (gap_n, gap_d, boundary)
    if best is None:
        raise ValueError("no boundary to measure from")  # the caller tests only a banding with boundaries
    return tuple(near), best[2], Fraction(best[0], best[1])


@record
class _OneCase:
    """The one-case rule's finding: True, False, or None where published percentages hide it; and its words."""

    found: bool | None
    words: str
    changes: tuple[str, ...] = ()


def _one_case(framework: Framework, context: StandardContext, indicative: Indicative,
              rate: Callable[[StandardContext], Indicative], bands_only: bool = False) -> _OneCase:
    """Whether one case judged differently on any key question would change the indicative rating."""
    changes: list[str] = []
    unknown = tuple(kq.id for kq in context.key_questions if not kq.counts_known)
    for index, kq in enumerate(context.key_questions):
        if kq.yes is None or kq.of is None:  # only a published percentage: nothing to move by one case
            continue
        for yes in (kq.yes - 1, kq.yes + 1):
            if 0 <= yes <= kq.of:
                if bands_only and framework.banding.band_for(percent_of(yes, kq.of)).id == kq.band.id:
                    continue  # the same bands: the same rating, by the method's own declaration
                moved = kq.with_yes(yes, framework)
                changed = list(context.key_questions)
                changed[index] = moved
                outcome = rate(changed_record(context, key_questions=tuple(changed)))
                if outcome.rating != indicative.rating:
                    changes.append(f"{kq.id} at {yes} of {kq.of} would give {framework.label(outcome.rating)}")
    if changes:
        return _OneCase(True, "one case judged differently would change the rating (" + "; ".join(changes) + ")",
                        tuple(changes))
    if unknown:
        return _OneCase(None, "whether one case judged differently would change the rating cannot be known, because "
                        + _only_percentages(context, unknown))
    return _OneCase(False, "no single case judged differently would change the rating")


def _only_percentages(context: StandardContext, unknown: tuple[str, ...]) -> str:
    """The key questions known only as a percentage, the assumed ones (placeholders) named apart from the published."""
    assumed = [kq.id for kq in context.key_questions if kq.id in unknown and kq.assumed]
    published = [kq_id for kq_id in unknown if kq_id not in assumed]
    parts = []
    if published:
        parts.append(", ".join(published) + (" is" if len(published) == 1 else " are") + " known only as a published percentage")
    if assumed:
        parts.append(", ".join(assumed) + (" is" if len(assumed) == 1 else " are") + " known only as an assumed percentage, a placeholder")
    return " and ".join(parts)


def exercise(framework: Framework, standard: Standard, eligibility: Eligibility, record: Mapping[str, Any],
             indicative: Rating, current: Rating, where: str) -> tuple[Exercised, list[str]]:
    """Apply the panel's recorded discretion to CURRENT (the rating after any moderation).

    Returns what was done and any warnings; raises RatingProblem where the framework does not
    allow the decision. Eligibility rests on the case data behind the INDICATIVE rating, so
    discretion may not leave the rating further than its limit from that rating either: moderation
    and discretion together never move a rating two bands.
    """
    if not eligibility.applies or framework.discretion is None:  # it applies only where the framework has discretion
        raise RatingProblem(eligibility.explanation, code="discretion-not-allowed", pointer=where,
                            hint="remove this entry; discretion is for case-sample standards")
    target_id = record["rating"]
    if not framework.has_rating(target_id):
        raise RatingProblem(f"{target_id!r} is not a rating in {framework.ref}", code="unknown-rating", pointer=where + "/rating",
                            hint=hint_for(target_id, [r.id for r in framework.ratings]))
    target = framework.rating(target_id)
    max_bands = framework.discretion.max_bands
    if abs(target.rank - current.rank) > max_bands:
        raise RatingProblem(
            f"discretion may move a rating at most {max_bands} band{'s' if max_bands != 1 else ''}, "
            f"but {current.label} to {target.label} is {abs(target.rank - current.rank)}",
            code="discretion-too-far", pointer=where + "/rating")
    if abs(target.rank - indicative.rank) > max_bands:
        raise RatingProblem(
            f"moderation already moved {standard.id} from {indicative.label} to {current.label}; discretion to {target.label} "
            f"would leave it {abs(target.rank - indicative.rank)} bands from the rating its cases give, more than the "
            f"{max_bands} discretion allows", code="discretion-too-far", pointer=where + "/rating")
    override = bool(record.get("override", False))
    warnings = []
    if eligibility.eligible is False:
        if not override:
            raise RatingProblem(
                f"professional discretion is not eligible on standard {standard.id}: {eligibility.reason}",
                code="discretion-ineligible", pointer=where,
                hint='set "override": true to apply it anyway; the result will flag it')
        warnings.append(f"discretion on {standard.id} was applied by override although it is not eligible")
    elif eligibility.eligible is None:
        warnings.append(f"discretion on {standard.id} was applied although its eligibility cannot be fully established "
                        "from published percentages")
    return Exercised(current.id, target.id, record["rationale"], override, eligibility.eligible), warnings
