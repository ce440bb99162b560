"""Properties of evaluation that hold for any valid framework and inspection, over generated ones.

Frameworks and inspections come from tests/strategies.py (valid by construction: the engine must
accept every one). Expected figures (counts, bands, rounding, overall bands) are recomputed here
from the generated documents with Fractions, never by calling the engine's own banding.
"""

from __future__ import annotations

import copy
import json
import os
import random
from fractions import Fraction
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from ratings_engine.errors import InvalidInputError
from ratings_engine.io.jsonio import to_json_text
from ratings_engine.io.schemas import schema_problems
from ratings_engine.model.load import framework_from_bytes
from ratings_engine.plugin_host.registry import load_registry
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.result import result_document

from strategies import (
    admits,
    counted_questions,
    discretion_records,
    exact,
    frameworks_and_inspections,
    prompts_of,
    standards_of,
)

# Built once: the registry is pure. Only the engine's own plugins, whatever else is installed.
with mock.patch.dict(os.environ, {"RATINGS_DISABLE_PLUGINS": "all"}):
    REGISTRY = load_registry()


#: Multiplies every property's example count, for a longer search: PROPERTY_EXAMPLES_SCALE=20 pytest tests/test_properties.py
SCALE = int(os.environ.get("PROPERTY_EXAMPLES_SCALE", "1"))


def examples(count: int):
    """Settings for a property: COUNT examples (sized so that this file runs in well under 40 s on two
    cores), no deadline (the first example pays for imports)."""
    return settings(max_examples=count * SCALE, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


# --- running the engine --------------------------------------------------------------------------

def build(doc: dict):
    try:
        return framework_from_bytes(json.dumps(doc).encode(), "generated.json", REGISTRY)
    except InvalidInputError as error:
        raise AssertionError("a generated framework was rejected: " + "; ".join(
            f"{p.pointer}: {p.message} [{p.code}]" for p in error.problems)) from None


def rate(framework, inspection: dict) -> dict:
    try:
        return result_document(evaluate(framework, inspection, REGISTRY))
    except InvalidInputError as error:
        raise AssertionError("a generated inspection was rejected: " + "; ".join(
            f"{p.pointer}: {p.message} [{p.code}]" for p in error.problems)) from None


def rate_doc(doc: dict, inspection: dict) -> dict:
    return rate(build(doc), inspection)


# --- independent recomputation from the generated documents -------------------------------------

def rank_of(doc: dict) -> dict[str, int]:
    return {r["id"]: i for i, r in enumerate(doc["ratings"]["scale"])}


def rounded(value: Fraction, places: int, rounding: str) -> Fraction:
    """VALUE (>= 0) rounded to PLACES decimal places, half-up or half-even."""
    scale = 10 ** places
    scaled = value * scale
    whole = scaled.numerator // scaled.denominator
    rest = scaled - whole
    half = Fraction(1, 2)
    if rest > half or (rest == half and (rounding == "half-up" or whole % 2 == 1)):
        whole += 1
    return Fraction(whole, scale)


def band_containing(doc: dict, value: Fraction) -> dict:
    found = [b for b in doc["banding"]["bands"]
             if exact(b["at_least"]) <= value and ("below" not in b or value < exact(b["below"]))]
    assert len(found) == 1, (value, doc["banding"]["bands"])
    return found[0]


def shown(doc: dict, percent: Fraction) -> Fraction:
    display = doc["banding"]["display"]
    return rounded(percent, display["decimal_places"], display["rounding"])


def expected_band(doc: dict, percent: Fraction) -> dict:
    deciding = percent if doc["banding"]["decide_on"] == "exact" else shown(doc, percent)
    return band_containing(doc, deciding)


def expected_key_questions(doc: dict, inspection: dict) -> dict[str, dict[str, Any]]:
    """Each counted key question's figures, recounted from the inspection: yes, of, n/a, excluded, exact percent."""
    expected = {}
    for sample_id, data in inspection["samples"].items():
        for question in counted_questions(doc, sample_id):
            qid, rule = question["id"], question.get("sub_sample")
            if "cases" in data:
                tally = {"yes": 0, "no": 0, "n/a": 0, "excluded": 0}
                for case in data["cases"]:
                    if admits(doc, rule, case.get("attributes", {})):
                        tally[case["key_questions"][qid]] += 1
                    else:
                        tally["excluded"] += 1
                of = tally["yes"] + tally["no"]
                expected[qid] = {"yes": tally["yes"], "of": of, "not_applicable": tally["n/a"], "excluded": tally["excluded"],
                                 "percent": Fraction(100 * tally["yes"], of), "cases": len(data["cases"])}
            else:
                total = data["results"][qid]
                if "percent" in total:
                    expected[qid] = {"yes": None, "of": None, "percent": exact(total["percent"])}
                else:
                    expected[qid] = {"yes": total["yes"], "of": total["of"], "percent": Fraction(100 * total["yes"], total["of"]),
                                     "size": data.get("size")}
    return expected


def expected_prompts(doc: dict, inspection: dict) -> dict[str, dict[str, int]]:
    """Each prompt's tally over a case-level sample where the inspection records it."""
    expected = {}
    for sample_id, data in inspection["samples"].items():
        if "cases" not in data:
            continue
        for question, prompt in prompts_of(counted_questions(doc, sample_id)):
            tally = {"yes": 0, "no": 0, "n/a": 0, "excluded": 0, "not_answered": 0, "ignored": 0}
            for case in data["cases"]:
                answer = case.get("prompts", {}).get(prompt["id"])
                attributes = case.get("attributes", {})
                # A prompt's own sub-sample decides alone; without one, its key question's does.
                if not admits(doc, prompt.get("sub_sample") or question.get("sub_sample"), attributes):
                    tally["excluded"] += 1
                    tally["ignored"] += answer is not None
                elif answer is None:
                    tally["not_answered"] += 1
                else:
                    tally[answer] += 1
            if tally["yes"] + tally["no"] or tally["n/a"] or tally["ignored"]:
                expected[prompt["id"]] = {**tally, "cases": len(data["cases"])}
    return expected


def all_key_questions(result: dict) -> list[dict]:
    return [kq for s in result["standards"] for kq in s["key_questions"]]


# --- 1. monotonicity -----------------------------------------------------------------------------

@examples(60)
@given(pair=frameworks_and_inspections(), data=st.data())
def test_one_more_yes_never_lowers_a_rating(pair, data):
    """One 'no' becoming 'yes' (case by case) or one more 'yes' (totals) never lowers any standard's
    indicative rating, nor the overall score."""
    doc, inspection = pair
    places = []
    for sample_id, sample in inspection["samples"].items():
        for question in counted_questions(doc, sample_id):
            qid = question["id"]
            if "cases" in sample:
                places += [(sample_id, i, qid) for i, case in enumerate(sample["cases"])
                           if admits(doc, question.get("sub_sample"), case.get("attributes", {})) and case["key_questions"][qid] == "no"]
            elif "yes" in sample["results"][qid] and sample["results"][qid]["yes"] < sample["results"][qid]["of"]:
                places.append((sample_id, None, qid))
    assume(places)
    sample_id, index, qid = data.draw(st.sampled_from(places), label="changed")
    better = copy.deepcopy(inspection)
    if index is None:
        better["samples"][sample_id]["results"][qid]["yes"] += 1
    else:
        better["samples"][sample_id]["cases"][index]["key_questions"][qid] = "yes"
    framework = build(doc)
    before, after = rate(framework, inspection), rate(framework, better)
    rank = rank_of(doc)
    for old, new in zip(before["standards"], after["standards"], strict=True):
        assert rank[new["indicative_rating"]] >= rank[old["indicative_rating"]], (old["id"], qid)
    assert after["overall"]["score"] >= before["overall"]["score"]
    changed = next(kq for kq in all_key_questions(after) if kq["id"] == qid)
    assert Fraction(changed["percent_exact"]) > Fraction(next(kq for kq in all_key_questions(before) if kq["id"] == qid)["percent_exact"])


# --- 2. order ------------------------------------------------------------------------------------

def shuffle_keys(value: Any, rnd: random.Random) -> Any:
    """VALUE with the keys of every object in a random order (arrays keep theirs)."""
    if isinstance(value, dict):
        items = [(key, shuffle_keys(item, rnd)) for key, item in value.items()]
        rnd.shuffle(items)
        return dict(items)
    if isinstance(value, list):
        return [shuffle_keys(item, rnd) for item in value]
    return value


@examples(40)
@given(pair=frameworks_and_inspections(), rnd=st.randoms(use_true_random=False))
def test_order_of_cases_keys_and_samples_never_changes_the_result(pair, rnd):
    """Shuffling the cases of every sample, the keys of every object (so the samples too) in the
    inspection gives byte-identical JSON."""
    doc, inspection = pair
    reordered = shuffle_keys(inspection, rnd)
    for sample in reordered["samples"].values():
        if "cases" in sample:
            rnd.shuffle(sample["cases"])
    framework = build(doc)
    first, second = rate(framework, inspection), rate(framework, reordered)
    assert first["input"]["sha256"] is None
    assert to_json_text(first) == to_json_text(second)


def reorder_framework(doc: dict, rnd: random.Random) -> dict:
    """DOC with every object's keys shuffled, and the order of lists that are sets by meaning shuffled too:
    samples, case attributes, choice values, sub-sample rules, 'in' values, all/any parts, allowed
    answers and the standards discretion applies to."""
    unordered = {"samples", "case_attributes", "values", "sub_samples", "in", "all", "any", "answers", "standards"}

    def walk(value: Any, key: str | None, in_discretion: bool) -> Any:
        if isinstance(value, dict):
            items = [(k, walk(v, k, in_discretion or k == "discretion")) for k, v in value.items()]
            rnd.shuffle(items)
            return dict(items)
        if isinstance(value, list):
            items = [walk(v, None, in_discretion) for v in value]
            # 'standards' is a set only in discretion; in a domain it is the report order.
            if key in unordered and (key != "standards" or in_discretion):
                rnd.shuffle(items)
            return items
        return value

    return walk(doc, None, False)


@examples(25)
@given(pair=frameworks_and_inspections(), rnd=st.randoms(use_true_random=False))
def test_order_within_the_framework_file_never_changes_the_result(pair, rnd):
    """Shuffling the framework's object keys, its samples, sub-sample rules and other lists that are
    sets by meaning changes nothing in the result but the framework file's SHA-256."""
    doc, inspection = pair
    first, second = rate_doc(doc, inspection), rate_doc(reorder_framework(doc, rnd), inspection)
    second["framework"]["sha256"] = first["framework"]["sha256"]
    assert to_json_text(first) == to_json_text(second)


# --- 3. determinism ------------------------------------------------------------------------------

@examples(25)
@given(pair=frameworks_and_inspections())
def test_evaluating_twice_gives_identical_bytes(pair):
    """The same inspection under the same framework gives byte-identical JSON: twice with one
    Framework object, and again with the framework rebuilt from the same bytes; the inspection is not changed."""
    doc, inspection = pair
    before = json.dumps(inspection, sort_keys=True)
    framework = build(doc)
    first = to_json_text(rate(framework, inspection))
    assert to_json_text(rate(framework, inspection)) == first
    assert to_json_text(rate(build(doc), copy.deepcopy(inspection))) == first
    assert json.dumps(inspection, sort_keys=True) == before


# --- 4. ratings on the scale ---------------------------------------------------------------------

@examples(40)
@given(pair=frameworks_and_inspections(), data=st.data())
def test_every_rating_is_on_the_scale(pair, data):
    """Every rating in the result (band ratings, judgements, indicative, discretion, final, overall)
    is on the framework's scale with its own label and score; none is null, as every standard here is
    rated. Holds too with discretion recorded (by override where not eligible)."""
    doc, inspection = pair
    framework = build(doc)
    plain = rate(framework, inspection)
    records = data.draw(st.composite(lambda draw: discretion_records(draw, doc, plain))(), label="discretion")
    inspection = copy.deepcopy(inspection)
    if records:
        inspection["discretion"] = records
    result = rate(framework, inspection)
    scale = {r["id"]: r for r in doc["ratings"]["scale"]}
    rank = rank_of(doc)
    for standard in result["standards"]:
        for field in ("indicative_rating", "rating"):
            assert standard[field] in scale, (standard["id"], field, standard[field])
            assert standard[field + "_label"] == scale[standard[field]]["label"]
        assert standard["score"] == scale[standard["rating"]]["score"]
        for kq in standard["key_questions"]:
            assert kq["band_rating"] in scale
        if standard["judgement"] is not None:
            assert standard["judgement"]["rating"] == standard["indicative_rating"]
        exercised = standard["discretion"]["exercised"]
        if standard["id"] in records:
            assert exercised is not None
            assert exercised["from"] == standard["indicative_rating"]
            assert exercised["to"] == standard["rating"] == records[standard["id"]]["rating"]
            assert abs(rank[exercised["to"]] - rank[exercised["from"]]) <= doc["discretion"]["max_bands"]
        else:
            assert exercised is None and standard["rating"] == standard["indicative_rating"]
    assert result["overall"]["rating"] in scale
    assert result["overall"]["rating_label"] == scale[result["overall"]["rating"]]["label"]


# --- 5. counts -----------------------------------------------------------------------------------

@examples(40)
@given(pair=frameworks_and_inspections())
def test_counts_add_up(pair):
    """0 <= yes <= of for every key question and prompt with counts; case by case, of + n/a + excluded
    is the number of cases (and a prompt's, with those not answered); every count is the recount."""
    doc, inspection = pair
    result = rate_doc(doc, inspection)
    expected = expected_key_questions(doc, inspection)
    seen = all_key_questions(result)
    assert sorted(kq["id"] for kq in seen) == sorted(expected)
    for kq in seen:
        want = expected[kq["id"]]
        assert (kq["yes"], kq["of"]) == (want["yes"], want["of"]), kq["id"]
        if kq["yes"] is not None:
            assert 0 <= kq["yes"] <= kq["of"]
        if "cases" in want:
            assert (kq["not_applicable"], kq["excluded"]) == (want["not_applicable"], want["excluded"]), kq["id"]
            assert kq["of"] + kq["not_applicable"] + kq["excluded"] == want["cases"]
        elif want.get("size") is not None:
            assert kq["of"] + (kq["not_applicable"] or 0) + (kq["excluded"] or 0) == want["size"], kq["id"]
    prompts = expected_prompts(doc, inspection)
    for prompt in result["prompts"]:
        if prompt["yes"] is not None:
            assert 0 <= prompt["yes"] <= prompt["of"]
        if prompt["id"] in prompts:
            want = prompts[prompt["id"]]
            assert (prompt["yes"], prompt["of"], prompt["not_applicable"], prompt["excluded"], prompt["not_answered"]) == (
                want["yes"], want["yes"] + want["no"], want["n/a"], want["excluded"], want["not_answered"]), prompt["id"]
            assert prompt["of"] + prompt["not_applicable"] + prompt["excluded"] + prompt["not_answered"] == want["cases"]
    assert set(prompts) <= {p["id"] for p in result["prompts"]}


# --- 6. banding ----------------------------------------------------------------------------------

@examples(60)
@given(pair=frameworks_and_inspections())
def test_each_key_question_is_in_the_band_containing_its_percentage(pair):
    """A key question's band contains its exact percentage (decide_on exact) or its percentage as
    displayed (decide_on displayed), rounded half-up or half-even; the displayed figure is that
    rounding; a standard rated by its lowest key question gets the lowest band rating among them,
    driven by the lowest such key question (lowest percentage, then report order)."""
    doc, inspection = pair
    result = rate_doc(doc, inspection)
    expected = expected_key_questions(doc, inspection)
    places = doc["banding"]["display"]["decimal_places"]
    rank = rank_of(doc)
    for standard in result["standards"]:
        for kq in standard["key_questions"]:
            percent = expected[kq["id"]]["percent"]
            assert Fraction(kq["percent_exact"]) == percent, kq["id"]
            display = shown(doc, percent)
            assert kq["percent"] == (int(display) if places == 0 else float(display)), kq["id"]
            assert type(kq["percent"]) is (int if places == 0 else float)
            band = expected_band(doc, percent)
            assert (kq["band"], kq["band_label"], kq["band_rating"]) == (band["id"], band["label"], band["rating"]), (
                kq["id"], percent, doc["banding"])
        if standard["rating_method"] == "lowest-key-question":
            kqs = standard["key_questions"]
            lowest = min(range(len(kqs)), key=lambda i: (rank[kqs[i]["band_rating"]], Fraction(kqs[i]["percent_exact"]), i))
            assert standard["indicative_rating"] == kqs[lowest]["band_rating"]
            assert standard["driving_key_question"] == kqs[lowest]["id"]


# --- 7. overall ----------------------------------------------------------------------------------

@examples(40)
@given(pair=frameworks_and_inspections())
def test_overall_is_the_band_containing_the_sum_of_scores(pair):
    """The overall score is the sum of the standards' scores (each its final rating's score), the
    maximum is the top score times the standards, and the overall rating is the band containing it."""
    doc, inspection = pair
    result = rate_doc(doc, inspection)
    scores = {r["id"]: r["score"] for r in doc["ratings"]["scale"]}
    assert [s["id"] for s in result["standards"]] == [s["id"] for s in standards_of(doc)]
    assert all(s["score"] == scores[s["rating"]] for s in result["standards"])
    total = sum(s["score"] for s in result["standards"])
    overall = result["overall"]
    assert overall["score"] == total
    assert overall["max"] == len(standards_of(doc)) * max(scores.values())
    [band] = [b for b in doc["overall"]["bands"] if b["from"] <= total <= b["to"]]
    assert (overall["rating"], overall["band"]) == (band["rating"], {"from": band["from"], "to": band["to"]})


# --- 8. the result schema ------------------------------------------------------------------------

@examples(30)
@given(pair=frameworks_and_inspections())
def test_result_fits_its_schema(pair):
    """The result document fits schemas/result.schema.json (and the generated inspection fits its own schema)."""
    doc, inspection = pair
    assert schema_problems(inspection, "inspection", "x") == []
    result = rate_doc(doc, inspection)
    assert schema_problems(result, "result", "x") == []
    assert schema_problems(json.loads(to_json_text(result)), "result", "x") == []


# --- known engine bug: sub-sample rules are checked against other samples' attributes ----------------

def with_shadow_sample(doc: dict) -> dict:
    """DOC with one more sample, used by no standard, recording every case attribute of the other
    samples under the same id but with the other type (case attribute ids need only be unique within
    their sample)."""
    shadow = []
    for attribute in (a for s in doc["samples"] for a in s.get("case_attributes", [])):
        if attribute["type"] == "boolean":
            shadow.append({"id": attribute["id"], "type": "choice", "values": ["shadow"], "description": "Shadow."})
        else:
            shadow.append({"id": attribute["id"], "type": "boolean", "description": "Shadow."})
    changed = copy.deepcopy(doc)
    changed["samples"].append({"id": "shadow", "label": "Shadow", "case_attributes": shadow})
    return changed


@settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(pair=frameworks_and_inspections())
def test_another_samples_attributes_never_change_the_result(pair):
    """Adding a sample that no standard uses, whose case attributes reuse other samples' attribute ids
    with other types, is accepted and changes nothing in the result but the framework's SHA-256."""
    doc, inspection = pair
    assume(doc["sub_samples"])
    first, second = rate_doc(doc, inspection), rate_doc(with_shadow_sample(doc), inspection)
    second["framework"]["sha256"] = first["framework"]["sha256"]
    assert to_json_text(first) == to_json_text(second)
