"""The provisional youth offending services family, hmip-youth@2018, and its synthetic example.

Only the family's structure comes from a source (12 standards in three domains, scored 0-36); its
banding, overall bands and rating rules are assumed, and its statements and key questions are
placeholders. These tests pin the structure, check that every assumption says so, and rate the
synthetic example, with the overall bands written out here by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratings_engine.cli import cli
from ratings_engine.model.load import load_framework
from ratings_engine.plugin_host.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORK = ROOT / "frameworks" / "hmip-youth" / "2018.json"
SCRIPT = ROOT / "examples" / "generate_synthetic_youth.py"
EXAMPLE = ROOT / "examples" / "synthetic-youth-2019.json"

STANDARDS = {
    "1.1": "Governance and leadership",
    "1.2": "Staff",
    "1.3": "Partnerships and services",
    "1.4": "Information and facilities",
    "2.1": "Assessment",
    "2.2": "Planning",
    "2.3": "Implementation and delivery",
    "2.4": "Reviewing",
    "3.1": "Assessment",
    "3.2": "Planning",
    "3.3": "Implementation and delivery",
    "3.4": "Out-of-court disposal policy and provision",
}
JUDGED = {"1.1", "1.2", "1.3", "1.4", "3.4"}
SAMPLE_OF = {**{f"2.{n}": "court-disposals" for n in "1234"}, **{f"3.{n}": "out-of-court-disposals" for n in "123"}}
# The assumed overall bands, lowest first: (from, to, rating).
OVERALL_BANDS = [(0, 6, "inadequate"), (7, 18, "requires_improvement"), (19, 30, "good"), (31, 36, "outstanding")]


@pytest.fixture(scope="module")
def framework():
    return load_framework(FRAMEWORK, load_registry())


@pytest.fixture(scope="module")
def document() -> dict:
    return json.loads(FRAMEWORK.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result() -> dict:
    run = CliRunner().invoke(cli, ["evaluate", str(EXAMPLE), "--format", "json"])
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def _sources(value, where: str = ""):
    """Every (JSON pointer, source) pair in a framework document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("source", "effective_source") and isinstance(item, dict):
                yield f"{where}/{key}", item
            elif key == "source" and isinstance(item, list):
                for index, entry in enumerate(item):
                    yield f"{where}/{key}/{index}", entry
            else:
                yield from _sources(item, f"{where}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _sources(item, f"{where}/{index}")


def test_framework_and_example_validate():
    """`ratings validate` accepts the framework and the synthetic example, with exit code 0."""
    run = CliRunner().invoke(cli, ["validate", str(FRAMEWORK), str(EXAMPLE)])
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "valid framework" in run.stdout
    assert "valid inspection" in run.stdout


def test_twelve_standards_in_three_domains(framework):
    """The twelve standards, with their ids and titles, in three domains, rated as the structure says."""
    assert (framework.id, framework.version, framework.status) == ("hmip-youth", "2018", "provisional")
    assert {s.id: s.title for s in framework.standards} == STANDARDS
    assert [s.id for s in framework.standards] == list(STANDARDS)
    assert [(d.id, d.title) for d in framework.domains] == [
        ("1", "Organisational delivery"), ("2", "Court disposals"), ("3", "Out-of-court disposals")]
    for standard in framework.standards:
        if standard.id in JUDGED:
            assert standard.rating_method == "lead-inspector-judgement", standard.id
            assert standard.sample is None and not standard.counted_key_questions, standard.id
        else:
            assert standard.rating_method == "lowest-key-question", standard.id
            assert standard.sample == SAMPLE_OF[standard.id], standard.id


def test_case_standards_have_three_key_questions_and_x3_is_sub_sampled(framework):
    """Each case standard has key questions x.1 to x.3, judged on cases; only x.3 is on the harm-factors sub-sample."""
    assert set(framework.samples) == {"court-disposals", "out-of-court-disposals"}
    for sample in framework.samples.values():
        assert "harm_factors" in sample.attributes
    assert dict(framework.sub_samples["harm-factors"].when) == {"attribute": "harm_factors", "equals": True}
    for standard_id in SAMPLE_OF:
        questions = framework.standard(standard_id).key_questions
        assert [q.id for q in questions] == [f"{standard_id}.{n}" for n in (1, 2, 3)]
        assert all(q.counted for q in questions)
        assert [q.sub_sample for q in questions] == [None, None, "harm-factors"]
        assert all(not q.prompts for q in questions)  # prompts are left out rather than invented


def test_scored_0_to_36_with_the_assumed_bands(framework):
    """Twelve standards at 0-3 give 0-36; the overall bands, the banding and discretion are as assumed."""
    assert framework.max_score == 36
    assert [(b.start, b.end, b.rating) for b in framework.overall_bands] == OVERALL_BANDS
    assert [(r.id, r.score) for r in framework.ratings] == [
        ("inadequate", 0), ("requires_improvement", 1), ("good", 2), ("outstanding", 3)]
    banding = framework.banding
    assert (banding.decide_on, banding.decimal_places, banding.rounding) == ("exact", 0, "half-up")
    assert [(b.label, b.at_least, b.below, b.rating) for b in banding.bands] == [
        ("Minority", 0, 50, "inadequate"), ("Too few", 50, 65, "requires_improvement"),
        ("Reasonable majority", 65, 80, "good"), ("Large majority", 80, None, "outstanding")]
    assert framework.discretion.standards == frozenset(SAMPLE_OF)
    assert (framework.discretion.within_percentage_points, framework.discretion.one_case_rule,
            framework.discretion.max_bands) == (5, True, 1)
    assert framework.effective_from.isoformat() == "2018-06-01"
    assert framework.effective_to.isoformat() == "2021-06-30"
    assert all(s.moderation is None for s in framework.standards)


def test_every_assumed_part_says_so_with_evidence(document):
    """The rules no source gives, every standard and every key question are marked assumed, with evidence."""
    sources = dict(_sources(document))
    must_be_assumed = ["/effective_source", "/ratings/source", "/banding/source", "/overall/source/0",
                       "/discretion/source", "/sub_samples/0/source", "/samples/0/source", "/samples/1/source"]
    for d, domain in enumerate(document["domains"]):
        for s, standard in enumerate(domain["standards"]):
            must_be_assumed.append(f"/domains/{d}/standards/{s}/source")
            for q, _ in enumerate(standard["key_questions"]):
                must_be_assumed.append(f"/domains/{d}/standards/{s}/key_questions/{q}/source")
    for where in must_be_assumed:
        assert where in sources, f"{where} has no source"
        assert sources[where]["basis"] == "assumed", where
    documents = {d["id"] for d in document["provenance"]["documents"]}
    for where, source in sources.items():
        assert source.get("document", document["provenance"]["documents"][0]["id"]) in documents, where
        if source.get("basis") in ("assumed", "inferred"):
            assert len(source.get("evidence", "")) > 40, f"{where} gives no evidence"
    for d, domain in enumerate(document["domains"]):
        for s, standard in enumerate(domain["standards"]):
            for where in [f"/domains/{d}/standards/{s}/source",
                          *(f"/domains/{d}/standards/{s}/key_questions/{q}/source" for q in range(len(standard["key_questions"])))]:
                evidence = sources[where]["evidence"].lower()
                assert "placeholder" in evidence and "must be replaced" in evidence, where
    assert "assumed" in " ".join(document["provenance"]["notes"])
    # No overall rating for a small service is inferred from the record, and says so.
    assert sources["/overall/source/1"]["basis"] == "inferred"


def test_generator_reproduces_the_committed_example(tmp_path):
    """The generator with its default seed writes exactly the committed example, and prints one line."""
    output = tmp_path / "youth.json"
    run = subprocess.run([sys.executable, str(SCRIPT), "--output", str(output)], capture_output=True, text=True, check=True)
    assert output.read_bytes() == EXAMPLE.read_bytes()
    assert len(run.stdout.splitlines()) == 1


def test_example_is_labelled_synthetic():
    """The example names the youth family's version, says it is synthetic, and holds about 40 and 25 cases."""
    inspection = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert inspection["framework"] == "hmip-youth@2018"
    assert inspection["provider"] == "Synthetic YOS (generated example)"
    assert inspection["fieldwork_start"].startswith("2019-")
    assert "SYNTHETIC" in inspection["notes"]
    assert set(inspection["judgements"]) == JUDGED
    assert len(inspection["samples"]["court-disposals"]["cases"]) == 40
    assert len(inspection["samples"]["out-of-court-disposals"]["cases"]) == 25


def test_text_output_says_provisional():
    """The text report's header and its warnings say the framework is provisional."""
    run = CliRunner().invoke(cli, ["evaluate", str(EXAMPLE)])
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[1].startswith("Rated under hmip-youth@2018 (provisional)")
    assert any(line.startswith("warning: hmip-youth@2018 is provisional") for line in lines)


def test_json_output_says_provisional(result):
    """The result document's framework status is provisional, and a warning says so."""
    assert result["framework"]["status"] == "provisional"
    warnings = [w for w in result["warnings"] if w["code"] == "framework-status"]
    assert len(warnings) == 1 and "provisional" in warnings[0]["message"]


def test_x3_key_questions_count_only_cases_with_harm_factors(result):
    """Each x.3 key question is judged on the harm-factors cases of its sample; the rest are excluded."""
    inspection = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for standard in result["standards"]:
        if standard["sample"] is None:
            continue
        cases = inspection["samples"][standard["sample"]]["cases"]
        harm = [c for c in cases if c["attributes"]["harm_factors"]]
        assert 0 < len(harm) < len(cases)
        x3 = standard["key_questions"][2]
        assert x3["sub_sample"] == "harm-factors"
        assert (x3["of"], x3["excluded"]) == (len(harm), len(cases) - len(harm))
        assert x3["yes"] == sum(c["key_questions"][x3["id"]] == "yes" for c in harm)


def test_overall_score_is_the_sum_and_in_the_right_band(result):
    """The overall score is the sum of the twelve standards' scores, and its band is the assumed one for it."""
    assert [s["id"] for s in result["standards"]] == list(STANDARDS)
    score = sum(s["score"] for s in result["standards"])
    assert result["overall"]["score"] == score
    assert result["overall"]["max"] == 36
    start, end, rating = next(band for band in OVERALL_BANDS if band[0] <= score <= band[1])
    assert result["overall"]["rating"] == rating
    assert result["overall"]["band"] == {"from": start, "to": end}
