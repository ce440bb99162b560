"""Meaning checks on a framework's areas: each names standards that exist, a standard is in at most one
area, and an area rated on its score has bands covering 0 to its maximum.

Called from framework_checks.check_framework, which passes its own ways of reporting a problem.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import pointer


def check_areas(document: dict, add: Callable, unknown: Callable, score_bands: Callable) -> None:
    """Report, through ADD and UNKNOWN, every problem in the areas; SCORE_BANDS checks an area's bands."""
    standards = {s["id"]: s for d in document["domains"] for s in d["standards"]}
    top = max(r["score"] for r in document["ratings"]["scale"])
    first_area: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    for i, area in enumerate(document.get("areas", ())):
        at = pointer("areas", i)
        if area["id"] in seen_ids:
            add("duplicate-id", at + "/id", f"the area id {area['id']!r} is used more than once", f"first used at {seen_ids[area['id']]}")
        seen_ids.setdefault(area["id"], at + "/id")
        for j, standard_id in enumerate(area["standards"]):
            where = f"{at}/standards/{j}"
            if standard_id not in standards:
                unknown("standard", standard_id, where, list(standards))
            elif standard_id in first_area:
                add("area-standards", where, f"standard {standard_id} is already in the area {first_area[standard_id]!r}",
                    "a standard is in at most one area: remove it from one of them")
            else:
                first_area[standard_id] = area["id"]
        if area["rating"]["method"] != "sum-of-scores" and "bands" in area["rating"]:
            add("area-bands", at + "/rating/bands", f"area {area['id']!r} is rated on its lowest standard, so its bands are never used",
                "remove 'bands', or rate the area by 'sum-of-scores'")
        if area["rating"]["method"] == "sum-of-scores":
            weights = sum(standards[s].get("weight", 1) for s in dict.fromkeys(area["standards"]) if s in standards)
            made_of = f"{len(area['standards'])} standards at {top}"
            if weights != len(area["standards"]):
                made_of += f", weighted {weights} in all"
            score_bands(area["rating"]["bands"], at + "/rating/bands", weights * top, made_of)
