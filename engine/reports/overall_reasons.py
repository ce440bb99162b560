"""The reasons behind the overall rating and the areas, built once from the result document as a
standard's reasons are (reasons.py): what the overall figures rest on where a framework weights,
leaves standards out, scales the bands for standards not rated or rates areas, and what the overall
rating owes to outcomes a report publishes. Every format, and `ratings explain`, words them alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .reasons import NOT_COUNTED, Reason

#: The kinds of reason about the overall rating (overall_reasons), in their order.
OVERALL_KINDS = (
    "from_areas",  # the overall rating is made from the areas' ratings
    "weighted",  # the overall score and maximum are weighted
    "not_counted",  # standards left out of the overall score
    "when_unrated",  # the rule that applied because counted standards are not rated
)


def area_words(area: Mapping[str, Any]) -> str:
    """One area of a result document in words, as every format gives it: its standards, then how it was rated."""
    which = "standard" if len(area["standards"]) == 1 else "standards"
    return f"{which} {', '.join(area['standards'])}: {area['explanation']}"


def overall_reasons(result: Mapping[str, Any]) -> tuple[Reason, ...]:
    """What the overall rating's figures rest on, where the framework weights, leaves out or scales:
    nothing for a framework that sums every standard unweighted."""
    overall = result["overall"]
    found = []
    if overall.get("from") == "areas":
        scores = ", ".join(f"{a['id']} {a['score'] if a['score'] is not None else 'not rated'}" for a in result["areas"])
        found.append(Reason("from_areas", "Made from the areas", f"the overall score is the areas' scores added up ({scores})"))
    if overall.get("weighted"):
        found.append(Reason("weighted", "Weighted score", f"the score {overall['score']} and maximum {overall['max']} "
                            "count each standard's score as many times as its weight"))
    if overall.get("not_counted"):
        names = ", ".join(overall["not_counted"])
        found.append(Reason("not_counted", NOT_COUNTED, f"standard{'s' if len(overall['not_counted']) > 1 else ''} {names}: "
                            "rated and shown, but left out of the overall score and its maximum"))
    if "when_unrated" in overall:
        found.append(Reason("when_unrated", "Standards not rated", overall["when_unrated"]["explanation"]))
    return tuple(found)


def published_overall(overall: Mapping[str, Any]) -> tuple[str, ...]:
    """What the overall outcome (a result document's "overall") owes to published outcomes, in clauses for
    every format to word alike; none where it owes nothing."""
    published = overall.get("published")
    if published is None:
        return ()
    found = []
    if published["standards"]:
        found.append(f"The score adds up the published ratings of standard{'s' if len(published['standards']) > 1 else ''} "
                     f"{', '.join(published['standards'])}, for which the inspection gives no figures")
    if published["source"] is not None:
        given = ", ".join(part for part in (None if published["score"] is None else f"score {published['score']}",
                                            published["rating_label"]) if part)
        found.append(f"Published overall: {given} (source: {published['source']}), the same as the standards' scores give")
    return tuple(found)
