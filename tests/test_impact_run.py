"""What-if on the national corpus: a draft raising Good to 70%, checked against ratings recomputed here from the cases.

The reference rater below is written from the rules (RULES.md), not from the engine: it counts each
key question's cases (its sub-sample, n/a left out), bands the exact proportion, takes the lowest
key question, applies ratified unpaid-work moderation and the panel's recorded discretion where the
framework's rules allow it, and adds up the scores. The transition tables of `ratings impact` must
be exactly what it gives.
"""

from __future__ import annotations

import json
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest

from ratings_engine.analysis.impact_run import impact
from ratings_engine.cli import cli

from support import EXAMPLES

CORPUS = EXAMPLES / "corpus"


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    """hmip-crc@2020, made with `ratings frameworks new` from hmip-crc@2019, with Good starting at 70% instead of 65%."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("drafts")
    result = CliRunner().invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into", str(folder)])
    assert result.exit_code == 0, result.stderr
    path = folder / "hmip-crc" / "2020.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    bands = document["banding"]["bands"]
    assert (bands[1]["below"], bands[2]["at_least"], bands[2]["rating"]) == (65, 65, "good")
    bands[1]["below"] = bands[2]["at_least"] = 70
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report(draft) -> dict:
    from ratings_engine.api import Engine

    return impact(Engine(), "hmip-crc@2019", str(draft), sorted(CORPUS.glob("*.json")))


def _framework(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _band(framework: dict, value: Fraction) -> str:
    for band in framework["banding"]["bands"]:
        if Fraction(str(band["at_least"])) <= value and ("below" not in band or value < Fraction(str(band["below"]))):
            return band["rating"]
    raise AssertionError(f"no band for {value}")


def _admitted(framework: dict, rule_id: str | None, case: dict) -> bool:
    if rule_id is None:
        return True
    when = next(rule["when"] for rule in framework["sub_samples"] if rule["id"] == rule_id)
    value = case.get("attributes", {}).get(when["attribute"])
    return value == when["equals"] if "equals" in when else value in when["in"]


def _counts(framework: dict, standard: dict, inspection: dict) -> dict[str, tuple[int, int]]:
    cases = inspection["samples"][standard["sample"]]["cases"]
    counts = {}
    for kq in (q for q in standard["key_questions"] if q["evidence"] == "case-sample"):  # the others are not counted
        answers = [c["key_questions"].get(kq["id"]) for c in cases if _admitted(framework, kq.get("sub_sample"), c)]
        counts[kq["id"]] = (answers.count("yes"), answers.count("yes") + answers.count("no"))
    return counts


def _lowest(framework: dict, rank: dict, counts: dict[str, tuple[int, int]]) -> tuple[str, str]:
    """The lowest band's rating, and the key question at it (the first in order at the lowest proportion)."""
    banded = [(rank[_band(framework, Fraction(100 * yes, of))], Fraction(yes, of), kq) for kq, (yes, of) in counts.items()]
    low = min(banded, key=lambda b: (b[0], b[1]))
    return _band(framework, 100 * low[1]), low[2]


def reference_ratings(framework: dict, inspection: dict) -> tuple[dict[str, str], str]:
    """Each standard's rating and the overall rating of INSPECTION under FRAMEWORK, from the rules."""
    scale = framework["ratings"]["scale"]
    rank = {r["id"]: i for i, r in enumerate(scale)}
    rule = framework["discretion"]
    edges = [Fraction(str(b["at_least"])) for b in framework["banding"]["bands"][1:]]
    ratings = {}
    for standard in (s for d in framework["domains"] for s in d["standards"]):
        if standard["rating_method"] == "lead-inspector-judgement":
            ratings[standard["id"]] = inspection["judgements"][standard["id"]]["rating"]
            continue
        counts = _counts(framework, standard, inspection)
        indicative, driving = _lowest(framework, rank, counts)
        rating = indicative
        moderation = inspection.get("moderation", {}).get(standard["id"])
        if "moderation" in standard and moderation and moderation.get("ratified"):
            rating = scale[rank[rating] + moderation["proposed"]]["id"]
        decision = inspection.get("discretion", {}).get(standard["id"])
        if decision is not None and standard["id"] in rule["standards"]:
            yes, of = counts[driving]
            near = any(abs(Fraction(100 * yes, of) - edge) <= rule["within_percentage_points"] for edge in edges)
            one_case = any(_lowest(framework, rank, {**counts, kq: (y + step, n)})[0] != indicative
                           for kq, (y, n) in counts.items() for step in (-1, 1) if 0 <= y + step <= n)
            if near or one_case:
                rating = decision["rating"]
        ratings[standard["id"]] = rating
    score = sum(next(r["score"] for r in scale if r["id"] == rating) for rating in ratings.values())
    overall = next(b["rating"] for b in framework["overall"]["bands"] if b["from"] <= score <= b["to"])
    return ratings, overall


def test_corpus_transitions_are_those_recomputed_from_the_cases(report, draft):
    baseline = _framework(Path(__file__).resolve().parent.parent / "frameworks" / "hmip-crc" / "2019.json")
    proposed = _framework(draft)
    expected: dict[str, Counter] = {}
    files = sorted(CORPUS.glob("*.json"))
    assert len(files) >= 21
    for path in files:
        inspection = json.loads(path.read_text(encoding="utf-8"))
        (before, overall_before), (after, overall_after) = reference_ratings(baseline, inspection), reference_ratings(proposed, inspection)
        for standard_id in before:
            expected.setdefault(standard_id, Counter())[(before[standard_id], after[standard_id])] += 1
        expected.setdefault("overall", Counter())[(overall_before, overall_after)] += 1
    found = {s["id"]: s["transitions"] for s in report["standards"]} | {"overall": report["overall"]["transitions"]}
    for standard_id, counts in expected.items():
        assert {(t["baseline"], t["draft"]): t["count"] for t in found[standard_id]} == dict(counts), standard_id
    # The draft does move ratings on this corpus: the check above is not of two identical tables.
    assert sum(n for counts in expected.values() for (a, b), n in counts.items() if a != b) >= 10
    assert report["counts"] == {"given": len(files), "compared": len(files), "not_rated": 0, "changed": report["counts"]["changed"]}


def test_every_changed_rating_names_its_cause(report):
    changed = [(e["file"], r) for e in report["inspections"] for r in [*e["standards"], e["overall"]]
               if r["baseline"] != r["draft"]]
    assert changed
    for file, rating in changed:
        assert rating["causes"], (file, rating)
    causes = [c for _, r in changed for c in r["causes"]]
    assert any("Good starts at 70% under hmip-crc@2020, 65% under hmip-crc@2019" in c for c in causes)
    unchanged = [r for e in report["inspections"] for r in e["standards"] if r["baseline"] == r["draft"]]
    assert all(r["causes"] == [] for r in unchanged)


def test_most_affected_first(report):
    moved = [(e["bands_moved"], e["changed"]) for e in report["inspections"]]
    assert moved == sorted(moved, reverse=True)
    assert moved[0][0] > moved[-1][0]


def test_panel_decisions_the_draft_no_longer_allows_are_named(report):
    """A decision is applied under the draft only where still eligible; where not, the report says so and why."""
    for entry in report["discretion_not_allowed"]:
        assert entry["reason"].startswith("not eligible: ")
        inspection = next(e for e in report["inspections"] if e["file"] == entry["file"])
        standard = next(s for s in inspection["standards"] if s["id"] == entry["standard"])
        assert standard["baseline"] == entry["to"] and standard["draft"] != entry["to"]
        assert any("is not allowed under hmip-crc@2020" in c for c in standard["causes"])
    assert report["discretion_not_allowed"], "the corpus has a decision near 65% that 70% puts out of reach"


def test_an_inspection_a_version_cannot_rate_is_listed_with_why(engine, draft, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"provider": "x",', encoding="utf-8")
    youth = EXAMPLES / "synthetic-youth-2022.json"
    report = impact(engine, "hmip-crc@2019", str(draft), [CORPUS / "crc-01-northshire.json", youth, broken])
    assert report["counts"] == {"given": 3, "compared": 1, "not_rated": 2, "changed": report["counts"]["changed"]}
    listed = {Path(n["file"]).name: n for n in report["not_rated"]}
    assert listed["broken.json"]["under"] == "both" and "json-syntax" in listed["broken.json"]["reasons"][0]
    assert listed[youth.name]["under"] == "baseline" and listed[youth.name]["provider"].startswith("Synthetic youth")
    assert any("[unknown-sample]" in reason for reason in listed[youth.name]["reasons"])


def test_data_the_draft_lacks_leaves_its_standards_unrated_with_the_reason(engine, tmp_path):
    """A draft that adds a key question the inspections never answered rates its standard 'not rated', saying why."""
    document = _framework(Path(__file__).resolve().parent.parent / "frameworks" / "hmip-crc" / "2019.json")
    standard = document["domains"][2]["standards"][0]
    standard["key_questions"].append({"id": "4.1.5", "text": "Is unpaid work safe?", "evidence": "case-sample"})
    document["version"], document["status"] = "2021", "draft"
    path = tmp_path / "added.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = impact(engine, "hmip-crc@2019", str(path), [CORPUS / "crc-01-northshire.json"])
    entry = report["inspections"][0]
    added = next(s for s in entry["standards"] if s["id"] == standard["id"])
    assert added["draft"] is None and added["bands"] is None
    assert any(c.startswith("not rated under hmip-crc@2021") and "4.1.5" in c for c in added["causes"])
    assert any("4.1.5" in w for w in entry["warnings"])


def test_lending_the_baselines_counts_gives_what_counting_again_gives(engine, draft, monkeypatch):
    """A draft that counts alike is lent the baseline's counts; the document is the same as when it counts again."""
    from ratings_engine.analysis import impact_run

    files = [*sorted(CORPUS.glob("*.json"))[:8], *sorted(EXAMPLES.glob("*.json"))]
    assert impact_run.counts_alike(engine.framework("hmip-crc@2019"), engine.framework(str(draft)))
    lent = impact(engine, "hmip-crc@2019", str(draft), files)
    monkeypatch.setattr(impact_run, "counts_alike", lambda first, second: False)
    assert impact(engine, "hmip-crc@2019", str(draft), files) == lent


def test_a_draft_that_counts_otherwise_is_not_lent_counts(engine):
    crc = engine.framework("hmip-crc@2019")
    from ratings_engine.analysis.impact_run import counts_alike

    assert counts_alike(crc, crc)
    assert not counts_alike(crc, engine.framework("hmip-crc@2018"))
