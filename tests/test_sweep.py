"""--sweep: the syntax, the parameters it names, the variants it checks, and shares that move as the rules say."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratings_engine.analysis.impact_run import impact
from ratings_engine.analysis.sweep import MAX_VALUES, SweepError, baseline_value, parse, resolve, variants

from support import EXAMPLES, cases_inspection, minimal_framework

CORPUS = EXAMPLES / "corpus"


@pytest.mark.parametrize(("text", "values"), [
    ("bands.good=55:58", ["55", "56", "57", "58"]),
    ("bands.good=55:58:2", ["55", "57"]),
    ("discretion.within=0:1:0.25", ["0", "0.25", "0.5", "0.75", "1"]),
    ("overall.good=16", ["16"]),
    (" bands.good = 60 : 61 ", ["60", "61"]),
])
def test_values_are_exact_and_include_stop(text, values):
    parameter, found = parse(text)
    assert parameter == text.split("=")[0].strip()
    assert [Decimal(v) for v in values] == list(found)


@pytest.mark.parametrize(("text", "words"), [
    ("bands.good", "expected PARAMETER=START:STOP[:STEP]"),
    ("=1:2", "expected"),
    ("bands.good=a:b", "must be numbers"),
    ("bands.good=1:2:3:4", "expected"),
    ("bands.good=nan:2", "expected"),
    ("bands.good=70:60", "STOP (60) is below START (70)"),
    ("bands.good=60:70:0", "STEP must be more than 0"),
    ("bands.good=60:70:-1", "STEP must be more than 0"),
    ("bands.good=0:1000000:0.5", f"at most {MAX_VALUES}"),
])
def test_a_malformed_sweep_says_what_is_wrong(text, words):
    with pytest.raises(SweepError, match=words.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        parse(text)


@pytest.mark.parametrize(("text", "pointer", "meaning"), [
    ("bands.good=60:70", "/banding/bands/2/at_least", "the percentage where Good (Reasonable majority) starts"),
    ("bands.large-majority=78:85", "/banding/bands/3/at_least", "where Outstanding (Large majority) starts"),
    ("overall.good=14:18", "/overall/bands/2/from", "the lowest overall score rated Good"),
    ("discretion.within=0:10", "/discretion/within_percentage_points", "discretion may be exercised"),
    ("weight.2.1=1:1", "/domains/1/standards/0/weight", "the weight of standard 2.1"),
    ("/comparison/significance_level=0.05:0.1:0.05", "/comparison/significance_level", "the number at"),
])
def test_parameters_are_found_in_the_framework(engine, text, pointer, meaning):
    sweep = resolve(text, engine.framework("hmip-crc@2019"))
    assert sweep.pointer == pointer and meaning in sweep.meaning
    assert sweep.recounts is (pointer == "/comparison/significance_level")


@pytest.mark.parametrize(("text", "words"), [
    ("bands.nothing=1", "not one band of hmip-crc@2019"),
    ("bands.minority=1", "the lowest band always starts at 0"),
    ("overall.inadequate=1", "not an overall band of hmip-crc@2019 that can move"),
    ("overall.good=15.5", "scores and weights are whole numbers"),
    ("weight.9.9=2", "has no standard '9.9'"),
    ("/title=1", "has no number at /title"),
    ("/no/such/place=1", "has no number at /no/such/place"),
    ("limits.cases=1", "not a parameter"),
])
def test_a_parameter_not_in_the_framework_is_refused(engine, text, words):
    with pytest.raises(SweepError, match=words):
        resolve(text, engine.framework("hmip-crc@2019"))


def test_each_value_makes_a_checked_variant(engine):
    framework = engine.framework("hmip-crc@2019")
    sweep = resolve("bands.good=60:61", framework)
    made = variants(sweep, framework, engine.registry)
    assert [(f.banding.bands[1].below, f.banding.bands[2].at_least) for f in made] == [(60, 60), (61, 61)]
    assert sweep.draft_value == Decimal(65) and baseline_value("bands.good", framework) == Decimal(65)
    # The framework the sweep varies is left as it was.
    assert framework.banding.bands[2].at_least == 65


@pytest.mark.parametrize(("text", "words"), [
    ("bands.good=85", "bands.good=85 leaves hmip-crc@2019 unusable: /banding/bands/2/below"),
    ("weight.2.1=2", "maximum score is 33"),
])
def test_a_value_that_leaves_the_framework_meaningless_is_refused_with_the_reason(engine, text, words):
    framework = engine.framework("hmip-crc@2019")
    with pytest.raises(SweepError, match=words):
        variants(resolve(text, framework), framework, engine.registry)


def test_the_sweep_agrees_with_the_baseline_and_the_draft_at_their_values(engine, tmp_path):
    """At 65% the sweep's counts are the baseline's; at 70% those of a draft whose Good starts at 70%."""
    files = sorted(CORPUS.glob("*.json"))
    report = impact(engine, "hmip-crc@2019", "hmip-crc@2019", files, sweep="bands.good=60:70:5")
    sweep = report["sweep"]
    assert sweep["values"] == ["60", "65", "70"] and sweep["baseline_value"] == sweep["draft_value"] == "65"
    assert sweep["inspections"] == len(files)
    for standard, table in zip(sweep["standards"], report["standards"], strict=True):
        at_65 = {share["rating"]: share["counts"][1] for share in standard["shares"]}
        assert at_65 == {share["rating"]: share["baseline"] for share in table["shares"]}, standard["id"]
    document = json.loads(Path(engine.framework("hmip-crc@2019").path).read_text(encoding="utf-8"))
    document["banding"]["bands"][1]["below"] = document["banding"]["bands"][2]["at_least"] = 70
    draft = tmp_path / "seventy.json"
    draft.write_text(json.dumps(document), encoding="utf-8")
    raised = impact(engine, "hmip-crc@2019", str(draft), files)
    for standard, table in zip(sweep["standards"], raised["standards"], strict=True):
        at_70 = {share["rating"]: share["counts"][2] for share in standard["shares"]}
        assert at_70 == {share["rating"]: share["draft"] for share in table["shares"]}, standard["id"]
    assert any(s["counts"][1] != s["counts"][2] for table in sweep["standards"] for s in table["shares"])


FIRST = st.sampled_from(["yes", "no"])
#: A case: its answer to 2.1.1, to 2.1.2 (which only cases with harm factors are asked, and must answer yes or no), harm factors.
ANSWERS = st.one_of(st.tuples(FIRST, st.sampled_from(["yes", "no"]), st.just(True)),
                    st.tuples(FIRST, st.just(None), st.just(False)))
#: A case answering both key questions, so that each has a case to count; then any cases at all.
COUNTED = st.tuples(st.sampled_from(["yes", "no"]), st.sampled_from(["yes", "no"]), st.just(True))
INSPECTION = st.tuples(st.lists(ANSWERS, max_size=14), COUNTED, st.sampled_from([None, "good", "requires_improvement"]))


@given(inspections=st.lists(INSPECTION, min_size=1, max_size=5), start=st.integers(51, 75), steps=st.integers(1, 6))
def test_raising_a_band_edge_never_raises_a_share_at_or_above_it(registry, inspections, start, steps):
    """The share of ratings at or above Good (and at or above Outstanding) never rises as Good's edge rises."""
    from ratings_engine.api import Engine

    with tempfile.TemporaryDirectory() as folder:
        framework = Path(folder) / "mini.json"
        framework.write_text(json.dumps(minimal_framework()), encoding="utf-8")
        # A baseline that allows any recorded decision, so that every inspection is compared; the draft
        # swept allows only those within its rules, as a real draft would.
        lenient = minimal_framework()
        lenient["discretion"].update(within_percentage_points=100, max_bands=3)
        baseline = Path(folder) / "allows-all.json"
        baseline.write_text(json.dumps(lenient), encoding="utf-8")
        files = []
        for index, (answers, counted, decision) in enumerate(inspections):
            answers = [counted, *answers]
            extra = {"discretion": {"2.1": {"rating": decision, "rationale": "a test"}}} if decision else {}
            path = Path(folder) / f"{index}.json"
            path.write_text(json.dumps(cases_inspection(answers, **extra)), encoding="utf-8")
            files.append(path)
        stop = min(start + steps, 79)
        report = impact(Engine(registry), str(baseline), str(framework), files, sweep=f"bands.good={start}:{stop}")
    sweep = report["sweep"]
    assert sweep["inspections"] == len(files), report["not_rated"]
    for table in [*sweep["standards"], sweep["overall"]]:
        counts = {share["rating"]: share["counts"] for share in table["shares"]}
        for at_or_above in (["outstanding"], ["outstanding", "good"]):
            totals = [sum(counts[r][i] for r in at_or_above) for i in range(len(sweep["values"]))]
            assert totals == sorted(totals, reverse=True), (table.get("id", "overall"), at_or_above, totals)


def test_an_evaluation_for_its_ratings_alone_is_a_lenient_one(engine):
    """Skipping checks whose findings are warnings is only right where they would be warnings."""
    import json as json_module

    from ratings_engine.rating.evaluate import evaluate

    inspection = json_module.loads((CORPUS / "crc-01-northshire.json").read_text(encoding="utf-8"))
    framework = engine.framework("hmip-crc@2019")
    with pytest.raises(ValueError, match="lenient"):
        evaluate(framework, inspection, engine.registry, ratings_only=True)
    full = evaluate(framework, inspection, engine.registry, lenient=True)
    alone = evaluate(framework, inspection, engine.registry, lenient=True, ratings_only=True)
    assert [s.rating for s in alone.standards] == [s.rating for s in full.standards] and alone.rating == full.rating
