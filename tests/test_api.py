"""Framework versions side by side: chosen by date, refused out of their windows, diffed, re-rated, compared."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from ratings_engine.api import Engine
from ratings_engine.cli import cli
from ratings_engine.reports.result import result_document

from support import EXAMPLES, FRAMEWORKS, SOUTH_YORKSHIRE_2020, minimal_framework

SOUTH_YORKSHIRE_2019 = EXAMPLES / "south-yorkshire-crc-2019.json"
DIFF_GOLDEN = json.loads((Path(__file__).parent / "golden" / "diff-hmip-crc-2018-2019.json").read_text("utf-8"))


def test_diff_between_rounds_is_pinned(runner):
    """The round-one to round-two diff: Through the Gate's key question, unpaid work's moderation, the new prompts."""
    result = runner.invoke(cli, ["diff", DIFF_GOLDEN["from"], DIFF_GOLDEN["to"], "--format", "json"])
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)
    assert [kq["id"] for kq in changes["key_questions"]["added"]] == DIFF_GOLDEN["key_questions_added"]
    assert [kq["id"] for kq in changes["key_questions"]["removed"]] == DIFF_GOLDEN["key_questions_removed"]
    assert [p["id"] for p in changes["prompts"]["added"]] == DIFF_GOLDEN["prompts_added"]
    assert [p["id"] for p in changes["prompts"]["removed"]] == DIFF_GOLDEN["prompts_removed"]
    assert [{"rule": r["rule"], "subject": r["subject"]} for r in changes["rules"]] == DIFF_GOLDEN["rules"]
    assert [m["field"] for m in changes["metadata"]] == DIFF_GOLDEN["metadata_fields"]
    assert changes["standards"] == {"added": [], "removed": [], "reworded": []}
    text = runner.invoke(cli, ["diff", DIFF_GOLDEN["from"], DIFF_GOLDEN["to"]]).stdout
    for sentence in DIFF_GOLDEN["text_contains"]:
        assert sentence in text


def test_diff_accepts_files(runner):
    """Either side of a diff may be a framework file; a version against itself has no changes."""
    path = str(FRAMEWORKS / "hmip-crc" / "2019.json")
    result = runner.invoke(cli, ["diff", path, "hmip-crc@2019", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["total"] == 0


def test_reconstructed_status_is_shown(runner):
    """Output produced under a version that is not published says so, in text and in JSON."""
    text = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2019)]).stdout
    assert "Rated under hmip-crc@2018 (reconstructed)" in text
    assert "warning: hmip-crc@2018 is reconstructed, not published" in text
    document = json.loads(runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2019), "--format", "json"]).stdout)
    assert document["framework"]["status"] == "reconstructed"
    assert "framework-status" in [w["code"] for w in document["warnings"]]


def test_explicit_version_outside_its_window(runner, write_json):
    """Rating a 2019 inspection under the 2018 rules is refused, naming the version in force, unless allowed."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--framework", "hmip-crc@2018"])
    assert result.exit_code == 1
    assert ("hmip-crc@2018 (named by --framework) applies to fieldwork from 2018-06-01 to 2019-06-30, but this "
            "inspection's fieldwork started on 2019-11-25; the version in force then is hmip-crc@2019") in result.stderr
    late = json.loads(SOUTH_YORKSHIRE_2019.read_text("utf-8"))
    late["fieldwork_start"] = "2019-09-02"
    path = write_json("late.json", late)
    result = runner.invoke(cli, ["evaluate", str(path)])
    assert result.exit_code == 1 and "Pass --allow-out-of-window to rate under it anyway" in result.stderr
    result = runner.invoke(cli, ["evaluate", str(path), "--allow-out-of-window", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["overall"]["score"] == 14
    assert document["warnings"][0] == {"code": "out-of-window", "message": (
        "hmip-crc@2018 (named by the inspection's 'framework') applies to fieldwork from 2018-06-01 to 2019-06-30, "
        "but this inspection's fieldwork started on 2019-09-02")}


@pytest.fixture
def gappy(tmp_path):
    """A framework family with a gap between its two versions' windows (July to December 2020)."""
    for version, start, end in (("1", "2020-01-01", "2020-06-30"), ("2", "2021-01-01", None)):
        document = minimal_framework()
        document["id"], document["version"], document["effective_from"] = "gappy", version, start
        if end:
            document["effective_to"] = end
        (tmp_path / f"{version}.json").write_text(json.dumps(document), encoding="utf-8")
    return tmp_path


def test_inspection_between_windows_is_refused(runner, gappy, write_json):
    """An inspection dated between two versions' windows is refused with the windows named."""
    inspection = {"provider": "P", "fieldwork_start": "2020-09-01", "framework": "gappy",
                  "judgements": {"1.1": {"rating": "good", "rationale": "x"}},
                  "samples": {"cases": {"results": {"2.1.1": {"yes": 7, "of": 10}, "2.1.2": {"yes": 7, "of": 10}}}}}
    path = write_json("between.json", inspection)
    result = runner.invoke(cli, ["evaluate", str(path), "--frameworks-dir", str(gappy)])
    assert result.exit_code == 1
    assert ("no framework version is in force on the fieldwork start date 2020-09-01 (gappy@1 from 2020-01-01 to "
            "2020-06-30; gappy@2 from 2021-01-01)") in result.stderr
    result = runner.invoke(cli, ["evaluate", str(path), "--frameworks-dir", str(gappy), "--allow-out-of-window", "--format", "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["framework"]["version"] == "1"  # 63 days after version 1 ended, 122 before version 2 began
    assert document["warnings"][0]["code"] == "out-of-window"
    inspection["fieldwork_start"] = "2021-03-01"
    result = runner.invoke(cli, ["evaluate", str(write_json("in.json", inspection)), "--frameworks-dir", str(gappy), "--format", "json"])
    assert json.loads(result.stdout)["framework"]["version"] == "2"


def test_versions_cannot_alter_each_other(engine, tmp_path):
    """Two versions are two files and two frozen models: loading or using one never changes the other."""
    newer = engine.framework("hmip-crc@2019")
    before = result_document(engine.evaluate_file(SOUTH_YORKSHIRE_2020))
    older = engine.framework("hmip-crc@2018")
    result_document(engine.evaluate_file(SOUTH_YORKSHIRE_2019))
    assert result_document(engine.evaluate_file(SOUTH_YORKSHIRE_2020)) == before
    assert older.sha256 != newer.sha256
    assert newer.standard("4.1").moderation is not None and older.standard("4.1").moderation is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        older.status = "published"
    with pytest.raises(TypeError):
        older.document["status"] = "published"
    # A changed copy of a version, on the search path beside the others, changes nothing for them.
    copy = json.loads((FRAMEWORKS / "hmip-crc" / "2018.json").read_text("utf-8"))
    copy["version"], copy["banding"]["bands"][2]["at_least"], copy["banding"]["bands"][1]["below"] = "2018-copy", 60, 60
    (tmp_path / "copy.json").write_text(json.dumps(copy), encoding="utf-8")
    widened = Engine(engine.registry, frameworks_dirs=[tmp_path])
    assert widened.framework("hmip-crc@2018-copy").banding.bands[2].at_least == 60
    assert result_document(widened.evaluate_file(SOUTH_YORKSHIRE_2020)) == before
    assert widened.framework("hmip-crc@2018") == older


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
