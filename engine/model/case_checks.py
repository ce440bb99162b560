"""Meaning checks of the case constructs other inspection families need: pooled samples.

Kept apart from framework_checks.py, which checks what every framework has; these look only at the
samples and key questions that use them, so a framework without them is checked exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import pointer

#: Reports a problem: (code, JSON pointer, message, hint).
Add = Callable[..., None]


def check_case_constructs(add: Add, document: dict) -> None:
    """Every meaning problem in the framework's pooled samples, passed to ADD."""
    counted_on = {standard.get("sample") for domain in document["domains"] for standard in domain["standards"]
                  if any(q["evidence"] == "case-sample" for q in standard["key_questions"])}
    for i, sample in enumerate(document["samples"]):
        if sample.get("pooled") and sample["id"] not in counted_on:
            add("pooled-sample-unused", pointer("samples", i, "pooled"),
                f"sample {sample['id']!r} is pooled from other inspections, but no standard counts key questions on it",
                "name it as the 'sample' of the standards rated from the pooled cases, or remove 'pooled'")
