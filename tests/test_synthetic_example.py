"""The synthetic case-level example: its generator is reproducible, and the engine's counts agree with its cases.

The expected counts, percentages and bands are worked out here from the raw cases, independently of
the engine, with the framework's rules written out by hand (bands at 50, 65 and 80%, the x.3 key
questions on the harm-factors sub-sample).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from ratings_engine.api import Engine
from ratings_engine.reports.result import result_document

EXAMPLES = Path(__file__).parent.parent / "examples"
SCRIPT = EXAMPLES / "generate_synthetic.py"
EXAMPLE = EXAMPLES / "synthetic-crc-2019.json"
FRAMEWORK = Path(__file__).parent.parent / "frameworks" / "hmip-crc" / "2019.json"

HARM_QUESTIONS = {"2.1.3", "2.2.3", "2.3.3", "2.4.3"}
# hmip-crc@2019's bands, lowest first: (band id, rating, lowest percentage in the band).
BANDS = [("minority", "inadequate", 0), ("too-few", "requires_improvement", 50),
         ("reasonable-majority", "good", 65), ("large-majority", "outstanding", 80)]


def _generate(output: Path, *args: str) -> tuple[bytes, str]:
    """Run the generator as a script, writing OUTPUT; returns the bytes it wrote and what it printed."""
    run = subprocess.run([sys.executable, str(SCRIPT), "--output", str(output), *args],
                         capture_output=True, text=True, check=True)
    return output.read_bytes(), run.stdout


def _band(percent: Fraction) -> tuple[str, str]:
    """The (band id, rating) of an exact percentage."""
    band_id, rating, _ = [band for band in BANDS if percent >= band[2]][-1]
    return band_id, rating


def _applies(question: str, case: dict) -> bool:
    return question not in HARM_QUESTIONS or case["attributes"]["harm_factors"] is True


@pytest.fixture(scope="module")
def inspection() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result() -> dict:
    return result_document(Engine().evaluate_file(EXAMPLE))


@pytest.fixture(scope="module")
def counted(result) -> list[tuple[dict, dict]]:
    """Each (standard, key question) pair of the result for standards judged on a case sample."""
    return [(standard, kq) for standard in result["standards"] if standard["sample"] for kq in standard["key_questions"]]


def test_default_seed_reproduces_the_committed_example(tmp_path):
    """The generator with its default seed writes exactly the committed file, and prints one line."""
    generated, printed = _generate(tmp_path / "default.json")
    assert generated == EXAMPLE.read_bytes()
    assert len(printed.splitlines()) == 1


def test_another_seed_gives_other_cases(tmp_path):
    """A different seed gives different cases (not just a different seed in the notes), still valid."""
    other, _ = _generate(tmp_path / "seed-7.json", "--seed", "7")
    assert json.loads(other)["samples"] != json.loads(EXAMPLE.read_bytes())["samples"]
    assert Engine().validate_file(tmp_path / "seed-7.json") == ("inspection", [])


def test_committed_example_is_valid():
    """The committed example passes the engine's checks with no problem."""
    assert Engine().validate_file(EXAMPLE) == ("inspection", [])


def test_harm_factor_questions_count_only_cases_with_harm_factors(inspection, counted):
    """For each x.3 key question, yes/of come from the harm-factors cases and every other case is excluded."""
    cases = inspection["samples"]["case-supervision"]["cases"]
    harm = [c for c in cases if c["attributes"]["harm_factors"]]
    assert 0 < len(harm) < len(cases)
    results = {kq["id"]: kq for _, kq in counted}
    for question in sorted(HARM_QUESTIONS):
        answers = [c["key_questions"][question] for c in harm]
        kq = results[question]
        assert (kq["yes"], kq["of"], kq["excluded"]) == (answers.count("yes"), len(answers), len(cases) - len(harm))
        assert kq["sub_sample"] == "harm-factors"


def test_every_case_is_counted_once_for_every_key_question(inspection, counted):
    """excluded + of + not_applicable is the number of cases in the sample, for every key question."""
    assert len(counted) == 18  # 12 case supervision, 3 unpaid work (4.1.3 is qualitative), 3 Through the Gate
    for standard, kq in counted:
        cases = inspection["samples"][standard["sample"]]["cases"]
        assert kq["excluded"] + kq["of"] + kq["not_applicable"] == len(cases), kq["id"]


def test_counts_percentages_and_bands_match_the_cases(inspection, counted):
    """Each key question's counts, displayed percentage (half up) and band are recomputed from the cases."""
    for standard, kq in counted:
        answers = [c["key_questions"][kq["id"]] for c in inspection["samples"][standard["sample"]]["cases"]
                   if _applies(kq["id"], c)]
        yes, no = answers.count("yes"), answers.count("no")
        assert (kq["yes"], kq["of"], kq["not_applicable"]) == (yes, yes + no, answers.count("n/a")), kq["id"]
        exact = Fraction(100 * yes, yes + no)
        assert kq["percent"] == math.floor(exact + Fraction(1, 2))
        assert (kq["band"], kq["band_rating"]) == _band(exact)


def test_through_the_gate_has_not_applicable_answers(counted):
    """Some Through the Gate cases are judged not applicable, and they are not counted in 'of'."""
    assert sum(kq["not_applicable"] for standard, kq in counted if standard["id"] == "4.2") > 0


def test_standards_are_rated_by_their_lowest_key_question(inspection, result):
    """Indicative ratings follow the lowest key question; only recorded discretion changes the final rating."""
    discretion = inspection.get("discretion", {})
    assert discretion, "the example should exercise professional discretion"
    for standard in result["standards"]:
        if not standard["sample"]:
            assert standard["rating"] == inspection["judgements"][standard["id"]]["rating"]
            continue
        lowest = min(standard["key_questions"], key=lambda kq: Fraction(kq["percent_exact"]))
        assert standard["driving_key_question"] == lowest["id"]
        assert standard["indicative_rating"] == _band(Fraction(lowest["percent_exact"]))[1]
        expected = discretion.get(standard["id"], {}).get("rating", standard["indicative_rating"])
        assert standard["rating"] == expected, standard["id"]
    assert result["overall"]["score"] == sum(s["score"] for s in result["standards"])


def test_example_covers_a_mix_of_bands_and_a_boundary(counted, result):
    """The ratings are a mix of bands, and some standard's lowest key question is within a point of a boundary."""
    assert len({s["indicative_rating"] for s in result["standards"]}) >= 3
    assert len({kq["band"] for _, kq in counted}) >= 3
    boundaries = [lowest for _, _, lowest in BANDS[1:]]
    assert any(abs(Fraction(kq["percent_exact"]) - b) <= 1 for standard, kq in counted for b in boundaries
               if kq["id"] == standard["driving_key_question"])


def test_unratified_moderation_leaves_unpaid_work_unchanged(inspection, result):
    """The proposal to raise unpaid work was not ratified, so its rating is the indicative one."""
    record = inspection["moderation"]["4.1"]
    unpaid = next(s for s in result["standards"] if s["id"] == "4.1")
    assert (record["proposed"], record["ratified"]) == (1, False)
    assert unpaid["moderation"]["recorded"] and not unpaid["moderation"]["changed"]
    assert unpaid["rating"] == unpaid["indicative_rating"]


def test_stray_answers_outside_the_sub_sample_are_ignored_with_a_warning(inspection, result):
    """Answers to 2.1.3 on cases without harm factors are ignored, and the warning counts them."""
    stray = [c for c in inspection["samples"]["case-supervision"]["cases"]
             if not c["attributes"]["harm_factors"] and "2.1.3" in c["key_questions"]]
    assert stray
    messages = [w["message"] for w in result["warnings"] if w["code"] == "answers-ignored"]
    assert messages == [f"{len(stray)} answer(s) to 2.1.3 were ignored: those cases are outside its sub-sample (harm-factors)"]


def test_prompts_respect_their_sub_samples(inspection, result):
    """2.3.1.d is answered for post-release cases only, 2.1.3.e where there are children, 2.1.3.d in every case.

    2.1.3.d and 2.1.3.e have sub-samples of their own (footnotes 55 and 56), so they are counted
    beyond the harm-factors sub-sample of their key question.
    """
    cases = inspection["samples"]["case-supervision"]["cases"]
    prompts = {p["id"]: p for p in result["prompts"]}
    rules = {"2.3.1.d": lambda a: a["supervision"] == "post-release",
             "2.1.3.e": lambda a: a["children"],
             "2.1.3.d": lambda a: True}
    for prompt, rule in rules.items():
        answered = [c for c in cases if prompt in c.get("prompts", {})]
        assert answered == [c for c in cases if rule(c["attributes"])]
        counts = prompts[prompt]
        # Every case outside the prompt's own sub-sample counts as excluded.
        assert counts["excluded"] == len(cases) - len(answered)
        assert counts["not_answered"] == 0
        assert counts["of"] + counts["not_applicable"] == len(answered)
        assert counts["yes"] == sum(c["prompts"][prompt] == "yes" for c in answered)


def test_every_prompt_of_a_counted_key_question_is_answered(result):
    """The example answers every prompt of every key question judged case by case."""
    framework = json.loads(FRAMEWORK.read_text(encoding="utf-8"))
    expected = [p["id"] for d in framework["domains"] for s in d["standards"] for q in s["key_questions"]
                if q["evidence"] == "case-sample" for p in q.get("prompts", [])]
    assert sorted(p["id"] for p in result["prompts"] if p["of"]) == sorted(expected)
