"""Meaning checks of the case constructs other inspection families need: pooled samples and question sets.

Kept apart from framework_checks.py, which checks what every framework has; these look only at the
samples and key questions that use them, so a framework without them is checked exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import did_you_mean, pointer
from .conditions import attribute_tests

#: Reports a problem: (code, JSON pointer, message, hint).
Add = Callable[..., None]


def check_case_constructs(add: Add, document: dict) -> None:
    """Every meaning problem in the framework's pooled samples and question sets, passed to ADD."""
    counted_on = {standard.get("sample") for domain in document["domains"] for standard in domain["standards"]
                  if any(q["evidence"] == "case-sample" for q in standard["key_questions"])}
    for i, sample in enumerate(document["samples"]):
        if sample.get("pooled") and sample["id"] not in counted_on:
            add("pooled-sample-unused", pointer("samples", i, "pooled"),
                f"sample {sample['id']!r} is pooled from other inspections, but no standard counts key questions on it",
                "name it as the 'sample' of the standards rated from the pooled cases, or remove 'pooled'")
        _check_question_sets(add, sample, pointer("samples", i))
    samples = {s["id"]: s for s in document["samples"]}
    for d, domain in enumerate(document["domains"]):
        for s, standard in enumerate(domain["standards"]):
            for q, question in enumerate(standard["key_questions"]):
                if "question_set" in question:
                    _check_named_set(add, question, samples.get(standard.get("sample")),
                                     pointer("domains", d, "standards", s, "key_questions", q, "question_set"))


def _check_question_sets(add: Add, sample: dict, at: str) -> None:
    """Set ids are unique in their sample, and each condition tests the sample's own attributes with values they take."""
    attributes = {a["id"]: a for a in sample.get("case_attributes", [])}
    first: dict[str, str] = {}
    for j, question_set in enumerate(sample.get("question_sets", ())):
        where = f"{at}/question_sets/{j}"
        if question_set["id"] in first:
            add("duplicate-id", where + "/id", f"the question set id {question_set['id']!r} is used more than once",
                f"first used at {first[question_set['id']]}")
        first.setdefault(question_set["id"], where + "/id")
        for path, name, values, value_paths in attribute_tests(question_set["when"]):
            test_at = where + "/when" + "".join(f"/{step}" for step in path)
            attribute = attributes.get(name)
            if attribute is None:
                add("unknown-reference", test_at + "/attribute",
                    f"question set {question_set['id']!r} tests case attribute {name!r}, which sample {sample['id']!r} does not record",
                    did_you_mean(name, attributes) or "add it to the sample's case_attributes")
                continue
            for value, value_path in zip(values, value_paths, strict=True):
                ok = isinstance(value, bool) if attribute["type"] == "boolean" else value in attribute.get("values", ())
                if not ok:
                    expected = "true or false" if attribute["type"] == "boolean" else ", ".join(attribute["values"])
                    add("attribute-value", test_at + value_path, f"{name!r} is never {value!r}; its values are {expected}")


def _check_named_set(add: Add, question: dict, sample: dict | None, at: str) -> None:
    """A key question's question set is one of its sample's, and only a question counted on cases has one."""
    if question["evidence"] != "case-sample":
        add("qualitative-question", at, f"{question['id']} is qualitative evidence, so it has no question set")
        return
    if sample is None:
        return  # the missing or unknown sample is reported already
    known = [q["id"] for q in sample.get("question_sets", ())]
    if question["question_set"] not in known:
        add("unknown-reference", at, f"there is no question set {question['question_set']!r} in sample {sample['id']!r}",
            did_you_mean(question["question_set"], known) or
            (f"its question sets: {', '.join(known)}" if known else "the sample has no question_sets"))
