"""The least a rater of one inspection must do: the floor the engine's cost per inspection is measured against.

It parses the inspection's JSON, counts each case-sample key question's 'yes' answers out of its
'yes' and 'no' answers (a case outside the key question's sub-sample, or answering 'n/a', is not
counted), bands each proportion by the framework's bands exactly (as a Fraction, never a float),
and rates each standard by its lowest key question; a standard the lead inspector judges takes the
inspection's judgement. These are the indicative ratings the engine gives before moderation and
discretion. Nothing is checked, explained or written: a figure to measure against, not a rater.
The framework is prepared once (prepare), as any rater of many inspections would keep it.
Standard library only.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any


def holds(condition: dict, attributes: dict) -> bool:
    """Whether a case's ATTRIBUTES meet a sub-sample rule's CONDITION (true is not 1, nor false 0)."""
    if "attribute" in condition:
        value = attributes.get(condition["attribute"])
        allowed = [condition["equals"]] if "equals" in condition else condition["in"]
        return any(type(value) is type(a) and value == a for a in allowed)
    if "not" in condition:
        return not holds(condition["not"], attributes)
    parts = [holds(part, attributes) for part in condition.get("all", condition.get("any", []))]
    return all(parts) if "all" in condition else any(parts)


def prepare(framework: dict) -> dict[str, Any]:
    """What rating needs of a parsed framework file: per sample its key questions, the bands, the standards."""
    if framework["banding"].get("decide_on", "exact") != "exact":
        raise ValueError("the floor bands exact proportions only")
    rules = {rule["id"]: rule["when"] for rule in framework.get("sub_samples", [])}
    bands = [(Fraction(str(b["at_least"])), None if "below" not in b else Fraction(str(b["below"])), b["rating"])
             for b in framework["banding"]["bands"]]
    rank = {rating["id"]: index for index, rating in enumerate(framework["ratings"]["scale"])}
    samples: dict[str, list] = {}
    standards = []
    for domain in framework["domains"]:
        for standard in domain["standards"]:
            counted = [q for q in standard["key_questions"] if q.get("evidence") == "case-sample"]
            if standard["rating_method"] == "lowest-key-question" and counted:
                for question in counted:
                    when = rules[question["sub_sample"]] if question.get("sub_sample") else None
                    samples.setdefault(standard["sample"], []).append((question["id"], when))
                standards.append((standard["id"], [q["id"] for q in counted]))
            elif standard["rating_method"] == "lead-inspector-judgement":
                standards.append((standard["id"], None))
            else:
                raise ValueError(f"the floor does not rate {standard['rating_method']!r} ({standard['id']})")
    return {"samples": samples, "bands": bands, "rank": rank, "standards": standards}


def rate(path: Path, plan: dict[str, Any]) -> dict[str, str | None]:
    """Each standard's indicative rating (None: no key question counted a case) for the inspection at PATH."""
    with open(path, "rb") as handle:
        inspection = json.load(handle)
    counts: dict[str, list[int]] = {}
    for sample_id, questions in plan["samples"].items():
        tallies = [[question_id, when, 0, 0] for question_id, when in questions]
        for case in inspection["samples"].get(sample_id, {}).get("cases", []):
            answers, attributes, decided = case["key_questions"], case.get("attributes", {}), {}
            for tally in tallies:
                when = tally[1]
                if when is not None:
                    key = id(when)
                    if key not in decided:
                        decided[key] = holds(when, attributes)
                    if not decided[key]:
                        continue
                answer = answers.get(tally[0])
                if answer == "yes":
                    tally[2] += 1
                    tally[3] += 1
                elif answer == "no":
                    tally[3] += 1
        counts.update((tally[0], tally[2:]) for tally in tallies)
    ratings: dict[str, str | None] = {}
    for standard_id, question_ids in plan["standards"]:
        if question_ids is None:
            ratings[standard_id] = inspection.get("judgements", {}).get(standard_id, {}).get("rating")
            continue
        banded = [_band(plan["bands"], *counts[q]) for q in question_ids if counts[q][1]]
        ratings[standard_id] = min(banded, key=plan["rank"].__getitem__) if banded else None
    return ratings


def _band(bands: list, yes: int, of: int) -> str:
    percentage = Fraction(100 * yes, of)
    return next(rating for at_least, below, rating in bands if at_least <= percentage and (below is None or percentage < below))
