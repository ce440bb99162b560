"""Hypothesis strategies: valid framework documents and inspections of them, generated at random.

``frameworks()`` draws a framework document (a dict, as it would be written to a JSON file) that
passes the schema, the meaning checks and the built-in plugins' checks: 1-3 domains of 1-4
standards, most rated by their lowest key question on one of 1-3 case samples and some by the
lead inspector's judgement; sub-sample rules built from ``equals``/``in``/``all``/``any``/``not``
on boolean and choice case attributes; 2-5 percentage bands with random integer or one-decimal
boundaries on a 3-5 point scale; exact or displayed banding, 0-2 decimal places, half-up or
half-even; optional professional discretion; overall bands covering 0 to the maximum score.

``inspections(doc)`` draws an inspection of such a framework that the engine must accept: each
sample either case by case (every case records every attribute of its sample and answers every key
question that applies to it; some answer 'n/a' where allowed, some excluded cases carry an answer
that is ignored) or as totals (counts or published percentages, with or without a sample size).

Everything here reads only the generated document: the helpers that say which cases a sub-sample
rule admits are written afresh, so that tests can recount what the engine counts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

RATING_NAMES = ["inadequate", "requires_improvement", "good", "outstanding", "exceptional"]
STATUSES = ["published", "reconstructed", "provisional", "draft"]
CHOICE_VALUES = ["community", "custody", "licence", "other"]
SAMPLE_IDS = ["s1", "s2", "s3"]
YES_NO = ["yes", "no"]
FIELDWORK = "2020-06-01"


# --- numbers -------------------------------------------------------------------------------------

def json_number(value: Fraction) -> int | float:
    """A whole or one-decimal Fraction as the JSON number a person would write (62.5, not 125/2)."""
    if value.denominator == 1:
        return int(value)
    assert (value * 10).denominator == 1, value
    return float(value)  # repr() of k/10 is the one-decimal text, which the engine reads exactly


def exact(number: int | float | str) -> Fraction:
    """The exact value of a JSON number as written (a float by its shortest repr, as the engine reads it)."""
    return Fraction(repr(number)) if isinstance(number, float) else Fraction(number)


def whole_or_tenths(low: int, high: int) -> st.SearchStrategy[Fraction]:
    """A Fraction in [low, high]: a whole number or a number with one decimal place."""
    whole = st.integers(low, high).map(Fraction)
    tenths = st.integers(low * 10, high * 10).map(lambda k: Fraction(k, 10))
    return st.one_of(whole, tenths)


def percentages() -> st.SearchStrategy[int | float]:
    """A published percentage (0-100), whole or with one or two decimal places, as a JSON number."""
    return st.one_of(
        st.integers(0, 100),
        st.integers(0, 1000).map(lambda k: json_number(Fraction(k, 10))),
        st.integers(0, 10000).map(lambda k: float(Fraction(k, 100)) if k % 100 else k // 100),
    )


# --- conditions ----------------------------------------------------------------------------------

def attribute_values(attribute: dict) -> list:
    return [True, False] if attribute["type"] == "boolean" else list(attribute["values"])


def holds(condition: dict, attributes: dict) -> bool:
    """Whether a case with ATTRIBUTES meets CONDITION (every attribute is recorded on generated cases)."""
    if "attribute" in condition:
        value = attributes[condition["attribute"]]
        allowed = [condition["equals"]] if "equals" in condition else condition["in"]
        return any(type(value) is type(a) and value == a for a in allowed)
    if "not" in condition:
        return not holds(condition["not"], attributes)
    if "all" in condition:
        return all(holds(part, attributes) for part in condition["all"])
    return any(holds(part, attributes) for part in condition["any"])


def combinations(attributes: list[dict]) -> list[dict]:
    """Every assignment of values to ATTRIBUTES (at most 4**3 = 64)."""
    names = [a["id"] for a in attributes]
    return [dict(zip(names, values, strict=True)) for values in itertools.product(*(attribute_values(a) for a in attributes))]


def pick(draw, options):
    """One of OPTIONS (shrinking towards the first); cheaper than building a sampled_from each time."""
    options = list(options)
    return options[draw(st.integers(0, len(options) - 1))]


def subset(draw, options, min_size: int, max_size: int) -> list:
    """MIN_SIZE to MAX_SIZE distinct items of OPTIONS, in a drawn order."""
    remaining = list(options)
    chosen = []
    for _ in range(draw(st.integers(min_size, min(max_size, len(remaining))))):
        chosen.append(remaining.pop(draw(st.integers(0, len(remaining) - 1))))
    return chosen


def distinct(draw, low: int, high: int, count: int) -> list[int]:
    """COUNT distinct integers in [low, high] (which must hold that many)."""
    chosen: list[int] = []
    for drawn in range(count):
        value = draw(st.integers(low, high - drawn))  # the value-th integer not yet chosen
        for taken in sorted(chosen):
            if value >= taken:
                value += 1
        chosen.append(value)
    return chosen


def draw_condition(draw, attributes: list[dict], depth: int = 0) -> dict:
    """A condition on ATTRIBUTES: equals / in leaves under all / any / not, at most three levels deep."""
    kind = draw(st.integers(0, 4)) if depth < 2 else draw(st.integers(0, 1))
    if kind <= 1:
        attribute = pick(draw, attributes)
        values = attribute_values(attribute)
        if kind == 0:
            return {"attribute": attribute["id"], "equals": pick(draw, values)}
        return {"attribute": attribute["id"], "in": subset(draw, values, 1, len(values))}
    if kind == 4:
        return {"not": draw_condition(draw, attributes, depth + 1)}
    parts = [draw_condition(draw, attributes, depth + 1) for _ in range(draw(st.integers(1, 3)))]
    return {"all" if kind == 2 else "any": parts}


# --- frameworks ----------------------------------------------------------------------------------

SOURCE = {"section": "Generated by tests/strategies.py"}


@st.composite
def frameworks(draw) -> dict[str, Any]:
    """A valid framework document (see the module docstring)."""
    # The rating scale: 3-5 points, scores that never fall.
    points = draw(st.integers(3, 5))
    score = draw(st.integers(0, 1))
    scale = []
    for index in range(points):
        if index:
            score += draw(st.integers(0, 3))
        scale.append({"id": RATING_NAMES[index], "label": RATING_NAMES[index].replace("_", " ").capitalize(), "score": score})
    rating_ids = [r["id"] for r in scale]

    # Percentage bands: 2-5, boundaries strictly increasing in (0, 100], ratings that never fall.
    count = draw(st.integers(2, 5))
    if draw(st.booleans()):
        boundaries = [Fraction(k) for k in sorted(distinct(draw, 1, 100, count - 1))]
    else:
        boundaries = [Fraction(k, 10) for k in sorted(distinct(draw, 1, 1000, count - 1))]
    ranks = sorted(draw(st.integers(0, points - 1)) for _ in range(count))
    starts = [Fraction(0), *boundaries]
    bands = []
    for index in range(count):
        band = {"id": f"band-{index}", "label": f"Band {index}", "at_least": json_number(starts[index])}
        if index < count - 1:
            band["below"] = json_number(boundaries[index])
        band["rating"] = rating_ids[ranks[index]]
        bands.append(band)
    banding = {
        "decide_on": pick(draw, ["exact", "displayed"]),
        "display": {"decimal_places": draw(st.integers(0, 2)), "rounding": pick(draw, ["half-up", "half-even"])},
        "bands": bands,
    }

    # Samples, each with 0-3 case attributes (ids unique across the framework), and sub-sample rules on them.
    samples = []
    sub_samples = []
    rules_of: dict[str, list[str]] = {}
    for sample_id in SAMPLE_IDS[:draw(st.integers(1, 3))]:
        attributes = []
        for index in range(draw(st.integers(0, 3))):
            if draw(st.booleans()):
                attributes.append({"id": f"{sample_id}_flag{index}", "type": "boolean", "description": f"Flag {index}."})
            else:
                values = subset(draw, CHOICE_VALUES, 1, 4)
                attributes.append({"id": f"{sample_id}_kind{index}", "type": "choice", "values": values, "description": f"Kind {index}."})
        sample = {"id": sample_id, "label": f"Sample {sample_id}"}
        if attributes or draw(st.booleans()):
            sample["case_attributes"] = attributes
        samples.append(sample)
        rules_of[sample_id] = []
        if attributes:
            every = combinations(attributes)
            for index in range(draw(st.integers(0, 3))):
                # A rule no case can meet would make every inspection invalid (no applicable cases).
                when = draw_condition(draw, attributes)
                if not any(holds(when, combo) for combo in every):
                    when = {"not": when}  # no case could meet it, so every case meets its negation
                rule_id = f"{sample_id}-rule{index}"
                sub_samples.append({"id": rule_id, "description": f"rule {index} of {sample_id}", "when": when})
                rules_of[sample_id].append(rule_id)

    # Domains and standards.
    domains = []
    case_standards = []
    for d in range(1, draw(st.integers(1, 3)) + 1):
        standards = []
        for s in range(1, draw(st.integers(1, 4)) + 1):
            standard_id = f"{d}.{s}"
            standard = {"id": standard_id, "title": f"Standard {standard_id}", "statement": f"Standard {standard_id} is met."}
            if draw(st.integers(0, 4)) == 0:
                standard["rating_method"] = "lead-inspector-judgement"
                standard["key_questions"] = [
                    {"id": f"{standard_id}.{k}", "text": f"Question {standard_id}.{k}?", "evidence": "qualitative"}
                    for k in range(1, draw(st.integers(1, 3)) + 1)]
            else:
                sample_id = pick(draw, [s_["id"] for s_ in samples])
                standard["rating_method"] = "lowest-key-question"
                standard["sample"] = sample_id
                kinds = ["case"] * draw(st.integers(1, 4))
                if draw(st.integers(0, 5)) == 0:  # now and then a qualitative key question beside the counted ones
                    kinds.insert(draw(st.integers(0, len(kinds))), "qualitative")
                questions = []
                for k, kind in enumerate(kinds, start=1):
                    question_id = f"{standard_id}.{k}"
                    question = {"id": question_id, "text": f"Question {question_id}?"}
                    if kind == "qualitative":
                        question["evidence"] = "qualitative"
                    else:
                        question["evidence"] = "case-sample"
                        answers = pick(draw, [None, None, ["yes", "no"], ["yes", "no", "n/a"], ["n/a", "no", "yes"]])
                        if answers is not None:
                            question["answers"] = answers
                        rules = rules_of[sample_id]
                        if rules and draw(st.booleans()):
                            question["sub_sample"] = pick(draw, rules)
                        prompts = []
                        for p in "abc"[:draw(st.integers(0, 2))]:
                            prompt = {"id": f"{question_id}.{p}", "text": f"Prompt {question_id}.{p}?"}
                            if rules and draw(st.integers(0, 2)) == 0:
                                prompt["sub_sample"] = pick(draw, rules)
                            prompts.append(prompt)
                        if prompts:
                            question["prompts"] = prompts
                    questions.append(question)
                standard["key_questions"] = questions
                case_standards.append(standard_id)
            standards.append(standard)
        domains.append({"id": str(d), "title": f"Domain {d}", "standards": standards})

    # Overall bands: 0 to the maximum score, cut into 1-5 bands whose ratings never fall.
    standard_count = sum(len(d["standards"]) for d in domains)
    maximum = standard_count * scale[-1]["score"]
    pieces = draw(st.integers(1, min(5, maximum + 1)))
    cuts = sorted(distinct(draw, 1, maximum, pieces - 1))
    overall_ranks = sorted(draw(st.integers(0, points - 1)) for _ in range(pieces))
    edges = [0, *cuts, maximum + 1]
    overall = {"method": "sum-of-scores", "bands": [
        {"from": edges[i], "to": edges[i + 1] - 1, "rating": rating_ids[overall_ranks[i]]} for i in range(pieces)]}

    document: dict[str, Any] = {
        "id": "gen",
        "version": "1",
        "title": "A generated framework",
        "status": pick(draw, STATUSES),
        "effective_from": "2020-01-01",
        "provenance": {"documents": [{"id": "tests", "title": "Generated", "publisher": "tests"}]},
        "ratings": {"scale": scale},
        "banding": banding,
        "samples": samples,
        "sub_samples": sub_samples,
        "domains": domains,
        "overall": overall,
    }
    if draw(st.booleans()):
        document["caveats"] = ["Generated at random."]
    if draw(st.integers(0, 2)):
        document["discretion"] = {
            "standards": subset(draw, case_standards, 0, len(case_standards)),
            "within_percentage_points": json_number(draw(whole_or_tenths(0, 10))),
            "one_case_rule": draw(st.booleans()),
            "max_bands": draw(st.integers(1, 2)),
        }
    if draw(st.booleans()):
        document["banding"]["source"] = dict(SOURCE)
    return document


# --- reading a generated framework document -----------------------------------------------------

def standards_of(doc: dict) -> list[dict]:
    return [s for d in doc["domains"] for s in d["standards"]]


def counted_questions(doc: dict, sample_id: str) -> list[dict]:
    """The case-sample key questions judged on SAMPLE_ID, in framework order."""
    return [q for s in standards_of(doc) if s.get("sample") == sample_id for q in s["key_questions"] if q["evidence"] == "case-sample"]


def used_samples(doc: dict) -> list[str]:
    """The samples some standard's counted key questions are judged on, in framework order."""
    return list(dict.fromkeys(s["sample"] for s in standards_of(doc)
                              if s.get("sample") and any(q["evidence"] == "case-sample" for q in s["key_questions"])))


def sample_attributes(doc: dict, sample_id: str) -> list[dict]:
    return next(s for s in doc["samples"] if s["id"] == sample_id).get("case_attributes", [])


def answers_of(question: dict) -> list[str]:
    return list(question.get("answers", YES_NO))


def admits(doc: dict, rule_id: str | None, attributes: dict) -> bool:
    """Whether the sub-sample rule RULE_ID (None: no rule) admits a case with ATTRIBUTES."""
    if rule_id is None:
        return True
    rule = next(r for r in doc["sub_samples"] if r["id"] == rule_id)
    return holds(rule["when"], attributes)


def prompts_of(questions: Iterable[dict]) -> list[tuple[dict, dict]]:
    return [(q, p) for q in questions for p in q.get("prompts", [])]


# --- inspections ---------------------------------------------------------------------------------

@st.composite
def case_samples(draw, doc: dict, sample_id: str) -> dict:
    """A case-level sample: 1-12 cases (more where a sub-sample needs a case), valid by construction."""
    attributes = sample_attributes(doc, sample_id)
    questions = counted_questions(doc, sample_id)
    every = combinations(attributes)
    chosen = [pick(draw, every) for _ in range(draw(st.integers(1, 12)))]
    # Each key question needs a case in its sub-sample.
    for question in questions:
        rule = question.get("sub_sample")
        if not any(admits(doc, rule, c) for c in chosen):
            chosen.append(pick(draw, [c for c in every if admits(doc, rule, c)]))
    cases = []
    for index, attrs in enumerate(chosen):
        answers = {}
        for question in questions:
            if admits(doc, question.get("sub_sample"), attrs):
                answers[question["id"]] = pick(draw, answers_of(question))
            elif draw(st.integers(0, 4)) == 0:
                answers[question["id"]] = pick(draw, answers_of(question))  # outside its sub-sample: ignored
        case: dict[str, Any] = {"id": f"C{index + 1}"}
        if attrs or draw(st.booleans()):
            case["attributes"] = dict(attrs)
        case["key_questions"] = answers
        prompts = {p["id"]: pick(draw, ["yes", "no", "n/a"]) for _, p in prompts_of(questions) if draw(st.booleans())}
        if prompts:
            case["prompts"] = prompts
        cases.append(case)
    # ...and at least one case in it answered yes or no, not every one 'n/a'.
    for question in questions:
        qid = question["id"]
        admitted = [c for c, attrs in zip(cases, chosen, strict=True) if admits(doc, question.get("sub_sample"), attrs)]
        if all(c["key_questions"][qid] == "n/a" for c in admitted):
            admitted[draw(st.integers(0, len(admitted) - 1))]["key_questions"][qid] = pick(draw, YES_NO)
    return {"cases": cases}


def decimal_number(value: Fraction) -> int | float:
    """A Fraction with at most three decimal places, as a JSON number that reads back exactly."""
    if value.denominator == 1:
        return int(value)
    number = float(value)
    assert Fraction(repr(number)) == value, value
    return number


def _total(draw, doc: dict, of_low: int, of_high: int, fixed_of: int | None = None) -> dict:
    """A total for a key question or prompt: counts (OF fixed or drawn), or a published percentage;
    often near a band boundary, where rounding for display can cross it."""
    mode = draw(st.integers(0, 7))
    percent = mode in (0, 1)
    if mode in (1, 2, 3):
        boundary = pick(draw, [exact(b["at_least"]) for b in doc["banding"]["bands"][1:]])
        if percent:
            step = Fraction(1, 10 ** (doc["banding"]["display"]["decimal_places"] + 1))
            value = min(max(boundary + draw(st.integers(-9, 9)) * step, Fraction(0)), Fraction(100))
            return {"percent": decimal_number(value)}
        of = fixed_of if fixed_of is not None else draw(st.integers(of_low, of_high))
        yes = min(max(int(boundary * of / 100) + draw(st.integers(-1, 1)), 0), of)
        return {"yes": yes, "of": of}
    if percent:
        return {"percent": draw(percentages())}
    of = fixed_of if fixed_of is not None else draw(st.integers(of_low, of_high))
    return {"yes": draw(st.integers(0, of)), "of": of}


@st.composite
def aggregate_samples(draw, doc: dict, sample_id: str) -> dict:
    """Totals for a sample: counts or published percentages, with or without the sample's size."""
    questions = counted_questions(doc, sample_id)
    size = draw(st.none() | st.integers(1, 60) | st.integers(1, 400))
    results = {}
    for question in questions:
        applies_to_all = "sub_sample" not in question and "n/a" not in answers_of(question)
        results[question["id"]] = _total(draw, doc, 1, size or 400, size if size is not None and applies_to_all else None)
    sample: dict[str, Any] = {}
    if size is not None:
        sample["size"] = size
    sample["results"] = results
    prompts = {p["id"]: _total(draw, doc, 1, size or 400) for _, p in prompts_of(questions) if draw(st.integers(0, 2)) == 0}
    if prompts:
        sample["prompts"] = prompts
    return sample


@st.composite
def inspections(draw, doc: dict, kind: str | None = None) -> dict:
    """An inspection of DOC; KIND 'cases' or 'totals' makes every sample so, else each is drawn."""
    judgements = {
        s["id"]: {"rating": pick(draw, [r["id"] for r in doc["ratings"]["scale"]]), "rationale": f"Judged {s['id']}."}
        for s in standards_of(doc) if s["rating_method"] == "lead-inspector-judgement"}
    samples = {}
    for sample_id in used_samples(doc):
        how = kind or pick(draw, ["cases", "totals"])
        samples[sample_id] = draw(case_samples(doc, sample_id) if how == "cases" else aggregate_samples(doc, sample_id))
    inspection: dict[str, Any] = {"provider": "Generated provider", "fieldwork_start": FIELDWORK,
                                  "framework": f"{doc['id']}@{doc['version']}"}
    if judgements or draw(st.booleans()):
        inspection["judgements"] = judgements
    inspection["samples"] = samples
    if draw(st.booleans()):
        inspection["notes"] = "Generated at random."
    return inspection


@st.composite
def frameworks_and_inspections(draw, kind: str | None = None) -> tuple[dict, dict]:
    doc = draw(frameworks())
    return doc, draw(inspections(doc, kind))


def discretion_records(draw, doc: dict, result: dict) -> dict:
    """Discretion the ratings panel might record, given the result without any: on some standards the
    framework allows it on, a rating within max_bands of the indicative one; 'override' wherever the
    result says discretion is not eligible (and now and then where it is)."""
    rule = doc.get("discretion")
    if not rule:
        return {}
    ids = [r["id"] for r in doc["ratings"]["scale"]]
    records = {}
    for standard in result["standards"]:
        if standard["id"] not in rule["standards"] or not draw(st.booleans()):
            continue
        rank = ids.index(standard["indicative_rating"])
        reachable = ids[max(0, rank - rule["max_bands"]):rank + rule["max_bands"] + 1]
        record = {"rating": pick(draw, reachable), "rationale": "Panel decision."}
        if standard["discretion"]["eligible"] is False or draw(st.integers(0, 3)) == 0:
            record["override"] = True
        records[standard["id"]] = record
    return records
