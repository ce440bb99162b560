"""`ratings replay`: a published rating shown to reproduce, or exactly what differs."""

from __future__ import annotations

import json

import pytest

from ratings_engine.cli import cli

from support import EXAMPLES, SOUTH_YORKSHIRE_2020, minimal_framework

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_example_replays(runner, tmp_path, example):
    """A result of each shipped example replays as reproduced."""
    result_path = tmp_path / "result.json"
    assert runner.invoke(cli, ["evaluate", str(example), "-o", str(result_path)]).exit_code == 0
    replayed = runner.invoke(cli, ["replay", str(result_path), str(example)])
    assert replayed.exit_code == 0, replayed.stdout + replayed.stderr
    assert ": reproduced (" in replayed.stdout


def test_one_byte_of_the_framework_changed(runner, tmp_path, write_json):
    """Editing one byte of the framework file makes replay report the hash mismatch."""
    folder = tmp_path / "frameworks"
    folder.mkdir()
    framework = folder / "mini.json"
    framework.write_text(json.dumps(minimal_framework(), indent=2), encoding="utf-8")
    inspection = write_json("inspection.json", {
        "provider": "P", "fieldwork_start": "2020-06-01", "framework": "mini@1",
        "judgements": {"1.1": {"rating": "good", "rationale": "x"}},
        "samples": {"cases": {"results": {"2.1.1": {"yes": 13, "of": 20}, "2.1.2": {"yes": 9, "of": 10}}}}})
    result_path = tmp_path / "result.json"
    assert runner.invoke(cli, ["evaluate", str(inspection), "--frameworks-dir", str(folder), "-o", str(result_path)]).exit_code == 0
    text = framework.read_text("utf-8")
    framework.write_text(text.replace("A minimal test framework", "A minimal test framewerk"), encoding="utf-8")
    replayed = runner.invoke(cli, ["replay", str(result_path), str(inspection), "--frameworks-dir", str(folder), "--format", "json"])
    assert replayed.exit_code == 1
    report = json.loads(replayed.stdout)
    assert report["reproduced"] is False
    assert [f["kind"] for f in report["findings"]] == ["framework file changed", "framework differs"]
    assert report["findings"][1]["message"] == "framework title: recorded A minimal test framework, now A minimal test framewerk"
    # A change to a rule shows as a rating difference too.
    framework.write_text(text.replace('"at_least": 65', '"at_least": 66').replace('"below": 65', '"below": 66'), encoding="utf-8")
    replayed = runner.invoke(cli, ["replay", str(result_path), str(inspection), "--frameworks-dir", str(folder)])
    assert "- framework file changed:" in replayed.stdout
    assert "- rating differs: 2.1 Assessment: recorded Good (indicative Good), now Requires improvement" in replayed.stdout


def test_input_and_engine_differences(runner, tmp_path, write_json):
    """A different inspection, or a result from another engine version, is reported as such."""
    result_path = tmp_path / "result.json"
    runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(result_path)])
    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    document["samples"]["case-supervision"]["results"]["2.2.3"] = {"yes": 56, "of": 85}
    changed = write_json("changed.json", document)
    replayed = runner.invoke(cli, ["replay", str(result_path), str(changed)])
    assert replayed.exit_code == 1
    assert "- input differs: the inspection's SHA-256 is" in replayed.stdout
    assert "- rating differs: 2.2 Planning: recorded Requires improvement (indicative Requires improvement), now Good" in replayed.stdout
    recorded = json.loads(result_path.read_text("utf-8"))
    recorded["engine"]["version"] = "0.0.1"
    result_path.write_text(json.dumps(recorded), encoding="utf-8")
    replayed = runner.invoke(cli, ["replay", str(result_path), str(SOUTH_YORKSHIRE_2020)])
    assert "- engine version differs:" in replayed.stdout and "produced by 0.0.1" in replayed.stdout


def test_a_result_that_is_not_a_result(runner, write_json):
    """A file that is not a result document is refused with located problems."""
    bad = write_json("bad.json", {"overall": 1})
    replayed = runner.invoke(cli, ["replay", str(bad), str(SOUTH_YORKSHIRE_2020)])
    assert replayed.exit_code == 1 and "[schema]" in replayed.stderr


def test_each_differing_figure_is_named_with_both_values(runner, tmp_path, write_json):
    """A changed count names the key question, the figure and both values, not just 'detail differs'."""
    result_path = tmp_path / "result.json"
    assert runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(result_path)]).exit_code == 0
    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    assert document["samples"]["case-supervision"]["results"]["2.1.1"] == {"yes": 63, "of": 100}
    document["samples"]["case-supervision"]["results"]["2.1.1"] = {"yes": 64, "of": 100}
    replayed = runner.invoke(cli, ["replay", str(result_path), str(write_json("changed.json", document)), "--format", "json"])
    messages = [f["message"] for f in json.loads(replayed.stdout)["findings"] if f["kind"] == "detail differs"]
    assert "2.1.1 yes: recorded 63, now 64" in messages
    assert "2.1 discretion one_case_rule: recorded false, now true" in messages


@pytest.mark.parametrize("field, value, expected", [
    ("status", "reconstructed", "framework status: recorded reconstructed, now published"),
    ("title", "Another title", "framework title: recorded Another title, now "),
])
def test_an_edited_framework_block_is_not_reproduced(runner, tmp_path, field, value, expected):
    """Every recorded field of the framework block is compared with the framework as it is now."""
    result_path = tmp_path / "result.json"
    assert runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(result_path)]).exit_code == 0
    recorded = json.loads(result_path.read_text("utf-8"))
    recorded["framework"][field] = value
    result_path.write_text(json.dumps(recorded), encoding="utf-8")
    replayed = runner.invoke(cli, ["replay", str(result_path), str(SOUTH_YORKSHIRE_2020)])
    assert replayed.exit_code == 1
    assert f"- framework differs: {expected}" in replayed.stdout


def test_a_different_plugin_set_is_named(runner, tmp_path):
    """Replay under a plugin set that differs from the recorded one names what was added and what is missing."""
    result_path = tmp_path / "result.json"
    assert runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(result_path)]).exit_code == 0
    recorded = json.loads(result_path.read_text("utf-8"))
    recorded["plugins"].append({"name": "acme-ratings:extra", "distribution": "acme-ratings", "version": "1.0"})
    recorded["plugins"] = [p for p in recorded["plugins"] if p["name"] != "moderation"]
    result_path.write_text(json.dumps(recorded), encoding="utf-8")
    replayed = runner.invoke(cli, ["replay", str(result_path), str(SOUTH_YORKSHIRE_2020)])
    assert replayed.exit_code == 1
    assert ("- plugins differ: loaded now but not recorded: moderation (ratings-engine " in replayed.stdout
            and "; recorded but not loaded now: acme-ratings:extra (acme-ratings 1.0)" in replayed.stdout)


def test_the_report_is_written_to_the_file_named_with_o(runner, tmp_path):
    """-o FILE writes the replay report there (its format from the extension), and prints nothing; the exit code is as printed."""
    result_path = tmp_path / "sy.result.json"
    assert runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(result_path)]).exit_code == 0
    replayed = runner.invoke(cli, ["replay", str(result_path), str(SOUTH_YORKSHIRE_2020), "-o", str(tmp_path / "replay.json")])
    assert replayed.exit_code == 0, replayed.stderr
    assert replayed.stdout == ""
    assert json.loads((tmp_path / "replay.json").read_text("utf-8"))["reproduced"] is True
    refused = runner.invoke(cli, ["replay", str(result_path), str(SOUTH_YORKSHIRE_2020), "-o", str(SOUTH_YORKSHIRE_2020)])
    assert refused.exit_code == 1  # an input is never an output
