"""Rating every inspection under a baseline and a draft, and under each value of a sweep.

The baseline rates an inspection as `ratings evaluate` would, strictly: what it cannot rate is
listed with the problems. The draft rates it leniently, as `evaluate --compare-with` does: data it
has no use for is set aside with a warning, a standard whose figures it lacks is left unrated with
the reason, and a recorded panel decision it does not allow is not applied (and listed). Both rate
it whatever its fieldwork dates: a what-if is a rating under a version chosen on purpose. Neither
counts the prompts' figures nor hashes the file: no rating, and nothing the report says, depends on them.

A sweep of a band edge, a margin or a weight changes no count, so the draft's counts of each
inspection are banded and rated anew at each value, never recounted.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import InvalidInputError
from ..model.catalogue import names_a_file
from ..model.framework import Framework
from ..rating.evaluate import Evaluation
from ..rating.inspection import load_inspection
from . import parallel
from .impact import Compared, cannot_rate, compare, impact_document, sweep_section
from .sweep import baseline_value, resolve, variants
from .sweep_memo import BandFacts, StandardsMemo, band_key, memo_allowed


def impact(engine: Any, baseline: str | Framework, draft: str | Framework, files: Sequence[Path], *, sweep: str | None = None,
           jobs: int = 1) -> dict[str, Any]:
    """The impact document of DRAFT against BASELINE (each ID@VERSION, a framework file, or a loaded Framework) on FILES.

    SWEEP is a --sweep text (see sweep.py), varying a parameter of the draft. JOBS processes share
    the rating; the document is the same whatever their number. Raises SweepError for a sweep that
    cannot be done, and the usual errors for a framework that cannot be found or loaded.
    """
    first = baseline if isinstance(baseline, Framework) else engine.framework(baseline)
    second = draft if isinstance(draft, Framework) else engine.framework(draft)
    swept = resolve(sweep, second) if sweep is not None else None
    frameworks = variants(swept, second, engine.registry) if swept is not None else []
    work = {"engine": engine, "baseline": first, "draft": second, "variants": frameworks,
            "recount": swept is not None and swept.recounts, "alike": counts_alike(first, second),
            "memo": swept is not None and not swept.recounts and memo_allowed(swept.pointer, second, engine.registry)}
    compared = list(parallel.spread(_compare_file, [str(f) for f in files], jobs, work))
    section = None
    if swept is not None:
        section = sweep_section(swept, baseline_value(swept.parameter, first), second, compared)
    from .. import __version__

    named = {"baseline": baseline, "draft": draft}
    return impact_document(first, second, compared, engine_version=__version__, sweep=section,
                           files={key: name for key, name in named.items() if isinstance(name, str) and names_a_file(name)})


def counts_alike(first: Framework, second: Framework) -> bool:
    """Whether FIRST and SECOND count an inspection's cases alike: the same samples, sub-samples,
    standards on each sample and key questions (with their prompts, sub-samples and question sets)."""
    def counting(framework: Framework) -> tuple:
        standards = tuple((s.id, s.sample, s.may_go_unrated is not None, s.key_questions) for s in framework.standards)
        return framework.samples, framework.sub_samples, standards

    return counting(first) == counting(second)


def _compare_file(file: str) -> Compared:
    """Rate FILE under the baseline, the draft and the sweep's variants (all from parallel.shared())."""
    work = parallel.shared()
    engine, first, second = work["engine"], work["baseline"], work["draft"]
    try:
        document, raw = load_inspection(file)
    except InvalidInputError as error:
        return cannot_rate(file, None, "both", error.problems)
    provider = document.get("provider")
    try:
        # The comparison reads eligibility only for a recorded decision (impact.py): none is assessed elsewhere.
        # Nor are prompts' figures read: no rating, and so no entry, depends on them.
        rated = engine.evaluate_under(first, document, raw, file, hashed=False, decided_only=True, prompt_figures=False)
    except InvalidInputError as error:
        return cannot_rate(file, provider, "baseline", error.problems)
    # A draft that counts as the baseline does (only bands, margins, methods or weights differ) is lent
    # the baseline's counts; pooled cases and published ratings are counted again, being read apart.
    lend = work["alike"] and not document.get("pooled_from") and "published" not in document
    # For values of a sweep that move some of the inspection's figures only: its standards' results shared between
    # them, the draft's among them where they are lent the baseline's figures (the same ones) to key them by.
    facts = BandFacts(rated, document) if work["memo"] and lend else None
    standards = StandardsMemo(facts) if facts is not None else None
    try:
        proposed = engine.evaluate_under(second, document, raw, file, lenient=True, counted_in=rated if lend else None,
                                         hashed=False, decided_only=True, prompt_figures=False, reuse=standards)
    except InvalidInputError as error:
        return cannot_rate(file, provider, "draft", error.problems)
    found = compare(file, rated, proposed)
    if not work["variants"]:
        return found
    rated_at: dict[tuple, tuple] = {}  # by band_key: the values that must rate this inspection alike
    swept = []
    if work["memo"] and facts is None:
        facts = BandFacts(proposed, document)
        standards = StandardsMemo(facts)
    for framework in work["variants"]:
        key = band_key(framework, facts) if facts is not None else None
        if key is None or key not in rated_at:
            ratings = _swept(engine, framework, document, raw, file, proposed, work["recount"], standards)
            if key is None:
                swept.append(ratings)
                continue
            rated_at[key] = ratings
        swept.append(rated_at[key])
    return Compared(found.file, found.entry, found.not_rated, found.discretion, tuple(swept), found.plugins)


def _swept(engine: Any, framework: Framework, document: dict[str, Any], raw: bytes, file: str, proposed: Evaluation,
           recount: bool, standards: StandardsMemo | None = None) -> tuple[tuple[str | None, ...], str | None]:
    """The draft variant FRAMEWORK's rating of each standard and overall; not rated where it cannot rate the file.
    STANDARDS, where the sweep allows, holds the standards' results shared between its values."""
    try:
        evaluation = engine.evaluate_under(framework, document, raw, file, lenient=True,
                                           counted_in=None if recount else proposed, hashed=False, ratings_only=True,
                                           reuse=standards, prompt_figures=False)
    except InvalidInputError:
        # Only a parameter that changes counting can make an inspection the draft rates unratable.
        return tuple(None for _ in framework.standards), None
    by_id = {s.standard.id: s.rating for s in evaluation.standards}
    return tuple(by_id.get(s.id) for s in framework.standards), evaluation.rating


