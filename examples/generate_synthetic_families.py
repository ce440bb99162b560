#!/usr/bin/env python3
"""Generate synthetic inspections for the provisional families: NPS divisions, PDUs, regions, approved premises and youth justice.

Every case and judgement is invented, and each framework is provisional (its banding, overall
bands and much of its wording are assumed). The examples exist to show each family working end to
end with the constructs it uses: judgements for the standards the lead inspector rates, case
samples counted case by case, sub-samples of key questions (harm factors, reports to court) and of
prompts (every case, post-release cases, cases with children), and a family rated on judgements
alone (approved premises).

What each case answers is read from the framework file itself, so an example follows its version.
Standard library only; the same seed always writes byte-identical output:

    python examples/generate_synthetic_families.py [--seed N] [--into FOLDER]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

DEFAULT_SEED = 2019
HERE = Path(__file__).resolve().parent
FRAMEWORKS = HERE.parent / "frameworks"

# Each example: (file name, framework, provider, fieldwork start, cases per sample).
EXAMPLES = (
    ("synthetic-nps-2019.json", "hmip-nps@2019", "Synthetic NPS division (generated example)", "2019-10-14",
     {"case-supervision": 120, "reports-and-allocations": 40, "statutory-victim-contact": 25}),
    ("synthetic-pdu-2021.json", "hmip-pdu@2021", "Synthetic PDU (generated example)", "2022-03-07", {"case-supervision": 60}),
    ("synthetic-pdu-2023.json", "hmip-pdu@2023", "Synthetic PDU (generated example)", "2024-02-05", {"case-supervision": 50}),
    ("synthetic-ap-2025.json", "hmip-ap@2025", "Synthetic approved premises (generated example)", "2025-11-03", {}),
    ("synthetic-youth-2022.json", "hmip-youth@2021", "Synthetic youth justice service (generated example)", "2022-09-12",
     {"court-disposals": 40, "out-of-court-disposals": 25}),
    ("synthetic-youth-2025.json", "hmip-youth@2025", "Synthetic youth justice service (generated example)", "2025-10-13",
     {"children": 40, "victims": 15}),
    ("synthetic-region-2024.json", "hmip-region@2023", "Synthetic probation region (generated example)", "2024-06-03",
     {"unpaid-work": 30, "victim-contact": 20}),
)

# The PDU inspections a regional example pools, written into a folder of their own beside it:
# (regional example, folder, ((file name, provider, fieldwork start, cases), ...)).
POOLED = (
    ("synthetic-region-2024.json", "synthetic-region-2024", (
        ("pdu-east.json", "Synthetic PDU East (generated example)", "2024-02-12", 45),
        ("pdu-west.json", "Synthetic PDU West (generated example)", "2024-03-18", 40),
    )),
)

# How often each case attribute holds (boolean) or each value is drawn (choice).
ATTRIBUTE_SHARES = {"harm_factors": 0.8, "children": 0.4, "court_report": 0.6, "released": 0.3}
POST_RELEASE_SHARE = 0.4
RATINGS = ("inadequate", "requires_improvement", "good", "outstanding")
LABELS = ("Inadequate", "Requires improvement", "Good", "Outstanding")


def holds(condition: dict, attributes: dict) -> bool:
    """Whether a case's ATTRIBUTES meet a sub-sample rule's CONDITION (the framework language's tests)."""
    if "attribute" in condition:
        value = attributes[condition["attribute"]]
        return value == condition["equals"] if "equals" in condition else value in condition["in"]
    if "not" in condition:
        return not holds(condition["not"], attributes)
    parts = [holds(part, attributes) for part in condition.get("all", condition.get("any", []))]
    return all(parts) if "all" in condition else any(parts)


def attributes_for(rng: random.Random, sample: dict) -> dict:
    """Invented values for every attribute SAMPLE records."""
    values: dict = {}
    for attribute in sample.get("case_attributes", []):
        if attribute["type"] == "boolean":
            values[attribute["id"]] = rng.random() < ATTRIBUTE_SHARES.get(attribute["id"], 0.5)
        else:
            values[attribute["id"]] = "post-release" if rng.random() < POST_RELEASE_SHARE else attribute["values"][0]
    return values


def make_case(rng: random.Random, number: int, sample: dict, questions: list, rules: dict, leans: dict) -> dict:
    """One invented case: its attributes, and an answer to each key question and prompt that applies to it."""
    attributes = attributes_for(rng, sample)
    case: dict = {"id": f"{sample['id'].upper()[:3]}-{number:03d}"}
    if attributes:
        case["attributes"] = attributes
    answers, prompts = {}, {}
    for question in questions:
        rule = question.get("sub_sample")
        verdict = None
        if rule is None or holds(rules[rule], attributes):
            verdict = "yes" if rng.random() < leans[question["id"]] else "no"
            answers[question["id"]] = verdict
        for prompt in question.get("prompts", []):
            # A prompt's own rule decides alone; without one, it goes with its key question.
            prompt_rule = prompt.get("sub_sample", rule)
            if prompt_rule is None or holds(rules[prompt_rule], attributes):
                p_yes = 0.85 if verdict != "no" else 0.35
                prompts[prompt["id"]] = "yes" if rng.random() < p_yes else "no"
    case["key_questions"] = answers
    if prompts:
        case["prompts"] = prompts
    return case


def sample_cases(rng: random.Random, framework: dict, sample_id: str, size: int) -> list:
    """SIZE invented cases for the framework's sample SAMPLE_ID, each key question leaning its own way."""
    standards = [s for d in framework["domains"] for s in d["standards"]]
    rules = {r["id"]: r["when"] for r in framework["sub_samples"]}
    sample = next(s for s in framework["samples"] if s["id"] == sample_id)
    questions = [q for s in standards if s.get("sample") == sample_id for q in s["key_questions"] if q["evidence"] == "case-sample"]
    # Each key question leans its own way, so that the standards land in different bands.
    leans = {q["id"]: rng.choice((0.55, 0.62, 0.7, 0.76, 0.84, 0.9)) for q in questions}
    return [make_case(rng, n, sample, questions, rules, leans) for n in range(1, size + 1)]


def pooled_inspection(framework: dict, sample_id: str, provider: str, fieldwork_start: str, size: int, seed: int, region: str) -> dict:
    """The case data of one invented PDU inspection, as the regional FRAMEWORK pools it (no rating of its own)."""
    rng = random.Random(f"{seed}-{framework['id']}@{framework['version']}-{provider}")  # noqa: S311 -- reproducible, nothing secret
    return {
        "$schema": "../../schemas/inspection.schema.json",
        "provider": provider,
        "fieldwork_start": fieldwork_start,
        "notes": (
            f"SYNTHETIC DATA, not a real inspection: every case is invented. The case data of a PDU inspection as the regional "
            f"example {region} pools it, under {framework['id']}@{framework['version']} (PROVISIONAL): it records the regional key "
            f"questions and case facts only, and is not rated on its own. Generated by examples/generate_synthetic_families.py with "
            f"seed {seed}; rerunning it with that seed rewrites this file byte for byte."
        ),
        "samples": {sample_id: {"cases": sample_cases(rng, framework, sample_id, size)}},
    }


def generate(framework: dict, provider: str, fieldwork_start: str, sizes: dict, seed: int) -> dict:
    """The synthetic inspection of FRAMEWORK for SEED, as a JSON-ready document."""
    rng = random.Random(f"{seed}-{framework['id']}@{framework['version']}")  # noqa: S311 -- reproducible, nothing secret
    standards = [s for d in framework["domains"] for s in d["standards"]]
    rules = {r["id"]: r["when"] for r in framework["sub_samples"]}
    judgements = {}
    for standard in standards:
        if standard["rating_method"] == "lead-inspector-judgement":
            rank = rng.choice((1, 2, 2, 2, 3))
            judgements[standard["id"]] = {"rating": RATINGS[rank], "rationale": (
                f"Synthetic: the evidence for {standard['title'].lower()} supports {LABELS[rank]}.")}
    samples = {}
    for sample in framework["samples"]:
        if sample["id"] not in sizes:
            continue
        questions = [q for s in standards if s.get("sample") == sample["id"] for q in s["key_questions"]
                     if q["evidence"] == "case-sample"]
        # Each key question leans its own way, so that the standards land in different bands.
        leans = {q["id"]: rng.choice((0.55, 0.62, 0.7, 0.76, 0.84, 0.9)) for q in questions}
        samples[sample["id"]] = {"cases": [make_case(rng, n, sample, questions, rules, leans)
                                           for n in range(1, sizes[sample["id"]] + 1)]}
    ref = f"{framework['id']}@{framework['version']}"
    return {
        "$schema": "../schemas/inspection.schema.json",
        "provider": provider,
        "fieldwork_start": fieldwork_start,
        "framework": ref,
        "notes": (
            f"SYNTHETIC DATA, not a real inspection: every case and judgement is invented. Generated by "
            f"examples/generate_synthetic_families.py with seed {seed}; rerunning it with that seed rewrites this file "
            f"byte for byte. It is rated under {ref}, which is PROVISIONAL: its banding, overall bands and much of its "
            "wording are assumed, each assumption marked in the framework file."
        ),
        "judgements": judgements,
        "samples": samples,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--into", type=Path, default=HERE, help="the folder to write to (default: beside this script)")
    args = parser.parse_args(argv)
    pools = {region: (folder, files) for region, folder, files in POOLED}
    for name, ref, provider, start, sizes in EXAMPLES:
        family, version = ref.split("@")
        framework = json.loads((FRAMEWORKS / family / f"{version}.json").read_text(encoding="utf-8"))
        document = generate(framework, provider, start, sizes, args.seed)
        if name in pools:
            folder, files = pools[name]
            (args.into / folder).mkdir(exist_ok=True)
            pooled_sample = next(s["id"] for s in framework["samples"] if s.get("pooled"))
            named = []
            for file_name, pdu_provider, pdu_start, size in files:
                pooled = pooled_inspection(framework, pooled_sample, pdu_provider, pdu_start, size, args.seed, name)
                data = (json.dumps(pooled, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
                (args.into / folder / file_name).write_bytes(data)
                named.append({"file": f"{folder}/{file_name}", "sha256": hashlib.sha256(data).hexdigest()})
                print(f"wrote {args.into / folder / file_name} (seed {args.seed}): {size} {pooled_sample}, pooled by {name}")
            document = {**{k: v for k, v in document.items() if k not in ("judgements", "samples")}, "pooled_from": named,
                        "judgements": document["judgements"], "samples": document["samples"]}
        output = args.into / name
        output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")
        counted = ", ".join(f"{len(s['cases'])} {sample}" for sample, s in document["samples"].items()) or "judgements only"
        print(f"wrote {output} (seed {args.seed}): {ref}, {counted}")


if __name__ == "__main__":
    main()
