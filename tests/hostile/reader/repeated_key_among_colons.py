"""A case answers a key question twice ("no", then "yes" further down), in a file whose free text is full of
colons, quotes, escaped quotes and brackets: the repeat is refused at its place by every command that reads
the file, and the same text without the repeat is read as it is."""

import json

#: Free text that writes, inside strings, what a member looks like outside one.
NOISY = 'Leaders said: "plans: \\"a\\": b" {not: [an, object]} \\\\": and "2.1.1": "yes"'


def _inspection(h, name: str, repeated: bool):
    document = h.load(h.example("synthetic-crc-2019.json").name)
    document.pop("$schema", None)
    for judgement in document["judgements"].values():
        judgement["rationale"] = NOISY
    case = document["samples"]["case-supervision"]["cases"][0]
    answers = {key: value for key, value in case["key_questions"].items() if key != "2.1.1"}
    case["key_questions"] = {"2.1.1": "no", "REPEAT" if repeated else "2.1.2": "yes", **answers}
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if repeated:
        text = text.replace('"REPEAT"', '"2.1.1"', 1)  # no JSON writer repeats a key: the careless hand does
    return h.write(name, text)


def run(h):
    _inspection(h, "corpus/twice.json", repeated=True)
    _inspection(h, "corpus/once.json", repeated=False)
    where = "/samples/case-supervision/cases/0/key_questions/2.1.1"
    h.ratings("evaluate", "corpus/twice.json").refused("duplicate-key", where, "'2.1.1' appears twice")
    h.ratings("validate", "corpus/twice.json").refused("duplicate-key", where)
    h.ratings("evaluate", "corpus/once.json").ok()
    h.ratings("impact", "--baseline", "hmip-crc@2019", "--draft", "hmip-crc@2019", "corpus", "--sweep", "bands.good=60:70",
              "--format", "json", "-o", "impact.json").ok()
    report = h.load("impact.json")
    assert report["counts"] == {"given": 2, "compared": 1, "not_rated": 1, "changed": 0}, report["counts"]
    (refused,) = report["not_rated"]
    assert refused["file"].endswith("twice.json") and refused["under"] == "both", refused
    assert any(where in reason and "[duplicate-key]" in reason for reason in refused["reasons"]), refused
