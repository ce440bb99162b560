"""The reasons for a standard's rating, built once from the result document for every format to word alike.

A format receives the result document and must never compute a rating; it decides only where a
reason's label and text go and how they are escaped. So that the text report, the Markdown, the web
page and `ratings explain` give the same reasons in the same words, each of them asks `reasons()` for
one standard of the document and lays out what it returns. A third-party format does the same:
`from ratings_engine import Reason, reasons`.

Each reason reads as its label, then its rating label where it has one, then its text
(`Reason.words`): "Indicative rating Requires improvement: " followed by the reason the rating
method gave. Texts are the document's words, joined into clauses; they end
without a full stop, which a format adds where it writes sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..model.proportions import to_fraction
from ..rating.discretion import points
from .result import number_words

#: The kinds of reason, in the order a standard's reasons come in.
KINDS = (
    "indicative",  # the rating method's indicative rating and its reason, with the key question that drove it
    "judgement",  # the lead inspector's judgement and its recorded rationale
    "not_rated",  # why the standard has no rating
    "not_rated_on_purpose",  # the inspection left it unrated, as the framework allows, and why
    "boundaries",  # how far the driving key question is from the band boundaries either side
    "exclusions",  # cases a key question does not count: outside its sub-sample, or not applicable
    "moderation",  # what moderation did and why
    "discretion_exercised",  # the ratings panel's decision, its reason, and whether by override
    "discretion_eligible",  # why discretion was eligible, where the panel exercised it
    "discretion_not_exercised",  # eligible, and not exercised
    "discretion_not_eligible",  # why discretion was not available (also when applied by override)
    "discretion_eligibility_unknown",  # why eligibility cannot be known from published percentages
    "not_counted",  # the framework leaves the standard out of the overall score
    "weight",  # how many times its score counts towards the overall score
)

#: The kinds of reason about the overall rating (overall_reasons), in their order.
OVERALL_KINDS = (
    "from_areas",  # the overall rating is made from the areas' ratings
    "weighted",  # the overall score and maximum are weighted
    "not_counted",  # standards left out of the overall score
    "when_unrated",  # the rule that applied because counted standards are not rated
)


@dataclass(frozen=True)
class Reason:
    """One reason for a standard's rating: what kind it is, a short label, and the words that say it.

    RATING and RATING_LABEL are the rating the reason gives (the indicative rating), for a format
    that shows it as a coloured tile; the text does not repeat it. FROM_RATING and TO_RATING (with
    their labels) are set where the reason moved the rating (moderation that changed it, discretion
    exercised); OVERRIDE is True where discretion was applied although not eligible; KEY_QUESTION is
    the key question the reason is about, where it is about one.
    """

    kind: str
    label: str
    text: str
    rating: str | None = None
    rating_label: str | None = None
    from_rating: str | None = None
    from_label: str | None = None
    to_rating: str | None = None
    to_label: str | None = None
    override: bool = False
    key_question: str | None = None

    @property
    def heading(self) -> str:
        """The label, with the rating label after it where the reason gives a rating."""
        return f"{self.label} {self.rating_label}" if self.rating_label else self.label

    @property
    def words(self) -> str:
        """The reason on one line as a plain format shows it (the heading, a colon, then the text)."""
        return f"{self.heading}: {self.text}"

    @property
    def moved(self) -> bool:
        """True where this reason moved the rating (moderation that changed it, discretion exercised)."""
        return self.from_rating is not None


def reasons(standard: Mapping[str, Any], result: Mapping[str, Any]) -> tuple[Reason, ...]:
    """The reasons for STANDARD's rating (one of RESULT's standards), in order: how the indicative rating
    was reached, how near the boundaries it is, the cases not counted, moderation, then discretion.

    RESULT is the whole result document (schemas/result.schema.json), for its banding. Everything
    comes from the document: nothing is rated, and a reason the document lacks the figures for
    (the band boundaries, say) is left out rather than guessed.
    """
    found = [_indicative(standard)]
    distance = _boundaries(standard, result)
    if distance is not None:
        found.append(distance)
    found += [_exclusion(kq) for kq in standard["key_questions"]
              if kq["sub_sample"] or kq["not_applicable"] or kq.get("not_in_question_set")]
    if standard["moderation"] is not None:
        found.append(_moderation(standard))
    found += _discretion(standard)
    if standard.get("counts_towards_overall") is False:
        found.append(Reason("not_counted", NOT_COUNTED, "the framework leaves this standard out of the overall score and its maximum"))
    if standard.get("weight", 1) != 1:
        weight, weighted = standard["weight"], standard["weighted_score"]
        found.append(Reason("weight", "Weight", f"its score counts {weight} times towards the overall score" +
                            ("" if weighted is None else f": {standard['score']} x {weight} = {weighted}")))
    return tuple(found)


def area_words(area: Mapping[str, Any]) -> str:
    """One area of a result document in words, as every format gives it: its standards, then how it was rated."""
    which = "standard" if len(area["standards"]) == 1 else "standards"
    return f"{which} {', '.join(area['standards'])}: {area['explanation']}"


#: How every format says a standard is left out of the overall score.
NOT_COUNTED = "Not counted towards the overall rating"


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


def _indicative(standard: Mapping[str, Any]) -> Reason:
    on_purpose = standard.get("unrated_on_purpose")
    if on_purpose is not None:
        return Reason("not_rated_on_purpose", "Not rated on purpose",
                      f"{on_purpose['reason']} (the framework allows it: {on_purpose['framework_allows']})")
    judgement = standard["judgement"]
    if judgement is not None:
        return Reason("judgement", "Lead inspector's judgement", judgement["rationale"])
    if standard["indicative_rating"] is None:
        return Reason("not_rated", "Not rated", _after_not_rated(standard["indicative_reason"]))
    return Reason("indicative", "Indicative rating", standard["indicative_reason"], rating=standard["indicative_rating"],
                  rating_label=standard["indicative_rating_label"], key_question=standard["driving_key_question"])


def _after_not_rated(reason: str) -> str:
    """A rating method's reason for not rating, without a leading 'not rated' that the label already says."""
    if reason.lower().startswith("not rated"):
        return reason[len("not rated"):].lstrip(" :,;-") or reason
    return reason


def _boundaries(standard: Mapping[str, Any], result: Mapping[str, Any]) -> Reason | None:
    """How far the key question that drove the rating is from the band boundaries above and below it.

    Only where the document has the band table and names the driving key question; the distance is
    taken on the value the framework decides on (exact or displayed), exactly.
    """
    banding = result.get("banding")
    driving = next((kq for kq in standard["key_questions"] if kq["id"] == standard["driving_key_question"]), None)
    if driving is None or not isinstance(banding, Mapping) or not banding.get("bands"):
        return None
    exact = to_fraction(driving["percent_exact"])
    shown = to_fraction(driving["percent"])
    value = shown if banding["decide_on"] == "displayed" else exact
    lows = sorted({to_fraction(band["at_least"]) for band in banding["bands"]})
    above = [b for b in lows if b > value]
    below = [b for b in lows if 0 < b <= value]
    where = f"{driving['id']} at {number_words(driving['percent'])}%"
    if value != shown:
        where += f" ({points(exact)}% before rounding)"
    parts = []  # in the order of the scale: the boundary below, then the one above
    if below:
        nearest = max(below)
        parts.append(f"at the {points(nearest)}% boundary" if nearest == value
                     else f"{_points(value - nearest)} above the {points(nearest)}% boundary")
    if above:
        parts.append(f"{_points(min(above) - value)} below the {points(min(above))}% boundary")
    if not parts:
        return None
    return Reason("boundaries", "Distance to the band boundaries", f"{where} is " + " and ".join(parts),
                  key_question=driving["id"])


def _points(value: Fraction) -> str:
    shown = points(value)
    return f"{shown} point" if shown == "1" else f"{shown} points"


def _exclusion(kq: Mapping[str, Any]) -> Reason:
    """The cases a key question does not count: those answering another question set, those outside its
    sub-sample, and those judged not applicable."""
    parts = []
    if kq.get("not_in_question_set"):
        other = kq["not_in_question_set"]
        parts.append(f"{kq['id']} is asked only of the cases answering the question set '{kq['question_set']}'; "
                     f"{other} {_were(other)} not in its question set")
    counted, excluded, not_applicable = kq["of"], kq["excluded"], kq["not_applicable"]
    if kq["sub_sample"]:
        words = f"{kq['id']} counts only the cases in its sub-sample '{kq['sub_sample']}'"
        if counted is not None and excluded is not None:
            within = counted + (not_applicable or 0)
            among = f"answering '{kq['question_set']}'" if kq.get("question_set") else "in the sample"
            words += f": {within} of the {within + excluded} {among}; {excluded} {_were(excluded)} excluded"
        else:
            words += "; how many cases were excluded is not known (only a percentage is published)"
        parts.append(words)
    if not_applicable:
        parts.append(f"the inspector judged {kq['id']} not applicable in {not_applicable} "
                     f"case{'s' if not_applicable != 1 else ''}, which {'is' if not_applicable == 1 else 'are'} not counted")
    return Reason("exclusions", "Cases not counted", "; ".join(parts), key_question=kq["id"])


def _were(count: int) -> str:
    return "was" if count == 1 else "were"


def _moderation(standard: Mapping[str, Any]) -> Reason:
    moderation = standard["moderation"]
    text = moderation["reason"]
    if moderation["rationale"]:
        text += f". Recorded rationale: {moderation['rationale']}"
    if not moderation["changed"]:
        return Reason("moderation", "Moderation", text)
    before = standard["indicative_rating"]
    return Reason("moderation", "Moderation", text, from_rating=before, from_label=label_of(standard, before),
                  to_rating=moderation["rating"], to_label=label_of(standard, moderation["rating"]))


def _discretion(standard: Mapping[str, Any]) -> list[Reason]:
    """Discretion's reasons: the panel's decision where it made one, and why discretion was or was not available.

    Where the framework does not allow discretion on the standard at all, there is nothing to say.
    """
    discretion = standard["discretion"]
    exercised = discretion["exercised"]
    found = []
    if exercised is not None:
        how = ", by override, although it is not eligible" if exercised["override"] else ""
        found.append(Reason(
            "discretion_exercised", "Professional discretion",
            f"the ratings panel moved the rating from {exercised['from_label']} to {exercised['to_label']}{how}. "
            f"The panel's reason: {exercised['rationale']}",
            from_rating=exercised["from"], from_label=exercised["from_label"], to_rating=exercised["to"],
            to_label=exercised["to_label"], override=exercised["override"]))
    if not discretion["applies"]:
        return found
    explanation = discretion["explanation"]  # the verdict and its reason, as the document words them
    eligible = discretion["eligible"]
    if eligible is False:
        found.append(Reason("discretion_not_eligible", "Professional discretion", explanation))
    elif exercised is not None:
        kind = "discretion_eligible" if eligible else "discretion_eligibility_unknown"
        found.append(Reason(kind, "Professional discretion", explanation))
    else:
        kind = "discretion_not_exercised" if eligible else "discretion_eligibility_unknown"
        found.append(Reason(kind, "Professional discretion", f"not exercised; {explanation}"))
    return found


def label_of(standard: Mapping[str, Any], rating: str) -> str:
    """The label of RATING (an id) as STANDARD's own fields give it; the id itself where they do not."""
    for rating_key, label_key in (("indicative_rating", "indicative_rating_label"), ("rating", "rating_label")):
        if standard[rating_key] == rating:
            return standard[label_key]
    exercised = standard["discretion"]["exercised"]
    if exercised is not None:
        if exercised["from"] == rating:
            return exercised["from_label"]
        if exercised["to"] == rating:
            return exercised["to_label"]
    return rating
