"""Evaluating an inspection under a framework version: a pure function of (framework, inspection, plugins).

For each standard: its key questions are counted, its rating method gives the indicative rating,
then moderation, then discretion, then the final rating and its score; the scores are summed and
banded into the overall rating. Every problem in the inspection is collected before anything is
reported, so one run lists them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..errors import InvalidInputError, PluginError, RatingProblem, hint_for, pointer, tokens
from ..extension import Indicative, KeyQuestionResult, StandardContext
from ..model.framework import STATUS_NOTES, Framework, Standard, freeze
from ..plugin_host.plugin_guard import text_of
from ..plugin_host.registry import Registry
from .evaluation import Evaluation, StandardResult
from .overall import overall
from .panel import exercise_discretion, moderate
from .run import Run
from .standard_reuse import frozen_records, rate_or_reuse
from .tally import SampleTally, assumed_figures, rebanded, tally_sample
from .without_figures import missing_reason, not_rated, published_standard, unrated_on_purpose, unrated_on_purpose_result

if TYPE_CHECKING:
    from .pooling import PooledInspection

_IGNORED_WORDS = {
    "unknown-key-question": "key question results", "unknown-prompt": "prompt results", "unknown-sample": "samples",
    "unknown-standard": "entries for standards", "unexpected-judgement": "judgements of standards",
    "moderation-not-allowed": "moderation of standards", "discretion-not-allowed": "discretion on standards",
    "discretion-ineligible": "ineligible discretion on standards", "discretion-too-far": "discretion moving too far on standards",
    "not-rated-not-allowed": "standards marked not rated",
}


def evaluate(framework: Framework, inspection: Mapping[str, Any], registry: Registry, *,
             file: str | None = None, input_sha256: str | None = None, warnings: tuple[dict, ...] = (),
             lenient: bool = False, pool: tuple[PooledInspection, ...] = (), counted_in: Evaluation | None = None,
             ratings_only: bool = False, reuse: Any = None, decided_only: bool = False, prompt_figures: bool = True) -> Evaluation:
    """Rate a schema-valid INSPECTION under FRAMEWORK; raises InvalidInputError listing every problem.

    POOL holds the inspections a regional inspection pools (see pooling.read_pool), already read and
    checked: the framework's pooled samples are counted over them.

    WARNINGS are carried into the result (for example that the fieldwork date is outside the
    version's window). LENIENT turns problems that only mean 'this version has no use for that
    data' into warnings, for re-rating an inspection under another version. COUNTED_IN, an evaluation
    of it under a version that counts alike (only bands, margins or weights differ), lends its counts;
    RATINGS_ONLY (with LENIENT) skips what changes no rating: warnings, and discretion's eligibility where
    no decision is recorded. REUSE, a memo of standards' results shared by evaluations of the inspection that must
    rate a standard alike where its keys agree (standard_reuse), is taken from RATINGS_ONLY, added to DECIDED_ONLY.
    DECIDED_ONLY assesses discretion's eligibility only where the panel recorded a decision (elsewhere it changes no rating).
    Without PROMPT_FIGURES, samples of cases have no prompt results (no rating reads them), yet are checked alike.
    """
    # Plugins see the inspection's records read-only. The cases are only ever read by the engine's own
    # counting, so they are not copied: at 100,000 cases a frozen copy cost a third of the evaluation.
    if ratings_only and not lenient:
        raise ValueError("an evaluation for its ratings alone is a lenient one: it skips checks whose findings are then warnings")
    if reuse is not None and not (ratings_only or decided_only):
        raise ValueError("standards' results are shared only between evaluations that assess discretion where it was exercised")
    samples = inspection["samples"]
    inspection = frozen_records(inspection, reuse)
    run = Run(framework, registry, file, lenient, ratings_only, decided_only, prompt_figures, warnings=list(warnings), reuse=reuse)
    # Provenance names every plugin not built in, used or not: one may change the engine without a hook.
    run.used.update((info.name, info) for info in registry.plugins if not info.builtin)
    if not ratings_only:  # in a lenient run, which a sweep's is, its findings are only ever warnings
        _check_keys(run, inspection)
    published_outcomes, standing_in, published_named = _published(run, inspection, samples)
    tallies = (_tally_samples(run, samples, unrated_on_purpose(framework, inspection), pool, standing_in, published_named)
               if counted_in is None else _lent(run, counted_in))
    results_by_question = {qid: r for t in tallies.values() for qid, r in t.key_questions.items()}
    standards = _rate_standards(run, inspection, results_by_question, standing_in, published_outcomes)
    areas = _rate_areas(framework, standards)
    outcome = overall(framework, standards, areas)
    from_published = [s.id for s in framework.standards if s.id in standing_in]
    published_overall = (None if published_outcomes is None else
                         published_outcomes.overall(run, inspection, outcome.score, outcome.rating, from_published))
    if run.problems:
        raise InvalidInputError(run.problems)
    if not ratings_only:
        _warn(run, standards, tallies, outcome.rating is not None)
    return Evaluation(
        framework=framework, provider=inspection["provider"], fieldwork_start=inspection["fieldwork_start"],
        standards=tuple(standards), score=outcome.score, max_score=outcome.max_score, rating=outcome.rating,
        samples=freeze(tallies),
        plugins=tuple(run.used[name] for name in sorted(run.used)),
        warnings=() if ratings_only else tuple(run.warnings),
        input_sha256=input_sha256,
        notes=inspection.get("notes"),
        unrated_rule=outcome.unrated_rule,
        areas=areas,
        pooled_from=tuple(p.provenance() for p in pool),
        published_overall=published_overall,
        unavailable=tuple(run.unavailable),
    )


def _lent(run: Run, counted_in: Evaluation) -> dict[str, SampleTally]:
    """The counts of COUNTED_IN, banded under this run's framework, and the figures it found missing."""
    run.unavailable.extend(counted_in.unavailable)
    return {sample_id: rebanded(run.framework, tally) for sample_id, tally in counted_in.samples.items()}


def _rate_standards(run: Run, inspection: Mapping[str, Any], results_by_question: Mapping[str, KeyQuestionResult],
                    standing_in: frozenset[str], published_outcomes: ModuleType | None) -> list[StandardResult]:
    """Each standard's result: rated as published where its published rating stands in for figures,
    otherwise rated on its figures (and checked against any rating the report publishes)."""
    standards = []
    for standard in run.framework.standards:
        if standard.id in standing_in:
            standards.append(published_standard(run, standard, inspection))
            continue
        if run.reuse is not None and published_outcomes is None:
            result = rate_or_reuse(run, standard, results_by_question, _rate_standard, run, standard, inspection, results_by_question)
        else:
            result = _rate_standard(run, standard, inspection, results_by_question)
        if result is not None:
            standards.append(result if published_outcomes is None else
                             replace(result, published=published_outcomes.checked(run, standard, inspection, result.rating)))
    return standards


def _warn(run: Run, standards: list[StandardResult], tallies: Mapping[str, SampleTally], rated_overall: bool) -> None:
    """Warn, in this order, of assumed figures, of data set aside, of no overall rating, of answers outside a sub-sample,
    and of the framework's caveats and status."""
    framework = run.framework
    assumed = assumed_figures(framework, tallies)
    if assumed is not None:  # first of all: every format shows it at the top
        run.warnings.insert(0, {"code": "assumed-figures", "message": assumed})
    for code, places in run.ignored.items():
        names = ", ".join(tokens(place)[-1] for place in places)
        run.warn("ignored", f"ignored under {framework.ref}, which has no use for them: {_IGNORED_WORDS[code]} {names}")
    if not rated_overall and not all(s.rated for s in standards):
        # The overall bands are set for every standard being rated; with any left unrated they do not apply.
        names = ", ".join(s.standard.id for s in standards if not s.rated)
        run.warn("overall-not-rated", f"no overall rating: standard(s) {names} not rated, and the overall bands "
                                      f"of {framework.ref} assume every standard is rated")
    for tally in tallies.values():
        for kq in tally.key_questions.values():
            if kq.answers_ignored:
                run.warn("answers-ignored",
                         f"{kq.answers_ignored} answer(s) to {kq.id} were ignored: "
                         f"those cases are outside its sub-sample ({kq.sub_sample})")
        for prompt_id, ignored in tally.prompt_answers_ignored.items():
            run.warn("answers-ignored", f"{ignored} answer(s) to prompt {prompt_id} were ignored: those cases are outside its sub-sample")
    for caveat in framework.caveats:
        run.warn("framework-caveat", f"{framework.ref}: {caveat}")
    if framework.status != "published":
        run.warn("framework-status", f"{framework.ref} is {framework.status}, not published: {STATUS_NOTES[framework.status]}")


def _check_keys(run: Run, inspection: Mapping[str, Any]) -> None:
    framework = run.framework
    known = [s.id for s in framework.standards]
    for section in ("judgements", "moderation", "discretion", "not_rated"):
        for standard_id in inspection.get(section, {}):
            where = pointer(section, standard_id)
            if not framework.has_standard(standard_id):
                run.problem("unknown-standard", where, f"there is no standard {standard_id!r} in {framework.ref}",
                            hint_for(standard_id, known))
                continue
            standard = framework.standard(standard_id)
            if section == "judgements":
                method = run.registry.rating_methods[standard.rating_method]
                if not method.takes_judgement:
                    run.problem("unexpected-judgement", where,
                                f"standard {standard_id} is rated by '{standard.rating_method}', which does not use a judgement",
                                "remove this judgement; use discretion to record the ratings panel's decision")
            elif section == "not_rated" and standard.may_go_unrated is None:
                allowed = [s.id for s in framework.standards if s.may_go_unrated is not None]
                run.problem("not-rated-not-allowed", where,
                            f"{framework.ref} does not allow standard {standard_id} to go unrated on purpose",
                            f"standards it allows: {', '.join(allowed)}" if allowed else "it allows no standard to go unrated")
            elif section == "moderation" and standard.moderation is None:
                moderated = [s.id for s in framework.standards if s.moderation is not None]
                run.problem("moderation-not-allowed", where, f"{framework.ref} has no moderation rule for standard {standard_id}",
                            f"standards with one: {', '.join(moderated)}" if moderated else "no standard in it is moderated")


def _tally_samples(run: Run, given: Mapping[str, Any], unrated: frozenset[str], pool: tuple[PooledInspection, ...],
                   standing_in: frozenset[str], published_named: frozenset[str]) -> dict[str, SampleTally]:
    framework = run.framework
    for sample_id in given:
        if sample_id not in framework.samples:
            run.problem("unknown-sample", pointer("samples", sample_id), f"there is no sample {sample_id!r} in {framework.ref}",
                        hint_for(sample_id, framework.samples))
    tallies = {}
    needed = [s.sample for s in framework.standards
              if s.sample is not None and s.counted_key_questions and s.id not in unrated]
    published_only = {q.id for s in framework.standards if s.id in standing_in for q in s.counted_key_questions}
    for sample_id in dict.fromkeys(needed):
        if framework.samples[sample_id].pooled:
            from .pooling import tally_pool

            tally = tally_pool(run, framework.samples[sample_id], given, pool)
            if tally is not None:
                tallies[sample_id] = tally
                run.unanswered.update((q, (n, tally.size)) for q, n in tally.unanswered.items())
            continue
        if sample_id not in given and all(s.id in standing_in or s.id in unrated or s.id in published_named
                                          for s in framework.standards if s.sample == sample_id):
            # Every standard judged on it is rated as published or left unrated on purpose; or a published
            # rating meant to stand in for it is wrong, and reported as such, not as a missing sample too.
            continue
        if sample_id not in given:
            standards = [s.id for s in framework.standards if s.sample == sample_id]
            judged = f"standard {standards[0]} is" if len(standards) == 1 else f"standards {', '.join(standards)} are"
            run.problem("missing-sample", "/samples", f"the {sample_id!r} sample is missing; {judged} judged on it")
            continue
        tallies[sample_id] = tally_sample(framework, framework.samples[sample_id], given[sample_id],
                                          pointer("samples", sample_id), run.problem, unrated, published_only, run.prompt_figures)
        run.unanswered.update((q, (n, tallies[sample_id].size)) for q, n in tallies[sample_id].unanswered.items())
    return tallies


def _rate_standard(run: Run, standard: Standard, inspection: Mapping[str, Any],
                   results: Mapping[str, KeyQuestionResult]) -> StandardResult | None:
    framework = run.framework
    if standard.id in unrated_on_purpose(framework, inspection):
        return unrated_on_purpose_result(run, standard, inspection)
    questions = standard.counted_key_questions
    missing = [q.id for q in questions if q.id not in results]
    if missing:
        if not run.unavailable:
            return None  # the reason is already reported
        # Re-rated leniently under a version that rates it on answers or totals this inspection does not give.
        reason = missing_reason(run, missing)
        run.warn("missing-data", f"standard {standard.id} is not rated under {framework.ref}: {reason}")
        return not_rated(standard, tuple(results[q.id] for q in questions if q.id in results), Indicative(None, reason), None)
    method = run.registry.rating_methods[standard.rating_method]
    judgement = inspection.get("judgements", {}).get(standard.id) if method.takes_judgement else None
    context = StandardContext(framework, standard, tuple(results[q.id] for q in questions), judgement, pointer("judgements", standard.id))

    def rate(ctx: StandardContext) -> Indicative:
        outcome = run.call("rating method", method.name, method.rate, ctx)
        if not isinstance(outcome, Indicative) or not (outcome.rating is None or framework.has_rating(outcome.rating)):
            raise PluginError(f"{run.registry.who('rating method', method.name)} "
                              f"returned {text_of(outcome)}, not an Indicative with a rating on the scale of {framework.ref}",
                              plugin=run.registry.plugin_of("rating method", method.name))
        return outcome

    try:
        indicative = rate(context)
    except RatingProblem as error:
        run.from_rating_problem(error, pointer("judgements", standard.id))
        return None
    if indicative.rating is None:
        for section in ("moderation", "discretion"):
            if standard.id in inspection.get(section, {}):
                run.problem("not-rated", pointer(section, standard.id),
                            f"standard {standard.id} is not rated ({indicative.reason}), so it has no {section}")
        return not_rated(standard, context.key_questions, indicative, judgement)
    indicative_rating = rating = framework.rating(indicative.rating)

    moderated = moderate(run, standard, inspection, rating)
    if moderated is None:
        return None
    moderation, rating = moderated
    decided = exercise_discretion(run, standard, inspection, context, indicative, indicative_rating, rate, rating)
    if decided is None:
        return None
    eligibility, exercised, rating = decided
    return StandardResult(standard, context.key_questions, indicative, moderation, eligibility, exercised,
                          rating.id, rating.score, judgement)


def _published(run: Run, inspection: Mapping[str, Any],
               samples: Mapping[str, Any]) -> tuple[ModuleType | None, frozenset[str], frozenset[str]]:
    """The published-outcomes module where the inspection publishes ratings (else None), the standards whose
    published rating stands in for figures, and the standards it names."""
    # Published outcomes, areas and pooled samples are loaded only for the files that use them, so that
    # an inspection using none of them starts as fast as before they existed.
    published_outcomes = _published_outcomes() if "published" in inspection else None
    standing_in: frozenset[str] = frozenset()
    if published_outcomes is not None:
        published_outcomes.check_entries(run, inspection)
        standing_in = published_outcomes.standing_in(run, inspection, samples)
    return published_outcomes, standing_in, frozenset(inspection.get("published", {}).get("standards", {}))


def _published_outcomes() -> ModuleType:
    from . import published

    return published


def _rate_areas(framework: Framework, standards: list[StandardResult]) -> tuple:
    """Each area's rating; () for a framework without areas, which never loads them."""
    if not framework.areas:
        return ()
    from .areas import rate_areas

    return tuple(rate_areas(framework, standards))
