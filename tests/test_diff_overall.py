"""`ratings diff` on how the overall rating is made: the rule for unrated standards, counting, weights, going unrated."""

from __future__ import annotations

from ratings_engine.model.diff import diff_frameworks


def _overall_changes(old, new) -> list[tuple[str, str | None, str]]:
    kinds = {"overall rule", "counted towards overall", "weight", "not rated on purpose", "area"}
    return [(r["rule"], r["subject"], r["change"]) for r in diff_frameworks(old, new)["rules"] if r["rule"] in kinds]


def test_no_change_reports_nothing(framework_factory):
    assert _overall_changes(framework_factory(), framework_factory()) == []


def test_each_change_is_reported_in_words(framework_factory):
    def change(document: dict) -> None:
        standard = document["domains"][1]["standards"][0]
        standard["weight"] = 2
        standard["may_go_unrated"] = {"when": "in small services"}
        document["domains"][0]["standards"][0]["counts_towards_overall"] = False
        document["overall"]["when_unrated"] = "scale-bands"

    changes = _overall_changes(framework_factory(), framework_factory(change))
    assert changes == [
        ("overall rule", None, "where a counted standard is not rated, the rule is now 'scale-bands' (was 'no-overall-rating')"),
        ("counted towards overall", "1.1", "Leadership (1.1): no longer counted towards the overall rating"),
        ("weight", "2.1", "Assessment (2.1): its score now counts 2 times towards the overall score (was 1)"),
        ("not rated on purpose", "2.1", "Assessment (2.1): may now go unrated on purpose in small services"),
    ]
