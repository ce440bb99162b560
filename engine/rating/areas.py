"""Area ratings: broad areas rated from their standards, between the standards and the overall rating.

An area is rated by its own rule: 'sum-of-scores' adds its rated standards' scores (each times its
weight) and bands the total against the area's bands, scaled exactly as the overall score is where
the framework says 'scale-bands' and a standard is not rated; 'lowest-standard' takes the lowest
rating among its rated standards. An area none of whose standards is rated is not rated.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from ..model.framework import SCALE_BANDS, Area, Framework, OverallBand
from ..model.proportions import scaled_score
from ..record_classes import record
from .evaluation import StandardResult

SUM_OF_SCORES = "sum-of-scores"
LOWEST_STANDARD = "lowest-standard"


@record
class AreaResult:
    """How one area was rated: its rating (None where it is not rated) and the figures it rests on."""

    area: Area
    rating: str | None
    score: int | None
    unrated: tuple[str, ...]
    total: int | None = None
    max_total: int | None = None
    scaled_total: Fraction | None = None
    band: OverallBand | None = None
    lowest: str | None = None

    @property
    def rated(self) -> bool:
        return self.rating is not None


def rate_areas(framework: Framework, standards: tuple[StandardResult, ...] | list[StandardResult]) -> tuple[AreaResult, ...]:
    """Every area of FRAMEWORK rated from STANDARDS (every standard's result), in the framework's order."""
    by_id = {s.standard.id: s for s in standards}
    return tuple(_rate_area(framework, area, by_id) for area in framework.areas)


def _rate_area(framework: Framework, area: Area, by_id: Mapping[str, StandardResult]) -> AreaResult:
    # A standard with a problem has no result; the problem is reported and nothing is rated from the areas.
    members = [by_id[sid] for sid in area.standards if sid in by_id]
    rated = [s for s in members if s.rated and s.rating is not None]
    unrated = tuple(s.standard.id for s in members if not s.rated)
    if not rated:
        return AreaResult(area, None, None, unrated)
    if area.method == LOWEST_STANDARD:
        lowest = min(rated, key=lambda s: framework.rating(s.rating or "").rank)
        rating = framework.rating(lowest.rating or "")
        return AreaResult(area, rating.id, rating.score, unrated, lowest=lowest.standard.id)
    top = max(r.score for r in framework.ratings)
    total = sum((s.score or 0) * s.standard.weight for s in rated)
    max_total = top * sum(s.standard.weight for s in rated)
    if not unrated:
        band = area.band(total)
        return AreaResult(area, band.rating, framework.rating(band.rating).score, unrated, total, max_total, band=band)
    if framework.when_unrated != SCALE_BANDS:
        return AreaResult(area, None, None, unrated, total, max_total)
    full = top * sum(s.standard.weight for s in members)
    scaled = scaled_score(total, max_total, full)
    band = area.band(scaled)
    return AreaResult(area, band.rating, framework.rating(band.rating).score, unrated, total, max_total, scaled, band)
