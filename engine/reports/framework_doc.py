"""A framework version as a document a policy officer reviews before it is published.

framework_outline() gathers every rule of a version in reading order, each in words as well as in
data, as plain JSON (schemas/framework-outline.schema.json): this is what `ratings frameworks show
ID@VERSION --format json` prints. The output formats of the 'framework-outline' document (the
built-in plugins' text, markdown and html) lay the same outline out. The words are built here, once, so
that every format says exactly the same thing, and where the engine can work a sentence out (which
band 64.99% falls in, how 62.5% is shown) it is worked out by the engine's own code rather than
written by hand, so the document cannot contradict the ratings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..extension import Description
from ..model.conditions import describe
from ..model.diff import EVIDENCE, plain
from ..model.framework import STATUS_NOTES, Framework, KeyQuestion, ModerationSpec, Prompt, Standard
from ..model.proportions import number_text
from ..plugin_host.registry import Registry
from ..plugin_host.wording import DRIVING, driving
from .framework_doc_bands import banding_outline
from .framework_doc_overall import overall_facts, overall_outline

TESTS = {"z-score": "a two-proportion Z test"}
ANSWERS = {"yes": "yes", "no": "no", "n/a": "n/a (not applicable)"}

Cite = Callable[[Any], "dict | list[dict] | None"]


def framework_outline(framework: Framework, registry: Registry) -> dict:
    """Every part of FRAMEWORK, in the order a reader meets it, in words and data, as plain JSON.

    Rating methods and moderation rules are worded by the plugins that provide them, from REGISTRY.
    """
    document = framework.document
    cite = _citer(document)
    labels = {r.id: r.label for r in framework.ratings}
    outline = {
        "id": framework.id,
        "version": framework.version,
        "ref": framework.ref,
        "title": framework.title,
        "status": framework.status,
        "notice": _notice(framework.status),
        "caveats": list(framework.caveats),
        "effective": {
            "from": _iso(framework.effective_from), "to": _iso(framework.effective_to),
            "words": _effective_words(framework), "source": cite(document.get("effective_source")),
        },
        "description": document.get("description"),
        "provenance": {
            "documents": document["provenance"]["documents"],
            "notes": document["provenance"].get("notes", ()),
            "derived_from": document["provenance"].get("derived_from"),
        },
        "rating_scale": {
            "ratings": [{"id": r.id, "label": r.label, "score": r.score} for r in framework.ratings],
            "source": cite(document["ratings"].get("source")),
        },
        "banding": banding_outline(framework.banding, labels, cite(document["banding"].get("source"))),
        "samples": [_sample(framework, raw, cite) for raw in document["samples"]],
        "sub_samples": _sub_samples(framework, cite),
        "domains": [
            {"id": domain.id, "title": domain.title, "source": cite(raw.get("source")),
             "standards": [_standard(framework, registry, standard, raw_standard, cite)
                           for standard, raw_standard in zip(domain.standards, raw["standards"], strict=True)]}
            for domain, raw in zip(framework.domains, document["domains"], strict=True)
        ],
        "discretion": _discretion(framework, registry, cite),
        "overall": overall_outline(framework, labels, cite),
        "comparison": _comparison(document.get("comparison"), cite),
        "sampling": _sampling(document.get("sampling"), cite),
    }
    if framework.areas:
        outline["areas"] = [{"id": a.id, "title": a.title, "standards": list(a.standards), "method": a.method,
                             "bands": [{"from": b.start, "to": b.end, "rating": b.rating} for b in a.bands],
                             "source": cite(raw.get("source"))}
                            for a, raw in zip(framework.areas, document["areas"], strict=True)]
    # One conversion at the end: frozen mappings, tuples, Fractions and Decimals all become plain JSON.
    return plain(outline)


def _citer(document: Mapping[str, Any]) -> Cite:
    """A function giving a part's source with its defaults filled in, so readers need not know them."""
    first = document["provenance"]["documents"][0]["id"]

    def entry(source: Mapping[str, Any]) -> dict:
        return {"document": source.get("document", first), "section": source["section"],
                "basis": source.get("basis", "stated"), "evidence": source.get("evidence")}

    def cite(source: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None) -> dict | list[dict] | None:
        if source is None:
            return None
        # A part resting on several sources keeps them all, in the file's order, each with its basis.
        return entry(source) if isinstance(source, Mapping) else [entry(item) for item in source]

    return cite


def _notice(status: str) -> str | None:
    if status == "published":
        return None
    return (f"This version is {status}: {STATUS_NOTES.get(status, 'it is not published')}. "
            "It is not a published framework: check each part's source before relying on it.")


def _iso(day) -> str | None:
    return None if day is None else day.isoformat()


def _effective_words(framework: Framework) -> str:
    start, end = _iso(framework.effective_from), _iso(framework.effective_to)
    if start and end:
        return f"For fieldwork from {start} to {end}."
    if start:
        return f"For fieldwork from {start} onwards; no end date is set."
    # Without a start date the catalogue never finds a version in force, so it is used only by name.
    if end:
        return f"For fieldwork up to {end}, but no start date is set: the version is used only where it is named."
    return "No effective dates are set: the version is used only where it is named."


def _sample(framework: Framework, raw: Mapping[str, Any], cite: Cite) -> dict:
    sample = framework.samples[raw["id"]]
    return {
        "id": sample.id, "label": sample.label, "description": sample.description or None,
        "case_attributes": [{"id": a.id, "type": a.type, "values": a.values, "takes": a.expected(),
                             "description": a.description} for a in sample.attributes.values()],
        "source": cite(raw.get("source")),
    }


def _sub_samples(framework: Framework, cite: Cite) -> list[dict]:
    """Each sub-sample rule in words, with the key questions and prompts that use it, so a reviewer sees its reach."""
    used_by: dict[str, list[str]] = {rule: [] for rule in framework.sub_samples}
    for question in (q for s in framework.standards for q in s.key_questions):
        parts: tuple[KeyQuestion | Prompt, ...] = (question, *question.prompts)
        for part in parts:
            if part.sub_sample is not None:
                used_by[part.sub_sample].append(part.id)
    return [
        {"id": rule.id, "description": rule.description, "only_cases": f"only cases {rule.description}",
         "condition": describe(rule.when), "when": rule.when, "used_by": used_by[rule.id], "source": cite(raw.get("source"))}
        for rule, raw in zip(framework.sub_samples.values(), framework.document["sub_samples"], strict=True)
    ]


def _scope(framework: Framework, rule: str | None) -> dict | None:
    """A key question's or prompt's sub-sample in words: 'only cases where ...' and its condition."""
    if rule is None:
        return None
    sub_sample = framework.sub_samples[rule]
    return {"id": rule, "only_cases": f"only cases {sub_sample.description}", "condition": describe(sub_sample.when)}


def _standard(framework: Framework, registry: Registry, standard: Standard, raw: Mapping[str, Any], cite: Cite) -> dict:
    method, options = standard.rating_method, plain(standard.rating_options)
    words = registry.describe("rating method", method, options)
    method_words = words.summary
    settings = _settings_words(words, options)
    if settings:
        method_words += " (settings: " + ", ".join(settings) + ")"
    sample = framework.samples[standard.sample] if standard.sample else None
    discretion = framework.discretion is not None and standard.id in framework.discretion.standards
    return {
        "id": standard.id, "title": standard.title, "statement": standard.statement,
        "rating_method": method, "rating_options": options, "rating_method_words": method_words,
        "sample": None if sample is None else {"id": sample.id, "label": sample.label},
        "sample_words": "none: not judged on cases" if sample is None else f"{sample.label} ({sample.id})",
        "discretion": discretion,
        "discretion_words": "may be exercised by the ratings panel" if discretion else "does not apply",
        "key_questions": [_key_question(framework, question, raw_question, cite)
                          for question, raw_question in zip(standard.key_questions, raw["key_questions"], strict=True)],
        "moderation": None if standard.moderation is None else _moderation(
            standard.moderation, registry, cite(raw["moderation"].get("source"))),
        "source": cite(raw.get("source")),
        **overall_facts(framework, standard),
    }


def _key_question(framework: Framework, question: KeyQuestion, raw: Mapping[str, Any], cite: Cite) -> dict:
    # Answers matter only where cases are counted; "yes or no" is the default and goes without saying.
    answers = list(question.answers) if question.counted else None
    unusual = answers is not None and answers != ["yes", "no"]
    return {
        "id": question.id, "text": question.text, "evidence": question.evidence,
        "evidence_words": EVIDENCE.get(question.evidence, question.evidence),
        "answers": answers,
        "answers_words": _or_list([ANSWERS.get(a, a) for a in answers]) if unusual and answers is not None else None,
        "sub_sample": _scope(framework, question.sub_sample),
        "prompts": [
            {"id": prompt.id, "text": prompt.text, "sub_sample": _scope(framework, prompt.sub_sample),
             "note": prompt.note, "source": cite(raw_prompt.get("source"))}
            for prompt, raw_prompt in zip(question.prompts, raw.get("prompts", ()), strict=True)
        ],
        "source": cite(raw.get("source")),
    }


def _or_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _bands(count: int) -> str:
    return f"{count} band{'s' * (count != 1)}"


def _settings_words(words: Description, options: Mapping[str, Any]) -> list[str]:
    """The settings as the plugin words them, then any it leaves unworded as written."""
    return list(words.settings) + [f"{key} {json.dumps(value, sort_keys=True)}"
                                   for key, value in options.items() if key not in words.worded]


def _moderation(spec: ModerationSpec, registry: Registry, source: dict | list[dict] | None) -> dict:
    options = plain(spec.options)
    words = registry.describe("moderation rule", spec.rule, options)
    return {"rule": spec.rule, "options": options, "options_words": _settings_words(words, options),
            "sentence": words.sentence or words.summary, "source": source}


def _discretion(framework: Framework, registry: Registry, cite: Cite) -> dict | None:
    rule, raw = framework.discretion, framework.document.get("discretion")
    if rule is None:
        return None
    raw = framework.document["discretion"]  # the model has discretion only where the document does
    standards = list(raw["standards"])  # as written, not the model's unordered set
    # The key question that is tested against a boundary is the one the standards' rating methods
    # say drives the rating, named as they name it.
    names = {driving(registry.describe("rating method", s.rating_method, plain(s.rating_options)))
             for s in framework.standards if s.id in standards}
    name = names.pop() if len(names) == 1 else DRIVING
    reasons = [f"where the {name} is within {number_text(rule.within_percentage_points)} percentage points "
               "of a band boundary"]
    if rule.one_case_rule:
        reasons.append("where one case judged differently would change the rating")
    sentence = (f"The ratings panel may exercise professional discretion on {', '.join(standards) or 'no standard'}: "
                f"{', or '.join(reasons)}; at most {_bands(rule.max_bands)}.")
    return {"standards": standards, "within_percentage_points": rule.within_percentage_points,
            "one_case_rule": rule.one_case_rule, "max_bands": rule.max_bands, "sentence": sentence,
            "source": cite(raw.get("source"))}


def _comparison(raw: Mapping[str, Any] | None, cite: Cite) -> dict | None:
    if raw is None:
        return None
    level = number_text(raw["significance_level"])
    test = TESTS.get(raw["test"], f"the test '{raw['test']}'")
    return {"test": raw["test"], "significance_level": raw["significance_level"],
            "sentence": f"A change from the previous inspection is significant by {test} at the significance level {level}.",
            "source": cite(raw.get("source"))}


def _sampling(raw: Mapping[str, Any] | None, cite: Cite) -> dict | None:
    if raw is None:
        return None
    return {"confidence_level_percent": raw["confidence_level_percent"],
            "margin_of_error_percentage_points": raw["margin_of_error_percentage_points"],
            "sentence": (f"Case samples are sized for a confidence level of {number_text(raw['confidence_level_percent'])}%, "
                         f"with a margin of error of {number_text(raw['margin_of_error_percentage_points'])} percentage points."),
            "source": cite(raw.get("source"))}

