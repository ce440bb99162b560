"""The built-in rating methods (plugins/rating_methods.py): the lowest key question drives the rating, by its band alone."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ratings_engine.api import Engine
from ratings_engine.extension import StandardContext
from ratings_engine.model.proportions import percent_of
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.result import result_document

from support import EXAMPLES, cases_inspection

SYNTHETIC = EXAMPLES / "synthetic-crc-2019.json"


@pytest.fixture
def mini(framework_factory):
    """The minimal framework, checked."""
    return framework_factory()


def run(framework, registry, document):
    return result_document(evaluate(framework, document, registry))


@cache
def _synthetic():
    engine = Engine()
    return engine, engine.evaluate_file(SYNTHETIC)


def test_lowest_key_question_drives_the_rating(mini, registry):
    """2.1.1 at 75% is Good, 2.1.2 at 50% is Too few: the standard is Requires improvement, driven by 2.1.2."""
    answers = [("yes", "yes", True), ("yes", "no", True), ("yes", None, False), ("no", None, False)]
    standard = run(mini, registry, cases_inspection(answers))["standards"][1]
    assert standard["driving_key_question"] == "2.1.2"
    assert standard["indicative_rating"] == standard["rating"] == "requires_improvement"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 60)).map(lambda c: (min(c), c[1])), min_size=3, max_size=3))
def test_lowest_key_question_rates_by_bands_alone(counts):
    """What its bands_only declaration promises: the rating is the lowest band's, whatever the counts behind it."""
    engine, evaluation = _synthetic()
    result = evaluation.standard("2.1")
    framework = evaluation.framework
    questions = tuple(replace(kq, yes=yes, of=of, percent=percent_of(yes, of), band=framework.banding.band_for(percent_of(yes, of)))
                      for kq, (yes, of) in zip(result.key_questions, counts, strict=True))
    method = engine.registry.rating_methods["lowest-key-question"]
    rating = method.rate(StandardContext(framework, result.standard, questions, None, "")).rating
    assert rating == min((framework.rating(q.band.rating) for q in questions), key=lambda r: r.rank).id
