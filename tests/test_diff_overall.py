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


def _area(area_id: str, standards: list[str]) -> dict:
    return {"id": area_id, "title": f"Area {area_id}", "standards": standards, "rating": {"method": "lowest-standard"}}


def test_areas_added_changed_and_removed(framework_factory):
    def before(document: dict) -> None:
        document["areas"] = [_area("a", ["1.1"]), _area("b", ["2.1"])]

    def after(document: dict) -> None:
        document["areas"] = [_area("a", ["1.1", "2.1"])]
        document["overall"]["from"] = "areas"
        document["overall"]["bands"] = [{"from": 0, "to": 1, "rating": "inadequate"}, {"from": 2, "to": 3, "rating": "good"}]

    changes = _overall_changes(framework_factory(before), framework_factory(after))
    assert changes == [
        ("overall rule", None, "the overall rating is now made from the areas (was from the standards)"),
        ("area", "a", "area a: its standards are now 1.1, 2.1 (was 1.1)"),
        ("area", "b", "area b 'Area b' removed"),
    ]


def test_an_area_added(framework_factory):
    def after(document: dict) -> None:
        document["areas"] = [_area("a", ["1.1", "2.1"])]

    assert _overall_changes(framework_factory(), framework_factory(after)) == [
        ("area", "a", "area a 'Area a' added, with standards 1.1, 2.1")]
