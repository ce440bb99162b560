"""`ratings stability`: the share of resamples giving each rating, deterministic for a seed."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ratings_engine.analysis.resampling import Draws, _byte_table
from ratings_engine.analysis.stability import stability
from ratings_engine.api import Engine
from ratings_engine.cli import cli
from ratings_engine.extension import StandardContext
from ratings_engine.model.proportions import percent_of
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


@pytest.mark.parametrize("size", range(1, 257))
def test_every_case_is_equally_likely_to_be_drawn(size):
    """Random bytes become case positions through a table; the bytes kept reach every position equally often."""
    table, unfair = _byte_table(size)
    reached = Counter(table[byte] for byte in range(256) if byte not in unfair)
    assert sorted(reached) == list(range(size)) and set(reached.values()) == {256 // size}


def drawn_of_each(size: int, resamples: int, seed: int) -> list[list[int]]:
    """How often each of SIZE cases is drawn in each resample: a key question per case that counts only it."""
    width = size.bit_length()
    packed = [1 << (2 * width * case + width) for case in range(size)]
    return [[counts >> width for counts in question] for question in Draws(random.Random(seed), packed, width, size).counts(resamples)]


@pytest.mark.parametrize("size", [1, 2, 7, 111, 256, 257, 300])
def test_every_resample_draws_as_many_cases_as_the_sample_holds(size):
    """Through random bytes (up to 256 cases) or random.choices (more): SIZE draws per resample."""
    assert [sum(drawn) for drawn in zip(*drawn_of_each(size, 30, 4), strict=True)] == [size] * 30


def test_drawn_cases_look_uniform():
    """Over many resamples each of 111 cases is drawn about as often as the others (a fixed seed: no flakiness)."""
    seen = [sum(drawn) for drawn in drawn_of_each(111, 2000, 9)]
    expected = 2000
    chi_square = sum((times - expected) ** 2 / expected for times in seen)
    assert min(seen) > 0 and chi_square < 160  # 110 degrees of freedom: p < 0.002 above 160


def test_yes_and_of_are_counted_per_question():
    """Each question's (yes, of) in a resample are those of the cases drawn, whichever way they are counted."""
    width = (5).bit_length()
    # Case 0 counted yes, case 1 counted no, case 2 not counted, for one question; a second question counts every case yes.
    packed = [1 | 1 << width | 1 << 2 * width | 1 << 3 * width, 1 << width | 1 << 2 * width | 1 << 3 * width,
              1 << 2 * width | 1 << 3 * width]
    for first, second in zip(*Draws(random.Random(2), packed, width, 2).counts(200), strict=True):
        yes, of = first & ((1 << width) - 1), first >> width
        assert 0 <= yes <= of <= 3 and second == 3 | 3 << width


def test_counts_match_a_resample_done_by_hand():
    """The packed counting gives the same counts as counting the drawn cases one by one."""
    import random

    from ratings_engine.analysis.resampling import packed_samples
    from ratings_engine.api import Engine
    from ratings_engine.rating.inspection import load_inspection

    engine = Engine()
    framework = engine.evaluate_file(SYNTHETIC).framework
    document, _ = load_inspection(SYNTHETIC)
    questions, packed, width = packed_samples(framework, document)[0]
    assert width == len(document["samples"]["case-supervision"]["cases"]).bit_length()
    cases = document["samples"]["case-supervision"]["cases"]
    draws = random.Random(3).choices(range(len(cases)), k=len(cases))
    total = sum(packed[i] for i in draws)
    for index, question_id in enumerate(questions):
        rule = framework.standard(question_id.rsplit(".", 1)[0]).key_questions[int(question_id.rsplit(".", 1)[1]) - 1].sub_sample
        counted = [cases[i] for i in draws if cases[i]["key_questions"].get(question_id) in ("yes", "no")
                   and (rule is None or cases[i]["attributes"]["harm_factors"])]
        yes = sum(case["key_questions"][question_id] == "yes" for case in counted)
        shift, mask = 2 * width * index, (1 << width) - 1
        assert ((total >> shift) & mask, (total >> (shift + width)) & mask) == (yes, len(counted)), question_id


@cache
def _synthetic():
    engine = Engine()
    return engine, engine.evaluate_file(SYNTHETIC)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 60)).map(lambda c: (min(c), c[1])), min_size=3, max_size=3))
def test_lowest_key_question_rates_by_bands_alone(counts):
    """What its bands_only declaration promises: the rating is the lowest band's, whatever the counts behind it."""
    engine, evaluation = _synthetic()
    result = evaluation.standard("2.1")
    framework = evaluation.framework
    questions = tuple(replace(kq, yes=yes, of=of, percent=percent_of(yes, of), band=framework.banding.band_for(percent_of(yes, of)))
                      for kq, (yes, of) in zip(result.key_questions, counts, strict=True))
    method = engine.registry.rating_methods["lowest-key-question"]
    rating = method.rate(StandardContext(framework, result.standard, questions, None, "")).rating
    assert rating == min((framework.rating(q.band.rating) for q in questions), key=lambda r: r.rank).id


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


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 256), st.integers(1, 14), st.randoms(use_true_random=False))
def test_counts_are_those_of_the_cases_drawn(size, questions, chance):
    """However many questions (so however the marks are grouped eight to a byte), each question's (yes, of)
    in a resample are those of the cases drawn in it, counted one by one."""
    width = size.bit_length()
    answers = [[chance.choice([None, "yes", "no"]) for _ in range(questions)] for _ in range(size)]
    packed = [sum(((answer == "yes") << (2 * width * q)) + ((answer is not None) << (2 * width * q + width))
                  for q, answer in enumerate(case)) for case in answers]
    draws = Draws(random.Random(chance.random()), packed, width, questions)
    seen = []
    real = draws.positions
    draws.positions = lambda needed: seen.append(real(needed)) or seen[-1]
    counts = draws.counts(30)
    for resample in range(30):
        drawn = [answers[position] for position in seen[0][resample * size:(resample + 1) * size]]
        for q in range(questions):
            yes = sum(case[q] == "yes" for case in drawn)
            of = sum(case[q] is not None for case in drawn)
            assert counts[q][resample] == yes + (of << width)
