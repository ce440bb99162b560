"""The meaning checks on areas: standards that exist, in at most one area, and bands covering the area's maximum."""

from __future__ import annotations

from ratings_engine.model.framework_checks import check_framework

from support import minimal_framework


def _problems(areas: list, overall_from: str | None = None) -> list[tuple[str, str]]:
    document = minimal_framework()
    document["areas"] = areas
    if overall_from:
        document["overall"]["from"] = overall_from
    return [(p.code, p.pointer) for p in check_framework(document, None)]


def _area(area_id: str, standards: list[str], rating: dict | None = None) -> dict:
    return {"id": area_id, "title": area_id, "standards": standards, "rating": rating or {"method": "lowest-standard"}}


def test_areas_that_hold_each_standard_once_are_sound():
    assert _problems([_area("a", ["1.1"]), _area("b", ["2.1"])]) == []


def test_a_standard_in_two_areas():
    assert _problems([_area("a", ["1.1", "2.1"]), _area("b", ["2.1"])]) == [("area-standards", "/areas/1/standards/0")]


def test_an_unknown_standard_and_a_repeated_area_id():
    assert _problems([_area("a", ["9.9"]), _area("a", ["2.1"])]) == [
        ("unknown-reference", "/areas/0/standards/0"), ("duplicate-id", "/areas/1/id")]


def test_an_area_s_bands_must_reach_its_maximum():
    bands = {"method": "sum-of-scores", "bands": [{"from": 0, "to": 2, "rating": "inadequate"}]}
    assert _problems([_area("a", ["2.1"], bands)]) == [("band-gap", "/areas/0/rating/bands/0/to")]


def test_overall_bands_from_the_areas_cover_the_areas_maximum():
    """Made from two areas at 3, the overall bands must end at 6 (the minimal framework's do)."""
    assert _problems([_area("a", ["1.1"]), _area("b", ["2.1"])], "areas") == []
    assert _problems([_area("a", ["1.1", "2.1"])], "areas") == [("band-range", "/overall/bands/3/to")]
