"""Drawing resamples of case samples (engine/analysis/resampling.py): every case equally likely, and counted as drawn."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ratings_engine.analysis.resampling import Draws

from support import EXAMPLES

SYNTHETIC = EXAMPLES / "synthetic-crc-2019.json"


class EveryByte:
    """A source of randomness giving every byte value once, in order, each time it is asked: one full
    cycle shows which positions the bytes reach, and how often."""

    def randbytes(self, n: int) -> bytes:
        return bytes(range(256))


@pytest.mark.parametrize("size", range(1, 257))
def test_every_case_is_equally_likely_to_be_drawn(size):
    """Random bytes become case positions; over every byte value (twice), the positions drawn reach each
    case equally often, 256 // SIZE times a cycle, the bytes that would favour some cases being thrown away."""
    draws = Draws(EveryByte(), [0] * size, 1, 0)
    reached = Counter(draws.positions(2 * (256 // size * size)))
    assert sorted(reached) == list(range(size)) and set(reached.values()) == {2 * (256 // size)}


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
