"""The overall rating: the scores of the standards that count, each times its weight, added up and banded.

Where a standard that counts is not rated, the framework's overall.when_unrated says what follows:
no overall rating (the default, as the overall bands are set for every standard being rated), or
the score scaled to the full maximum and banded there. Scaling is exact: a score s out of the rated
standards' maximum m is s * M / m against the bands of the full maximum M, as a fraction, never
rounded; it is in the highest band whose lowest score it reaches.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from ..model.framework import NO_OVERALL_RATING, SCALE_BANDS, Framework
from ..model.proportions import scaled_score
from ..record_classes import record
from .evaluation import StandardResult

if TYPE_CHECKING:
    from .areas import AreaResult


@record
class UnratedRule:
    """Which overall rule applied because some counted standards are not rated, and the figures it used."""

    rule: str
    unrated: tuple[str, ...]
    full_max: int
    scaled_score: Fraction | None
    #: What is not rated: 'standard', or 'area' where the overall rating is made from the areas.
    of: str = "standard"


@record
class Overall:
    """The overall score, its maximum, the rating (None where there is none) and the rule for unrated standards."""

    score: int
    max_score: int
    rating: str | None
    unrated_rule: UnratedRule | None


def overall(framework: Framework, standards: Sequence[StandardResult], areas: Sequence[AreaResult] = ()) -> Overall:
    """The overall outcome of STANDARDS (every standard's result), or of the AREAS where the framework
    makes the overall rating from its areas, under FRAMEWORK's overall rule."""
    if framework.overall_from == "areas":
        parts = [(a.area.id, a.rated, a.score or 0, 1) for a in areas]
    else:
        parts = [(s.standard.id, s.rated, s.score or 0, s.standard.weight) for s in standards if s.standard.counts_towards_overall]
    score = sum(points * weight for _, rated, points, weight in parts if rated)
    top = max(r.score for r in framework.ratings)
    max_score = top * sum(weight for _, rated, _, weight in parts if rated)
    unrated = tuple(part_id for part_id, rated, _, _ in parts if not rated)
    if not unrated:
        return Overall(score, max_score, framework.overall_band(score).rating, None)
    rule = framework.when_unrated or NO_OVERALL_RATING
    stated = framework.when_unrated is not None or any(s.unrated_on_purpose is not None for s in standards)
    full_max = top * sum(weight for _, _, _, weight in parts)
    of = "area" if framework.overall_from == "areas" else "standard"
    if rule != SCALE_BANDS or max_score == 0:
        return Overall(score, max_score, None, UnratedRule(rule, unrated, full_max, None, of) if stated else None)
    scaled = scaled_score(score, max_score, full_max)
    return Overall(score, max_score, framework.overall_band(scaled).rating, UnratedRule(rule, unrated, full_max, scaled, of))
