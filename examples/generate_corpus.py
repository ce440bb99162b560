#!/usr/bin/env python3
"""Generate a synthetic national corpus: one case-level inspection under hmip-crc@2019 per invented CRC.

Every provider and every case is invented: the names say "Synthetic CRC" so that no figure can be
read as a real company's result. The corpus is for what-if analysis, rating the same cases under
another framework version, so it spreads across the bands, puts some key questions exactly on a
band boundary or one case below it, and records panel decisions (professional discretion) and
unpaid-work moderation. Cases come from generate_synthetic.py, drawn to each provider's proportions.

Standard library only; the same seed always writes byte-identical files:

    python examples/generate_corpus.py [--seed N] [--output DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import random
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

from generate_synthetic import DISCRETION_POINTS, KEY_QUESTIONS, LABELS, RATINGS, discretion, draw_samples, lowest, moderation, rank

DEFAULT_SEED = 2019
DEFAULT_OUTPUT = Path(__file__).with_name("corpus")
FIRST_FIELDWORK = date(2019, 7, 8)
BOUNDARIES = (50, 65, 80)

# A provider of average quality: the percentage of cases judged sufficient on each key question.
# Keeping other people safe (the x.3 questions) is the weakest work and unpaid work and Through the
# Gate among the strongest, as in the published South Yorkshire figures (south-yorkshire-crc-2019.json).
TYPICAL = {
    "2.1.1": 66, "2.1.2": 66, "2.1.3": 52, "2.2.1": 64, "2.2.2": 70, "2.2.3": 50,
    "2.3.1": 66, "2.3.2": 60, "2.3.3": 48, "2.4.1": 72, "2.4.2": 72, "2.4.3": 55,
    "4.1.1": 76, "4.1.2": 72, "4.1.4": 80, "4.2.1": 82, "4.2.2": 66, "4.2.3": 64,
}
NOISE = 5  # percentage points either way, per key question and provider
LIFT = 4  # points above the boundary the rest of a pinned standard is kept, so the pinned question drives it

# One row per provider: name, quality (points above or below TYPICAL), sample sizes (case supervision,
# unpaid work, Through the Gate), the key question pinned to a boundary ('at' it, or one case 'below'),
# the panel's discretion ('nearest' raises the case-supervision standard nearest below a boundary; or a
# standard and the bands to move it) and the unpaid-work moderation ('raise' ratified, 'proposal' to raise not
# ratified, 'lower' ratified; unpaid work already Outstanding gets a ratified proposal of no change).
PROVIDERS = [
    ("Northshire", 0, (120, 40, 30), ("2.2.1", 65, "at"), None, "proposal"),
    ("Eastmarch", -8, (96, 34, 24), ("2.3.3", 50, "below"), "nearest", None),
    ("Westvale", 6, (140, 45, 32), ("4.1.2", 80, "at"), None, "raise"),
    ("Southmoor", -18, (72, 26, 18), None, None, None),
    ("Fenwold", 14, (160, 50, 36), ("2.4.2", 80, "at"), None, None),
    ("Harrowdale", -2, (110, 38, 27), ("2.1.3", 65, "below"), "nearest", None),
    ("Kestrel Coast", 22, (180, 60, 40), None, None, "raise"),
    ("Ashmere", -12, (88, 30, 20), ("2.2.3", 50, "below"), None, "proposal"),
    ("Brackenridge", 4, (100, 40, 28), ("2.3.2", 65, "at"), ("2.3", -1), None),
    ("Caldwater", -25, (64, 22, 16), None, None, None),
    ("Dunmere", 9, (130, 42, 30), ("4.2.2", 80, "below"), ("4.2", 1), None),
    ("Elmsford Vale", -5, (104, 36, 22), ("2.1.1", 50, "at"), None, "lower"),
    ("Fairhaven Sound", 38, (150, 48, 34), None, None, None),
    ("Greystone", 2, (124, 41, 29), ("2.4.1", 65, "below"), None, None),
    ("Hollinsmoor", -10, (92, 32, 21), None, "nearest", "proposal"),
    ("Larkfield", 11, (140, 40, 33), ("4.1.1", 65, "at"), None, "raise"),
    ("Marrowby", -15, (80, 28, 19), ("2.2.2", 50, "at"), None, None),
    ("Oxley Downs", 7, (116, 39, 26), ("2.1.2", 80, "below"), "nearest", None),
    ("Pellham Water", -3, (108, 35, 25), None, None, "proposal"),
    ("Ravensholm", 18, (170, 55, 38), ("2.3.1", 80, "at"), None, None),
    ("Silverdale Reach", -20, (76, 24, 17), ("2.4.3", 50, "below"), "nearest", None),
]

# The lead inspector's domain one judgements: what each standard is about, in a rationale's words.
DOMAIN_ONE = {"1.1": "leadership and strategy", "1.2": "staffing, workloads and oversight",
              "1.3": "the range of services and partnerships", "1.4": "information, premises and ICT"}


def sample_of(question: str) -> str:
    return next(sample for sample, questions in KEY_QUESTIONS.items() if question in questions)


def standard_of(question: str) -> str:
    return question.rsplit(".", 1)[0]


def percent_targets(level: int, pin: tuple | None, rng: random.Random) -> dict[str, int]:
    """Each key question's target percentage for a provider of LEVEL, the rest of a PIN's standard lifted clear of it."""
    targets = {q: min(97, max(5, typical + level + rng.randint(-NOISE, NOISE))) for q, typical in TYPICAL.items()}
    if pin:
        question, boundary, _ = pin
        for other in KEY_QUESTIONS[sample_of(question)]:
            if other != question and standard_of(other) == standard_of(question):
                targets[other] = max(targets[other], boundary + LIFT)
    return targets


def wanted_yes(of: int, percent: int, pin: tuple | None, question: str) -> int:
    """How many of OF cases answer 'yes': the nearest to PERCENT, or exactly on or one case below a pinned boundary."""
    if pin and pin[0] == question:
        _, boundary, where = pin
        if where == "below":
            return math.ceil(Fraction(boundary * of, 100)) - 1
        if (boundary * of) % 100:
            raise ValueError(f"{question} cannot be exactly {boundary}% of {of} cases; choose another sample size")
        return boundary * of // 100
    return min(of, math.floor(Fraction(percent * of, 100) + Fraction(1, 2)))


def settle(cases: list[dict], question: str, yes: int, rng: random.Random) -> None:
    """Turn answers to QUESTION over, chosen at random, until exactly YES of the counted cases say 'yes'."""
    counted = [c for c in cases if c["key_questions"].get(question) in ("yes", "no")]
    said_yes = [c for c in counted if c["key_questions"][question] == "yes"]
    said_no = [c for c in counted if c["key_questions"][question] == "no"]
    if len(said_yes) > yes:
        for case in rng.sample(said_yes, len(said_yes) - yes):
            case["key_questions"][question] = "no"
    else:
        for case in rng.sample(said_no, yes - len(said_yes)):
            case["key_questions"][question] = "yes"


def draw_cases(seed: int, number: int, sizes: tuple, targets: dict[str, int], pin: tuple | None) -> dict:
    """A provider's three samples, drawn to TARGETS and then settled on exact counts."""
    sample_sizes = dict(zip(KEY_QUESTIONS, sizes, strict=True))
    probabilities = {q: percent / 100 for q, percent in targets.items()}
    samples = draw_samples(f"{seed}-{number:02d}", sample_sizes, probabilities, prompts_recorded=False, strays=0)
    rng = random.Random(f"{seed}-{number:02d}-settle")  # noqa: S311 -- reproducible, nothing secret
    for sample, questions in KEY_QUESTIONS.items():
        cases = samples[sample]["cases"]
        for question in questions:
            of = sum(c["key_questions"].get(question) in ("yes", "no") for c in cases)
            settle(cases, question, wanted_yes(of, targets[question], pin, question), rng)
    return samples


def standard_rank(samples: dict, standard: str) -> tuple[int, Fraction]:
    """The indicative rating's rank of a case-sample STANDARD and the percentage of its lowest key question."""
    sample = next(s for s, questions in KEY_QUESTIONS.items() if any(standard_of(q) == standard for q in questions))
    percent = lowest(samples[sample]["cases"], [q for q in KEY_QUESTIONS[sample] if standard_of(q) == standard])
    return rank(percent), percent


def panel_decision(samples: dict, decision: str | tuple) -> dict:
    """The ratings panel's discretion: the nearest-below standard raised, or a named standard moved."""
    if decision == "nearest":
        return discretion(samples["case-supervision"]["cases"])
    standard, bands = decision
    current, percent = standard_rank(samples, standard)
    # The framework makes discretion eligible only this near a boundary; recording it elsewhere is an error.
    if not any(abs(percent - b) <= DISCRETION_POINTS for b in BOUNDARIES):
        raise ValueError(f"discretion on {standard} is not eligible at {float(percent):.1f}%")
    moved = current + bands
    direction = "raised" if bands > 0 else "lowered"
    return {standard: {
        "rating": RATINGS[moved],
        "rationale": f"Synthetic: the lowest key question is at a boundary and the panel judged that the wider evidence "
                     f"supports {LABELS[moved]}; {direction} from {LABELS[current]}.",
    }}


def unpaid_work_moderation(samples: dict, kind: str) -> dict:
    """The moderation record for unpaid work (4.1): a proposal to raise, ratified or not, or a ratified lowering."""
    cases = samples["unpaid-work"]["cases"]
    if kind != "lower":
        return moderation(cases, ratified=kind == "raise")
    current, _ = standard_rank(samples, "4.1")
    if current == 0:
        raise ValueError("unpaid work is already Inadequate: it cannot be moderated down")
    return {"proposed": -1, "ratified": True,
            "rationale": f"Synthetic: the qualitative evidence for 4.1.3 showed poor-quality placements; the ratings "
                         f"panel ratified lowering the rating to {LABELS[current - 1]}."}


def judgements(level: int, rng: random.Random) -> dict:
    """The lead inspector's domain one judgements, in keeping with the provider's case work."""
    base = 1 + (level >= 5) + (level >= 20) - (level <= -15)
    found = {}
    for standard, topic in DOMAIN_ONE.items():
        chosen = min(len(RATINGS) - 1, max(0, base + rng.choice((-1, 0, 0, 1))))
        found[standard] = {"rating": RATINGS[chosen], "rationale": f"Synthetic: {topic} judged {LABELS[chosen]}."}
    return found


def file_name(number: int, name: str) -> str:
    return f"crc-{number:02d}-{name.lower().replace(' ', '-')}.json"


def inspection(seed: int, number: int) -> dict:
    """The synthetic inspection of provider NUMBER (from 1) for SEED, as a JSON-ready document."""
    name, level, sizes, pin, decision, moderated = PROVIDERS[number - 1]
    rng = random.Random(f"{seed}-{number:02d}-provider")  # noqa: S311 -- reproducible, nothing secret
    targets = percent_targets(level, pin, rng)
    samples = draw_cases(seed, number, sizes, targets, pin)
    pinned = f" Key question {pin[0]} is set {'exactly at' if pin[2] == 'at' else 'one case below'} the {pin[1]}% boundary." if pin else ""
    document = {
        "$schema": "../../schemas/inspection.schema.json",
        "provider": f"Synthetic CRC {number:02d} \u2013 {name}",
        "fieldwork_start": (FIRST_FIELDWORK + timedelta(weeks=(number - 1) * 3 // 2)).isoformat(),
        "framework": "hmip-crc@2019",
        "notes": (f"SYNTHETIC DATA, not a real inspection: the provider and every case are invented. Generated by "
                  f"examples/generate_corpus.py with seed {seed}; rerunning it with that seed rewrites this file byte "
                  f"for byte. Prompts are not recorded, to keep the corpus small.{pinned}"),
        "judgements": judgements(level, rng),
        "samples": samples,
    }
    if moderated:
        document["moderation"] = {"4.1": unpaid_work_moderation(samples, moderated)}
    chosen = panel_decision(samples, decision) if decision else {}
    if chosen:
        document["discretion"] = chosen
    return document


def compact(document: dict) -> str:
    """DOCUMENT as JSON with one line per top-level entry and per case, so a reader (and a diff) can follow it."""
    def one_line(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = []
    for key, value in document.items():
        if key != "samples":
            lines.append(f"{one_line(key)}:{one_line(value)}")
            continue
        samples = [f"{one_line(sample)}:{{\"cases\":[\n" + ",\n".join(one_line(case) for case in body["cases"]) + "\n]}"
                   for sample, body in value.items()]
        lines.append(f"{one_line(key)}:{{\n" + ",\n".join(samples) + "\n}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"the folder to write to (default {DEFAULT_OUTPUT.name}/ beside this script)")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    cases = 0
    for number, (name, *_) in enumerate(PROVIDERS, start=1):
        document = inspection(args.seed, number)
        (args.output / file_name(number, name)).write_text(compact(document), encoding="utf-8", newline="\n")
        cases += sum(len(sample["cases"]) for sample in document["samples"].values())
    print(f"wrote {len(PROVIDERS)} inspections ({cases} cases) to {args.output} (seed {args.seed})")


if __name__ == "__main__":
    main()
