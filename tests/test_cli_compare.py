"""`ratings compare`: an inspection lined up with the previous one, each change tested for significance."""

from __future__ import annotations

import json

from ratings_engine.cli import cli

from support import EXAMPLES, SOUTH_YORKSHIRE_2020

SOUTH_YORKSHIRE_2019 = EXAMPLES / "south-yorkshire-crc-2019.json"


def test_compare_with_previous_inspection(runner):
    """The 2019 and 2020 inspections of South Yorkshire lined up: published percentages give 'unknown', never a guess."""
    result = runner.invoke(cli, ["compare", str(SOUTH_YORKSHIRE_2019), str(SOUTH_YORKSHIRE_2020), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    comparison = json.loads(result.stdout)
    assert comparison["significance_level"] == 0.1
    assert comparison["overall"]["score_change"] == 6
    by_id = {kq["id"]: kq for kq in comparison["key_questions"]}
    assert by_id["2.1.2"]["change_points"] == 19 and by_id["2.1.2"]["significance"] == "unknown"
    assert by_id["4.2.3"]["significance"] == "not comparable"
    assert {kq["significance"] for kq in comparison["key_questions"]} == {"unknown", "not comparable"}
    text = runner.invoke(cli, ["compare", str(SOUTH_YORKSHIRE_2019), str(SOUTH_YORKSHIRE_2020)]).stdout
    assert "2.2 Planning ........................... Inadequate (0) -> Requires improvement (1)" in text


def test_compare_with_counts_tests_significance(runner, write_json):
    """With counts on both sides, a change is marked significant by the Z test at the framework's level."""
    previous = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    previous["fieldwork_start"] = "2019-08-05"
    previous["samples"]["case-supervision"]["results"]["2.1.1"] = {"yes": 50, "of": 100}  # 50% -> 63%
    previous["samples"]["case-supervision"]["results"]["2.1.2"] = {"yes": 70, "of": 100}  # 70% -> 74%
    del previous["discretion"]
    result = runner.invoke(cli, ["compare", str(write_json("before.json", previous)), str(SOUTH_YORKSHIRE_2020), "--format", "json"])
    by_id = {kq["id"]: kq for kq in json.loads(result.stdout)["key_questions"]}
    assert by_id["2.1.1"]["significance"] == "significant"        # z = 1.85, p = 0.064 < 0.1
    assert by_id["2.1.2"]["significance"] == "not significant"    # z = 0.63, p = 0.53
    assert by_id["2.2.3"]["significance"] == "not significant"    # unchanged
