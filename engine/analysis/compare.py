"""Comparing an inspection with the previous inspection of the same provider.

Key questions are lined up by id and a change is called significant only when a two-proportion
Z test at the framework's significance level says so (HM Inspectorate of Probation: "using the
Z-score test, with a significance level of 0.1"). Where either inspection publishes only a
percentage, the counts the test needs are unknown, so the significance is "unknown": never a guess.

Both inputs are result documents (schemas/result.schema.json); the comparison is plain JSON with a
fixed key order, so the same two results always give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..model.proportions import tenths, to_fraction
from ..reports.result import framework_ref

TEST = "two-proportion z-test, two-sided"
SIGNIFICANT = "significant"
NOT_SIGNIFICANT = "not significant"
UNKNOWN = "unknown"
NOT_COMPARABLE = "not comparable"


def significance_level_of(framework: Any) -> Fraction | None:
    """The significance level in FRAMEWORK's `comparison` section, exactly; None if it has none."""
    comparison = framework.document.get("comparison")
    return None if comparison is None else to_fraction(comparison["significance_level"])


def z_test(yes1: int, of1: int, yes2: int, of2: int) -> tuple[float, float]:
    """The pooled two-proportion Z statistic of sample 2 minus sample 1, and its two-sided p-value.

    Floats are right here, unlike in banding: this is a statistical test whose p-value is itself an
    approximation, not a rating boundary where 64.99% must not become 65%.
    """
    for yes, of in ((yes1, of1), (yes2, of2)):
        if of <= 0 or not 0 <= yes <= of:
            raise ValueError(f"{yes} of {of} is not a count of cases")
    pooled_yes, pooled_of = yes1 + yes2, of1 + of2
    if pooled_yes in (0, pooled_of):
        # Every case the same answer in both inspections: no variance, so no evidence of a change.
        return 0.0, 1.0
    pooled = pooled_yes / pooled_of
    standard_error = math.sqrt(pooled * (1 - pooled) * (1 / of1 + 1 / of2))
    z = (yes2 / of2 - yes1 / of1) / standard_error + 0.0  # + 0.0 turns -0.0 into 0.0
    return z, math.erfc(abs(z) / math.sqrt(2))


def compare_results(previous: Mapping[str, Any], current: Mapping[str, Any],
                    significance_level: Fraction | Decimal | float | None) -> dict[str, Any]:
    """The comparison of two result documents: overall, standards and key questions lined up by id.

    With no SIGNIFICANCE_LEVEL (the framework sets no comparison rule) every change is listed with
    its significance 'unknown'.
    """
    level = None if significance_level is None else float(significance_level)
    if level is not None and not 0 < level < 1:
        raise ValueError(f"the significance level {significance_level} is not between 0 and 1")
    return {
        "comparison_format": 1,
        "previous": _inspection(previous),
        "current": _inspection(current),
        "test": TEST,
        "significance_level": level,
        "overall": {
            "previous": _overall(previous["overall"]),
            "current": _overall(current["overall"]),
            "score_change": current["overall"]["score"] - previous["overall"]["score"],
        },
        "standards": [_standard(before, after) for before, after in
                      _lined_up(previous["standards"], current["standards"])],
        "key_questions": [_key_question(before, after, level) for before, after in
                          _lined_up(_key_questions(previous), _key_questions(current))],
    }


def _inspection(result: Mapping[str, Any]) -> dict[str, Any]:
    framework = result["framework"]
    return {"provider": result["provider"], "fieldwork_start": result["fieldwork_start"],
            "framework": framework_ref(framework), "framework_status": framework["status"]}


def _overall(overall: Mapping[str, Any]) -> dict[str, Any]:
    figures = {key: overall[key] for key in ("score", "max", "rating", "rating_label")}
    published = overall.get("published")
    if published is not None and published["standards"]:  # the score adds up a report's ratings, not only computed ones
        figures["published"] = {"source": published["source"], "standards": published["standards"]}
    return figures


def _key_questions(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every key question of RESULT in order, each with the id of its standard."""
    return [{**kq, "standard": s["id"]} for s in result["standards"] for kq in s["key_questions"]]


def _lined_up(previous: list, current: list) -> list[tuple[Any, Any]]:
    """(previous, current) pairs by id: the current order first, then those only in the previous."""
    before = {item["id"]: item for item in previous}
    now = {item["id"] for item in current}
    return ([(before.get(item["id"]), item) for item in current]
            + [(item, None) for item in previous if item["id"] not in now])


def _standard(before: Mapping | None, after: Mapping | None) -> dict[str, Any]:
    either = after or before
    if either is None:
        raise ValueError("a standard compared is in one inspection or both")

    def side(standard: Mapping | None) -> dict[str, Any] | None:
        if standard is None:
            return None
        figures = {key: standard[key] for key in ("rating", "rating_label", "score")}
        published = standard.get("published")
        if published is not None and published["stands_in"]:  # only where used, so other comparisons keep their bytes
            figures["published"] = {"source": published["source"]}
        return figures

    return {"id": either["id"], "title": either["title"], "previous": side(before), "current": side(after),
            "score_change": None if before is None or after is None else after["score"] - before["score"]}


def _key_question(before: Mapping | None, after: Mapping | None, level: float | None) -> dict[str, Any]:
    either = after or before
    if either is None:
        raise ValueError("a key question compared is in one inspection or both")
    entry: dict[str, Any] = {
        "id": either["id"], "text": either["text"], "standard": either["standard"],
        "previous": _figures(before), "current": _figures(after),
        "change_points": None, "z": None, "p_value": None,
    }
    if before is None or after is None:
        missing = "previous" if before is None else "current"
        entry["significance"] = NOT_COMPARABLE
        entry["reason"] = f"{either['id']} is not a key question in the {missing} inspection"
        return entry
    # The change is the exact difference (from percent_exact), rounded to one decimal place, not
    # the difference of the rounded percentages shown: 59% (50 of 85) to 63% is 4.2 points, not 4.
    entry["change_points"] = _one_decimal(to_fraction(after["percent_exact"]) - to_fraction(before["percent_exact"]))
    assumed = [name for name, kq in (("previous", before), ("current", after)) if kq.get("basis") == "assumed"]
    if assumed:  # a test on a placeholder would be a guess
        where = "both inspections" if len(assumed) == 2 else f"the {assumed[0]} inspection"
        entry["significance"] = UNKNOWN
        entry["reason"] = f"{either['id']} has only an assumed figure, a placeholder, in {where}"
        return entry
    percent_only = [name for name, kq in (("previous", before), ("current", after)) if kq["of"] is None]
    if percent_only:
        where = "both inspections" if len(percent_only) == 2 else f"the {percent_only[0]} inspection"
        entry["significance"] = UNKNOWN
        entry["reason"] = f"{either['id']} has only a published percentage in {where}"
        return entry
    if level is None:
        entry["significance"] = UNKNOWN
        entry["reason"] = f"{either['id']}: the framework sets no significance level for comparisons"
        return entry
    z, p_value = z_test(before["yes"], before["of"], after["yes"], after["of"])
    entry["z"], entry["p_value"] = round(z, 4), round(p_value, 4)
    # The level is the test's threshold, not a rating boundary: comparing the float p-value with
    # float(level) is exact enough, and the decision uses the unrounded p-value.
    significant = p_value < level
    entry["significance"] = SIGNIFICANT if significant else NOT_SIGNIFICANT
    entry["reason"] = f"p = {entry['p_value']:.4f} {'<' if significant else '>='} {_level_text(level)}"
    return entry


def _figures(kq: Mapping | None) -> dict[str, Any] | None:
    if kq is None:
        return None
    figures = {"yes": kq["yes"], "of": kq["of"], "percent": kq["percent"]}
    if "basis" in kq:  # only where the inspection says, so that other comparisons keep their bytes
        figures["basis"] = kq["basis"]
    return figures


def _one_decimal(value: Fraction) -> int | float:
    """VALUE rounded half away from zero to one decimal place, as a JSON number (13, not 13.0)."""
    rounded = tenths(value)
    return rounded // 10 if rounded % 10 == 0 else rounded / 10


def _level_text(level: float) -> str:
    return format(level, "g")
