"""`ratings impact`: a draft against a baseline over many inspections, from the command line."""

from __future__ import annotations

import json
import os

import pytest

from ratings_engine.cli import cli

from support import EXAMPLES

CORPUS = EXAMPLES / "corpus"


def _impact(runner, *args: str):
    return runner.invoke(cli, ["impact", *args])


def test_json_for_a_folder_names_both_versions_and_counts_every_inspection(runner):
    result = _impact(runner, "--baseline", "hmip-crc@2018", "--draft", "hmip-crc@2019", str(CORPUS), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["baseline"]["ref"], document["draft"]["ref"]) == ("hmip-crc@2018", "hmip-crc@2019")
    assert document["baseline"]["sha256"] and document["engine"]["name"] == "ratings-engine"
    assert document["counts"]["given"] == len(list(CORPUS.glob("*.json")))


def test_inspections_no_version_can_rate_are_counted_and_noted(runner, tmp_path):
    (tmp_path / "notes.json").write_text("[]", encoding="utf-8")
    result = _impact(runner, "--baseline", "hmip-crc@2019", "--draft", "hmip-crc@2019", str(tmp_path),
                     str(CORPUS / "crc-02-eastmarch.json"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["counts"]["not_rated"] == 1 and document["not_rated"][0]["under"] == "both"
    assert "note: 1 of 2 inspections could not be rated under one version or both" in result.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="--jobs works in one process where the platform cannot fork")
def test_jobs_give_the_same_bytes_in_the_same_order(runner, tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"impact-{jobs}.json"
        result = _impact(runner, "--baseline", "hmip-crc@2019", "--sweep", "bands.good=63:66", str(CORPUS),
                         str(EXAMPLES / "synthetic-youth-2019.json"), "--jobs", jobs, "-o", str(target))
        assert result.exit_code == 0, result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["sweep"]["values"] == ["63", "64", "65", "66"]


@pytest.mark.parametrize(("args", "words"), [
    (["--baseline", "hmip-crc@2019"], "name the proposed version with --draft"),
    (["--baseline", "hmip-crc@2019", "--sweep", "bands.good"], "Invalid value for --sweep: 'bands.good': expected"),
    (["--baseline", "hmip-crc@2019", "--sweep", "bands.nothing=1"], "bands.nothing: not one band of hmip-crc@2019"),
    (["--baseline", "hmip-crc@2019", "--sweep", "bands.good=90"], "leaves hmip-crc@2019 unusable"),
    (["--baseline", "hmip-crc@2019", "--draft", "hmip-crc@2019", "--jobs", "0"],
     "Invalid value for '--jobs' / '-j': 0 is not in the range"),
    (["--baseline", "hmip-crc@2019", "--draft", "hmip-crc@2019", "--format", "pdf"], "'pdf' is not an output format for impact documents"),
    (["--baseline", "", "--draft", "hmip-crc@2019"], "is empty"),
])
def test_usage_mistakes_exit_2_with_what_is_wrong(runner, args, words):
    result = _impact(runner, *args, str(CORPUS / "crc-02-eastmarch.json"))
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_a_framework_that_is_not_there_is_one_located_line(runner, tmp_path):
    result = _impact(runner, "--baseline", "hmip-crc@2019", "--draft", str(tmp_path / "draft.json"), str(CORPUS))
    assert result.exit_code == 1
    assert "no framework file at" in result.stderr and "Traceback" not in result.stderr


def test_the_report_never_overwrites_an_input(runner, tmp_path):
    inspection = tmp_path / "one.json"
    original = (CORPUS / "crc-02-eastmarch.json").read_bytes()
    inspection.write_bytes(original)
    result = _impact(runner, "--baseline", "hmip-crc@2019", "--draft", "hmip-crc@2019", str(inspection), "-o", str(inspection))
    assert result.exit_code == 1
    assert inspection.read_bytes() == original
