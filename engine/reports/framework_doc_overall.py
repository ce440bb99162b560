"""The framework document's overall rating: how the standards' (or the areas') scores make it, its bands,
its maximum, and what a standard's outline says of going unrated, counting and weight.

Part of framework_outline (framework_doc.py); the renderers word only what this gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..model.framework import NO_OVERALL_RATING, SCALE_BANDS, Framework, Standard

Cite = Callable[[Any], "dict | list[dict] | None"]

OVERALL_METHODS = {"sum-of-scores": "The scores of all standards are added, with no weighting, and the total is banded."}
#: The overall rules where a counted standard is not rated, as the framework document words them.
WHEN_UNRATED = {
    NO_OVERALL_RATING: "Where a standard that counts is not rated, there is no overall rating.",
    SCALE_BANDS: ("Where a standard that counts is not rated, the score s of the rated standards' maximum m is scaled "
                  "to the full maximum M as s x M / m, exactly, with no rounding, and banded against the bands above: "
                  "a band's lowest score is inclusive, and a scaled score between two bands (15 1/2 between 6-15 and "
                  "16-25) stays in the lower band."),
}


def areas_words(framework: Framework, labels: Mapping[str, str]) -> str:
    """The areas, what each holds and how it is rated, and whether the overall rating is made from them."""
    words = [f"The standards are grouped in {len(framework.areas)} area{'s' * (len(framework.areas) != 1)}."]
    for area in framework.areas:
        how = ("its standards' scores, each times its weight, are added and banded "
               + "; ".join(f"{b.start}-{b.end} {labels[b.rating]}" for b in area.bands)
               if area.bands else "it takes the lowest rating among its rated standards")
        words.append(f"Area {area.id} '{area.title}' ({', '.join(area.standards)}): {how}.")
    if framework.overall_from == "areas":
        words.append("The overall rating is made from the areas: their ratings' scores are added, and the total is banded.")
    else:
        words.append(OVERALL_METHODS["sum-of-scores"])
    return " ".join(words)


def overall_facts(framework: Framework, standard: Standard) -> dict:
    """What the standard's outline says, only where the framework says it, of going unrated on purpose,
    counting towards the overall rating and its weight."""
    facts: dict[str, Any] = {}
    if standard.may_go_unrated is not None:
        facts["may_go_unrated_words"] = f"allowed {standard.may_go_unrated}"
    if not standard.counts_towards_overall:
        facts["counts_words"] = "rated and shown, but not counted towards the overall rating"
    if framework.weighted:
        facts["weight"] = standard.weight
    return facts


def overall_outline(framework: Framework, labels: Mapping[str, str], cite: Cite) -> dict:
    raw = framework.document["overall"]
    top = max(r.score for r in framework.ratings)
    count = len(framework.standards)
    method_words = OVERALL_METHODS.get(raw["method"], f"The overall score is reached by the method '{raw['method']}'.")
    if framework.areas:
        method_words = areas_words(framework, labels)
    elif raw["method"] == "sum-of-scores" and (framework.weighted or len(framework.counted_standards) != count):
        method_words = ("The scores of the standards that count towards the overall rating are added, "
                        "each times its weight, and the total is banded.")
    return {
        "method": raw["method"],
        "method_words": method_words,
        "bands": [{"from": b.start, "to": b.end, "rating": b.rating, "rating_label": labels[b.rating]}
                  for b in framework.overall_bands],
        "bands_words": "; ".join(f"{b.start}-{b.end} {labels[b.rating]}" for b in framework.overall_bands),
        "max_score": framework.max_score,
        "maximum_words": _maximum_words(framework, top),
        "source": cite(raw.get("source")),
    }


def _maximum_words(framework: Framework, top: int) -> str:
    """The maximum score and how it is made; then, where the framework says, the standards not counted,
    the weights, and the rule where a counted standard is not rated."""
    count = len(framework.standards)
    counted = framework.counted_standards
    if framework.overall_from == "areas":
        areas = len(framework.areas)
        return f"The maximum score is {areas * top}: {areas} area{'s' * (areas != 1)} at up to {top} each. " + \
            WHEN_UNRATED[framework.when_unrated or NO_OVERALL_RATING].replace("a standard that counts", "an area")
    if not framework.weighted and len(counted) == count and framework.when_unrated is None:
        return f"The maximum score is {framework.max_score}: {count} standard{'s' * (count != 1)} at up to {top} each."
    words = [f"The maximum score is {framework.max_score}: {len(counted)} standard{'s' * (len(counted) != 1)} "
             f"counted, at up to {top} each"]
    weighted = [f"{s.id} counts {s.weight} times" for s in counted if s.weight != 1]
    words[0] += f" ({', '.join(weighted)})." if weighted else "."
    left_out = [s.id for s in framework.standards if not s.counts_towards_overall]
    if left_out:
        words.append(f"Not counted towards the overall rating: {', '.join(left_out)}.")
    words.append(WHEN_UNRATED[framework.when_unrated or NO_OVERALL_RATING])
    return " ".join(words)


