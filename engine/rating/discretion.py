"""Professional discretion: when the ratings panel may move a standard's rating, and applying its decision.

The framework's discretion block says on which standards, and how near a band boundary the key
question that drives the rating (as the standard's rating method names it) must be, whether a
differing judgement in one case that would change the rating also makes it eligible, and how many
bands it may move a rating.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from ..errors import RatingProblem, hint_for
from ..extension import Indicative, StandardContext
from ..model.framework import Framework, Rating, Standard
from ..model.proportions import number_text, tenths


@dataclass(frozen=True)
class Eligibility:
    """Whether discretion is eligible on a standard, and why, in words."""

    applies: bool
    eligible: bool | None
    explanation: str
    near_boundaries: tuple[Fraction, ...] = ()
    nearest_boundary: Fraction | None = None
    distance: Fraction | None = None
    one_case: bool | None = None
    one_case_changes: tuple[str, ...] = ()
    counts_unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exercised:
    """Discretion the ratings panel exercised on a standard."""

    from_rating: str
    to_rating: str
    rationale: str
    override: bool
    eligible: bool | None


def points(value: Fraction) -> str:
    """A non-negative number of percentage points as a reader wants it, to one decimal place: '2', '6.2'."""
    return number_text(Fraction(tenths(value), 10))


def assess(framework: Framework, standard: Standard, context: StandardContext, indicative: Indicative,
           rate: Callable[[StandardContext], Indicative], driving_name: str) -> Eligibility:
    """Test both of the framework's eligibility rules on STANDARD.

    DRIVING_NAME is what the rating method calls the key question it reports as driving the rating,
    in its own words. Where the method reports none, nearness to a boundary cannot be tested
    and says so, naming the method; only the one-case rule can make it eligible.
    """
    rule = framework.discretion
    if rule is None or standard.id not in rule.standards:
        return Eligibility(False, False, f"professional discretion does not apply to standard {standard.id} in {framework.ref}")
    banding = framework.banding
    parts: list[str] = []
    near: tuple[Fraction, ...] = ()
    nearest = distance = None
    by_id = {kq.id: kq for kq in context.key_questions}
    driving = by_id.get(indicative.driving_key_question or "")
    if driving is not None and banding.boundaries:
        value = banding.deciding(driving.percent)
        near = tuple(b for b in banding.boundaries if abs(value - b) <= rule.within_percentage_points)
        nearest = min(banding.boundaries, key=lambda b: (abs(value - b), b))
        distance = abs(value - nearest)
        shown = banding.display_text(driving.percent)
        if banding.rounded(driving.percent) != driving.percent and banding.decide_on == "exact":
            shown += f" ({points(driving.percent)}% before rounding)"
        if near:
            parts.append(f"the {driving_name}, {driving.id} at {shown}, is within {points(rule.within_percentage_points)} "
                         f"percentage points of the {points(nearest)}% boundary ({points(distance)} points)")
        else:
            parts.append(f"the {driving_name}, {driving.id} at {shown}, is {points(distance)} points from the nearest "
                         f"boundary ({points(nearest)}%), more than {points(rule.within_percentage_points)}")
    elif driving is None:
        parts.append(f"the rating method {standard.rating_method!r} reports no key question that drives "
                     "the rating, so nearness to a band boundary is not tested")

    one_case: bool | None = None
    changes: list[str] = []
    unknown = tuple(kq.id for kq in context.key_questions if not kq.counts_known)
    if rule.one_case_rule:
        for index, kq in enumerate(context.key_questions):
            if kq.yes is None or kq.of is None:  # only a published percentage: nothing to move by one case
                continue
            for yes in (kq.yes - 1, kq.yes + 1):
                if 0 <= yes <= kq.of:
                    changed = list(context.key_questions)
                    changed[index] = kq.with_yes(yes, framework)
                    outcome = rate(replace(context, key_questions=tuple(changed)))
                    if outcome.rating != indicative.rating:
                        changes.append(f"{kq.id} at {yes} of {kq.of} would give {framework.label(outcome.rating)}")
        if changes:
            one_case = True
            parts.append("one case judged differently would change the rating (" + "; ".join(changes) + ")")
        elif unknown:
            one_case = None
            parts.append("whether one case judged differently would change the rating cannot be known, because "
                         + ", ".join(unknown) + (" is" if len(unknown) == 1 else " are") + " known only as a published percentage")
        else:
            one_case = False
            parts.append("no single case judged differently would change the rating")

    if near or one_case:
        eligible: bool | None = True
    elif one_case is None and rule.one_case_rule:
        eligible = None
    else:
        eligible = False
    verdict = {True: "eligible", False: "not eligible", None: "eligibility unknown"}[eligible]
    return Eligibility(True, eligible, f"{verdict}: " + "; ".join(parts), near, nearest, distance, one_case, tuple(changes), unknown)


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
                f"professional discretion is not eligible on standard {standard.id}: {eligibility.explanation.split(': ', 1)[1]}",
                code="discretion-ineligible", pointer=where,
                hint='set "override": true to apply it anyway; the result will flag it')
        warnings.append(f"discretion on {standard.id} was applied by override although it is not eligible")
    elif eligibility.eligible is None:
        warnings.append(f"discretion on {standard.id} was applied although its eligibility cannot be fully established "
                        "from published percentages")
    return Exercised(current.id, target.id, record["rationale"], override, eligibility.eligible), warnings
