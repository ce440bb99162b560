"""A rating method that leaves a standard not rated when its key questions count too few cases."""

from __future__ import annotations

from pathlib import Path

from ratings_engine.extension import Indicative, RatingMethod, StandardContext
from ratings_engine.hookspecs import hookimpl
from ratings_engine.plugins.rating_methods import lowest_key_question

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
    indicative = lowest_key_question(context)
    if len(known) < len(context.key_questions):
        return Indicative(indicative.rating, indicative.reason + "; the minimum of cases could not be checked "
                          "where only a published percentage is known", indicative.driving_key_question)
    return indicative


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
