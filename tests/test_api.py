"""The Engine's framework versions: chosen by date, refused out of their windows, and never altering each other."""

from __future__ import annotations

import dataclasses
import json

import pytest

from ratings_engine.api import Engine
from ratings_engine.cli import cli
from ratings_engine.reports.result import result_document

from support import EXAMPLES, FRAMEWORKS, SOUTH_YORKSHIRE_2020, minimal_framework

SOUTH_YORKSHIRE_2019 = EXAMPLES / "south-yorkshire-crc-2019.json"


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


def test_framework_chosen_by_fieldwork_date(runner, write_json):
    """An inspection that names no framework is rated under the version in force on its fieldwork date."""
    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    document["framework"] = "hmip-crc"  # the family only
    result = runner.invoke(cli, ["evaluate", str(write_json("undated.json", document))])
    assert result.exit_code == 0
    assert "Rated under hmip-crc@2019" in result.stdout
    document["fieldwork_start"] = "2015-01-01"
    result = runner.invoke(cli, ["evaluate", str(write_json("old.json", document))])
    assert result.exit_code == 1
    assert "no framework version is in force on the fieldwork start date 2015-01-01" in result.stderr


def test_unknown_framework(runner):
    """An unknown ID@VERSION is an error with a hint."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--framework", "hmip-crc@2091"])
    assert result.exit_code == 1
    assert "no framework 'hmip-crc@2091' is installed (did you mean hmip-crc@2019?)" in result.stderr


def _dated(write_json, name: str, framework: str, day: str):
    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    document["framework"], document["fieldwork_start"] = framework, day
    return write_json(name, document)


def test_inspection_after_a_familys_last_window_is_refused(runner, write_json):
    """A 2022 inspection naming the CRC family is refused, at its fieldwork date: the CRCs ended in June 2021."""
    result = runner.invoke(cli, ["evaluate", str(_dated(write_json, "late.json", "hmip-crc", "2022-03-07"))])
    assert result.exit_code == 1 and result.stdout == ""
    assert "late.json:4:3: /fieldwork_start: no framework version is in force" in result.stderr
    assert ("(hmip-crc@2018 from 2018-06-01 to 2019-06-30; hmip-crc@2019 from 2019-07-01 to 2021-06-25): that is after "
            "the last version of hmip-crc ended, on 2021-06-25") in result.stderr
    assert "(in force on 2022-03-07: hmip-pdu (hmip-pdu@2021), hmip-youth (hmip-youth@2021))" in result.stderr


def test_inspection_before_a_familys_first_window_is_refused(runner, write_json):
    """An inspection dated before the family's first version is refused, and the hint says nothing was in force."""
    result = runner.invoke(cli, ["evaluate", str(_dated(write_json, "early.json", "hmip-crc", "2017-03-07"))])
    assert result.exit_code == 1
    assert "/fieldwork_start: no framework version is in force on the fieldwork start date 2017-03-07" in result.stderr
    assert "that is before the first version of hmip-crc took effect, on 2018-06-01" in result.stderr
    assert "(no installed framework family has a version in force on 2017-03-07)" in result.stderr


def test_named_version_after_its_family_ended_names_what_was_in_force(runner, write_json):
    """Naming hmip-crc@2019 for a 2022 inspection is refused, and the hint names the versions in force then."""
    result = runner.invoke(cli, ["evaluate", str(_dated(write_json, "named.json", "hmip-crc@2019", "2022-03-07"))])
    assert result.exit_code == 1
    assert ("/fieldwork_start: hmip-crc@2019 (named by the inspection's 'framework') applies to fieldwork from 2019-07-01 "
            "to 2021-06-25, but this inspection's fieldwork started on 2022-03-07; no version of it is in force then") in result.stderr
    assert "(in force on 2022-03-07: hmip-pdu (hmip-pdu@2021), hmip-youth (hmip-youth@2021))" in result.stderr
