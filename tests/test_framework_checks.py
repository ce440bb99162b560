"""The meaning checks of a framework file, which catch what its schema cannot: bands, references, ids, sources."""

from __future__ import annotations

import pytest

from ratings_engine.errors import InvalidInputError


def change_and_load(framework_factory, change):
    with pytest.raises(InvalidInputError) as raised:
        framework_factory(change)
    return [(p.code, p.pointer) for p in raised.value.problems]


def test_band_gap(framework_factory):
    """A gap between bands is reported at the band that starts too late."""
    def gap(d):
        d["banding"]["bands"][2]["at_least"] = 66
    assert change_and_load(framework_factory, gap) == [("band-gap", "/banding/bands/2/at_least")]


def test_band_overlap(framework_factory):
    """Overlapping bands are reported."""
    def overlap(d):
        d["banding"]["bands"][2]["at_least"] = 64
    assert change_and_load(framework_factory, overlap) == [("band-overlap", "/banding/bands/2/at_least")]


def test_overall_bands_must_reach_the_maximum(framework_factory):
    """Overall bands must cover 0 to the maximum score (2 standards x 3 = 6)."""
    def short(d):
        d["overall"]["bands"].pop()
    assert change_and_load(framework_factory, short) == [("band-gap", "/overall/bands/2/to")]


def test_references_must_exist(framework_factory):
    """Unknown sub-sample rules, attributes and ratings are reported where they are named, all at once."""
    def broken(d):
        d["domains"][1]["standards"][0]["key_questions"][1]["sub_sample"] = "harm-factor"
        d["sub_samples"][0]["when"] = {"attribute": "risk", "equals": True}
        d["banding"]["bands"][0]["rating"] = "poor"
    assert change_and_load(framework_factory, broken) == [
        ("unknown-reference", "/banding/bands/0/rating"),
        ("unknown-reference", "/domains/1/standards/0/key_questions/1/sub_sample"),
        ("unknown-reference", "/sub_samples/0/when/attribute"),
    ]


def test_duplicate_ids(framework_factory):
    """Ids are unique: a second 2.1.1 is reported with the place of the first."""
    def duplicate(d):
        d["domains"][1]["standards"][0]["key_questions"][1]["id"] = "2.1.1"
    assert ("duplicate-id", "/domains/1/standards/0/key_questions/1/id") in change_and_load(framework_factory, duplicate)


def test_source_documents_must_be_listed(framework_factory):
    """A source naming a document not in provenance.documents is reported where it is named."""
    def typo(d):
        d["domains"][0]["standards"][0]["source"] = {"section": "Chapter 1", "document": "test"}
    assert change_and_load(framework_factory, typo) == [("unknown-reference", "/domains/0/standards/0/source/document")]
