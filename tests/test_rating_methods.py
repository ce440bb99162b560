"""The built-in rating methods (plugins/rating_methods.py): the lowest key question drives the rating."""

from __future__ import annotations

import pytest

from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.result import result_document

from support import cases_inspection


@pytest.fixture
def mini(framework_factory):
    """The minimal framework, checked."""
    return framework_factory()


def run(framework, registry, document):
    return result_document(evaluate(framework, document, registry))


def test_lowest_key_question_drives_the_rating(mini, registry):
    """2.1.1 at 75% is Good, 2.1.2 at 50% is Too few: the standard is Requires improvement, driven by 2.1.2."""
    answers = [("yes", "yes", True), ("yes", "no", True), ("yes", None, False), ("no", None, False)]
    standard = run(mini, registry, cases_inspection(answers))["standards"][1]
    assert standard["driving_key_question"] == "2.1.2"
    assert standard["indicative_rating"] == standard["rating"] == "requires_improvement"
