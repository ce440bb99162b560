"""`ratings stability`: the share of resamples giving each rating, deterministic for a seed."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache

from ratings_engine.analysis.stability import stability
from ratings_engine.api import Engine
from ratings_engine.cli import cli
from ratings_engine.rating.inspection import load_inspection

from support import EXAMPLES, SOUTH_YORKSHIRE_2020

SYNTHETIC = EXAMPLES / "synthetic-crc-2019.json"


def run(runner, *args):
    result = runner.invoke(cli, ["stability", *map(str, args), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_deterministic_for_a_seed(runner):
    """The same seed gives the same figures; another seed gives other figures."""
    first = run(runner, SYNTHETIC, "--resamples", 300, "--seed", 7)
    assert first == run(runner, SYNTHETIC, "--resamples", 300, "--seed", 7)
    assert first["standards"] != run(runner, SYNTHETIC, "--resamples", 300, "--seed", 8)["standards"]


def test_shares_add_up_and_judgements_stay_fixed(runner):
    """Each standard's shares add up to every resample; judgement-rated standards never move."""
    report = run(runner, SYNTHETIC, "--resamples", 400, "--seed", 1)
    assert report["resampled"] == ["case-supervision", "unpaid-work", "through-the-gate"]
    for item in [*report["standards"], report["overall"]]:
        assert sum(share["resamples"] for share in item["shares"]) == 400
    by_id = {s["id"]: s for s in report["standards"]}
    assert by_id["1.1"]["same_as_rated"] == 1.0
    # 2.1 was raised by discretion, which resamples do not repeat: most resamples give its indicative rating.
    assert by_id["2.1"]["discretion_applied"] is True
    assert by_id["2.1"]["same_as_rated"] < 0.5


def test_text_names_each_standard_by_id_and_title_and_the_overall_rating_once(runner):
    """Each standard's line starts with its id and title; the overall line says 'Overall' once, not 'overall Overall'."""
    text = runner.invoke(cli, ["stability", str(SYNTHETIC), "--resamples", "50"]).stdout
    rated = [line for line in text.splitlines() if " rated " in line]
    assert rated[0].startswith("1.1 Leadership ") and rated[-1].startswith("Overall ") and "overall Overall" not in text
    assert rated[-1].index(" rated ") == rated[0].index(" rated ") == 40  # the overall line lines up with the standards'


def test_needs_case_level_data(runner):
    """An inspection whose samples all give totals cannot be resampled, and says so instead of reporting 100%."""
    result = runner.invoke(cli, ["stability", str(SOUTH_YORKSHIRE_2020), "--resamples", "50"])
    assert result.exit_code == 1
    assert "needs case-level data" in result.stderr and "[no-case-level-data]" in result.stderr
    assert result.stderr.startswith(f"{SOUTH_YORKSHIRE_2020}:25:3: /samples: ")


def test_a_sample_given_as_totals_is_not_resampled(runner, write_json):
    """A sample given as totals stays as rated; the text says resampling it would need its cases."""
    document = json.loads(SYNTHETIC.read_text("utf-8"))
    evaluation = Engine().evaluate_file(SYNTHETIC)
    unpaid = evaluation.standard("4.1").key_questions
    document["samples"]["unpaid-work"] = {"results": {kq.id: {"yes": kq.yes, "of": kq.of} for kq in unpaid}}
    path = write_json("mixed.json", document)
    report = run(runner, path, "--resamples", 200, "--seed", 2)
    assert report["resampled"] == ["case-supervision", "through-the-gate"] and report["fixed"] == ["unpaid-work"]
    by_id = {s["id"]: s for s in report["standards"]}
    assert by_id["4.1"]["same_as_rated"] == 1.0 and by_id["4.2"]["same_as_rated"] < 1.0
    text = runner.invoke(cli, ["stability", str(path), "--resamples", "100"]).stdout
    assert "not resampled, because they give only totals (resampling needs case-level data): unpaid-work" in text
    assert "100 resamples (seed 0)" in text


def test_rating_by_bands_gives_the_same_figures_as_rating_by_counts(monkeypatch):
    """The built-in method declares bands_only, so resamples are rated once per combination of bands; rating
    every combination of counts instead gives exactly the same figures for the same seed."""
    engine = Engine()
    document, raw = load_inspection(SYNTHETIC)
    evaluation = engine.evaluate_loaded(document, raw, SYNTHETIC)
    by_bands = stability(evaluation, document, engine.registry, 2000, 5)
    method = engine.registry.rating_methods["lowest-key-question"]
    assert method.bands_only
    calls = []

    def counting(context):
        calls.append(context)
        return method.rate(context)

    monkeypatch.setitem(engine.registry.rating_methods, "lowest-key-question", replace(method, rate=counting, bands_only=False))
    by_counts = stability(evaluation, document, engine.registry, 2000, 5)
    assert by_counts == by_bands
    assert len(calls) > 100  # it really did rate by counts, far more often than there are combinations of bands


@cache
def _synthetic():
    engine = Engine()
    return engine, engine.evaluate_file(SYNTHETIC)


def test_resamples_are_drawn_in_batches(monkeypatch):
    """Memory stays bounded for a million resamples: they are drawn and rated a batch at a time."""
    import ratings_engine.analysis.stability as module

    monkeypatch.setattr(module, "AT_ONCE", 100)
    engine, evaluation = _synthetic()
    document, _ = load_inspection(SYNTHETIC)
    report = stability(evaluation, document, engine.registry, 250, 3)
    for item in [*report["standards"], report["overall"]]:
        assert sum(share["resamples"] for share in item["shares"]) == 250
    assert report == stability(evaluation, document, engine.registry, 250, 3)


def _mini_stability(registry, change, **extra) -> dict:
    """Stability of 40 cases of the minimal framework, changed by CHANGE, for 300 resamples."""
    from ratings_engine.model.load import framework_from_bytes
    from ratings_engine.rating.evaluate import evaluate

    from support import InspectionBuilder, minimal_framework

    document = minimal_framework()
    change(document)
    framework = framework_from_bytes(json.dumps(document).encode(), "mini.json", registry)
    answers = [("yes" if i % 3 else "no", "yes" if i % 4 else "no", i % 2 == 0) for i in range(40)]
    inspection = InspectionBuilder().cases([(a, b if h else None, h) for a, b, h in answers], **extra)
    return stability(evaluate(framework, inspection, registry), inspection, registry, 300, 7)


def test_the_overall_rule_path_gives_the_plain_sum_s_figures(registry):
    """Stating the default rule sends each resample through the framework's overall rule: the figures do not change."""
    plain = _mini_stability(registry, lambda document: None)
    stated = _mini_stability(registry, lambda document: document["overall"].update(when_unrated="no-overall-rating"))
    assert stated["overall"] == plain["overall"] and stated["standards"] == plain["standards"]


def test_a_standard_not_rated_on_purpose_stays_unrated_and_the_bands_scale(registry):
    def change(document: dict) -> None:
        document["domains"][1]["may_go_unrated"] = {"when": "in small services"}
        document["overall"]["when_unrated"] = "scale-bands"

    figures = _mini_stability(registry, change, not_rated={"2.1": {"reason": "a small service"}})
    standards = {s["id"]: s for s in figures["standards"]}
    assert standards["2.1"]["shares"] == [{"rating": None, "rating_label": "Not rated", "resamples": 300, "share": 1.0}]
    # 1.1 is Good: 2 of 3, scaled to 4 of 6, is Good in every resample.
    assert figures["overall"]["shares"] == [{"rating": "good", "rating_label": "Good", "resamples": 300, "share": 1.0}]


def test_the_report_is_written_to_the_file_named_with_o(runner, tmp_path):
    """-o FILE writes the report there (its format from the extension), and prints nothing."""
    printed = run(runner, SYNTHETIC, "--resamples", "20")
    result = runner.invoke(cli, ["stability", str(SYNTHETIC), "--resamples", "20", "-o", str(tmp_path / "firm.json")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and "wrote" in result.stderr
    assert json.loads((tmp_path / "firm.json").read_text("utf-8")) == printed
