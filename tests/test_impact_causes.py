"""The cause given for each changed rating: the rule that moved it, in the policy's words."""

from __future__ import annotations

import json

import pytest

from ratings_engine.analysis.impact_causes import overall_causes, standard_causes
from ratings_engine.rating.evaluate import evaluate

from support import CRC_2019, EXAMPLES

SYNTHETIC = EXAMPLES / "synthetic-crc-2019.json"


@pytest.fixture
def inspection() -> dict:
    return json.loads(SYNTHETIC.read_text(encoding="utf-8"))


@pytest.fixture
def crc_2019() -> dict:
    """The framework file of hmip-crc@2019, to change into drafts."""
    return json.loads(CRC_2019.read_text(encoding="utf-8"))


def _rated(engine, document: dict, inspection: dict, version: str = "2099", lenient: bool = True):
    from ratings_engine.model.load import framework_from_bytes

    document = {**document, "version": version, "status": "draft"}
    framework = framework_from_bytes(json.dumps(document).encode(), f"{version}.json", engine.registry)
    return evaluate(framework, inspection, engine.registry, lenient=lenient)


def _causes(first, second, standard_id: str) -> list[str]:
    by_a = {s.standard.id: s for s in first.standards}
    by_b = {s.standard.id: s for s in second.standards}
    return standard_causes(first, by_a.get(standard_id), second, by_b.get(standard_id))


def test_a_band_edge_that_moved_past_a_key_question(engine, crc_2019, inspection):
    baseline = _rated(engine, crc_2019, inspection, "2019", lenient=False)
    bands = crc_2019["banding"]["bands"]
    bands[1]["below"] = bands[2]["at_least"] = 70
    draft = _rated(engine, crc_2019, inspection)
    assert _causes(baseline, draft, "4.1") == [
        "key question 4.1.2 at 65% (26 of 40) is Good under hmip-crc@2019 and Requires improvement under hmip-crc@2099: "
        "Good starts at 70% under hmip-crc@2099, 65% under hmip-crc@2019"]


def test_an_edge_lowered_names_the_band_a_key_question_rises_into(engine, crc_2019, inspection):
    baseline = _rated(engine, crc_2019, inspection, "2019", lenient=False)
    bands = crc_2019["banding"]["bands"]
    bands[2]["below"] = bands[3]["at_least"] = 65.5
    draft = _rated(engine, crc_2019, inspection)
    changed = [s.standard.id for s, t in zip(baseline.standards, draft.standards, strict=True) if s.rating != t.rating]
    assert changed
    for standard_id in changed:
        causes = _causes(baseline, draft, standard_id)
        assert causes and all("Outstanding starts at 65.5% under hmip-crc@2099, 80% under hmip-crc@2019" in c for c in causes)


def test_a_sub_sample_rule_that_counts_other_cases(engine, crc_2019, inspection):
    # Every case without harm factors judged sufficient on 2.1.1, and 106 of the 138 with them: 128 of
    # 160 (80%, Outstanding) counting every case, 106 of 138 (77%, Good) counting only the second.
    harm = 0
    for case in inspection["samples"]["case-supervision"]["cases"]:
        harm += case["attributes"]["harm_factors"]
        case["key_questions"]["2.1.1"] = "yes" if not case["attributes"]["harm_factors"] or harm <= 106 else "no"
    for question in ("2.1.2", "2.1.3"):  # not to be the lowest
        for case in inspection["samples"]["case-supervision"]["cases"]:
            if question in case["key_questions"]:
                case["key_questions"][question] = "yes"
    del inspection["discretion"]
    baseline = _rated(engine, crc_2019, inspection, "2019", lenient=False)
    for standard in crc_2019["domains"][1]["standards"]:
        standard["key_questions"][0]["sub_sample"] = "harm-factors"  # asked of fewer cases
    draft = _rated(engine, crc_2019, inspection)
    assert baseline.standard("2.1").indicative.rating != draft.standard("2.1").indicative.rating
    causes = _causes(baseline, draft, "2.1")
    assert causes[0].startswith("key question 2.1.1 counts other cases: ")
    assert causes[0].endswith("; its sub-sample is only cases where harm_factors is true under hmip-crc@2099, "
                              "every case under hmip-crc@2019")


def test_a_key_question_the_draft_adds_or_drops(engine, crc_2019, inspection):
    baseline = _rated(engine, crc_2019, inspection, "2019", lenient=False)
    questions = crc_2019["domains"][1]["standards"][0]["key_questions"]
    dropped = questions.pop()
    draft = _rated(engine, crc_2019, inspection)
    causes = _causes(baseline, draft, "2.1")
    assert any(c.startswith(f"hmip-crc@2099 drops key question {dropped['id']}") for c in causes), causes
    back = _causes(draft, baseline, "2.1")
    assert any(c.startswith(f"hmip-crc@2019 adds key question {dropped['id']}") for c in back), back


def test_moderation_that_applies_under_one_version_only(engine, crc_2019, inspection):
    inspection["moderation"]["4.1"].update(proposed=1, ratified=True)
    baseline = _rated(engine, crc_2019, inspection, "2019", lenient=False)
    del crc_2019["domains"][2]["standards"][0]["moderation"]
    draft = _rated(engine, crc_2019, inspection)
    assert _causes(baseline, draft, "4.1") == [
        "moderation applies only under hmip-crc@2019, where it moved the rating from Good to Outstanding"]


def test_a_panel_decision_the_draft_does_not_allow(engine, crc_2019, inspection):
    baseline = _rated(engine, crc_2019, inspection, "2019", lenient=False)
    crc_2019["discretion"].update(within_percentage_points=1, one_case_rule=False)
    draft = _rated(engine, crc_2019, inspection)
    [cause] = _causes(baseline, draft, "2.1")
    assert cause.startswith("the ratings panel's decision (Requires improvement to Good) is not allowed under hmip-crc@2099: "
                            "not eligible: ")


def test_a_standard_only_one_version_has_and_the_overall_score(engine, crc_2019, inspection):
    baseline = _rated(engine, crc_2019, inspection, "2019", lenient=False)
    crc_2019["domains"][2]["standards"].pop()  # 4.2
    crc_2019["discretion"]["standards"].remove("4.2")
    crc_2019["overall"]["bands"][-1]["to"] = 27
    draft = _rated(engine, crc_2019, inspection)
    assert _causes(baseline, draft, "4.2") == ["the standard is only in hmip-crc@2019 (rated Outstanding there)"]
    assert overall_causes(baseline, draft, ["4.2"])[0] == (
        "the score is 15 of 27 under hmip-crc@2099, 18 of 30 under hmip-crc@2019 (standard(s) 4.2 rated differently)")


def test_overall_bands_that_moved(engine, crc_2019, inspection):
    baseline = _rated(engine, crc_2019, inspection, "2019", lenient=False)
    bands = crc_2019["overall"]["bands"]
    bands[1]["to"], bands[2]["from"] = 18, 19
    draft = _rated(engine, crc_2019, inspection)
    assert (baseline.rating, draft.rating) == ("good", "requires_improvement")
    assert overall_causes(baseline, draft, []) == [
        "the overall score bands differ: Good starts at 19 under hmip-crc@2099, 16 under hmip-crc@2019"]
