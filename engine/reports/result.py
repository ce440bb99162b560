"""The result document: everything an evaluation decided, with its provenance, as plain JSON.

Renderers work from this document alone. Its key order is fixed and it holds no timestamps, so the
same inspection under the same framework and engine always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import __version__
from ..extension import KeyQuestionResult
from ..model.framework import Framework
from ..model.proportions import exact_text, fraction_text
from ..rating.evaluate import Evaluation, StandardResult
from ..rating.overall import UnratedRule
from ..rating.tally import basis_note

RESULT_FORMAT = 1


def framework_ref(framework: Mapping[str, Any]) -> str:
    """ID@VERSION of a result document's framework (its "framework" member)."""
    return f"{framework['id']}@{framework['version']}"


def number_words(value: Any) -> str:
    """A number from a result document as written, a whole float without its '.0': 65, 64.5."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def standards_by_domain(result: Mapping[str, Any]) -> list[tuple[str, str, list[Mapping[str, Any]]]]:
    """A result document's standards grouped by domain, in document order: (domain id, domain title, standards)."""
    domains: list[tuple[str, str, list[Mapping[str, Any]]]] = []
    for standard in result["standards"]:
        if not domains or domains[-1][0] != standard["domain"]:
            domains.append((standard["domain"], standard["domain_title"], []))
        domains[-1][2].append(standard)
    return domains


def result_document(evaluation: Evaluation) -> dict[str, Any]:
    """The result document of EVALUATION, as described by result.schema.json."""
    framework = evaluation.framework
    texts = {p.id: p for s in framework.standards for kq in s.key_questions for p in kq.prompts}
    document = {
        "result_format": RESULT_FORMAT,
        "provider": evaluation.provider,
        "fieldwork_start": evaluation.fieldwork_start,
        "framework": {
            "id": framework.id,
            "version": framework.version,
            "title": framework.title,
            "status": framework.status,
            "sha256": framework.sha256,
        },
        "engine": {"name": "ratings-engine", "version": __version__},
        "plugins": [info.to_dict() for info in evaluation.plugins],
        "input": _input(evaluation),
        "banding": {
            "decide_on": framework.banding.decide_on,
            "bands": [{"id": b.id, "label": b.label, "rating": b.rating, "at_least": fraction_text(b.at_least),
                       "below": None if b.below is None else fraction_text(b.below)} for b in framework.banding.bands],
        },
        "overall": _overall(evaluation),
        **({"areas": _areas(evaluation)} if evaluation.areas else {}),
        "standards": [_standard(framework, s) for s in evaluation.standards],
        "prompts": [_prompt(framework, p, texts) for p in _in_framework_order(framework, evaluation.prompts)],
        "warnings": list(evaluation.warnings),
    }
    sizes = {sample_id: {"size": tally.size, "basis": tally.size_basis["basis"], "basis_note": basis_note(tally.size_basis)}
             for sample_id, tally in evaluation.samples.items() if tally.size_basis is not None}
    if sizes:  # only where the inspection says where a sample's size comes from, so other results keep their bytes
        document["sample_sizes"] = sizes
    return document


def _overall(evaluation: Evaluation) -> dict[str, Any]:
    """The overall rating; the keys for weights, standards not counted and the rule for unrated standards
    appear only where the framework or the inspection uses them."""
    framework = evaluation.framework
    rule = evaluation.unrated_rule
    banded = evaluation.score if rule is None or rule.scaled_score is None else rule.scaled_score
    band = framework.overall_band(banded) if evaluation.rating is not None else None
    document: dict[str, Any] = {
        "score": evaluation.score,
        "max": evaluation.max_score,
        "rating": evaluation.rating,
        "rating_label": framework.label(evaluation.rating),
        "band": None if band is None else {"from": band.start, "to": band.end},
    }
    if framework.overall_from == "areas":
        document["from"] = "areas"
    if framework.weighted:
        document["weighted"] = True
    not_counted = [s.id for s in framework.standards if not s.counts_towards_overall]
    if not_counted:
        document["not_counted"] = not_counted
    if rule is not None:
        document["when_unrated"] = {
            "rule": rule.rule,
            "unrated": list(rule.unrated),
            "full_max": rule.full_max,
            "scaled_score": None if rule.scaled_score is None else fraction_text(rule.scaled_score),
            "explanation": unrated_explanation(rule, evaluation.score, evaluation.max_score, framework.label(evaluation.rating)),
        }
    published = evaluation.published_overall
    if published is not None:  # only where the inspection uses published outcomes, so other results keep their bytes
        label = None if published["rating"] is None else framework.label(published["rating"])
        document["published"] = {"source": published["source"], "score": published["score"], "rating": published["rating"],
                                 "rating_label": label, "standards": published["standards"]}
    return document


def _input(evaluation: Evaluation) -> dict[str, Any]:
    """The inspection file's SHA-256, and each inspection it pools, only where it pools any."""
    given: dict[str, Any] = {"sha256": evaluation.input_sha256}
    if evaluation.pooled_from:
        given["pooled_from"] = [dict(p) for p in evaluation.pooled_from]
    return given


def _standard(framework: Framework, result: StandardResult) -> dict[str, Any]:
    document = _standard_entry(framework, result)
    standard = result.standard
    if result.unrated_on_purpose is not None and standard.may_go_unrated is not None:
        document["unrated_on_purpose"] = {"reason": result.unrated_on_purpose, "framework_allows": standard.may_go_unrated}
    if not standard.counts_towards_overall:
        document["counts_towards_overall"] = False
    if framework.weighted:
        document["weight"] = standard.weight
        document["weighted_score"] = None if result.score is None else result.score * standard.weight
    published = result.published
    if published is not None:  # only where the inspection gives the standard's published rating
        document["published"] = {"rating": published.rating, "rating_label": framework.label(published.rating),
                                 "score": published.score, "source": published.source, "stands_in": published.stands_in}
    return document


def _standard_entry(framework: Framework, result: StandardResult) -> dict[str, Any]:
    standard = result.standard
    return {
        "id": standard.id,
        "title": standard.title,
        "domain": standard.domain,
        "domain_title": next(d.title for d in framework.domains if d.id == standard.domain),
        "rating_method": standard.rating_method,
        "sample": standard.sample,
        "key_questions": [_key_question(framework, kq) for kq in result.key_questions],
        "driving_key_question": result.indicative.driving_key_question,
        "indicative_rating": result.indicative.rating,
        "indicative_rating_label": framework.label(result.indicative.rating),
        "indicative_reason": result.indicative.reason,
        "judgement": None if result.judgement is None else {
            "rating": result.judgement["rating"], "rationale": result.judgement["rationale"]},
        "moderation": None if result.moderation is None or standard.moderation is None else {
            "rule": standard.moderation.rule,
            "recorded": result.moderation.recorded,
            "proposed": result.moderation.proposed,
            "ratified": result.moderation.ratified,
            "rationale": result.moderation.rationale,
            "rating": result.moderation.rating,
            "changed": result.moderation.rating != result.indicative.rating,
            "reason": result.moderation.reason,
        },
        "discretion": _discretion(framework, result),
        "rating": result.rating,
        "rating_label": framework.label(result.rating),
        "score": result.score,
    }


def unrated_explanation(rule: UnratedRule, score: int, max_score: int, label: str) -> str:
    """Which overall rule applied where counted standards are not rated, and why, in the framework's terms."""
    names = ", ".join(rule.unrated)
    which = f"{rule.of}{'s' if len(rule.unrated) > 1 else ''} {names} {'are' if len(rule.unrated) > 1 else 'is'} not rated"
    if rule.scaled_score is None:
        every = "every area" if rule.of == "area" else "every counted standard"
        return (f"{which}; the framework's rule is '{rule.rule}': there is no overall rating, as the overall "
                f"bands are set for a maximum of {rule.full_max} with {every} rated")
    return (f"{which}; the framework's rule is '{rule.rule}': the score {score} of {max_score} is scaled to "
            f"{score} x {rule.full_max} / {max_score} = {exact_text(rule.scaled_score)} of {rule.full_max} "
            f"and banded against the bands for {rule.full_max}: {label}")


def _key_question(framework: Framework, kq: KeyQuestionResult) -> dict[str, Any]:
    return _with_basis(_key_question_entry(framework, kq), kq)


def _with_basis(entry: dict[str, Any], figure: Any) -> dict[str, Any]:
    """ENTRY with where its figure comes from, where the inspection says (so that other results keep their bytes)."""
    if figure.basis is not None:
        entry["basis"] = figure.basis
        entry["basis_note"] = figure.basis_note
    return entry


def _key_question_entry(framework: Framework, kq: KeyQuestionResult) -> dict[str, Any]:
    banding = framework.banding
    entry = {
        "id": kq.id,
        "text": kq.text,
        "yes": kq.yes,
        "of": kq.of,
        "not_applicable": kq.not_applicable,
        "excluded": kq.excluded,
        "sub_sample": kq.sub_sample,
        "percent": banding.display_number(kq.percent),
        "percent_exact": fraction_text(kq.percent),
        "band": kq.band.id,
        "band_label": kq.band.label,
        "band_rating": kq.rating,
    }
    if kq.question_set is not None:  # only where the framework asks it of one question set
        entry["question_set"] = kq.question_set
        entry["not_in_question_set"] = kq.not_in_question_set
    return entry


def _discretion(framework: Framework, result: StandardResult) -> dict[str, Any]:
    eligibility = result.eligibility
    exercised = result.exercised
    return {
        "applies": eligibility.applies,
        "eligible": eligibility.eligible,
        "within_points_of": [fraction_text(b) for b in eligibility.near_boundaries],
        "one_case_rule": eligibility.one_case,
        "explanation": eligibility.explanation,
        "exercised": None if exercised is None else {
            "from": exercised.from_rating,
            "from_label": framework.rating(exercised.from_rating).label,
            "to": exercised.to_rating,
            "to_label": framework.rating(exercised.to_rating).label,
            "rationale": exercised.rationale,
            "override": exercised.override,
        },
    }


def _in_framework_order(framework: Framework, prompts: dict) -> list:
    order = [p.id for s in framework.standards for kq in s.key_questions for p in kq.prompts]
    return [prompts[pid] for pid in order if pid in prompts]


def _prompt(framework: Framework, prompt, texts: dict) -> dict[str, Any]:
    return _with_basis(_prompt_entry(framework, prompt, texts), prompt)


def _prompt_entry(framework: Framework, prompt, texts: dict) -> dict[str, Any]:
    banding = framework.banding
    return {
        "id": prompt.id,
        "text": texts[prompt.id].text,
        "key_question": prompt.key_question,
        "yes": prompt.yes,
        "of": prompt.of,
        "not_applicable": prompt.not_applicable,
        "excluded": prompt.excluded,
        "not_answered": prompt.not_answered,
        "percent": None if prompt.percent is None else banding.display_number(prompt.percent),
        "percent_exact": None if prompt.percent is None else fraction_text(prompt.percent),
    }


def with_previous(result: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    """RESULT with the previous inspection's figures beside it, for reports with a 'previous' column.

    Only figures are carried (by key question and prompt id), not the previous ratings' reasoning:
    the previous result document is the place for that.
    """
    def figures(item: dict[str, Any]) -> dict[str, Any]:
        return {"yes": item["yes"], "of": item["of"], "percent": item["percent"], "percent_exact": item["percent_exact"]}

    framework = previous["framework"]
    return {
        **result,
        "previous": {
            "provider": previous["provider"],
            "fieldwork_start": previous["fieldwork_start"],
            "framework": framework_ref(framework),
            "input_sha256": previous["input"]["sha256"],
            "standards": {s["id"]: {"rating": s["rating"], "rating_label": s["rating_label"]} for s in previous["standards"]},
            "key_questions": {kq["id"]: figures(kq) for s in previous["standards"] for kq in s["key_questions"]},
            "prompts": {p["id"]: figures(p) for p in previous["prompts"] if p["percent"] is not None},
        },
    }


def _areas(evaluation: Evaluation) -> list[dict[str, Any]]:
    from .areas import area_document  # only a framework with areas needs it

    return [area_document(evaluation.framework, area) for area in evaluation.areas]
