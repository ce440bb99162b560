"""Pooled samples: a regional inspection rates a standard from the cases (or totals) of its PDU inspections.

The example (docs/examples/example-region-*.json, pdu-north.json, pdu-south.json) is a provisional
region with one pooled standard (2.2, public protection) and one of its own (2.4, unpaid work). Its
golden outputs, through evaluate in every format and through explain, are in tests/golden/constructs/
(regenerate them with RATINGS_REGENERATE_GOLDEN=1 and read the diff before committing).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from constructs_golden import check_golden

from ratings_engine.analysis.replay import replay
from ratings_engine.api import Engine
from ratings_engine.errors import InvalidInputError
from ratings_engine.reports.result import result_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
FRAMEWORK = EXAMPLES / "example-region-framework.json"
REGION = EXAMPLES / "example-region-inspection.json"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.fixture
def region(tmp_path) -> Path:
    """A copy of the example region and the inspections it pools, free to edit."""
    for name in ("example-region-framework.json", "example-region-inspection.json", "pdu-north.json", "pdu-south.json"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


def _write_region(folder: Path, pooled: dict[str, dict], samples: dict | None = None) -> Path:
    """A regional inspection in FOLDER pooling the inspections POOLED (file name: document)."""
    entries = []
    for name, document in pooled.items():
        raw = json.dumps(document).encode()
        (folder / name).write_bytes(raw)
        entries.append({"file": name, "sha256": hashlib.sha256(raw).hexdigest()})
    region = {"provider": "Region", "fieldwork_start": "2024-05-13", "pooled_from": entries,
              "samples": samples or {"unpaid-work": {"cases": [{"id": "u1", "key_questions": {"2.4.1": "yes"}}]}}}
    path = folder / "region.json"
    path.write_text(json.dumps(region), encoding="utf-8")
    return path


def test_pooled_standard_counts_the_cases_of_both_inspections(engine):
    evaluation = engine.evaluate_file(REGION, str(FRAMEWORK))
    pooled = evaluation.standard("2.2")
    # North: harm cases c1, c2, c4 (c3 has no harm factors); South: c1, c2, c3. The same ids in both files are two cases each.
    assert [(kq.id, kq.yes, kq.of, kq.excluded) for kq in pooled.key_questions] == [("2.2.1", 5, 6, 1), ("2.2.2", 4, 6, 1)]
    assert pooled.rating == "good"
    # The region's own standard counts its own sample only.
    assert [(kq.yes, kq.of) for kq in evaluation.standard("2.4").key_questions] == [(2, 3)]


def test_result_records_each_pooled_file_with_its_sha256(engine):
    document = result_document(engine.evaluate_file(REGION, str(FRAMEWORK)))
    recorded = document["input"]["pooled_from"]
    assert [p["file"] for p in recorded] == ["pdu-north.json", "pdu-south.json"]
    for entry in recorded:
        assert entry["sha256"] == hashlib.sha256((EXAMPLES / entry["file"]).read_bytes()).hexdigest()
    assert recorded[0]["provider"] == "Example PDU North"


def test_result_without_pooling_has_no_pooled_key(engine):
    document = result_document(engine.evaluate_file(ROOT / "examples" / "south-yorkshire-crc-2020.json"))
    assert document["input"] == {"sha256": document["input"]["sha256"]}


def test_replay_checks_every_pooled_file(region):
    engine = Engine(frameworks_dirs=[region])
    result = region / "result.json"
    result.write_text(json.dumps(result_document(engine.evaluate_file(region / "example-region-inspection.json",
                                                                      str(region / "example-region-framework.json")))))
    assert replay(engine, result, region / "example-region-inspection.json")["reproduced"] is True
    north = region / "pdu-south.json"
    north.write_text(north.read_text("utf-8").replace('"no"', '"yes"'), encoding="utf-8")
    report = replay(engine, result, region / "example-region-inspection.json")
    assert report["reproduced"] is False
    kinds = [f["kind"] for f in report["findings"]]
    assert kinds[0] == "pooled file differs" and "pdu-south.json" in report["findings"][0]["message"]
    assert "cannot re-evaluate" in kinds and "pooled-file-changed" in report["findings"][kinds.index("cannot re-evaluate")]["message"]


def test_replay_says_a_pooled_file_is_gone(region):
    engine = Engine(frameworks_dirs=[region])
    result = region / "result.json"
    inspection = region / "example-region-inspection.json"
    result.write_text(json.dumps(result_document(engine.evaluate_file(inspection, str(region / "example-region-framework.json")))))
    (region / "pdu-north.json").unlink()
    findings = replay(engine, result, inspection)["findings"]
    assert findings[0]["kind"] == "pooled file differs" and "cannot be read" in findings[0]["message"]


def test_pooled_totals_are_added_up(engine, tmp_path):
    totals = {"2.2.1": {"yes": 3, "of": 4}, "2.2.2": {"yes": 2, "of": 4}}
    path = _write_region(tmp_path, {
        "a.json": {"provider": "A", "fieldwork_start": "2024-01-01", "samples": {"pdu-cases": {"size": 5, "results": totals}}},
        "b.json": {"provider": "B", "fieldwork_start": "2024-01-01", "samples": {"pdu-cases": {"size": 4, "results": totals}}},
    })
    standard = engine.evaluate_file(path, str(FRAMEWORK)).standard("2.2")
    assert [(kq.yes, kq.of, kq.excluded) for kq in standard.key_questions] == [(6, 8, 1), (4, 8, 1)]


def test_cases_and_totals_pool_together(engine, tmp_path):
    cases = json.loads((EXAMPLES / "pdu-north.json").read_text("utf-8"))
    path = _write_region(tmp_path, {"north.json": cases, "t.json": {
        "provider": "T", "fieldwork_start": "2024-01-01",
        "samples": {"pdu-cases": {"results": {"2.2.1": {"yes": 1, "of": 1}, "2.2.2": {"yes": 0, "of": 1}}}}}})
    standard = engine.evaluate_file(path, str(FRAMEWORK)).standard("2.2")
    # Totals without a sample size cannot say how many cases were excluded, so the pool cannot either.
    assert [(kq.yes, kq.of, kq.excluded) for kq in standard.key_questions] == [(3, 4, None), (2, 4, None)]


def test_a_published_percentage_cannot_be_pooled(engine, tmp_path):
    path = _write_region(tmp_path, {"p.json": {"provider": "P", "fieldwork_start": "2024-01-01", "samples": {
        "pdu-cases": {"results": {"2.2.1": {"percent": 80}, "2.2.2": {"yes": 1, "of": 2}}}}}})
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(path, str(FRAMEWORK))
    problem = next(p for p in raised.value.problems if p.code == "pooled-percent-only")
    assert (problem.file, problem.pointer) == (str(tmp_path / "p.json"), "/samples/pdu-cases/results/2.2.1")
    assert problem.line is not None  # located in the pooled file, by line too


def test_problems_in_a_pooled_case_are_located_in_its_own_file(engine, tmp_path):
    bad = {"provider": "P", "fieldwork_start": "2024-01-01", "samples": {"pdu-cases": {"cases": [
        {"id": "c1", "attributes": {"harm_factors": True}, "key_questions": {"2.2.1": "yes", "2.2.2": "n/a"}}]}}}
    path = _write_region(tmp_path, {"p.json": bad})
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(path, str(FRAMEWORK))
    [problem] = [p for p in raised.value.problems if p.code == "bad-answer"]
    assert (problem.file, problem.pointer) == (str(tmp_path / "p.json"), "/samples/pdu-cases/cases/0/key_questions/2.2.2")


def test_a_pooled_inspection_without_the_sample_is_a_problem(engine, tmp_path):
    path = _write_region(tmp_path, {"p.json": {"provider": "P", "fieldwork_start": "2024-01-01", "samples": {}}})
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(path, str(FRAMEWORK))
    [problem] = raised.value.problems
    assert (problem.code, problem.file, problem.pointer) == ("missing-sample", str(tmp_path / "p.json"), "/samples")
    assert "/pooled_from/0" in (problem.hint or "")


def test_a_region_that_pools_nothing_lacks_the_sample(engine, tmp_path):
    path = tmp_path / "region.json"
    path.write_text(json.dumps({"provider": "R", "fieldwork_start": "2024-05-13", "samples": {
        "unpaid-work": {"cases": [{"id": "u1", "key_questions": {"2.4.1": "yes"}}]}}}), encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(path, str(FRAMEWORK))
    [problem] = raised.value.problems
    assert problem.code == "missing-sample" and "pooled_from" in (problem.hint or "")


def test_a_pooled_file_that_is_not_an_inspection_is_reported_in_that_file(engine, tmp_path):
    path = _write_region(tmp_path, {"p.json": {"provider": "P"}})
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(path, str(FRAMEWORK))
    assert {p.file for p in raised.value.problems} == {str(tmp_path / "p.json")}
    assert {p.code for p in raised.value.problems} == {"schema"}


@pytest.mark.parametrize("output", ["text", "json", "markdown", "html", "csv", "csv-standards", "explain-text", "explain-json"])
def test_golden_outputs_of_the_pooled_example(engine, output):
    check_golden(engine, "example-region", REGION, FRAMEWORK, output)


def test_the_examples_validate(runner):
    from ratings_engine.cli import cli

    result = runner.invoke(cli, ["validate", "--framework", str(FRAMEWORK), str(FRAMEWORK), str(REGION)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"{REGION}: valid inspection" in result.stdout


def test_a_pooled_standard_re_rated_under_a_version_with_a_new_key_question(engine, tmp_path):
    """Re-rated leniently (as --compare-with rates), the pooled cases that do not answer a new key question
    leave the pooled standard not rated, with the cause, as a region's own cases would."""
    framework = json.loads(FRAMEWORK.read_text("utf-8"))
    framework["version"] = "2"
    framework["domains"][0]["standards"][0]["key_questions"].append(
        {"id": "2.2.3", "text": "Is the risk of harm reviewed?", "evidence": "case-sample"})
    newer = tmp_path / "framework-2.json"
    newer.write_text(json.dumps(framework), encoding="utf-8")
    evaluation = engine.evaluate_file(REGION, str(newer), lenient=True)
    assert evaluation.standard("2.2").indicative.reason == "no case answers key question 2.2.3, which example-region@2 rates it on"
    assert evaluation.standard("2.4").rated
    with pytest.raises(InvalidInputError) as raised:
        engine.evaluate_file(REGION, str(newer))
    assert {p.file for p in raised.value.problems} == {str(EXAMPLES / "pdu-north.json"), str(EXAMPLES / "pdu-south.json")}
