"""Drawing resamples of case samples for ratings stability (see stability): fast, and exactly uniform.

Each case is packed as one integer holding its counts for every key question of its sample, so that
the counts of a resample are the sum of the integers drawn; small samples are counted in C through
bytes.translate instead. The stability report only reads the counts this module draws.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from itertools import repeat
from operator import add, and_, lshift, rshift
from typing import Any


class Draws:
    """Resamples of one case sample, drawn a batch at a time: each key question's counts in each resample.

    A resample draws as many cases as the sample holds, with replacement, every case exactly as
    likely at each draw. Up to 256 cases, random bytes are turned into cases' positions, with the
    bytes that would favour some positions thrown away (rejection sampling), and the questions'
    counts are counted in C: bytes.translate marks, a bit each, the positions of the cases up to
    eight questions count (or judged sufficient), and int.bit_count counts each question's bits in
    each resample's stretch. Larger samples add the packed cases drawn by random.choices.
    """

    def __init__(self, rng: random.Random, packed: list[int], width: int, questions: int):
        self.rng, self.packed, self.width, self.questions = rng, packed, width, questions
        self.size = len(packed)
        if 0 < self.size <= 256:
            self.table, self.unfair = _byte_table(self.size)
            self.marks = [(_marks(packed, 2 * width * index), _marks(packed, 2 * width * index + width))
                          for index in range(questions)]
            # Questions often mark the same cases, and often every case or none: those are counted once, or not at all.
            distinct = list(dict.fromkeys(marked for pair in self.marks for marked in pair))
            self.constant = {marked: marked.count(1) for marked in distinct if marked.count(1) in (0, self.size)}
            varying = [marked for marked in distinct if marked not in self.constant]
            self.groups = [_MarkGroup(varying[at:at + 8], self.size) for at in range(0, len(varying), 8)]
        self.buffer = b""  # random positions drawn and not yet used

    def counts(self, resamples: int) -> list[list[int]]:
        """Per key question (in packed order), its (yes, of) in each of the next RESAMPLES resamples,
        packed as one integer: yes + (of << width)."""
        size, width = self.size, self.width
        if size == 0 or size > 256:
            population, pair = range(size), (1 << 2 * width) - 1
            totals = [sum(map(self.packed.__getitem__, self.rng.choices(population, k=size))) for _ in range(resamples)]
            return [list(map(and_, map(rshift, totals, repeat(2 * width * index)), repeat(pair))) for index in range(self.questions)]
        needed = size * resamples
        drawn = self.positions(needed)
        stretches = list(map(slice, range(0, needed, size), range(size, needed + 1, size)))
        found: dict[bytes, list[int]] = {}
        for group in self.groups:
            # Up to eight marks at once, one bit each: each resample's stretch of marked bytes read as one
            # integer, the count of mark j is the number of bits set at bit j of its bytes.
            words = list(map(int.from_bytes, map(drawn.translate(group.table).__getitem__, stretches)))
            for marked, mask in group.masks:
                found[marked] = list(map(int.bit_count, map(and_, words, repeat(mask))))
        for marked, every in self.constant.items():
            found[marked] = [every] * resamples
        return [list(map(add, found[yes_marks], map(lshift, found[of_marks], repeat(width))))
                for yes_marks, of_marks in self.marks]

    def positions(self, needed: int) -> bytes:
        """The next NEEDED case positions drawn, a byte each."""
        while len(self.buffer) < needed:
            # Enough random bytes, as a rule, for what is needed once the unfair ones are thrown away.
            wanted = (needed - len(self.buffer)) * 256 // (256 - len(self.unfair)) + 64
            self.buffer += self.rng.randbytes(wanted).translate(self.table, self.unfair)
        drawn, self.buffer = self.buffer[:needed], self.buffer[needed:]
        return drawn


class _MarkGroup:
    """Up to eight marks in one bytes.translate table: bit j of a position's byte is mark j."""

    def __init__(self, marks: list[bytes], size: int):
        self.table = bytes(sum(marked[position] << bit for bit, marked in enumerate(marks)) for position in range(256))
        self.masks = [(marked, int.from_bytes(bytes([1 << bit]) * size)) for bit, marked in enumerate(marks)]


def _marks(packed: list[int], bit: int) -> bytes:
    """A bytes.translate table marking with 1 the positions of the cases whose packed value has BIT set."""
    return bytes((value >> bit) & 1 for value in packed) + bytes(256 - len(packed))


#: Resamples drawn together: their positions take a byte per case each.
AT_ONCE = 10_000


def _byte_table(size: int) -> tuple[bytes, bytes]:
    """How a random byte becomes a position below SIZE: the bytes.translate table, and the bytes to throw away.

    256 // SIZE * SIZE bytes are kept, so every position is reached from exactly 256 // SIZE of them.
    """
    return bytes(value % size for value in range(256)), bytes(range(256 // size * size, 256))


def packed_samples(framework: Any, inspection: Mapping[str, Any]) -> list[tuple[list[str], list[int], int]]:
    """Per case sample: its counted key questions, each case packed as one integer, and the bits of one count.

    A case's integer holds, per key question, two counts of WIDTH bits: whether the case is counted
    (of) and whether it was judged sufficient (yes). Adding the integers of the cases drawn adds
    every question's counts at once (Draws does so for samples of more than 256 cases, and reads
    its marks from these bits for the others). No count can exceed the number of cases, so WIDTH is
    that number's length in bits.
    """
    from ..model.conditions import holds

    packed_samples = []
    for sample_id, data in inspection["samples"].items():
        if "cases" not in data or sample_id not in framework.samples:
            continue
        questions = list(framework.key_questions_of_sample(sample_id))
        width = max(1, len(data["cases"]).bit_length())
        cases = []
        for case in data["cases"]:
            attributes = case.get("attributes", {})
            value = 0
            for index, question in enumerate(questions):
                answer = case["key_questions"].get(question.id)
                applies = question.sub_sample is None or holds(framework.sub_samples[question.sub_sample].when, attributes)
                if applies and answer in ("yes", "no"):
                    shift = 2 * width * index
                    value += ((answer == "yes") << shift) + (1 << (shift + width))
            cases.append(value)
        packed_samples.append(([q.id for q in questions], cases, width))
    return packed_samples
