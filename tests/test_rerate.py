"""Re-rating an inspection under another framework version (`ratings evaluate --compare-with`): what moves and why,
and a cause of a difference listed only under a standard it can affect."""

from __future__ import annotations

import json
import os

import pytest

from ratings_engine.api import Engine
from ratings_engine.cli import cli

from support import EXAMPLES, FRAMEWORKS, SOUTH_YORKSHIRE_2020

SOUTH_YORKSHIRE_2019 = EXAMPLES / "south-yorkshire-crc-2019.json"
SOUTH_YORKSHIRE = {"2019": SOUTH_YORKSHIRE_2019, "2020": SOUTH_YORKSHIRE_2020}
#: Each South Yorkshire inspection, rated under its own round, compared with the other round.
PAIRS = [("2019", "2018", "2019"), ("2020", "2019", "2018")]
BANDING = "the banding differs"


def test_rerating_under_round_one(runner):
    """The 2020 inspection rated under both rounds: the same ratings, and the rule differences behind them."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--compare-with", "hmip-crc@2018", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    comparison = json.loads(result.stdout)
    assert comparison["versions"] == ["hmip-crc@2019", "hmip-crc@2018"]
    standards = {s["id"]: s for s in comparison["standards"]}
    assert all(s["same"] for s in standards.values())
    assert standards["4.2"]["causes"][0] == (
        "key question 4.2.3 is rated only under hmip-crc@2019 (86%, Large majority), and it drove the rating there")
    assert standards["4.1"]["causes"] == ["a moderation step applies only under hmip-crc@2019 (it made no change)"]
    assert standards["2.2"]["causes"] == []
    older = comparison["results"][1]
    ignored = [w["message"] for w in older["warnings"] if w["code"] == "ignored"]
    assert "ignored under hmip-crc@2018, which has no use for them: key question results 4.2.3" in ignored
    assert "ignored under hmip-crc@2018, which has no use for them: moderation of standards 4.1" in ignored
    text = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--compare-with", "hmip-crc@2018"]).stdout
    assert "4.2 Through the Gate                Outstanding             Outstanding             same" in text


def test_rerating_shows_a_rating_that_moves(runner, tmp_path, write_json):
    """Where a key question only one version rates is the lowest, the ratings differ and the cause says why."""
    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    document["samples"]["through-the-gate"]["results"]["4.2.3"] = {"yes": 14, "of": 24}  # 58%: Too few
    result = runner.invoke(cli, ["evaluate", str(write_json("weak-ttg.json", document)), "--compare-with", "hmip-crc@2018",
                                 "--format", "json"])
    standards = {s["id"]: s for s in json.loads(result.stdout)["standards"]}
    through_the_gate = standards["4.2"]
    assert not through_the_gate["same"]
    assert through_the_gate["ratings"]["hmip-crc@2019"]["rating"] == "requires_improvement"
    assert through_the_gate["ratings"]["hmip-crc@2018"]["rating"] == "outstanding"
    assert through_the_gate["causes"][0].startswith("key question 4.2.3 is rated only under hmip-crc@2019 (58%, Too few)")


def test_rerating_under_a_version_that_needs_more_data(runner, write_json):
    """Round one's inspection gives no result for 4.2.3, which round two rates Through the Gate on: re-rated
    under round two, 4.2 is not rated (and so neither is the whole), and the cause and a warning say why.
    Evaluated under round two directly, the missing result is still an error."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2019), "--compare-with", "hmip-crc@2019", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    comparison = json.loads(result.stdout)
    standards = {s["id"]: s for s in comparison["standards"]}
    reason = "the inspection gives no result for key question 4.2.3, which hmip-crc@2019 rates it on"
    assert standards["4.2"]["ratings"]["hmip-crc@2019"] == {
        "indicative": None, "rating": None, "rating_label": "Not rated", "driving_key_question": None}
    assert standards["4.2"]["causes"] == [f"not rated under hmip-crc@2019: {reason}"]
    assert all(s["same"] for sid, s in standards.items() if sid != "4.2")
    assert comparison["overall"]["hmip-crc@2019"]["rating"] is None
    newer = comparison["results"][1]
    assert {"code": "missing-data", "message": f"standard 4.2 is not rated under hmip-crc@2019: {reason}"} in newer["warnings"]
    # A whole sample missing is the same, in a lenient evaluation: every standard judged on it is not rated.
    document = json.loads(SOUTH_YORKSHIRE_2019.read_text("utf-8"))
    del document["samples"]["through-the-gate"]
    evaluation = Engine().evaluate_file(write_json("no-ttg.json", document), "hmip-crc@2019", allow_out_of_window=True, lenient=True)
    assert not evaluation.standard("4.2").rated and evaluation.rating is None
    assert evaluation.standard("4.2").indicative.reason.startswith("the inspection gives no result for key questions 4.2.1, ")
    assert all(s.rated for s in evaluation.standards if s.standard.id != "4.2")
    direct = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2019), "--framework", "hmip-crc@2019", "--allow-out-of-window"])
    assert direct.exit_code == 1 and "[missing-result]" in direct.stderr


def _rerate(runner, inspection: str, own: str, other: str, *extra: str) -> dict:
    args = ["evaluate", str(SOUTH_YORKSHIRE[inspection]), "--framework", f"hmip-crc@{own}", "--compare-with", other,
            "--allow-out-of-window", "--format", "json", *extra]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _with_wider_bands(tmp_path, version: str) -> str:
    """A copy of hmip-crc@VERSION whose 'Too few' band starts at 45% instead of 50%, on a search path of its own."""
    framework = json.loads((FRAMEWORKS / "hmip-crc" / f"{version}.json").read_text("utf-8"))
    framework["version"] = f"{version}-wider"
    bands = framework["banding"]["bands"]
    bands[0]["below"] = bands[1]["at_least"] = 45
    (tmp_path / "wider.json").write_text(json.dumps(framework), encoding="utf-8")
    return f"hmip-crc@{version}-wider"


@pytest.mark.parametrize(("inspection", "own", "other"), PAIRS)
def test_the_two_rounds_band_alike_so_no_standard_blames_the_banding(runner, inspection, own, other):
    comparison = _rerate(runner, inspection, own, f"hmip-crc@{other}")
    assert not [cause for s in comparison["standards"] for cause in s["causes"] if cause.startswith(BANDING)]


@pytest.mark.parametrize(("inspection", "own", "other"), PAIRS)
def test_a_banding_difference_is_listed_only_under_standards_rated_on_cases(runner, tmp_path, inspection, own, other):
    """Wider bands in the other round: the cause is listed under each standard rated on its key questions'
    bands (2.1-2.4, 4.1, 4.2), and under none of those rated on the lead inspector's judgement (1.1-1.4)."""
    wider = _with_wider_bands(tmp_path, other)
    comparison = _rerate(runner, inspection, own, wider, "--frameworks-dir", str(tmp_path))
    blamed = {s["id"] for s in comparison["standards"] if any(c.startswith(BANDING) for c in s["causes"])}
    assert blamed == {"2.1", "2.2", "2.3", "2.4", "4.1", "4.2"}
    judged = {s["id"] for r in comparison["results"] for s in r["standards"] if s["judgement"] is not None}
    assert judged == {"1.1", "1.2", "1.3", "1.4"}


SYNTHETIC = EXAMPLES / "synthetic-crc-2019.json"


def _edited(tmp_path, version: str, change) -> str:
    """A copy of hmip-crc@2019 as version VERSION, changed by CHANGE, on a search path of its own (tmp_path)."""
    framework = json.loads((FRAMEWORKS / "hmip-crc" / "2019.json").read_text("utf-8"))
    framework["version"] = version
    change(framework)
    (tmp_path / f"{version}.json").write_text(json.dumps(framework), encoding="utf-8")
    return f"hmip-crc@{version}"


def _standard(framework: dict, standard_id: str) -> dict:
    return next(s for d in framework["domains"] for s in d["standards"] if s["id"] == standard_id)


def _with_new_key_question(framework: dict) -> None:
    _standard(framework, "2.1")["key_questions"].append(
        {"id": "2.1.4", "text": "Does assessment draw on information from other agencies?", "evidence": "case-sample"})


def _rerate_file(runner, path, other: str, tmp_path) -> dict:
    result = runner.invoke(cli, ["evaluate", str(path), "--compare-with", other, "--frameworks-dir", str(tmp_path),
                                 "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_case_data_under_a_version_with_a_new_key_question(runner, tmp_path):
    """The cases give no answer to 2.1.4, which the newer version asks: re-rated under it, 2.1 is not rated
    and the cause says why; every other standard is rated alike. Under that version directly, each missing
    answer is still a problem."""
    newer = _edited(tmp_path, "2019-new", _with_new_key_question)
    comparison = _rerate_file(runner, SYNTHETIC, newer, tmp_path)
    standards = {s["id"]: s for s in comparison["standards"]}
    reason = f"no case answers key question 2.1.4, which {newer} rates it on"
    assert standards["2.1"]["ratings"][newer]["rating"] is None
    # The synthetic inspection records discretion on 2.1, which a standard not rated cannot have.
    assert standards["2.1"]["causes"] == [f"not rated under {newer}: {reason}",
                                          "professional discretion was applied only under hmip-crc@2019"]
    assert all(s["same"] for sid, s in standards.items() if sid != "2.1")
    assert {"code": "missing-data", "message": f"standard 2.1 is not rated under {newer}: {reason}"} in comparison["results"][1]["warnings"]
    direct = runner.invoke(cli, ["evaluate", str(SYNTHETIC), "--framework", newer, "--frameworks-dir", str(tmp_path)])
    assert direct.exit_code == 1 and "[missing-answer]" in direct.stderr


def test_case_data_that_answers_a_new_key_question_in_some_cases_only(tmp_path, write_json):
    """Rated leniently under the newer version (as --compare-with rates), the reason counts the cases without an answer."""
    newer = _edited(tmp_path, "2019-new", _with_new_key_question)
    document = json.loads(SYNTHETIC.read_text("utf-8"))
    cases = document["samples"]["case-supervision"]["cases"]
    for case in cases[:150]:
        case["key_questions"]["2.1.4"] = "yes"
    evaluation = Engine(frameworks_dirs=[tmp_path]).evaluate_file(write_json("partly.json", document), newer, lenient=True)
    assert evaluation.standard("2.1").indicative.reason == (
        f"{len(cases) - 150} of the {len(cases)} cases give no answer to key question 2.1.4, which {newer} rates it on")
    assert all(s.rated for s in evaluation.standards if s.standard.id != "2.1")


def _narrower_harm_rule(framework: dict) -> None:
    rule = next(r for r in framework["sub_samples"] if r["id"] == "harm-factors")
    rule["when"] = {"all": [{"attribute": "harm_factors", "equals": True}, {"attribute": "supervision", "equals": "post-release"}]}


def test_totals_counted_under_another_sub_sample_rule_are_not_silently_reused(runner, tmp_path):
    """South Yorkshire 2020 gives totals counted under round two's harm-factors rule; under a version whose rule
    admits fewer cases the totals cannot be recounted, and each keeping-other-people-safe key question says so."""
    narrower = _edited(tmp_path, "2019-narrower", _narrower_harm_rule)
    comparison = _rerate_file(runner, SOUTH_YORKSHIRE_2020, narrower, tmp_path)
    expected = (f"key question 2.1.3 counts only cases where (harm_factors is true) and (supervision is 'post-release') under "
                f"{narrower} but only cases where harm_factors is true under hmip-crc@2019; the inspection gives totals, which "
                f"cannot be recounted, so its figures under {narrower} are those counted under hmip-crc@2019's rule")
    standards = {s["id"]: s for s in comparison["standards"]}
    assert expected in standards["2.1"]["causes"]
    flagged = {s["id"] for s in comparison["standards"] if any("cannot be recounted" in c for c in s["causes"])}
    assert flagged == {"2.1", "2.2", "2.3", "2.4"}
    warnings = [w for w in comparison["results"][1]["warnings"] if w["code"] == "totals-not-recounted"]
    assert [w["message"] for w in warnings][0] == expected and len(warnings) == 4
    assert not [w for w in comparison["results"][0]["warnings"] if w["code"] == "totals-not-recounted"]


def test_cases_are_recounted_under_a_changed_sub_sample_rule(runner, tmp_path):
    """Case records are counted again under the other version's rule, so nothing is reused and nothing is flagged."""
    narrower = _edited(tmp_path, "2019-narrower", _narrower_harm_rule)
    comparison = _rerate_file(runner, SYNTHETIC, narrower, tmp_path)
    causes = [c for s in comparison["standards"] for c in s["causes"]]
    assert not [c for c in causes if "cannot be recounted" in c]
    assert any(c.startswith("key question 2.1.3 counts differently") for c in causes)


@pytest.mark.parametrize(("inspection", "own", "other"), PAIRS)
def test_the_two_rounds_share_their_sub_sample_rules(runner, inspection, own, other):
    comparison = _rerate(runner, inspection, own, f"hmip-crc@{other}")
    assert not [w for r in comparison["results"] for w in r["warnings"] if w["code"] == "totals-not-recounted"]


DOCS_EXAMPLES = EXAMPLES.parent / "docs" / "examples"
GOLDEN_CONSTRUCTS = EXAMPLES.parent / "tests" / "golden" / "constructs"


@pytest.mark.parametrize("data", ["inspection", "totals"])
@pytest.mark.parametrize("output", ["text", "json"])
def test_the_example_moving_between_versions(runner, data, output):
    """The documented example: the dynamic example's cases, and its totals, re-rated under its second version,
    which asks 1.1.4 and narrows the harm rule; the output is pinned in tests/golden/constructs/."""
    args = ["evaluate", str(DOCS_EXAMPLES / f"example-dynamic-{data}.json"), "--framework",
            str(DOCS_EXAMPLES / "example-dynamic-framework.json"), "--compare-with",
            str(DOCS_EXAMPLES / "example-dynamic-framework-2.json"), "--format", output]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN_CONSTRUCTS / f"example-dynamic-rerate-{data}.{'json' if output == 'json' else 'txt'}"
    if os.environ.get("RATINGS_REGENERATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text("utf-8")
    if output == "text":
        assert ("no case answers key question 1.1.4" if data == "inspection" else "cannot be recounted") in result.stdout


def test_the_examples_moving_between_versions_validate(runner):
    first, second = DOCS_EXAMPLES / "example-dynamic-framework.json", DOCS_EXAMPLES / "example-dynamic-framework-2.json"
    result = runner.invoke(cli, ["validate", "--framework", str(first), str(second), str(DOCS_EXAMPLES / "example-dynamic-totals.json")])
    assert result.exit_code == 0, result.stdout + result.stderr
