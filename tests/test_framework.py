"""The framework files: hmip-crc@2019 encodes the published report (the meaning checks: test_framework_checks.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ratings_engine.io.jsonio import read_json
from ratings_engine.model.framework import unpublished
from ratings_engine.model.load import load_framework

from support import CRC_2019, SOUTH_YORKSHIRE_2020


@pytest.fixture(scope="module")
def crc():
    from ratings_engine.plugin_host.registry import load_registry

    return load_framework(CRC_2019, load_registry())


def test_structure(crc):
    """3 domains and 10 standards, numbered as the inspectorate numbers them."""
    assert crc.ref == "hmip-crc@2019"
    assert [d.title for d in crc.domains] == ["Organisational delivery", "Case supervision", "CRC-specific work"]
    assert [s.id for s in crc.standards] == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]
    assert crc.max_score == 30


def test_key_questions_and_prompts(crc):
    """Every key question, with Annexe 4's prompts under the case-sample ones, in report order."""
    questions = {kq.id: kq for s in crc.standards for kq in s.key_questions}
    counted = [q for q in questions if questions[q].counted]
    assert counted == [f"2.{s}.{q}" for s in range(1, 5) for q in range(1, 4)] + ["4.1.1", "4.1.2", "4.1.4", "4.2.1", "4.2.2", "4.2.3"]
    assert not questions["4.1.3"].counted
    # Domain one: the questions each chapter 1 section says the judgement takes into account.
    assert [len(s.key_questions) for s in crc.standards[:4]] == [3, 5, 3, 4]
    prompts = {q: len(questions[q].prompts) for q in counted}
    assert prompts == {"2.1.1": 3, "2.1.2": 3, "2.1.3": 5, "2.2.1": 5, "2.2.2": 3, "2.2.3": 4, "2.3.1": 7, "2.3.2": 6,
                       "2.3.3": 5, "2.4.1": 4, "2.4.2": 4, "2.4.3": 4, "4.1.1": 3, "4.1.2": 3, "4.1.4": 4,
                       "4.2.1": 6, "4.2.2": 3, "4.2.3": 3}
    assert questions["2.1.1"].prompts[0].id == "2.1.1.a"
    assert questions["2.3.1"].prompts[3].sub_sample == "post-custody"
    assert questions["2.1.3"].prompts[4].sub_sample == "children"


def test_rules(crc):
    """Banding, sub-samples, discretion, moderation and scoring as Annexe 2 states them."""
    bands = [(b.label, b.at_least, b.below, b.rating) for b in crc.banding.bands]
    assert bands == [("Minority", 0, 50, "inadequate"), ("Too few", 50, 65, "requires_improvement"),
                     ("Reasonable majority", 65, 80, "good"), ("Large majority", 80, None, "outstanding")]
    assert crc.banding.decide_on == "exact"
    harm_factors = {kq.id for s in crc.standards for kq in s.key_questions if kq.sub_sample == "harm-factors"}
    assert harm_factors == {"2.1.3", "2.2.3", "2.3.3", "2.4.3"}
    assert all(kq.answers == ("yes", "no", "n/a") for kq in crc.standard("4.2").key_questions)
    assert crc.discretion.within_percentage_points == 5 and crc.discretion.one_case_rule and crc.discretion.max_bands == 1
    assert sorted(crc.discretion.standards) == ["2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]
    assert crc.standard("4.1").moderation.rule == "qualitative-evidence"
    assert [r.score for r in crc.ratings] == [0, 1, 2, 3]
    assert [(b.start, b.end, b.rating) for b in crc.overall_bands] == [
        (0, 5, "inadequate"), (6, 15, "requires_improvement"), (16, 25, "good"), (26, 30, "outstanding")]
    document = crc.document
    assert (document["comparison"]["test"], document["comparison"]["significance_level"]) == ("z-score", Decimal("0.1"))
    assert (document["sampling"]["confidence_level_percent"], document["sampling"]["margin_of_error_percentage_points"]) == (80, 5)


def test_every_part_says_where_it_comes_from():
    """Provenance: every standard, rule and sample names its report section; inferences give evidence."""
    document, _ = read_json(CRC_2019)
    parts = [document["ratings"], document["banding"], document["overall"], document["discretion"],
             document["comparison"], document["sampling"], *document["samples"], *document["sub_samples"],
             *[s for d in document["domains"] for s in d["standards"]]]
    for part in parts:
        assert part["source"]["section"], part
        if part["source"].get("basis") in ("inferred", "assumed"):
            assert part["source"]["evidence"]


def test_caveats_reach_every_result(framework_factory, registry):
    """A framework's caveats are carried into the warnings of every result under it."""
    from ratings_engine.rating.evaluate import evaluate
    from ratings_engine.reports.result import result_document

    from support import cases_inspection

    def caveat(d):
        d["caveats"] = ["Key question wording is a placeholder."]
    result = result_document(evaluate(framework_factory(caveat), cases_inspection([("yes", "yes", True)]), registry))
    assert {"code": "framework-caveat", "message": "mini@1: Key question wording is a placeholder."} in result["warnings"]


@pytest.mark.parametrize("status, words", [("published", ""), ("draft", " (draft, not published)"),
                                           ("reconstructed", " (reconstructed, not published)")])
def test_unpublished_versions_say_so_after_their_name(status, words):
    assert unpublished(status) == words


@pytest.mark.parametrize("args", [
    ["diff", "hmip-crc@2019", "EXAMPLE"],
    ["evaluate", "EXAMPLE", "--framework", "EXAMPLE"],
    ["impact", "--baseline", "hmip-crc@2019", "--draft", "EXAMPLE", "EXAMPLE"],
])
def test_an_inspection_named_as_a_framework_is_one_problem_saying_so(runner, args):
    """Not a page of schema problems: one line naming the file as an inspection, wherever a framework was expected."""
    from ratings_engine.cli import cli

    example = str(SOUTH_YORKSHIRE_2020)
    result = runner.invoke(cli, [example if a == "EXAMPLE" else a for a in args])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{example}:1:1: /: this is an inspection file, not a framework (it has 'samples' and no 'domains') "
        "(name a framework file, or a version as ID@VERSION) [not-a-framework]"]
