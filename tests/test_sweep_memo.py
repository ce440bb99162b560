"""A band sweep rates an inspection once for all the values that must rate it alike, and gives what rating each would."""

from __future__ import annotations

import json

import pytest

from ratings_engine.analysis import impact_run
from ratings_engine.analysis.sweep import resolve, variants
from ratings_engine.analysis.sweep_memo import BandFacts, band_key, memo_allowed
from ratings_engine.rating.inspection import load_inspection

from support import EXAMPLES

CORPUS = EXAMPLES / "corpus"
FRAMEWORKS = EXAMPLES.parent / "frameworks"


@pytest.mark.parametrize("sweep", ["bands.good=55:79", "bands.large-majority=66:90:3", "bands.too-few=40:60:5",
                                   "discretion.within=0:10:5"])
def test_the_same_document_as_rating_every_value(engine, monkeypatch, sweep):
    files = [*sorted(CORPUS.glob("*.json")), EXAMPLES / "synthetic-crc-2019.json"]
    shared = impact_run.impact(engine, "hmip-crc@2019", "hmip-crc@2019", files, sweep=sweep)
    monkeypatch.setattr(impact_run, "memo_allowed", lambda *args: False)
    assert impact_run.impact(engine, "hmip-crc@2019", "hmip-crc@2019", files, sweep=sweep) == shared


def test_the_same_document_as_rating_every_value_where_the_bands_decide_on_displayed_figures(engine, monkeypatch, tmp_path):
    # Figures shown rounded and banded as shown: the memo's facts must be those of the rounded value.
    document = json.loads((FRAMEWORKS / "hmip-crc" / "2019.json").read_text(encoding="utf-8"))
    document["version"], document["status"] = "2099", "draft"
    document["banding"]["decide_on"] = "displayed"
    draft = tmp_path / "displayed.json"
    draft.write_text(json.dumps(document), encoding="utf-8")
    files = sorted(CORPUS.glob("*.json"))
    shared = impact_run.impact(engine, "hmip-crc@2019", str(draft), files, sweep="bands.good=60:70:0.5")
    monkeypatch.setattr(impact_run, "memo_allowed", lambda *args: False)
    assert impact_run.impact(engine, "hmip-crc@2019", str(draft), files, sweep="bands.good=60:70:0.5") == shared


def test_an_inspection_is_rated_once_for_values_that_move_none_of_its_figures(engine, monkeypatch):
    rated = []
    real = impact_run._swept
    monkeypatch.setattr(impact_run, "_swept", lambda *args: rated.append(args[1]) or real(*args))
    impact_run.impact(engine, "hmip-crc@2019", "hmip-crc@2019", [CORPUS / "crc-10-caldwater.json"], sweep="bands.good=55:79")
    assert 0 < len(rated) < 25


def test_the_key_tells_apart_values_that_move_a_figure(engine):
    """Over 25 values of Good's edge, an inspection's key changes where an edge crosses one of its figures, not at every value."""
    framework = engine.framework("hmip-crc@2019")
    document, raw = load_inspection(EXAMPLES / "synthetic-crc-2019.json")
    evaluation = engine.evaluate_under(framework, document, raw, "synthetic.json")
    made = variants(resolve("bands.good=55:79", framework), framework, engine.registry)
    facts = BandFacts(evaluation, document)
    keys = [band_key(variant, facts) for variant in made]
    assert 1 < len(set(keys)) < len(keys)
    assert keys[0] != keys[-1] and keys[0] == band_key(made[0], BandFacts(evaluation, document))


def test_only_a_sweep_of_the_bands_under_methods_that_say_so(engine, registry):
    framework = engine.framework("hmip-crc@2019")
    assert memo_allowed("/banding/bands/2/at_least", framework, registry)
    assert not memo_allowed("/overall/bands/2/from", framework, registry)
    assert not memo_allowed("/discretion/within_percentage_points", framework, registry)


class _Memo:
    """A memo whose key is the same for every standard, as two values of a sweep that agree on its figures."""

    def __init__(self):
        self.results = {}

    def key(self, framework, standard, results):
        return (standard.id,)


def test_a_standard_is_rated_again_where_rating_it_found_a_problem_or_figures_missing(engine, registry):
    from ratings_engine.rating.run import Run
    from ratings_engine.rating.standard_reuse import rate_or_reuse

    framework = engine.framework("hmip-crc@2019")
    standard = framework.standards[0]
    memo, calls = _Memo(), []

    def rate(run, found):
        calls.append(found)
        if found == "problem":
            run.problem("missing-judgement", "/judgements/1.1", "no judgement")
        elif found == "missing":
            run.problem("missing-result", "/samples/x/results", "no result")  # lenient: figures found missing
        return f"result {len(calls)}"

    def rated(found):
        run = Run(framework, registry, "x.json", lenient=True, ratings_only=True, reuse=memo)
        return rate_or_reuse(run, standard, {}, lambda: rate(run, found)), len(run.problems), run.unavailable

    assert rated("problem") == ("result 1", 1, [])
    assert rated("problem")[0] == "result 2"  # found a problem, so never kept: it must be found again
    assert rated("missing") == ("result 3", 0, ["/samples/x/results"])
    assert rated("missing")[0] == "result 4"
    assert rated(None)[0] == "result 5"
    assert rated("problem") == ("result 5", 0, [])  # kept: the same key, nothing found
    assert len(calls) == 5


def test_a_standard_whose_rating_warns_is_kept_for_evaluations_that_report_no_warnings(engine, registry):
    from ratings_engine.rating.run import Run
    from ratings_engine.rating.standard_reuse import rate_or_reuse

    framework = engine.framework("hmip-crc@2019")
    memo, calls = _Memo(), []

    def rate(run):
        calls.append(run)
        run.warn("discretion-flagged", "the panel moved it by more than the margin allows")
        return "result"

    for _ in range(3):
        run = Run(framework, registry, "x.json", lenient=True, ratings_only=True, reuse=memo)
        assert rate_or_reuse(run, framework.standards[0], {}, lambda run=run: rate(run)) == "result"
    assert len(calls) == 1


def test_an_evaluation_for_its_ratings_alone_has_no_warnings(engine):
    from ratings_engine.rating.evaluate import evaluate

    inspection = json.loads((CORPUS / "crc-01-northshire.json").read_text(encoding="utf-8"))
    framework = engine.framework("hmip-crc@2019")
    given = ({"code": "out-of-window", "message": "the fieldwork is outside the version's window"},)
    assert evaluate(framework, inspection, engine.registry, lenient=True, warnings=given).warnings == given
    assert evaluate(framework, inspection, engine.registry, lenient=True, ratings_only=True, warnings=given).warnings == ()


def test_an_evaluation_that_is_not_for_its_ratings_alone_adds_to_the_memo_and_never_takes_from_it(engine, registry):
    from ratings_engine.rating.run import Run
    from ratings_engine.rating.standard_reuse import rate_or_reuse

    framework = engine.framework("hmip-crc@2019")
    standard = framework.standards[0]
    memo = _Memo()

    def rated(**flags):
        run = Run(framework, registry, "x.json", lenient=True, reuse=memo, **flags)
        return rate_or_reuse(run, standard, {}, lambda: f"rated with {flags}")

    # The draft's evaluation in ratings impact: its results are its own, as its report of causes needs them.
    assert rated(decided_only=True) == "rated with {'decided_only': True}"
    memo.results[(standard.id,)] = ("a result from elsewhere", {})
    assert rated(decided_only=True) == "rated with {'decided_only': True}"
    assert memo.results[(standard.id,)] == ("rated with {'decided_only': True}", {})
    assert rated(ratings_only=True) == "rated with {'decided_only': True}"  # taken


def test_a_memo_is_refused_to_an_evaluation_that_assesses_discretion_it_does_not_apply(engine):
    from ratings_engine.rating.evaluate import evaluate

    inspection = json.loads((CORPUS / "crc-01-northshire.json").read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="standards' results are shared only"):
        evaluate(engine.framework("hmip-crc@2019"), inspection, engine.registry, lenient=True, reuse=_Memo())


def test_the_values_of_a_sweep_take_the_standards_the_draft_rated(engine, monkeypatch):
    # At the draft's own value every standard must rate as the draft rated it: none is rated again.
    from ratings_engine.rating import evaluate as evaluate_module

    sweeping, rated = [], []
    real_swept, real_rate = impact_run._swept, evaluate_module._rate_standard

    def swept(*args):
        sweeping.append(True)
        try:
            return real_swept(*args)
        finally:
            sweeping.pop()

    monkeypatch.setattr(impact_run, "_swept", swept)
    monkeypatch.setattr(evaluate_module, "_rate_standard", lambda run, standard, *rest: (
        rated.append(("sweep" if sweeping else "baseline or draft", standard.id)) or real_rate(run, standard, *rest)))
    files = [CORPUS / "crc-10-caldwater.json", EXAMPLES / "synthetic-crc-2019.json"]
    document = impact_run.impact(engine, "hmip-crc@2019", "hmip-crc@2019", files, sweep="bands.good=65:65")
    assert document["sweep"]["values"] == ["65"]
    standards = len(engine.framework("hmip-crc@2019").standards)
    assert [when for when, _ in rated] == ["baseline or draft"] * (2 * 2 * standards)
