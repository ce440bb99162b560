"""Re-rating an inspection under another framework version (`ratings evaluate --compare-with`): what moves and why."""

from __future__ import annotations

import json

from ratings_engine.api import Engine
from ratings_engine.cli import cli

from support import EXAMPLES, SOUTH_YORKSHIRE_2020

SOUTH_YORKSHIRE_2019 = EXAMPLES / "south-yorkshire-crc-2019.json"


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
