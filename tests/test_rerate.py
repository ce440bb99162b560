"""Re-rating an inspection under another framework version (`ratings evaluate --compare-with`): what moves and why,
and a cause of a difference listed only under a standard it can affect."""

from __future__ import annotations

import json

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
