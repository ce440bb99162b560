"""A rating method that leaves a standard not rated when its key questions count too few cases."""

from __future__ import annotations

from pathlib import Path

from ratings_engine import Indicative, RatingMethod, StandardContext, hookimpl

METHOD = "lowest-key-question-with-minimum-sample"


def rate(context: StandardContext) -> Indicative:
    """The lowest key question's band, unless a key question counts fewer cases than the framework's minimum."""
    minimum = context.standard.rating_options["minimum_cases"]
    known = [kq for kq in context.key_questions if kq.counts_known]
    too_few = [kq for kq in known if kq.of < minimum]
    if too_few:
        smallest = min(too_few, key=lambda kq: (kq.of, kq.id))
        return Indicative(None, f"not rated: too few cases ({smallest.id} counts {smallest.of}, "
                                f"fewer than the {minimum} the framework sets)")
    indicative = _lowest_key_question(context)
    if len(known) < len(context.key_questions):
        return Indicative(indicative.rating, indicative.reason + "; the minimum of cases could not be checked "
                          "where only a published percentage is known", indicative.driving_key_question)
    return indicative


def _lowest_key_question(context: StandardContext) -> Indicative:
    """The band of the lowest key question, worded as the built-in lowest-key-question method words it.

    A plugin depends only on the public API (`ratings_engine`); the built-in methods are not part of
    it, so the few lines are kept here.
    """
    framework = context.framework
    # Lowest band first, then lowest exact percentage, then report order.
    lowest = min(
        enumerate(context.key_questions),
        key=lambda item: (framework.rating(item[1].rating).rank, item[1].percent, item[0]),
    )[1]
    shown = framework.banding.display_text(lowest.percent)
    counts = f" ({lowest.yes} of {lowest.of})" if lowest.counts_known else " (published percentage)"
    reason = f"lowest key question {lowest.id} at {shown}{counts} is in the band '{lowest.band.label}'"
    return Indicative(lowest.rating, reason, lowest.id)


def check(standard, framework) -> list[str]:
    """A standard naming the method must set a whole-number minimum of at least 1 case."""
    minimum = standard.rating_options.get("minimum_cases")
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 1:
        return [f"standard {standard.id} uses '{METHOD}', so rating_options must set minimum_cases to a whole number of at least 1"]
    if not standard.counted_key_questions:
        return [f"standard {standard.id} uses '{METHOD}' but has no key question judged on cases"]
    return []


@hookimpl
def ratings_rating_methods():
    return [RatingMethod(METHOD, "The band of the lowest key question; not rated when a key question counts "
                                 "fewer cases than rating_options.minimum_cases.", rate, check=check)]


@hookimpl
def ratings_framework_paths():
    return [Path(__file__).parent / "frameworks"]
