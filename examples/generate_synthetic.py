#!/usr/bin/env python3
"""Generate a synthetic, case-level inspection under hmip-crc@2019.

Every case is invented. The point is an example that exercises what the published, aggregate
South Yorkshire example cannot: case-by-case counting, sub-samples (harm factors, post-release
and children), 'n/a' answers, ignored answers, moderation and professional discretion.

Standard library only; the same seed always writes byte-identical output:

    python examples/generate_synthetic.py [--seed N] [--output PATH]
"""

from __future__ import annotations

import argparse
import json
import random
from fractions import Fraction
from pathlib import Path

DEFAULT_SEED = 2019
DEFAULT_OUTPUT = Path(__file__).with_name("synthetic-crc-2019.json")
SIZES = {"case-supervision": 160, "unpaid-work": 40, "through-the-gate": 30}
CASE_PREFIX = {"case-supervision": "CS", "unpaid-work": "UW", "through-the-gate": "TTG"}

# The key questions judged case by case in each sample: id -> (probability of 'yes', prompt letters).
# The probabilities differ so that the standards (each rated by its lowest key question) land in
# different bands.
KEY_QUESTIONS = {
    "case-supervision": {
        "2.1.1": (0.70, "abc"), "2.1.2": (0.80, "abc"), "2.1.3": (0.63, "abcde"),
        "2.2.1": (0.78, "abcde"), "2.2.2": (0.74, "abc"), "2.2.3": (0.68, "abcd"),
        "2.3.1": (0.82, "abcdefg"), "2.3.2": (0.56, "abcdef"), "2.3.3": (0.50, "abcde"),
        "2.4.1": (0.72, "abcd"), "2.4.2": (0.75, "abcd"), "2.4.3": (0.45, "abcd"),
    },
    "unpaid-work": {"4.1.1": (0.85, "abc"), "4.1.2": (0.58, "abc"), "4.1.4": (0.90, "abcd")},
    "through-the-gate": {"4.2.1": (0.90, "abcdef"), "4.2.2": (0.84, "abc"), "4.2.3": (0.80, "abc")},
}
# Only Through the Gate key questions may be judged not applicable (the framework's 'answers').
KEY_QUESTION_NA = {"through-the-gate": 0.10}
# The x.3 key questions belong to the 'harm-factors' sub-sample.
HARM_QUESTIONS = {"2.1.3", "2.2.3", "2.3.3", "2.4.3"}
# Prompts with their own sub-sample: prompt id -> (attribute, value the case must have).
PROMPT_SUB_SAMPLES = {"2.3.1.d": ("supervision", "post-release"), "2.1.3.e": ("children", True)}
# Prompts of 2.1.3 counted beyond its harm-factors sub-sample (footnotes 55 and 56): domestic abuse
# checks in every case, child safeguarding wherever there are children. Cases without harm factors
# answer them from a generator of their own, so the rest of the example is as it was.
FOOTNOTE_PROMPTS = {"2.1.3.d": 0.70, "2.1.3.e": 0.75}
# The framework notes these checks are expected in every case they apply to, so never 'n/a'.
ALWAYS_EXPECTED = {"2.1.3.d", "2.1.3.e"}
PROMPT_NA = 0.04
# A few cases without harm factors carry an answer to 2.1.3 anyway, as if recorded in error, so
# the example exercises the engine's ignored-answer path (excluded, and reported as a warning).
# They carry no prompts, to keep the stray answers to the one key question.
STRAY_ANSWERS = ("2.1.3", 3)

# Only to choose the moderation and discretion records; the engine's banding is the authority.
BOUNDARIES = (50, 65, 80)
RATINGS = ("inadequate", "requires_improvement", "good", "outstanding")
LABELS = ("Inadequate", "Requires improvement", "Good", "Outstanding")
DISCRETION_POINTS = 5

JUDGEMENTS = {
    "1.1": ("good", "Synthetic: a clear vision and strategy, though risks to delivery are not always planned for."),
    "1.2": ("requires_improvement", "Synthetic: high workloads and uneven management oversight limit the quality of work."),
    "1.3": ("good", "Synthetic: a reasonable range of services and partnerships, with gaps for women."),
    "1.4": ("outstanding", "Synthetic: good premises, reliable ICT and well-used management information."),
}


def answer(rng: random.Random, p_yes: float, p_na: float = 0.0) -> str:
    """'yes' with probability P_YES among the answers that are not 'n/a' (which has P_NA)."""
    if p_na and rng.random() < p_na:
        return "n/a"
    return "yes" if rng.random() < p_yes else "no"


def prompt_answers(rng: random.Random, question: str, letters: str, verdict: str,
                   attributes: dict, shifts: dict[str, float]) -> dict[str, str]:
    """The prompts of QUESTION for one case, following the inspector's VERDICT on the key question."""
    prompts = {}
    for letter in letters:
        prompt = f"{question}.{letter}"
        rule = PROMPT_SUB_SAMPLES.get(prompt)
        if rule is not None and attributes.get(rule[0]) != rule[1]:
            continue  # outside the prompt's sub-sample: not recorded
        if verdict == "n/a":
            prompts[prompt] = "n/a"
            continue
        # Prompts mostly agree with the key question, each with its own lean.
        p_yes = (0.85 if verdict == "yes" else 0.35) + shifts[prompt]
        prompts[prompt] = answer(rng, p_yes, 0.0 if prompt in ALWAYS_EXPECTED else PROMPT_NA)
    return prompts


def make_case(rng: random.Random, sample: str, number: int, shifts: dict[str, float], stray_left: list[int],
              targets: dict[str, float] | None = None, prompts_recorded: bool = True) -> dict:
    """One invented case of SAMPLE; STRAY_LEFT is a one-item counter of the stray answers still to record.

    TARGETS, where given, replace the probability of 'yes' for the key questions they name, so that
    another inspection can be drawn to other proportions; PROMPTS_RECORDED False leaves the prompts out.
    """
    case: dict = {"id": f"{CASE_PREFIX[sample]}-{number:03d}"}
    attributes: dict = {}
    if sample == "case-supervision":
        attributes = {
            "harm_factors": rng.random() < 0.85,
            "supervision": "post-release" if rng.random() < 0.42 else "community",
            "children": rng.random() < 0.45,
        }
        case["attributes"] = attributes
    key_questions, prompts = {}, {}
    for question, (p_yes, letters) in KEY_QUESTIONS[sample].items():
        p_yes = (targets or {}).get(question, p_yes)
        if question in HARM_QUESTIONS and not attributes["harm_factors"]:
            if question == STRAY_ANSWERS[0] and stray_left[0] > 0:
                stray_left[0] -= 1
                key_questions[question] = answer(rng, p_yes)
            continue
        verdict = answer(rng, p_yes, KEY_QUESTION_NA.get(sample, 0.0))
        key_questions[question] = verdict
        if prompts_recorded:
            prompts.update(prompt_answers(rng, question, letters, verdict, attributes, shifts))
    case["key_questions"] = key_questions
    if prompts_recorded:
        case["prompts"] = prompts
    return case


def counts(cases: list[dict], question: str) -> tuple[int, int]:
    """Cases answered 'yes', of those answered yes or no, among the cases QUESTION applies to."""
    answers = [c["key_questions"].get(question) for c in cases
               if question not in HARM_QUESTIONS or c["attributes"]["harm_factors"]]
    return answers.count("yes"), answers.count("yes") + answers.count("no")


def lowest(cases: list[dict], questions: list[str]) -> Fraction:
    """The lowest exact percentage among QUESTIONS, which drives a lowest-key-question rating."""
    return min(Fraction(100 * yes, of) for yes, of in (counts(cases, q) for q in questions))


def rank(percent: Fraction) -> int:
    return sum(percent >= b for b in BOUNDARIES)


def moderation(cases: list[dict], ratified: bool = False) -> dict:
    """A proposal to raise unpaid work on the qualitative evidence (4.1.3), ratified by the panel or not."""
    current = rank(lowest(cases, list(KEY_QUESTIONS["unpaid-work"])))
    if current == len(RATINGS) - 1:
        return {"proposed": 0, "ratified": True,
                "rationale": "Synthetic: the qualitative evidence for 4.1.3 supports the indicative rating; no change."}
    panel = "ratified it" if ratified else "did not ratify it"
    return {"proposed": 1, "ratified": ratified,
            "rationale": f"Synthetic: the lead inspector proposed raising the rating to {LABELS[current + 1]} on the "
                         f"qualitative evidence for 4.1.3; the ratings panel {panel}."}


def discretion(cases: list[dict]) -> dict:
    """Raise the case-supervision standard whose lowest key question is closest below a boundary.

    Only a standard within DISCRETION_POINTS below a boundary qualifies, which the framework makes
    eligible; with none, no discretion is recorded (the engine rejects it where ineligible).
    """
    candidates = []
    for standard in ("2.1", "2.2", "2.3", "2.4"):
        questions = [q for q in KEY_QUESTIONS["case-supervision"] if q.startswith(standard + ".")]
        percent = lowest(cases, questions)
        gaps = [b - percent for b in BOUNDARIES if 0 < b - percent <= DISCRETION_POINTS]
        if gaps:
            candidates.append((min(gaps), standard, rank(percent)))
    if not candidates:
        return {}
    _, standard, current = min(candidates)
    return {standard: {
        "rating": RATINGS[current + 1],
        "rationale": f"Synthetic: the lowest key question is just below the boundary and wider evidence supports "
                     f"{LABELS[current + 1]}; raised from {LABELS[current]}.",
    }}


def draw_samples(seed: int | str, sizes: dict[str, int] = SIZES, targets: dict[str, float] | None = None,
                 prompts_recorded: bool = True, strays: int = STRAY_ANSWERS[1]) -> dict:
    """The three case samples for SEED: SIZES cases each, key questions answered 'yes' with TARGETS' probabilities.

    With PROMPTS_RECORDED False no prompt is answered; STRAYS is how many stray answers to 2.1.3 to record.
    """
    rng = random.Random(seed)  # noqa: S311 -- the same seed makes the same example; nothing secret
    # Drawn first, in a fixed order, so that each prompt's lean depends on the seed alone.
    shifts = {f"{q}.{letter}": round(rng.uniform(-0.12, 0.12), 3)
              for sample in KEY_QUESTIONS.values() for q, (_, letters) in sample.items() for letter in letters}
    stray_left = [strays]
    samples = {sample: {"cases": [make_case(rng, sample, n, shifts, stray_left, targets, prompts_recorded)
                                  for n in range(1, size + 1)]}
               for sample, size in sizes.items()}
    if not prompts_recorded:
        return samples
    footnotes = random.Random(f"{seed}-footnotes")  # noqa: S311 -- as above
    for case in samples["case-supervision"]["cases"]:
        if not case["attributes"]["harm_factors"]:
            for prompt, p_yes in FOOTNOTE_PROMPTS.items():
                rule = PROMPT_SUB_SAMPLES.get(prompt)
                if rule is None or case["attributes"][rule[0]] == rule[1]:
                    case["prompts"][prompt] = answer(footnotes, p_yes)
    return samples


def generate(seed: int, sizes: dict[str, int] | None = None) -> dict:
    """The synthetic inspection for SEED, as a JSON-ready document; SIZES cases per sample (the example's by default)."""
    samples = draw_samples(seed, SIZES if sizes is None else sizes)
    document = {
        "$schema": "../schemas/inspection.schema.json",
        "provider": "Synthetic CRC (generated example)",
        "fieldwork_start": "2019-10-07",
        "framework": "hmip-crc@2019",
        "notes": (
            f"SYNTHETIC DATA, not a real inspection: every case is invented. Generated by "
            f"examples/generate_synthetic.py with seed {seed}; rerunning it with that seed rewrites this file "
            f"byte for byte. {STRAY_ANSWERS[1]} case-supervision cases without harm factors carry an answer to "
            f"{STRAY_ANSWERS[0]} on purpose: the engine ignores them (they are outside the harm-factors "
            "sub-sample) and warns. Prompt 2.3.1.d is answered only for post-release cases and 2.1.3.e only "
            "where the service user has children; 2.1.3.d is answered in every case, with or without harm factors; "
            "4.1.3 is qualitative and never answered per case."
        ),
        "judgements": {sid: {"rating": r, "rationale": why} for sid, (r, why) in JUDGEMENTS.items()},
        "samples": samples,
        "moderation": {"4.1": moderation(samples["unpaid-work"]["cases"])},
    }
    chosen = discretion(samples["case-supervision"]["cases"])
    if chosen:
        document["discretion"] = chosen
    return document


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"where to write (default {DEFAULT_OUTPUT.name} beside this script)")
    args = parser.parse_args(argv)
    document = generate(args.seed)
    args.output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")
    sizes = ", ".join(f"{len(s['cases'])} {name}" for name, s in document["samples"].items())
    exercised = ", ".join(document.get("discretion", {})) or "none"
    print(f"wrote {args.output} (seed {args.seed}): {sizes} cases; discretion on {exercised}")


if __name__ == "__main__":
    main()
