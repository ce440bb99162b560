"""Counting a clean sample a key question at a time (engine/rating/clean_count.py) against counting it case by case.

The two must give the same counts and the same problems, in the same order, on every sample: the
examples as they are, and changed one step at a time into every kind of problem counting reports.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest

from ratings_engine.io.jsonio import sha256
from ratings_engine.rating.clean_count import count_clean
from ratings_engine.rating.counting import Problems, _Counting, _kept_plan, count_case_by_case, count_cases
from ratings_engine.rating.inspection import load_inspection

ROOT = Path(__file__).resolve().parent.parent
#: Inspections of cases, each with the framework file it is rated under (None: the one it names).
CASE_EXAMPLES = [(f"examples/{name}.json", None) for name in (
    "synthetic-crc-2019", "synthetic-nps-2019", "synthetic-youth-2022", "synthetic-youth-2025", "synthetic-pdu-2023")] + [
    ("docs/examples/example-dynamic-inspection.json", "docs/examples/example-dynamic-framework.json")]  # question sets


class _Found(list):
    """The problems a count reports, in order."""

    def add(self, *problem) -> None:
        self.append(problem)


def _both_ways(framework, sample_id, cases):
    found = {"clean": [], "by case": []}
    counted = {
        "clean": count_cases(framework, framework.samples[sample_id], cases, "/s", Problems(lambda *p: found["clean"].append(p))),
        "by case": count_case_by_case(framework, framework.samples[sample_id], cases, "/s",
                                      Problems(lambda *p: found["by case"].append(p))),
    }
    return counted, found


def _changed(cases: list, chance: random.Random) -> list:
    """CASES with one thing changed, as an inspector's slip or a spreadsheet's would change it."""
    cases = copy.deepcopy(cases)
    case = chance.choice(cases)
    step = chance.randrange(11)
    answers, prompts = case["key_questions"], case.setdefault("prompts", {})
    if step == 0 and answers:
        del answers[chance.choice(sorted(answers))]
    elif step == 1 and answers:
        answers[chance.choice(sorted(answers))] = chance.choice(["n/a", "maybe", None, "yes", "no"])
    elif step == 2:
        answers["9.9.9"] = "yes"
    elif step == 3:
        prompts["9.9.9.z"] = "no"
    elif step == 4 and prompts:
        prompts[chance.choice(sorted(prompts))] = chance.choice([None, "n/a", "yes"])  # the schema allows no other
    elif step == 5 and prompts:
        del prompts[chance.choice(sorted(prompts))]
    elif step == 6:
        case["id"] = chance.choice(cases)["id"]
    elif step == 7 and case.get("attributes"):
        name = chance.choice(sorted(case["attributes"]))
        case["attributes"][name] = chance.choice([1, 0, "other", True, False, None])
    elif step == 8 and case.get("attributes"):
        del case["attributes"][chance.choice(sorted(case["attributes"]))]
    elif step == 9:
        case.pop("attributes", None)
    else:
        case.setdefault("attributes", {})["unheard_of"] = True
    return cases


@pytest.mark.parametrize(("example", "framework_file"), CASE_EXAMPLES)
def test_clean_and_case_by_case_counts_agree(engine, example, framework_file):
    document = json.loads((ROOT / example).read_text(encoding="utf-8"))
    framework = (engine.choose_framework(document).framework if framework_file is None
                 else engine.framework(str(ROOT / framework_file)))
    samples = {sid: s["cases"] for sid, s in document["samples"].items() if "cases" in s and sid in framework.samples}
    assert samples, "the example has no sample of cases"
    chance = random.Random(example)
    for sample_id, cases in samples.items():
        counted, found = _both_ways(framework, sample_id, cases)
        assert counted["clean"] == counted["by case"] and found["clean"] == found["by case"] == []
        for _ in range(60):
            changed = _changed(cases, chance)
            for _ in range(chance.randrange(3)):
                changed = _changed(changed, chance)
            counted, found = _both_ways(framework, sample_id, changed)
            assert found["clean"] == found["by case"]
            assert counted["clean"] == counted["by case"]


@pytest.mark.parametrize(("example", "framework_file"), CASE_EXAMPLES)
@pytest.mark.parametrize("prompt_figures", [True, False])
def test_a_sample_without_problems_is_counted_a_key_question_at_a_time(engine, example, framework_file, prompt_figures):
    # The quick count gives up (None) at any sign of a problem, and the counts are then right but found
    # case by case, several times slower: on the examples, which have no problem, it must not give up.
    document = json.loads((ROOT / example).read_text(encoding="utf-8"))
    framework = (engine.choose_framework(document).framework if framework_file is None
                 else engine.framework(str(ROOT / framework_file)))
    for sample_id, sample in document["samples"].items():
        if "cases" in sample and sample_id in framework.samples:
            planned = framework.samples[sample_id]
            counting = _Counting(framework, _kept_plan(framework, planned), planned, Problems(_Found().add))
            assert count_clean(counting, sample["cases"], prompt_figures) is not None, sample_id


@pytest.mark.parametrize(("example", "framework_file"), CASE_EXAMPLES)
def test_without_prompt_figures_the_same_problems_and_the_same_answers_ignored(engine, example, framework_file):
    # An evaluation for its ratings alone leaves the prompts' figures uncounted: it must still find every
    # problem, count the key questions alike, and count the prompts' excluded cases and ignored answers.
    document = json.loads((ROOT / example).read_text(encoding="utf-8"))
    framework = (engine.choose_framework(document).framework if framework_file is None
                 else engine.framework(str(ROOT / framework_file)))
    chance = random.Random(example + " without prompt figures")
    for sample_id, sample in document["samples"].items():
        if "cases" not in sample or sample_id not in framework.samples:
            continue
        variants = [sample["cases"]] + [_changed(sample["cases"], chance) for _ in range(40)]
        for cases in variants:
            problems = (_Found(), _Found())
            full = count_cases(framework, framework.samples[sample_id], cases, "/s", Problems(problems[0].add))
            lean = count_cases(framework, framework.samples[sample_id], cases, "/s", Problems(problems[1].add), prompt_figures=False)
            assert problems[1] == problems[0]
            assert lean[0] == full[0]
            assert {p: (c["excluded"], c["ignored"]) for p, c in lean[1].items()} == {
                p: (c["excluded"], c["ignored"]) for p, c in full[1].items()}


@pytest.mark.parametrize("example", ["synthetic-crc-2019", "synthetic-nps-2019"])
def test_an_evaluation_without_prompt_figures_rates_and_warns_alike(engine, example):
    document, raw = load_inspection(ROOT / "examples" / f"{example}.json")
    framework = engine.choose_framework(document).framework
    # Every prompt answered by every case, so that cases outside a prompt's sub-sample answer it (ignored, and warned of).
    for sample_id, sample in document["samples"].items():
        prompts = [p.id for q in framework.key_questions_of_sample(sample_id) for p in q.prompts]
        for case in sample.get("cases", []):
            case["prompts"] = {prompt_id: case.get("prompts", {}).get(prompt_id, "yes") for prompt_id in prompts}
    full = engine.evaluate_under(framework, document, raw, example)
    lean = engine.evaluate_under(framework, document, raw, example, prompt_figures=False, hashed=False)
    assert [(s.standard.id, s.rating) for s in lean.standards] == [(s.standard.id, s.rating) for s in full.standards]
    assert (lean.rating, lean.score, lean.warnings) == (full.rating, full.score, full.warnings)
    if example == "synthetic-crc-2019":
        assert any("to prompt" in warning["message"] for warning in lean.warnings)
    assert any(tally.prompts for tally in full.samples.values())
    assert not any(tally.prompts for tally in lean.samples.values())
    assert lean.input_sha256 is None and full.input_sha256 == sha256(raw)
