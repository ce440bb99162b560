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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model.framework import Framework
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


def band_key(framework: Framework, evaluation: Evaluation, inspection: Mapping[str, Any]) -> tuple:
    """What the ratings of the inspection EVALUATION counted depend on, under FRAMEWORK's bands (see the module's docstring)."""
    banding = framework.banding
    results = {qid: kq for tally in evaluation.samples.values() for qid, kq in tally.key_questions.items()}
    key: list[Any] = [(qid, banding.band_for(kq.percent).id) for qid, kq in sorted(results.items())]
    rule = framework.discretion
    if rule is None:
        return tuple(key)
    for standard_id in sorted(set(inspection.get("discretion", {})) & set(rule.standards)):
        for question in framework.standard(standard_id).counted_key_questions:
            kq = results.get(question.id)
            if kq is None:
                continue
            value = banding.deciding(kq.percent)
            near = any(abs(value - boundary) <= rule.within_percentage_points for boundary in banding.boundaries)
            moved = None
            if kq.yes is not None and kq.of is not None:
                moved = tuple(banding.band_for(percent_of(yes, kq.of)).id for yes in (kq.yes - 1, kq.yes + 1) if 0 <= yes <= kq.of)
            key.append((standard_id, question.id, near, moved))
    return tuple(key)
