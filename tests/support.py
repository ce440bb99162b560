"""Test data shared by the test modules: paths, a minimal framework, and inspections of it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FRAMEWORKS = ROOT / "frameworks"
CRC_2019 = FRAMEWORKS / "hmip-crc" / "2019.json"
SOUTH_YORKSHIRE_2020 = EXAMPLES / "south-yorkshire-crc-2020.json"

BANDS = [
    {"id": "minority", "label": "Minority", "at_least": 0, "below": 50, "rating": "inadequate"},
    {"id": "too-few", "label": "Too few", "at_least": 50, "below": 65, "rating": "requires_improvement"},
    {"id": "reasonable-majority", "label": "Reasonable majority", "at_least": 65, "below": 80, "rating": "good"},
    {"id": "large-majority", "label": "Large majority", "at_least": 80, "rating": "outstanding"},
]


def minimal_framework() -> dict[str, Any]:
    """A small but complete framework: one judgement-rated standard and one case-sample standard.

    Standard 2.1 is judged on the 'cases' sample: 2.1.1 applies to every case, 2.1.2 only to cases
    with harm factors. Two standards scoring 0-3 give a maximum of 6.
    """
    return {
        "id": "mini",
        "version": "1",
        "title": "A minimal test framework",
        "status": "published",
        "effective_from": "2020-01-01",
        "provenance": {"documents": [{"id": "tests", "title": "Test fixtures", "publisher": "ratings-engine"}]},
        "ratings": {"scale": [
            {"id": "inadequate", "label": "Inadequate", "score": 0},
            {"id": "requires_improvement", "label": "Requires improvement", "score": 1},
            {"id": "good", "label": "Good", "score": 2},
            {"id": "outstanding", "label": "Outstanding", "score": 3},
        ]},
        "banding": {"decide_on": "exact", "display": {"decimal_places": 0, "rounding": "half-up"}, "bands": copy.deepcopy(BANDS)},
        "samples": [{"id": "cases", "label": "Cases", "case_attributes": [
            {"id": "harm_factors", "type": "boolean", "description": "Harm factors were identified."}]}],
        "sub_samples": [{"id": "harm", "description": "where harm factors were identified",
                         "when": {"attribute": "harm_factors", "equals": True}}],
        "domains": [
            {"id": "1", "title": "Organisational delivery", "standards": [
                {"id": "1.1", "title": "Leadership", "statement": "Leadership is good.", "rating_method": "lead-inspector-judgement",
                 "key_questions": [{"id": "1.1.1", "text": "Is there a vision?", "evidence": "qualitative"}]}]},
            {"id": "2", "title": "Case supervision", "standards": [
                {"id": "2.1", "title": "Assessment", "statement": "Assessment is good.", "rating_method": "lowest-key-question",
                 "sample": "cases", "key_questions": [
                     {"id": "2.1.1", "text": "Does assessment engage?", "evidence": "case-sample",
                      "prompts": [{"id": "2.1.1.a", "text": "Is motivation analysed?"}]},
                     {"id": "2.1.2", "text": "Does assessment keep people safe?", "evidence": "case-sample", "sub_sample": "harm"}]}]},
        ],
        "discretion": {"standards": ["2.1"], "within_percentage_points": 5, "one_case_rule": True, "max_bands": 1},
        "overall": {"method": "sum-of-scores", "bands": [
            {"from": 0, "to": 1, "rating": "inadequate"}, {"from": 2, "to": 3, "rating": "requires_improvement"},
            {"from": 4, "to": 5, "rating": "good"}, {"from": 6, "to": 6, "rating": "outstanding"}]},
    }


def cases_inspection(answers: list[tuple[str, str | None, bool]], **extra: Any) -> dict[str, Any]:
    """An inspection of the minimal framework: one case per (2.1.1 answer, 2.1.2 answer or None, harm_factors)."""
    cases = []
    for index, (first, second, harm) in enumerate(answers):
        key_questions = {"2.1.1": first}
        if second is not None:
            key_questions["2.1.2"] = second
        cases.append({"id": f"C{index + 1}", "attributes": {"harm_factors": harm}, "key_questions": key_questions})
    document = {
        "provider": "Test provider",
        "fieldwork_start": "2020-06-01",
        "framework": "mini@1",
        "judgements": {"1.1": {"rating": "good", "rationale": "Test."}},
        "samples": {"cases": {"cases": cases}},
    }
    document.update(extra)
    return document
