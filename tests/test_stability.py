"""`ratings stability`: the share of resamples giving each rating, deterministic for a seed."""

from __future__ import annotations

import json

from ratings_engine.cli import cli

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


def test_a_firm_rating_and_an_unresampled_one(runner, tmp_path):
    """A key question far from every boundary gives a firm rating; totals-only samples are not resampled."""
    report = run(runner, SOUTH_YORKSHIRE_2020, "--resamples", 50)
    assert report["resampled"] == [] and set(report["fixed"]) == {"case-supervision", "unpaid-work", "through-the-gate"}
    assert all(item["same_as_rated"] == 1.0 for item in report["standards"])
    text = runner.invoke(cli, ["stability", str(SYNTHETIC), "--resamples", "100"]).stdout
    assert "10000" not in text and "100 resamples (seed 0)" in text


def test_counts_match_a_resample_done_by_hand():
    """The packed counting gives the same counts as counting the drawn cases one by one."""
    import random

    from ratings_engine.api import Engine
    from ratings_engine.inspection import load_inspection
    from ratings_engine.stability import _FIELD, _MASK, _packed_samples

    engine = Engine()
    framework = engine.evaluate_file(SYNTHETIC).framework
    document, _ = load_inspection(SYNTHETIC)
    questions, packed = _packed_samples(framework, document)[0]
    cases = document["samples"]["case-supervision"]["cases"]
    draws = random.Random(3).choices(range(len(cases)), k=len(cases))
    total = sum(packed[i] for i in draws)
    for index, question_id in enumerate(questions):
        rule = framework.standard(question_id.rsplit(".", 1)[0]).key_questions[int(question_id.rsplit(".", 1)[1]) - 1].sub_sample
        counted = [cases[i] for i in draws if cases[i]["key_questions"].get(question_id) in ("yes", "no")
                   and (rule is None or cases[i]["attributes"]["harm_factors"])]
        yes = sum(case["key_questions"][question_id] == "yes" for case in counted)
        shift = 2 * _FIELD * index
        assert ((total >> shift) & _MASK, (total >> (shift + _FIELD)) & _MASK) == (yes, len(counted)), question_id
