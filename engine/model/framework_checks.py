"""Meaning checks on a framework file that already fits the schema.

The schema can say a band has a number; only these checks can say the bands leave a gap, or that a
key question names a sub-sample rule that does not exist. Every problem is collected in one pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..errors import Problem, did_you_mean, pointer
from .area_checks import check_areas
from .case_checks import check_case_constructs
from .conditions import attribute_tests
from .proportions import to_fraction


class _Collector:
    def __init__(self, file: str | None):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, code: str, where: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(code, message, self.file, where, hint=hint))

    def unknown(self, what: str, name: str, where: str, known: Iterable[str]) -> None:
        known = list(known)
        self.add("unknown-reference", where, f"there is no {what} {name!r}",
                 did_you_mean(name, known) or (f"known: {', '.join(known)}" if known else None))


def check_framework(document: dict, file: str | None) -> list[Problem]:
    """Every meaning problem in a schema-valid framework document."""
    out = _Collector(file)
    rating_ids = [r["id"] for r in document["ratings"]["scale"]]
    _unique(out, [(r["id"], pointer("ratings", "scale", i, "id")) for i, r in enumerate(document["ratings"]["scale"])], "rating")
    _check_scale(out, document)
    _check_bands(out, document, rating_ids)

    samples = {s["id"]: s for s in document["samples"]}
    _unique(out, [(s["id"], pointer("samples", i, "id")) for i, s in enumerate(document["samples"])], "sample")
    for i, sample in enumerate(document["samples"]):
        attributes = sample.get("case_attributes", [])
        _unique(out, [(a["id"], pointer("samples", i, "case_attributes", j, "id")) for j, a in enumerate(attributes)], "case attribute")

    sub_samples = {r["id"]: r for r in document["sub_samples"]}
    _unique(out, [(r["id"], pointer("sub_samples", i, "id")) for i, r in enumerate(document["sub_samples"])], "sub-sample rule")

    ids: list[tuple[str, str]] = []
    for d, domain in enumerate(document["domains"]):
        ids.append((domain["id"], pointer("domains", d, "id")))
    _unique(out, ids, "domain")

    standard_ids: list[tuple[str, str]] = []
    question_ids: list[tuple[str, str]] = []
    prompt_ids: list[tuple[str, str]] = []
    for d, domain in enumerate(document["domains"]):
        for s, standard in enumerate(domain["standards"]):
            at = pointer("domains", d, "standards", s)
            standard_ids.append((standard["id"], at + "/id"))
            _check_standard(out, standard, at, samples, sub_samples)
            for q, question in enumerate(standard["key_questions"]):
                question_ids.append((question["id"], f"{at}/key_questions/{q}/id"))
                for p, prompt in enumerate(question.get("prompts", [])):
                    prompt_ids.append((prompt["id"], f"{at}/key_questions/{q}/prompts/{p}/id"))
    _unique(out, standard_ids, "standard")
    _unique(out, question_ids, "key question")
    _unique(out, prompt_ids, "prompt")

    _check_sub_sample_rules(out, document, samples, sub_samples)
    check_case_constructs(out.add, document)
    known_standards = [sid for sid, _ in standard_ids]
    if "discretion" in document:
        for i, sid in enumerate(document["discretion"]["standards"]):
            if sid not in known_standards:
                out.unknown("standard", sid, pointer("discretion", "standards", i), known_standards)
    _check_overall(out, document, rating_ids)
    check_areas(document, out.add, out.unknown, lambda bands, at, top, made_of: _score_bands(out, bands, rating_ids, at, top, made_of))
    _check_source_documents(out, document)
    if "effective_from" in document and "effective_to" in document:
        if document["effective_to"] < document["effective_from"]:
            out.add("effective-dates", "/effective_to",
                    f"effective_to ({document['effective_to']}) is before effective_from ({document['effective_from']})")
    return out.problems


def _check_source_documents(out: _Collector, document: dict) -> None:
    """Every 'source.document' names a document listed in provenance.documents."""
    known = [d["id"] for d in document["provenance"]["documents"]]
    stack: list[tuple[object, str]] = [(document, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            for key in ("source", "effective_source"):
                source = value.get(key)
                # A part may rest on one source or on a list of them.
                entries = [(source, f"{where}/{key}")] if isinstance(source, dict) else \
                    [(entry, f"{where}/{key}/{index}") for index, entry in enumerate(source)] if isinstance(source, list) else []
                for entry, at in entries:
                    if isinstance(entry, dict) and "document" in entry and entry["document"] not in known:
                        out.unknown("document", entry["document"], f"{at}/document", known)
            stack.extend((item, f"{where}/{key}") for key, item in value.items() if key not in ("source", "effective_source"))
        elif isinstance(value, list):
            stack.extend((item, f"{where}/{index}") for index, item in enumerate(value))


def _unique(out: _Collector, items: list[tuple[str, str]], what: str) -> None:
    counts = Counter(name for name, _ in items)
    for name, where in items:
        if counts[name] > 1:
            first = next(w for n, w in items if n == name)
            if where != first:
                out.add("duplicate-id", where, f"the {what} id {name!r} is used more than once", f"first used at {first}")


def _check_scale(out: _Collector, document: dict) -> None:
    scale = document["ratings"]["scale"]
    for i in range(1, len(scale)):
        if scale[i]["score"] < scale[i - 1]["score"]:
            out.add("rating-scale", pointer("ratings", "scale", i, "score"),
                    f"{scale[i]['label']} scores less than {scale[i - 1]['label']}, which is below it on the scale",
                    "list ratings from lowest to highest, with scores that do not fall")


def _check_bands(out: _Collector, document: dict, rating_ids: list[str]) -> None:
    bands = document["banding"]["bands"]
    _unique(out, [(b["id"], pointer("banding", "bands", i, "id")) for i, b in enumerate(bands)], "band")
    rank = {rid: i for i, rid in enumerate(rating_ids)}
    for i, band in enumerate(bands):
        at = pointer("banding", "bands", i)
        if band["rating"] not in rank:
            out.unknown("rating", band["rating"], at + "/rating", rating_ids)
        elif i and bands[i - 1]["rating"] in rank and rank[band["rating"]] < rank[bands[i - 1]["rating"]]:
            out.add("band-order", at + "/rating", f"band {band['id']!r} gives a lower rating than the band below it")
        low = to_fraction(band["at_least"])
        if i == 0 and low != 0:
            out.add("band-gap", at + "/at_least", f"the first band starts at {band['at_least']}%, leaving a gap below it",
                    "the first band must start at 0")
        if "below" in band:
            high = to_fraction(band["below"])
            if high <= low:
                out.add("band-order", at + "/below", f"band {band['id']!r} ends at or before it starts")
            if i == len(bands) - 1:
                out.add("band-gap", at + "/below",
                        f"the highest band stops below {band['below']}%, so a percentage from there to 100 has no band",
                        "leave out 'below' on the highest band")
            else:
                following = to_fraction(bands[i + 1]["at_least"])
                if following > high:
                    out.add("band-gap", pointer("banding", "bands", i + 1, "at_least"),
                            f"gap between bands: nothing covers {band['below']}% up to {bands[i + 1]['at_least']}%",
                            f"start band {bands[i + 1]['id']!r} at {band['below']}")
                elif following < high:
                    out.add("band-overlap", pointer("banding", "bands", i + 1, "at_least"),
                            f"bands overlap: {bands[i + 1]['at_least']}% up to {band['below']}% is in two bands",
                            f"start band {bands[i + 1]['id']!r} at {band['below']}")
        elif i < len(bands) - 1:
            out.add("band-gap", at, f"only the highest band may leave out 'below', but band {band['id']!r} does")


def _check_standard(out: _Collector, standard: dict, at: str, samples: dict, sub_samples: dict) -> None:
    counted = [q for q in standard["key_questions"] if q["evidence"] == "case-sample"]
    sample_id = standard.get("sample")
    if sample_id is not None and sample_id not in samples:
        out.unknown("sample", sample_id, at + "/sample", samples)
    if counted and sample_id is None:
        out.add("no-sample", at, f"standard {standard['id']} has key questions judged on cases but names no 'sample'",
                "add 'sample' with the id of the case sample, or, if the standard is not rated on cases, "
                "make its key questions qualitative")
    for q, question in enumerate(standard["key_questions"]):
        qat = f"{at}/key_questions/{q}"
        if not question["id"].startswith(standard["id"] + "."):
            out.add("id-form", qat + "/id", f"key question {question['id']!r} does not start with its standard's id {standard['id']!r}",
                    f"number it {standard['id']}.N")
        if question["evidence"] != "case-sample":
            for name in ("answers", "sub_sample"):
                if name in question:
                    out.add("qualitative-question", f"{qat}/{name}",
                            f"{question['id']} is qualitative evidence, so it has no per-case {name.replace('_', '-')}")
        elif "answers" in question and not {"yes", "no"} <= set(question["answers"]):
            out.add("answers", qat + "/answers", "a case-sample key question must allow both 'yes' and 'no'")
        places = [(question.get("sub_sample"), qat + "/sub_sample")]
        for p, prompt in enumerate(question.get("prompts", [])):
            if not prompt["id"].startswith(question["id"] + "."):
                out.add("id-form", f"{qat}/prompts/{p}/id",
                        f"prompt {prompt['id']!r} does not start with its key question's id {question['id']!r}",
                        f"number it {question['id']}.a, {question['id']}.b, ...")
            places.append((prompt.get("sub_sample"), f"{qat}/prompts/{p}/sub_sample"))
        for rule_id, where in places:
            if rule_id is None:
                continue
            if rule_id not in sub_samples:
                out.unknown("sub-sample rule", rule_id, where, sub_samples)
            elif sample_id in samples:
                attributes = {a["id"] for a in samples[sample_id].get("case_attributes", [])}
                for _, name, _, _ in attribute_tests(sub_samples[rule_id]["when"]):
                    if name not in attributes:
                        out.add("unknown-attribute", where,
                                f"sub-sample rule {rule_id!r} tests case attribute {name!r}, which sample {sample_id!r} does not record",
                                did_you_mean(name, attributes) or "add it to the sample's case_attributes")


def _check_sub_sample_rules(out: _Collector, document: dict, samples: dict, sub_samples: dict) -> None:
    # Each test must be able to succeed: the value must be one the attribute can take in every sample
    # the rule is used on (an attribute id is only unique within its own sample).
    used_on: dict[str, set[str]] = {}
    for domain in document["domains"]:
        for standard in domain["standards"]:
            for question in standard["key_questions"]:
                for item in [question, *question.get("prompts", [])]:
                    if item.get("sub_sample") and standard.get("sample") in samples:
                        used_on.setdefault(item["sub_sample"], set()).add(standard["sample"])
    for i, rule in enumerate(document["sub_samples"]):
        scope = sorted(used_on.get(rule["id"], ())) or list(samples)
        for path, name, values, value_path in attribute_tests(rule["when"]):
            at = pointer("sub_samples", i, "when", *path)
            definitions = [a for s in scope for a in samples[s].get("case_attributes", []) if a["id"] == name]
            if not definitions:
                known = [a["id"] for s in scope for a in samples[s].get("case_attributes", [])]
                out.unknown("case attribute", name, at + "/attribute", known)
                continue
            for attribute in (definitions if used_on.get(rule["id"]) else definitions[:1]):
                _check_values(out, name, attribute, values, value_path, at)


def _check_values(out: _Collector, name: str, attribute: dict, values: list, value_path: list, at: str) -> None:
    for value, where in zip(values, value_path, strict=True):
        ok = isinstance(value, bool) if attribute["type"] == "boolean" else value in attribute["values"]
        if not ok:
            expected = "true or false" if attribute["type"] == "boolean" else ", ".join(attribute["values"])
            message = f"{name!r} is never {value!r}; its values are {expected}"
            if not any(p.pointer == at + where and p.message == message for p in out.problems):
                out.add("attribute-value", at + where, message)


def _check_overall(out: _Collector, document: dict, rating_ids: list[str]) -> None:
    bands = document["overall"]["bands"]
    top = max(r["score"] for r in document["ratings"]["scale"])
    if document["overall"].get("from") == "areas":
        areas = len(document.get("areas", ()))
        if not areas:
            out.add("unknown-reference", "/overall/from", "the overall rating is made from the areas, but the framework has none",
                    "add 'areas', or leave out overall.from")
            return
        _score_bands(out, bands, rating_ids, pointer("overall", "bands"), areas * top, f"{areas} areas at {top}")
        return
    counted = [s for d in document["domains"] for s in d["standards"] if s.get("counts_towards_overall", True)]
    max_score = sum(s.get("weight", 1) for s in counted) * top
    _score_bands(out, bands, rating_ids, pointer("overall", "bands"), max_score, _counted_words(counted, top))


def _score_bands(out: _Collector, bands: list, rating_ids: list[str], at_bands: str, max_score: int, made_of: str) -> None:
    """Score bands (overall, or an area's) cover 0 to MAX_SCORE with no gap and no overlap; MADE_OF says how it is made."""
    expected_start = 0
    for i, band in enumerate(bands):
        at = f"{at_bands}/{i}"
        if band["rating"] not in rating_ids:
            out.unknown("rating", band["rating"], at + "/rating", rating_ids)
        if band["to"] < band["from"]:
            out.add("band-order", at + "/to", f"the band ends ({band['to']}) before it starts ({band['from']})")
        if band["from"] > expected_start:
            missing = f"{expected_start}" if band["from"] - 1 == expected_start else f"{expected_start} to {band['from'] - 1}"
            what = "overall bands" if at_bands == "/overall/bands" else "the area's bands"
            out.add("band-gap", at + "/from", f"gap in {what}: no band covers {missing}",
                    f"start this band at {expected_start}")
        elif band["from"] < expected_start:
            what = "overall bands" if at_bands == "/overall/bands" else "the area's bands"
            out.add("band-overlap", at + "/from", f"{what} overlap: {band['from']} to {expected_start - 1} is in two bands",
                    f"start this band at {expected_start}")
        expected_start = band["to"] + 1
    if bands and bands[-1]["to"] != max_score:
        what = "overall bands" if at_bands == "/overall/bands" else "area's bands"
        out.add("band-gap" if bands[-1]["to"] < max_score else "band-range", f"{at_bands}/{len(bands) - 1}/to",
                f"the {what} end at {bands[-1]['to']}, but the maximum score is {max_score} ({made_of})",
                f"end the highest band at {max_score}")


def _counted_words(counted: list[dict], top: int) -> str:
    """How the maximum score is made, as the band-range message says it: '10 standards at 3'."""
    weights = sum(s.get("weight", 1) for s in counted)
    if weights == len(counted):
        return f"{len(counted)} standards at {top}"
    return f"{len(counted)} standards at {top}, weighted {weights} in all"
