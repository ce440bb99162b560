"""Published outcomes given as inputs: ratings and scores a report states where its figures are not available.

An inspection's "published" section records what a published report says: a standard's rating (and
perhaps its score), and the overall score and rating, each with its source. A published standard
rating stands in for the standard's figures where the inspection gives none; where it gives both,
the published outcome is a check on the computed one, and any contradiction is a problem located at
the published entry. A published outcome is never presented as computed: the evaluation records it
as published, with its source, and every report says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import hint_for, pointer
from ..model.framework import Framework, Standard
from ..record_classes import record
from .run import Run


@record
class Published:
    """What a report publishes for a standard or overall, and whether it stands in for figures.

    STANDS_IN is True where the inspection gives no figures, so the published outcome is the result;
    False where it was checked against the outcome the figures give, and agrees.
    """

    source: str
    rating: str | None
    score: int | None
    stands_in: bool


def standards_given(inspection: Mapping[str, Any]) -> Mapping[str, Mapping[str, Any]]:
    """The published standard ratings the inspection records, keyed by standard id."""
    return inspection.get("published", {}).get("standards", {})


def overall_given(inspection: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The published overall score and rating the inspection records, if any."""
    return inspection.get("published", {}).get("overall")


def check_entries(run: Run, inspection: Mapping[str, Any]) -> None:
    """Report published entries for standards the framework lacks, ratings off its scale, and scores that
    are not their rating's score."""
    framework = run.framework
    for standard_id, entry in standards_given(inspection).items():
        where = pointer("published", "standards", standard_id)
        if not framework.has_standard(standard_id):
            run.problem("unknown-standard", where, f"there is no standard {standard_id!r} in {framework.ref}",
                        hint_for(standard_id, [s.id for s in framework.standards]))
            continue
        _check_rating(run, framework, entry, where)
    overall = overall_given(inspection)
    if overall is not None and "rating" in overall:
        _check_rating(run, framework, overall, pointer("published", "overall"))


def _check_rating(run: Run, framework: Framework, entry: Mapping[str, Any], where: str) -> None:
    rating = entry.get("rating")
    if rating is None:
        return
    if not framework.has_rating(rating):
        run.problem("unknown-rating", where + "/rating", f"{rating!r} is not a rating on the scale of {framework.ref}",
                    hint_for(rating, [r.id for r in framework.ratings]))
        return
    score = entry.get("score")
    if score is not None and where.startswith("/published/standards/") and score != framework.rating(rating).score:
        run.problem("published-contradiction", where + "/score",
                    f"the published score {score} is not the score of the published rating "
                    f"{framework.label(rating)}, which is {framework.rating(rating).score} in {framework.ref}")


def has_figures(standard: Standard, inspection: Mapping[str, Any], samples: Mapping[str, Any], takes_judgement: bool) -> bool:
    """Whether the inspection gives anything to rate STANDARD on: its judgement, its cases, or a total for one
    of its key questions."""
    if takes_judgement:
        return standard.id in inspection.get("judgements", {})
    data = samples.get(standard.sample) if standard.sample is not None else None
    if not isinstance(data, Mapping):
        return False
    if "cases" in data:
        return True
    return any(q.id in data.get("results", {}) for q in standard.counted_key_questions)


def standing_in(run: Run, inspection: Mapping[str, Any], samples: Mapping[str, Any]) -> frozenset[str]:
    """The standards whose published rating stands in for figures the inspection does not give."""
    framework = run.framework
    given = standards_given(inspection)
    chosen = set()
    for standard in framework.standards:
        entry = given.get(standard.id)
        if entry is None or not framework.has_rating(entry["rating"]):
            continue
        takes_judgement = run.registry.rating_methods[standard.rating_method].takes_judgement \
            if standard.rating_method in run.registry.rating_methods else False
        if not has_figures(standard, inspection, samples, takes_judgement):
            chosen.add(standard.id)
    return frozenset(chosen)


def standing_in_for(framework: Framework, standard: Standard, inspection: Mapping[str, Any]) -> Published:
    """The published outcome that stands in for STANDARD's figures."""
    entry = standards_given(inspection)[standard.id]
    return Published(entry["source"], entry["rating"], framework.rating(entry["rating"]).score, stands_in=True)


def checked(run: Run, standard: Standard, inspection: Mapping[str, Any], rating: str | None) -> Published | None:
    """The published rating of a standard the figures rated, checked against RATING; None where none is published."""
    framework = run.framework
    entry = standards_given(inspection).get(standard.id)
    if entry is None or not framework.has_rating(entry["rating"]) or run.lenient:
        return None  # re-rated under another version, the figures may rightly give another rating
    if entry["rating"] != rating:
        computed = "no rating" if rating is None else framework.label(rating)
        run.problem("published-contradiction", pointer("published", "standards", standard.id, "rating"),
                    f"the published rating of standard {standard.id} is {framework.label(entry['rating'])}, "
                    f"but the inspection's figures give {computed} under {framework.ref}",
                    "check the figures and the report; remove the published rating if it belongs to another inspection")
    return Published(entry["source"], entry["rating"], entry.get("score"), stands_in=False)


def overall(run: Run, inspection: Mapping[str, Any], score: int, rating: str | None,
            from_published: list[str]) -> dict[str, Any] | None:
    """The published overall outcome, checked against the standards' SCORE and the band of the published
    score; None where the inspection publishes no overall and no standard stands in on a published rating."""
    framework = run.framework
    entry = overall_given(inspection)
    if run.lenient and (entry is not None or from_published):
        run.warn("published-carried-over", f"the published outcomes were published under the rules the inspection was "
                 f"rated by, not under {framework.ref}: none is checked here"
                 + (f", and standard(s) {', '.join(from_published)} keep their published rating unchanged, not rated "
                    f"under {framework.ref}'s rules" if from_published else ""))
        entry = None
    if entry is None:
        return {"source": None, "score": None, "rating": None, "standards": from_published} if from_published else None
    if run.problems or rating is None:
        # A standard already at fault, or not rated: the sum is not the whole score, so it is not compared.
        return {"source": entry["source"], "score": entry.get("score"), "rating": entry.get("rating"), "standards": from_published}
    published_score = entry.get("score")
    if published_score is not None and published_score != score:
        run.problem("published-contradiction", pointer("published", "overall", "score"),
                    f"the published overall score is {published_score}, but the standards' scores add up to {score}",
                    "check each standard's rating against the report; the overall score is their sum")
    published_rating = entry.get("rating")
    if published_rating is not None and framework.has_rating(published_rating):
        band_score = score if published_score is None else published_score
        band = next((b for b in framework.overall_bands if b.start <= band_score <= b.end), None)
        if band is not None and band.rating != published_rating:
            run.problem("published-contradiction", pointer("published", "overall", "rating"),
                        f"the published overall rating is {framework.label(published_rating)}, but a score of {band_score} "
                        f"is in the band {band.start}-{band.end}, which is {framework.label(band.rating)} in {framework.ref}",
                        "check the published score and rating against the report")
    return {"source": entry["source"], "score": published_score, "rating": published_rating, "standards": from_published}
