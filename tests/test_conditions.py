"""Sub-sample conditions (engine/model/conditions.py): tests on a case's attributes, combined, and put in words."""

from __future__ import annotations

import pytest

from ratings_engine.model.conditions import MissingAttribute, attribute_tests, describe, holds

HARM = {"attribute": "harm_factors", "equals": True}
CUSTODY = {"attribute": "sentence", "in": ["custody", "licence"]}


@pytest.mark.parametrize(("attributes", "expected"), [
    ({"harm_factors": True}, True),
    ({"harm_factors": False}, False),
    ({"harm_factors": 1}, False),       # true is not 1: values are compared with their JSON type
    ({"harm_factors": "true"}, False),
])
def test_equals_compares_the_value_and_its_type(attributes, expected):
    assert holds(HARM, attributes) is expected


def test_in_admits_any_value_listed():
    assert holds(CUSTODY, {"sentence": "licence"})
    assert not holds(CUSTODY, {"sentence": "community"})


def test_all_any_and_not_combine_tests():
    both = {"all": [HARM, CUSTODY]}
    either = {"any": [HARM, CUSTODY]}
    case = {"harm_factors": False, "sentence": "custody"}
    assert (holds(both, case), holds(either, case), holds({"not": both}, case)) == (False, True, True)


def test_a_missing_attribute_is_never_taken_as_false():
    """A case that does not record an attribute a test needs cannot be placed, even where another part
    of the condition would decide: the missing attribute is named, so that it is reported."""
    with pytest.raises(MissingAttribute) as missing:
        holds({"all": [HARM, CUSTODY]}, {"harm_factors": False})
    assert missing.value.attribute == "sentence"


def test_conditions_in_words():
    assert describe(HARM) == "harm_factors is true"
    assert describe({"not": {"any": [HARM, CUSTODY]}}) == "not ((harm_factors is true) or (sentence is one of 'custody', 'licence'))"


def test_each_attribute_test_is_found_with_the_place_of_its_values():
    condition = {"all": [HARM, {"not": CUSTODY}]}
    assert list(attribute_tests(condition)) == [
        (("all", 0), "harm_factors", [True], ["/equals"]),
        (("all", 1, "not"), "sentence", ["custody", "licence"], ["/in/0", "/in/1"]),
    ]
