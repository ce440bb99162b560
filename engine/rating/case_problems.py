"""The problems counting finds in a case, in words: attributes the sample does not record or with a
value it does not allow, an attribute a sub-sample rule needs, a key question of another sample.

Kept apart from counting.py, which runs for every case: these run only for a case with a problem
(valid_attributes for each case that records attributes, reporting only the wrong ones).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import hint_for, pointer
from ..model.conditions import MissingAttribute
from ..model.framework import Framework, Sample

if TYPE_CHECKING:
    from .counting import Problems


def unknown_question_hint(framework: Framework, sample: Sample, question_id: str, known: list[str]) -> str | None:
    for standard in framework.standards:
        for question in standard.key_questions:
            if question.id == question_id:
                if not question.counted:
                    return f"{question_id} is {question.evidence} evidence and is not answered case by case"
                return f"{question_id} is judged on the {standard.sample!r} sample, not {sample.id!r}"
    return hint_for(question_id, known)


def report_missing(missing: MissingAttribute, rule_id: str, users: Mapping[str, list[str]], case: Mapping[str, Any],
                    reported: set[str], sample: Sample, at: str, out: Problems) -> None:
    """Report once per case an attribute a sub-sample rule needs; one recorded with a bad value is reported already."""
    name = missing.attribute
    if name in case.get("attributes", {}) or name in reported:
        return
    reported.add(name)
    out.add("missing-attribute", at + ("/attributes" if "attributes" in case else ""),
            f"case {case['id']!r} does not record {name!r}, which the sub-sample rule {rule_id!r} needs "
            f"to decide whether {', '.join(users[rule_id])} apply to it",
            f"add \"{name}\": {sample.attributes[name].expected()} under the case's attributes")


def valid_attributes(sample: Sample, attributes: Mapping[str, Any], at: str, case_id: str, out: Problems) -> dict:
    valid = {}
    for name, value in attributes.items():
        attribute = sample.attributes.get(name)
        if attribute is not None and attribute.allows(value):
            valid[name] = value
            continue
        where = f"{at}/attributes{pointer(name)}"  # built only for a problem: most cases have none
        if attribute is None:
            known = list(sample.attributes)
            out.add("unknown-attribute", where, f"the {sample.id!r} sample does not record an attribute {name!r}",
                    hint_for(name, known) or "it records no case attributes")
        else:
            out.add("attribute-value", where, f"{name!r} of case {case_id!r} must be {attribute.expected()}, not {value!r}")
    return valid
