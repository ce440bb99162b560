"""The ratings panel's steps after a standard's indicative rating: moderation by a plugin's rule
(unpaid work's qualitative evidence, say), then professional discretion, each as the inspection
records it and the framework allows.

Evaluation (evaluate.py) calls them in that order for every standard rated on its figures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import PluginError, RatingProblem, pointer
from ..extension import Indicative, ModerationContext, ModerationOutcome, StandardContext
from ..model.framework import Framework, Rating, Standard
from ..plugin_host.plugin_guard import text_of
from ..plugin_host.wording import DRIVING, driving
from . import discretion as discretion_rules
from .run import Run


def moderate(run: Run, standard: Standard, inspection: Mapping[str, Any],
              rating: Rating) -> tuple[ModerationOutcome | None, Rating] | None:
    """The standard's moderation, if it has a rule, and the rating after it; None where a problem stops it."""
    if standard.moderation is None:
        return None, rating
    framework = run.framework
    rule = run.registry.moderation_rules[standard.moderation.rule]
    record = inspection.get("moderation", {}).get(standard.id)
    where = pointer("moderation", standard.id)
    try:
        moderation = run.call("moderation rule", rule.name, rule.moderate,
                              ModerationContext(framework, standard, standard.moderation.options, rating, record, where))
    except RatingProblem as error:
        run.from_rating_problem(error, where)
        return None
    if not isinstance(moderation, ModerationOutcome) or not framework.has_rating(moderation.rating):
        raise PluginError(f"{run.registry.who('moderation rule', rule.name)} "
                          f"returned {text_of(moderation)}, not a ModerationOutcome with a rating on the scale of {framework.ref}",
                          plugin=run.registry.plugin_of("moderation rule", rule.name))
    return moderation, framework.rating(moderation.rating)


def exercise_discretion(run: Run, standard: Standard, inspection: Mapping[str, Any], context: StandardContext,
                indicative: Indicative, indicative_rating: Rating, rate: Callable[[StandardContext], Indicative],
                rating: Rating) -> tuple[discretion_rules.Eligibility, discretion_rules.Exercised | None, Rating] | None:
    """Whether discretion may be exercised on the standard, whether it was, and the rating after it;
    None where a problem stops it."""
    framework = run.framework
    record = inspection.get("discretion", {}).get(standard.id)
    if record is None and (run.ratings_only or run.decided_only):
        return discretion_rules.NOT_ASSESSED, None, rating
    try:
        eligibility = discretion_rules.assess(framework, standard, context, indicative, rate,
                                              _driving_name(run, framework, standard, indicative),
                                              run.registry.rating_methods[standard.rating_method].bands_only)
    except RatingProblem as error:
        run.from_rating_problem(error, pointer("discretion", standard.id))
        return None
    exercised = None
    if record is not None:
        where = pointer("discretion", standard.id)
        try:
            exercised, warnings = discretion_rules.exercise(
                framework, standard, eligibility, record, indicative_rating, rating, where)
        except RatingProblem as error:
            run.from_rating_problem(error, where)
            if not run.ignorable(error):
                return None
        else:
            for message in warnings:
                run.warn("discretion-flagged", message)
            rating = framework.rating(exercised.to_rating)
    return eligibility, exercised, rating


def _driving_name(run: Run, framework: Framework, standard: Standard, indicative: Indicative) -> str:
    """What the standard's rating method calls its driving key question, asked only where discretion will name it."""
    rule = framework.discretion
    if rule is None or standard.id not in rule.standards or indicative.driving_key_question is None:
        return DRIVING
    return driving(run.registry.describe("rating method", standard.rating_method, standard.rating_options))
