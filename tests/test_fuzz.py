"""Hostile and broken input, through the real command line: a bounded fuzz run, and one hand-written case per mutation.

The mutation engine is tests/fuzzing.py; run it at length with

    python tests/fuzzing.py --mutants 20000 --seed 1 --jobs 2

Every mutant must be rated ("valid") or refused with located problems ("rejected"): never a
traceback, an unlocated message, another exit code, or a wrong answer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratings_engine.cli import cli

import fuzzing

ROOT = Path(__file__).resolve().parent.parent
SY_2020 = ROOT / "examples" / "south-yorkshire-crc-2020.json"
YOUTH = ROOT / "examples" / "synthetic-youth-2019.json"
CRC_2019 = ROOT / "frameworks" / "hmip-crc" / "2019.json"

#: Mutation kinds that still find engine defects: the defects, and mutants (seed, as printed by tests/fuzzing.py) that show them.
KNOWN_FAILING: dict = {
}
BOUNDED_SEED = 20240601
BOUNDED_COUNT = 300
#: Every shipped file but the 360 KB synthetic CRC inspection, which takes ten times as long to rate as the others
#: (the long run, `python tests/fuzzing.py`, mutates it too).
BOUNDED_FILES = {base.name for base in fuzzing.bases()} - {"examples/synthetic-crc-2019.json"}


def _jobs() -> int:
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def test_bounded_fuzz_run():
    """A fixed-seed run of every mutation kind that the engine survives: nothing but valid or rejected."""
    kinds = set(fuzzing.KINDS) - set(KNOWN_FAILING)
    tally = fuzzing.run(BOUNDED_SEED, BOUNDED_COUNT, kinds, files=BOUNDED_FILES, jobs=_jobs())
    assert tally.tried == BOUNDED_COUNT
    failures = "\n".join(f"{o.outcome}: {o.kind} {o.base} seed {o.seed} ({o.note})\n{o.detail}" for o in tally.failures[:5])
    assert not any(tally[name] for name in fuzzing.FAILURES), f"{fuzzing.table(tally)}\n{failures}"
    assert tally["usage"] == 0, fuzzing.table(tally)
    assert tally["valid"] >= 5 and tally["rejected"] >= 100, fuzzing.table(tally)
    assert set(tally.by_kind) == kinds, "every kind was drawn"


def test_result_oracle_catches_wrong_answers():
    """The 'wrong-answer' checks see a tampered result, so that a clean fuzz run means something."""
    result = CliRunner().invoke(cli, ["evaluate", str(SY_2020), "--format", "json"])
    assert result.exit_code == 0 and fuzzing.result_problems(result.stdout_bytes) == []
    tampered = [
        (lambda d: d["overall"].update(score=21), "add up to 20"),
        (lambda d: d["standards"][4]["key_questions"][0].update(yes=101), "yes 101 of 100"),
        (lambda d: d["standards"][4]["key_questions"][0].update(percent=64), "rounded"),
        (lambda d: d["standards"][4]["key_questions"][0].update(band="minority"), "in band too-few"),
        (lambda d: d["standards"][4]["key_questions"][2].update(percent_exact="67"), "is not 100 * 57/85"),
        (lambda d: d["standards"][4].update(score=3), "scores 2, not 3"),
        (lambda d: d["overall"].update(rating="outstanding"), "the bands give"),
        (lambda d: d["overall"].pop("max"), "max"),
    ]
    for change, words in tampered:
        document = json.loads(result.stdout_bytes)
        change(document)
        problems = fuzzing.result_problems(json.dumps(document).encode())
        assert any(words in p for p in problems), (words, problems)


@dataclass
class _Result:
    """The parts of click's testing Result that the fuzzer's classification reads."""

    exit_code: int
    stderr: str = ""
    stdout: str = ""
    exception: BaseException | None = None

    @property
    def stdout_bytes(self) -> bytes:
        return self.stdout.encode()


@pytest.mark.parametrize("result, outcome", [
    (_Result(0, stdout="{}"), "valid"),
    (_Result(1, "/x/f.json:3:5: /samples/a: it is wrong (a hint) [schema]"), "rejected"),
    (_Result(1, "/x/f.json: /: the JSON is nested too deeply [too-deep]"), "rejected"),
    (_Result(1, "Error: no framework version hmip-crc@2099 is installed"), "unlocated"),
    (_Result(1, "Error: something went wrong"), "unlocated"),
    (_Result(1, "/x/f.json:3:5: /samples/a: it is wrong [schema]\nError: and more"), "unlocated"),
    (_Result(1, "/x/f.json:3:5: /a\nb: unexpected property [schema]"), "unlocated"),
    (_Result(1, "/x/f.json:3:5: samples/a: no pointer [schema]"), "unlocated"),
    (_Result(1, "/x/f.json:3:5: /samples/a: no code"), "unlocated"),
    (_Result(1, "/y/other.json:3:5: /samples/a: another file [schema]"), "unlocated"),
    (_Result(1, ""), "unlocated"),
    (_Result(1, "Traceback (most recent call last):\n  ..."), "traceback"),
    (_Result(1, exception=ValueError("boom")), "traceback"),
    (_Result(1, "/x/f.json: /: fine [x]", exception=SystemExit(1)), "rejected"),
    (_Result(2, "Usage: ratings ..."), "usage"),
    (_Result(3, "?"), "other"),
])
def test_outcomes_are_classified(result, outcome):
    assert fuzzing._classify(result, ["/x/f.json"]).outcome == outcome


def test_mutants_are_deterministic():
    for index in range(12):
        kind = fuzzing.choose_kind(7, index)
        first, again = fuzzing.make_mutant(7, index, kind), fuzzing.make_mutant(f"7:{index}", kind=kind)
        assert first.data == again.data and first.note == again.note and first.base == again.base


# ------------------------------------------------------------------------------------ hand-written cases

@dataclass(frozen=True)
class Case:
    """One hand-written mutant: BASE changed by CHANGE (of the parsed document, or of the bytes)."""

    kind: str
    base: Path
    change: Callable
    expect: str  # "valid", "rejected", or "valid|rejected" where either is right
    code: str | None = None  # a problem code the rejection must include
    pointer: str | None = None  # the pointer of that problem
    line: bool = True  # whether that problem must give a line number
    text: bool = False  # CHANGE takes and returns the file's text rather than the document
    binary: bool = False  # CHANGE takes and returns the file's bytes
    env: tuple = ()
    known_defect: bool = False  # the engine fails this case today (see KNOWN_FAILING)
    note: str = "hand-written"  # the mutation's note, where the check reads it (output-onto-input: the spelling)


def _edit(function):
    def change(document):
        function(document)
        return document
    return change


def _set(*path_and_value):
    *path, value = path_and_value

    def change(document):
        target = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    return _edit(change)


def _delete(*path):
    def change(document):
        target = document
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]
    return _edit(change)


def _replace(old: str, new: str, count: int = 1):
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return change


def _rename_result(old: str, new: str):
    def change(document):
        results = document["samples"]["case-supervision"]["results"]
        document["samples"]["case-supervision"]["results"] = {(new if k == old else k): v for k, v in results.items()}
    return _edit(change)


def _duplicate_case(document):
    cases = document["samples"]["court-disposals"]["cases"]
    cases[1]["id"] = cases[0]["id"]


def _duplicate_standard(document):
    document["domains"][1]["standards"][1]["id"] = "2.1"


def _deep(depth: int):
    return _replace('"notes": "', '"notes": ' + "[" * depth + "]" * depth + ', "x": "')


def _oversized(document):
    document["notes"] = "x" * (5 * 1024 * 1024)


def _truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _non_utf8(raw: bytes) -> bytes:
    return raw.replace(b'"South Yorkshire CRC"', b'"South \xff Yorkshire CRC"', 1)


def _huge_through_the_gate(text: str) -> str:
    """Through the Gate's 24 of 24 made 10**4299 of 10**4299 + 1 (size too): each number within what Python reads."""
    old = '"size": 24,\n      "results": {\n        "4.2.1": {\n          "yes": 24,\n          "of": 24'
    assert old in text
    return text.replace(old, old.replace("24", str(10**4299 + 1)).replace(f'"yes": {10**4299 + 1}', f'"yes": {10**4299}'))


def _trailing_comma(text: str) -> str:
    """A comma after the last member of the document: the mistake editors make most."""
    last = text.rstrip().rfind("\n")
    return text[:last] + "," + text[last:]


CS = "/samples/case-supervision/results/2.1.1"
CASES = [
    Case("delete-field", SY_2020, _delete("fieldwork_start"), "rejected", "schema", "/"),
    Case("delete-field", SY_2020, _delete("notes"), "valid"),
    Case("delete-field", CRC_2019, _delete("banding", "bands", 0, "below"), "rejected", "band-gap", "/banding/bands/0"),
    Case("duplicate-field", SY_2020, _set("samples", "case-supervision", "results", "2.1.1", "yes_copy", 63),
         "rejected", "schema", CS + "/yes_copy"),
    Case("retype", SY_2020, _set("samples", "case-supervision", "results", "2.1.1", "yes", "63"), "rejected", "schema", CS + "/yes"),
    Case("retype", SY_2020, _set("samples", "case-supervision", "results", "2.1.1", None), "rejected", "schema", CS),
    Case("retype", CRC_2019, _set("ratings", "scale", 0, "score", "0"), "rejected", "schema", "/ratings/scale/0/score"),
    Case("number-negative", SY_2020, _set("samples", "case-supervision", "results", "2.1.1", "yes", -1), "rejected", "schema", CS + "/yes"),
    Case("number-negative", SY_2020, _set("moderation", "4.1", "proposed", -1), "valid"),
    Case("number-huge", SY_2020, _replace('"yes": 63,\n          "of": 100', f'"yes": {10**30},\n          "of": {10**30}'),
         "rejected", "number-out-of-range", CS + "/yes", text=True),
    Case("number-huge", SY_2020, _replace('"percent": 71', '"percent": 1e308'), "rejected", "number-out-of-range",
         "/samples/case-supervision/prompts/2.1.1.a/percent", text=True),
    Case("number-huge", SY_2020, _replace('"yes": 63', '"yes": ' + "9" * 5000), "rejected", "number-out-of-range", CS + "/yes", text=True),
    Case("number-huge", CRC_2019, _replace('"score": 3', '"score": 1' + "0" * 4299), "rejected", None, None, text=True),
    Case("number-fraction", SY_2020, _replace('"percent": 71', '"percent": 71.5'), "valid", text=True),
    Case("number-fraction", SY_2020, _replace('"yes": 63', '"yes": 63.5'), "rejected", "schema", CS + "/yes", text=True),
    Case("number-nan", SY_2020, _replace('"yes": 63', '"yes": NaN'), "rejected", "json-syntax", CS + "/yes", text=True),
    Case("number-nan", CRC_2019, _replace('"at_least": 50', '"at_least": NaN'), "rejected", "json-syntax", "/banding/bands/1/at_least",
         text=True),
    Case("number-infinity", SY_2020, _replace('"of": 100', '"of": Infinity'), "rejected", "json-syntax", CS + "/of", text=True),
    Case("number-neg-infinity", SY_2020, _replace('"percent": 71', '"percent": -Infinity'), "rejected", "json-syntax",
         "/samples/case-supervision/prompts/2.1.1.a/percent", text=True),
    Case("huge-counts", SY_2020, _huge_through_the_gate, "valid|rejected", text=True),
    Case("huge-counts", SY_2020, _replace('"yes": 63,\n          "of": 100', f'"yes": {10**300},\n          "of": {10**300 + 1}'),
         "rejected", "number-out-of-range", CS + "/yes", text=True),
    Case("yes-gt-of", SY_2020, _set("samples", "case-supervision", "results", "2.1.1", "yes", 101),
         "rejected", "count-mismatch", CS + "/yes"),
    Case("of-zero", SY_2020, _set("samples", "case-supervision", "results", "2.1.1", {"yes": 0, "of": 0}),
         "rejected", "schema", CS + "/of"),
    Case("duplicate-case-id", YOUTH, _edit(_duplicate_case), "rejected", "duplicate-case", "/samples/court-disposals/cases/1/id"),
    Case("duplicate-framework-id", CRC_2019, _edit(_duplicate_standard), "rejected", "duplicate-id", "/domains/1/standards/1/id"),
    Case("duplicate-json-key", SY_2020,
         _replace('"provider": "South Yorkshire CRC",', '"provider": "South Yorkshire CRC",\n  "provider": "Elsewhere",'),
         "rejected", "duplicate-key", "/provider", text=True),
    Case("unknown-id", SY_2020, _rename_result("2.1.1", "9.9.9"), "rejected", "unknown-key-question",
         "/samples/case-supervision/results/9.9.9"),
    Case("unknown-id", SY_2020, _set("judgements", "1.9", {"rating": "good", "rationale": "-"}), "rejected", "unknown-standard",
         "/judgements/1.9"),
    Case("unknown-id", SY_2020, _set("judgements", "1.1", "rating", "excellent"), "rejected", "unknown-rating", "/judgements/1.1/rating"),
    Case("unknown-id", SY_2020, _set("samples", "no-such-sample", {"results": {}}), "rejected", "unknown-sample",
         "/samples/no-such-sample"),
    Case("unknown-id", SY_2020, _set("framework", "hmip-crc@2099"), "rejected", "framework-not-found", "/framework"),
    Case("unknown-id", CRC_2019, _set("banding", "bands", 0, "rating", "excellent"), "rejected", "unknown-reference",
         "/banding/bands/0/rating"),
    Case("non-utf8", SY_2020, _non_utf8, "rejected", "encoding", "/", binary=True),
    Case("truncate", SY_2020, _truncate, "rejected", "json-syntax", "/", binary=True),
    Case("truncate", CRC_2019, lambda raw: b"", "rejected", "json-syntax", "/", binary=True),
    Case("deep-nesting", SY_2020, _deep(5000), "rejected", "too-deep", "/", text=True),
    Case("deep-nesting", SY_2020, _deep(20), "rejected", "schema", "/notes", text=True),
    Case("oversized", SY_2020, _edit(_oversized), "valid"),
    Case("oversized", SY_2020, _edit(_oversized), "rejected", "too-large", "/", line=False, env=(("RATINGS_MAX_FILE_MB", "1"),)),
    Case("bad-string", SY_2020, _replace('"provider": "South Yorkshire CRC"', '"provider": "South \\ud800 Yorkshire"'),
         "rejected", "encoding", "/provider", text=True),
    Case("bad-string", SY_2020, _set("provider", ""), "rejected", "schema", "/provider"),
    Case("bad-string", SY_2020, _set("a\nb", 1), "rejected", "schema", None),
    Case("bad-string", SY_2020, _set("provider", "\u202eCRC \U0001f600\u0000"), "valid"),
    Case("bad-date", SY_2020, _set("fieldwork_start", "2019-02-30"), "rejected", "schema", "/fieldwork_start"),
    Case("bad-date", SY_2020, _set("fieldwork_start", "2019-06-30"), "rejected", "out-of-window", "/fieldwork_start"),
    Case("empty-container", SY_2020, _set("samples", {}), "rejected", "missing-sample", "/samples"),
    Case("empty-container", YOUTH, _set("samples", "court-disposals", "cases", []), "rejected", "no-applicable-cases",
         "/samples/court-disposals/cases"),
    Case("number-extreme", SY_2020, _replace('"percent": 71', '"percent": 1e-999999999'), "rejected", text=True),
    Case("number-extreme", SY_2020, _replace('"percent": 71', '"percent": 1E-5000'), "rejected", text=True),
    Case("number-extreme", SY_2020, _replace('"percent": 71', '"percent": 0.' + "1" * 200_000), "rejected", text=True),
    Case("number-extreme", SY_2020, _replace('"percent": 71', '"percent": 7.1e1'), "valid", text=True),
    Case("syntax-slip", SY_2020, _trailing_comma, "rejected", "json-syntax", "/", text=True),
    Case("syntax-slip", SY_2020, _replace('"provider"', "\u201cprovider\u201d"), "rejected", "json-syntax", "/", text=True),
    Case("syntax-slip", SY_2020, _replace('"provider":', '// who\n  "provider":'), "rejected", "json-syntax", "/", text=True),
    Case("encoding", SY_2020, lambda raw: raw.decode("utf-8").encode("utf-16-le"), "rejected", "encoding", "/", binary=True),
    Case("encoding", SY_2020, lambda raw: raw.decode("utf-8").encode("utf-8-sig"), "valid", binary=True),
    Case("control-text", SY_2020, _set("provider", "South Yorkshire CRC\nFORGED Overall: Outstanding\x1b[2J\u202e"), "valid|rejected"),
    Case("output-onto-input", SY_2020, lambda raw: raw, "rejected", binary=True, note="symlink"),
    Case("output-onto-input", SY_2020, lambda raw: raw, "rejected", binary=True, note="./ spelling"),
    Case("output-onto-input", CRC_2019, lambda raw: raw, "rejected", binary=True, note="hard link"),
]


def _case_id(case: Case) -> str:
    detail = case.code or case.expect
    return f"{case.kind}-{case.base.stem}-{detail}-{CASES.index(case)}"


def _params():
    params = []
    for case in CASES:
        marks = []
        if case.known_defect:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILING[case.kind][0]))
        params.append(pytest.param(case, id=_case_id(case), marks=marks))
    return params


def test_every_kind_has_a_hand_written_case():
    assert {case.kind for case in CASES} == set(fuzzing.KINDS)


def _mutant(case: Case) -> bytes:
    raw = case.base.read_bytes()
    if case.binary:
        return case.change(raw)
    if case.text:
        return case.change(raw.decode("utf-8")).encode("utf-8")
    return json.dumps(case.change(json.loads(raw)), indent=2, ensure_ascii=False).encode("utf-8")


def _role(base: Path) -> str:
    return "framework" if base.parent.parent == ROOT / "frameworks" else "inspection"


@pytest.mark.parametrize("case", _params())
def test_hand_written_mutant(case: Case, tmp_path, monkeypatch):
    for name, value in case.env:
        monkeypatch.setenv(name, value)
    data = _mutant(case)
    base = fuzzing.Base(case.base, _role(case.base), case.base.read_bytes(),
                        SY_2020 if _role(case.base) == "framework" else None, 1.0)
    outcome = fuzzing.check(fuzzing.Mutant(case.kind, base, "hand", data, case.note), tmp_path)
    assert outcome.outcome in case.expect.split("|"), f"{outcome.outcome}: {outcome.detail}"
    if outcome.outcome == "valid":
        return
    if case.kind == "output-onto-input":  # the file itself is valid: what is refused is the output
        assert "output-is-input" in outcome.codes, outcome
        return
    # The problem itself, from the command that reads the mutated file first.
    path = tmp_path / f"{case.kind}.json"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if case.code is not None:
        assert case.code in outcome.codes or any(
            line.endswith(f"[{case.code}]") for line in lines), result.stderr
    if case.pointer is not None:
        wanted = [line for line in lines if f": {case.pointer}: " in line and (case.code is None or line.endswith(f"[{case.code}]"))]
        assert wanted, f"no problem at {case.pointer} [{case.code}] in:\n{result.stderr}"
        if case.line:
            assert any(line.startswith(f"{path}:") and line[len(str(path)) + 1].isdigit() for line in wanted), (
                f"the problem gives no line number:\n{result.stderr}")


def test_text_oracles_see_what_must_not_pass():
    """The checks on rendered text flag a control character and a bare HTML tag, and pass escaped ones."""
    assert fuzzing._UNSAFE.search("South Yorkshire\x1b[2J") and fuzzing._UNSAFE.search("a\u202eb")
    assert not fuzzing._UNSAFE.search("a\tb\nc \\x1b \\u202e")
    assert fuzzing._RAW_TAG.search("evidence <script>alert(1)</script>")
    assert not fuzzing._RAW_TAG.search("evidence \\<script>alert(1)\\</script> and 3 < 4")
