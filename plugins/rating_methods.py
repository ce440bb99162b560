"""Built-in rating methods: the lowest key question, and the lead inspector's judgement."""

from __future__ import annotations

from ratings_engine.errors import RatingProblem, hint_for
from ratings_engine.extension import Description, Indicative, RatingMethod, StandardContext
from ratings_engine.hookspecs import hookimpl


def lowest_key_question(context: StandardContext) -> Indicative:
    """The standard is rated by the band of its lowest key question."""
    framework = context.framework
    # Lowest band first, then lowest exact percentage, then report order.
    lowest = min(
        enumerate(context.key_questions),
        key=lambda item: (framework.rating(item[1].rating).rank, item[1].percent, item[0]),
    )[1]
    shown = framework.banding.display_text(lowest.percent)
    counts = f" ({lowest.yes} of {lowest.of})" if lowest.counts_known else " (published percentage)"
    if lowest.assumed:  # a placeholder is never called published
        counts = f" ({lowest.yes} of {lowest.of}, assumed)" if lowest.counts_known else " (assumed percentage)"
    reason = f"lowest key question {lowest.id} at {shown}{counts} is in the band '{lowest.band.label}'"
    return Indicative(lowest.rating, reason, lowest.id)


def _describe_lowest(options) -> Description:
    return Description(summary="rated by its lowest key question", driving_key_question="lowest key question")


def _check_lowest(standard, framework) -> list[str]:
    if not standard.counted_key_questions:
        return [f"standard {standard.id} is rated by its lowest key question but has no key question judged on cases"]
    return []


def lead_inspector_judgement(context: StandardContext) -> Indicative:
    """The standard is rated by the lead inspector's single judgement on all the evidence."""
    judgement = context.judgement
    framework = context.framework
    if judgement is None:
        raise RatingProblem(
            f"standard {context.standard.id} is rated by the lead inspector's judgement, but none is recorded",
            code="missing-judgement", pointer=context.judgement_pointer,
            hint='add {"rating": ..., "rationale": ...} under judgements')
    rating = judgement["rating"]
    if not framework.has_rating(rating):
        raise RatingProblem(
            f"{rating!r} is not a rating in {framework.ref}", code="unknown-rating",
            pointer=context.judgement_pointer + "/rating",
            hint=hint_for(rating, [r.id for r in framework.ratings]))
    return Indicative(rating, "the lead inspector's judgement on all the evidence")


def _describe_judgement(options) -> Description:
    return Description(summary="a single judgement by the lead inspector")


def _check_judgement(standard, framework) -> list[str]:
    if standard.counted_key_questions:
        return [f"standard {standard.id} is rated by judgement, so its key questions must be qualitative, not judged on cases"]
    return []


@hookimpl(trylast=True)
def ratings_rating_methods():
    return [
        RatingMethod(
            name="lowest-key-question",
            description="The band of the lowest key question judged on cases (Annexe 2, 'Ratings explained').",
            rate=lowest_key_question,
            check=_check_lowest,
            describe=_describe_lowest,
            bands_only=True,  # the lowest band decides; percentages only order questions within it
        ),
        RatingMethod(
            name="lead-inspector-judgement",
            description="A single judgement by the lead inspector, using all the relevant evidence.",
            rate=lead_inspector_judgement,
            takes_judgement=True,
            check=_check_judgement,
            describe=_describe_judgement,
        ),
    ]
