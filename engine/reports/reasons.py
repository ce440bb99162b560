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
from fractions import Fraction
from typing import Any

from ..model.proportions import to_fraction
from ..rating.discretion import points
from ..record_classes import record
from .result import number_words

#: The kinds of reason, in the order a standard's reasons come in.
KINDS = (
    "indicative",  # the rating method's indicative rating and its reason, with the key question that drove it
    "judgement",  # the lead inspector's judgement and its recorded rationale
    "not_rated",  # why the standard has no rating
    "not_rated_on_purpose",  # the inspection left it unrated, as the framework allows, and why
    "published",  # the rating is the one a report publishes, standing in for figures the inspection does not give
    "boundaries",  # how far the driving key question is from the band boundaries either side
    "exclusions",  # cases a key question does not count: outside its sub-sample, or not applicable
    "moderation",  # what moderation did and why
    "discretion_exercised",  # the ratings panel's decision, its reason, and whether by override
    "discretion_eligible",  # why discretion was eligible, where the panel exercised it
    "discretion_not_exercised",  # eligible, and not exercised
    "discretion_not_eligible",  # why discretion was not available (also when applied by override)
    "discretion_eligibility_unknown",  # why eligibility cannot be known from published percentages
    "published_agrees",  # the rating a report publishes, checked against the rating the figures give
    "figure_basis",  # key question figures that are derived from published ones, or assumed as placeholders
    "not_counted",  # the framework leaves the standard out of the overall score
    "weight",  # how many times its score counts towards the overall score
)


@record
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
    basis = _figure_basis(standard, result)
    published = standard.get("published")
    if published is not None and not published["stands_in"]:
        found.append(Reason("published_agrees", "Published rating", "the same as the figures give "
                            f"(source: {published['source']})", rating=published["rating"], rating_label=published["rating_label"]))
    if basis is not None:
        found.append(basis)
    if standard.get("counts_towards_overall") is False:
        found.append(Reason("not_counted", NOT_COUNTED, "the framework leaves this standard out of the overall score and its maximum"))
    if standard.get("weight", 1) != 1:
        weight, weighted = standard["weight"], standard["weighted_score"]
        found.append(Reason("weight", "Weight", f"its score counts {weight} times towards the overall score" +
                            ("" if weighted is None else f": {standard['score']} x {weight} = {weighted}")))
    return tuple(found)


#: How every format says a standard is left out of the overall score.
NOT_COUNTED = "Not counted towards the overall rating"


def _indicative(standard: Mapping[str, Any]) -> Reason:
    on_purpose = standard.get("unrated_on_purpose")
    if on_purpose is not None:
        return Reason("not_rated_on_purpose", "Not rated on purpose",
                      f"{on_purpose['reason']} (the framework allows it: {on_purpose['framework_allows']})")
    judgement = standard["judgement"]
    published = standard.get("published")
    if published is not None and published["stands_in"]:
        return Reason("published", "Published rating", "the inspection gives no figures for this standard, so its rating is the "
                      f"published one, not computed (source: {published['source']})",
                      rating=published["rating"], rating_label=published["rating_label"])
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
            given = "an assumed percentage is given" if kq.get("basis") == "assumed" else "a percentage is published"
            words += f"; how many cases were excluded is not known (only {given})"
        parts.append(words)
    if not_applicable:
        parts.append(f"the inspector judged {kq['id']} not applicable in {not_applicable} "
                     f"case{'s' if not_applicable != 1 else ''}, which {'is' if not_applicable == 1 else 'are'} not counted")
    return Reason("exclusions", "Cases not counted", "; ".join(parts), key_question=kq["id"])


def _figure_basis(standard: Mapping[str, Any], result: Mapping[str, Any]) -> Reason | None:
    """The figures that are not simply published: derived ones with their arithmetic, and assumed ones
    (placeholders) with the reason, so that no reader takes either for a published figure. The sample's
    size comes first, where the document says where it comes from."""
    parts = []
    size = result.get("sample_sizes", {}).get(standard["sample"])
    if size is not None and size["basis"] in ("derived", "assumed"):
        verdict = "derived" if size["basis"] == "derived" else "assumed, a placeholder neither published nor derived"
        parts.append(f"the size of the {standard['sample']!r} sample, {size['size']}, is {verdict} ({size['basis_note']})")
    for kq in standard["key_questions"]:
        basis = kq.get("basis")
        if basis in ("derived", "assumed"):
            figure = f"{number_words(kq['percent'])}%" if kq["of"] is None else f"{kq['yes']} of {kq['of']}"
            verdict = "derived" if basis == "derived" else "assumed, a placeholder neither published nor derived"
            parts.append(f"{kq['id']}'s {figure} is {verdict} ({kq['basis_note']})")
    if not parts:
        return None
    return Reason("figure_basis", "Where the figures come from", "; ".join(parts))


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
