"""When two values of a band sweep must rate an inspection alike, so that it is rated once for both.

A sweep of a band edge rates every inspection at every value, but an inspection's ratings change
only where an edge crosses one of its figures. Under a variant of the bands, everything that rates an
inspection of counted cases sees those bands only through a few facts, and two variants that agree on
all of them give the same ratings:

- the band of each key question's figure (what a bands-only rating method decides on);
- where the panel recorded a decision on a standard: the band each of its key questions would have
  with one case judged differently (the one-case rule), and whether its figure is within the
  discretion margin of a boundary (the near-boundary rule), which together decide eligibility.

This holds only where the methods and rules rating the standards say so: every standard with key
questions counted on cases is rated by a method that declares ``bands_only``, the others by built-in
methods (which look at judgements, never at bands), and moderation by built-in rules (which look at
the rating alone). Elsewhere, and for a sweep of anything but the bands, every value is rated.

The same holds of each standard on its own, rated on its own key questions: where two values agree
on those facts for its key questions (standard_key), the standard's result under one is its result
under the other, so a value that moves some of an inspection's figures rates only the standards they
belong to (StandardsMemo, read by rating/standard_reuse.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import attrgetter
from typing import Any

from ..model.framework import Framework, Standard
from ..model.proportions import percent_of
from ..rating.evaluate import Evaluation


def memo_allowed(pointer: str, framework: Framework, registry: Any) -> bool:
    """Whether the variants of a sweep of POINTER over FRAMEWORK may share ratings by band_key()."""
    if not pointer.startswith("/banding/"):
        return False
    for standard in framework.standards:
        method = registry.rating_methods.get(standard.rating_method)
        if method is None:
            return False
        builtin = _builtin(registry, "rating method", standard.rating_method)
        if not (method.bands_only or (builtin and not standard.counted_key_questions)):
            return False
        if standard.moderation is not None and not _builtin(registry, "moderation rule", standard.moderation.rule):
            return False
    return True


def _builtin(registry: Any, kind: str, name: str) -> bool:
    info = registry.provider(kind, name)
    return info is not None and info.builtin


class BandFacts:
    """What band_key reads of one inspection's EVALUATION (the draft's) and its INSPECTION, worked out once
    for every value of the sweep: the figures, and each one moved by one case judged either way."""

    def __init__(self, evaluation: Evaluation, inspection: Mapping[str, Any]):
        results = {qid: kq for tally in evaluation.samples.values() for qid, kq in tally.key_questions.items()}
        self.figures = tuple((qid, kq.percent) for qid, kq in sorted(results.items()))
        self.percents = dict(self.figures)
        # As (numerator, denominator) too, for Banding.bands_for: worked out once, banded at every value.
        self.ratios = [percent.as_integer_ratio() for _, percent in self.figures]
        self.percent_list = [percent for _, percent in self.figures]
        self.moved = {qid: None if kq.yes is None or kq.of is None else
                      tuple(percent_of(yes, kq.of) for yes in (kq.yes - 1, kq.yes + 1) if 0 <= yes <= kq.of)
                      for qid, kq in results.items()}
        self.moved_ratios = {qid: None if moved is None else [percent.as_integer_ratio() for percent in moved]
                             for qid, moved in self.moved.items()}
        self.discretion = frozenset(inspection.get("discretion", {}))
        #: By (key question, how the bands decide): the figures within the discretion margin of the value its
        #: band is decided on, as (least, most), each as (numerator, denominator). The margin is the same at
        #: every value of a sweep of the bands alone (memo_allowed), which need not hash it, nor the Fraction.
        self.windows: dict[tuple, tuple[tuple[int, int], tuple[int, int]]] = {}
        #: _discretion_facts by (the variant, standard), asked for by band_key and again by standard_key. A variant
        #: is known by its id(): every variant of a sweep lives as long as the sweep, and so as these facts.
        self.discretion_facts: dict[tuple[int, str], list[tuple]] = {}


_BAND_ID = attrgetter("id")


def band_key(framework: Framework, facts: BandFacts) -> tuple:
    """What the ratings of the inspection FACTS were found in depend on, under FRAMEWORK's bands (see the module's docstring)."""
    # The band of each figure, in FACTS' order of figures: a key is only ever compared with another of the same facts.
    key: list[Any] = list(map(_BAND_ID, framework.banding.bands_for(facts.percent_list, facts.ratios)))
    rule = framework.discretion
    if rule is None:
        return tuple(key)
    for standard_id in sorted(facts.discretion & set(rule.standards)):
        key.extend(_discretion_facts(framework, facts, standard_id))
    return tuple(key)


def standard_key(framework: Framework, facts: BandFacts, standard: Standard, results: Mapping[str, Any]) -> tuple:
    """What STANDARD's result depends on in the inspection FACTS were found in, under FRAMEWORK's bands: band_key's
    facts about its own key questions (their RESULTS, banded under FRAMEWORK), since a standard is rated on them alone."""
    key: list[Any] = [standard.id]
    for question in standard.counted_key_questions:
        result = results.get(question.id)
        key.append(None if result is None else result.band.id)
    rule = framework.discretion
    if rule is not None and standard.id in facts.discretion and standard.id in rule.standards:
        key.extend(_discretion_facts(framework, facts, standard.id))
    return tuple(key)


def _discretion_facts(framework: Framework, facts: BandFacts, standard_id: str) -> list[tuple]:
    """For each key question of STANDARD_ID: whether it is near a boundary, and its bands one case either way."""
    kept = facts.discretion_facts.get((id(framework), standard_id))
    if kept is not None:
        return kept
    banding, rule = framework.banding, framework.discretion
    if rule is None:  # only called for a standard under a discretion rule
        return []
    # The boundaries (each band's lower limit but the lowest's) as (numerator, denominator), compared by
    # crossing them: the same answers as comparing Fractions, at a fraction of the cost.
    boundaries = [least for _, least, _ in banding.limits[1:]]
    found = []
    for question in framework.standard(standard_id).counted_key_questions:
        percent = facts.percents.get(question.id)
        if percent is None:
            continue
        deciding = (question.id, banding.decide_on, banding.decimal_places, banding.rounding)
        window = facts.windows.get(deciding)
        if window is None:
            value, margin = banding.deciding(percent), rule.within_percentage_points
            window = facts.windows[deciding] = ((value - margin).as_integer_ratio(), (value + margin).as_integer_ratio())
        (least_n, least_d), (most_n, most_d) = window
        # Within the margin of a boundary: least <= boundary <= most.
        near = any(least_n * d <= n * least_d and n * most_d <= most_n * d for n, d in boundaries)
        moved = facts.moved[question.id]
        found.append((standard_id, question.id, near,
                      None if moved is None else tuple(band.id for band in banding.bands_for(moved, facts.moved_ratios[question.id]))))
    facts.discretion_facts[(id(framework), standard_id)] = found
    return found


class StandardsMemo:
    """Standards' results shared by the evaluations of one inspection at a band sweep's values, by standard_key
    (see rating/standard_reuse.py)."""

    def __init__(self, facts: BandFacts):
        self.facts = facts
        self.results: dict[tuple, Any] = {}
        #: The inspection's records but its samples, frozen once for all its evaluations (standard_reuse.frozen_records).
        self.records: tuple[Mapping[str, Any], Mapping[str, Any]] | None = None

    def key(self, framework: Framework, standard: Standard, results: Mapping[str, Any]) -> tuple:
        return standard_key(framework, self.facts, standard, results)
