"""The areas of a result document: each area's rating, how it was reached, and why, in words.

Built from the evaluation's area results (engine/rating/areas.py) for result.result_document; every
format and `ratings explain` word an area from what this gives.
"""

from __future__ import annotations

from typing import Any

from ..model.framework import Framework
from ..model.proportions import exact_text, fraction_text
from ..rating.areas import LOWEST_STANDARD, AreaResult


def area_document(framework: Framework, result: AreaResult) -> dict[str, Any]:
    """One area as the result document gives it (schemas/result.schema.json, 'areas')."""
    area = result.area
    return {
        "id": area.id,
        "title": area.title,
        "standards": list(area.standards),
        "method": area.method,
        "rating": result.rating,
        "rating_label": framework.label(result.rating),
        "score": result.score,
        "total": result.total,
        "max": result.max_total,
        "scaled_total": None if result.scaled_total is None else fraction_text(result.scaled_total),
        "band": None if result.band is None else {"from": result.band.start, "to": result.band.end},
        "unrated": list(result.unrated),
        "explanation": _explanation(framework, result),
    }


def _explanation(framework: Framework, result: AreaResult) -> str:
    """How the area's rating was reached, or why it has none, in the framework's terms."""
    names = ", ".join(result.unrated)
    unrated = f"; {names} {'is' if len(result.unrated) == 1 else 'are'} not rated" if result.unrated else ""
    if result.rating is None and result.total is None:
        return f"none of its standards ({', '.join(result.area.standards)}) is rated, so the area is not rated"
    if result.area.method == LOWEST_STANDARD:
        return f"the lowest rating among its rated standards: {result.lowest} at {framework.label(result.rating)}{unrated}"
    scores = "scores, each times its weight," if framework.weighted else "scores"
    figures = f"its standards' {scores} add up to {result.total} of {result.max_total}{unrated}"
    if result.rating is None:
        return f"{figures}; without every standard rated the area's bands do not apply, so it is not rated"
    band = result.band
    if band is None:  # a rated sum-of-scores area has its band
        return figures
    if result.scaled_total is not None:
        full = band_max(result)
        figures += (f"; scaled to {result.total} x {full} / {result.max_total} = {exact_text(result.scaled_total)} "
                    f"of {full}")
    return f"{figures}, in the band {band.start}-{band.end}: {framework.label(result.rating)}"


def band_max(result: AreaResult) -> int:
    """The highest score of the area's bands: its maximum with every standard rated."""
    return result.area.bands[-1].end
