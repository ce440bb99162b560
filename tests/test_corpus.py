"""The synthetic national corpus (examples/corpus/): reproducible, every inspection rated without a problem, and
spread as what-if analysis needs it: across the bands, on and one case below the boundaries, with panel
decisions and unpaid-work moderation.

The spread is read from the engine's own results (`ratings evaluate examples/corpus --format json`), and
the table in examples/corpus/README.md is checked against them, so the README cannot drift from the files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from fractions import Fraction

import pytest
from click.testing import CliRunner

from ratings_engine.api import Engine
from ratings_engine.cli import cli

from support import EXAMPLES

CORPUS = EXAMPLES / "corpus"
SCRIPT = EXAMPLES / "generate_corpus.py"
README = CORPUS / "README.md"
FILES = sorted(CORPUS.glob("*.json"))
SAMPLES = {"case-supervision", "unpaid-work", "through-the-gate"}
BOUNDARIES = (Fraction(50), Fraction(65), Fraction(80))
# hmip-crc@2019's scale, lowest first, with the short forms the README's table uses.
SCALE = {"inadequate": "I", "requires_improvement": "RI", "good": "G", "outstanding": "O"}
LABELS = {"inadequate": "Inadequate", "requires_improvement": "Requires improvement", "good": "Good", "outstanding": "Outstanding"}
RANK = {rating: rank for rank, rating in enumerate(SCALE)}
MAX_BYTES = 2_000_000


def _generate(output, *args: str) -> str:
    """Run the generator as a script into OUTPUT; returns what it printed."""
    return subprocess.run([sys.executable, str(SCRIPT), "--output", str(output), *args],
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    """The engine's result for each corpus file, keyed by file name, from one batch run over the folder."""
    out = tmp_path_factory.mktemp("corpus-results")
    run = CliRunner().invoke(cli, ["evaluate", str(CORPUS), "--output-dir", str(out), "--format", "json"],
                             env={"RATINGS_DISABLE_PLUGINS": "all"})
    assert run.exit_code == 0, run.output
    return {path.name.replace(".result.json", ".json"): json.loads(path.read_text("utf-8"))
            for path in sorted(out.glob("*.result.json"))}


@pytest.fixture(scope="module")
def counted(results) -> list[dict]:
    """Every standard judged on a case sample, across the corpus."""
    return [standard for result in results.values() for standard in result["standards"] if standard["sample"]]


def _driving(standard: dict) -> dict:
    return next(kq for kq in standard["key_questions"] if kq["id"] == standard["driving_key_question"])


def _on_boundary(kq: dict) -> Fraction | None:
    return next((b for b in BOUNDARIES if Fraction(kq["percent_exact"]) == b), None)


def _one_case_below(kq: dict) -> Fraction | None:
    """The boundary one more 'yes' would reach, where KQ is one case short of it."""
    below, above = Fraction(100 * kq["yes"], kq["of"]), Fraction(100 * (kq["yes"] + 1), kq["of"])
    return next((b for b in BOUNDARIES if below < b <= above), None)


def test_default_seed_reproduces_the_committed_corpus(tmp_path):
    """The generator with its default seed writes exactly the committed files, no more and no fewer."""
    printed = _generate(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in FILES]
    changed = [p.name for p in FILES if (tmp_path / p.name).read_bytes() != p.read_bytes()]
    assert not changed, f"regenerate the corpus (python examples/generate_corpus.py): {changed} differ"
    assert len(printed.splitlines()) == 1


def test_another_seed_gives_other_cases_and_still_rates(tmp_path):
    """Another seed draws other cases, and every file it writes is still valid and rated without a warning."""
    _generate(tmp_path, "--seed", "7")
    first = json.loads((tmp_path / FILES[0].name).read_text("utf-8"))
    assert first["samples"] != json.loads(FILES[0].read_text("utf-8"))["samples"]
    engine = Engine()
    for path in sorted(tmp_path.glob("*.json")):
        assert engine.validate_file(path) == ("inspection", []), path.name
        assert not engine.evaluate_file(path).warnings, path.name


def test_every_file_is_valid_and_rated_without_warnings(results):
    """Each file passes `ratings validate`'s checks, and the batch rates every one, each standard rated, with no warning."""
    engine = Engine()
    for path in FILES:
        assert engine.validate_file(path) == ("inspection", []), path.name
    assert sorted(results) == [p.name for p in FILES]
    for name, result in results.items():
        assert result["warnings"] == [], name
        assert all(standard["rating"] in SCALE for standard in result["standards"]), name


def test_at_least_21_invented_providers_each_with_three_case_samples():
    """One file per provider of the round, each named as invented, with case-level samples of varying size."""
    documents = [json.loads(path.read_text("utf-8")) for path in FILES]
    assert len(documents) >= 21
    providers = [d["provider"] for d in documents]
    assert len(set(providers)) == len(providers)
    assert all(p.startswith("Synthetic CRC ") for p in providers)
    assert all(d["framework"] == "hmip-crc@2019" and set(d["samples"]) == SAMPLES for d in documents)
    assert all("cases" in sample for d in documents for sample in d["samples"].values())
    assert len({len(d["samples"]["case-supervision"]["cases"]) for d in documents}) >= 10


def test_standard_ratings_span_every_band(counted, results):
    """Every rating is the indicative rating of many case-sample standards, and the overall ratings span the scale."""
    indicative = Counter(standard["indicative_rating"] for standard in counted)
    assert set(indicative) == set(SCALE) and min(indicative.values()) >= 5, indicative
    overall = Counter(result["overall"]["rating"] for result in results.values())
    assert set(overall) == set(SCALE), overall


@pytest.mark.parametrize("boundary", BOUNDARIES, ids=str)
def test_some_standard_is_driven_from_exactly_on_and_one_case_below_each_boundary(counted, boundary):
    """Exact fractions decide the bands, so a driving key question exactly at 65% and one at 64.x% rate differently."""
    assert any(_on_boundary(_driving(standard)) == boundary for standard in counted)
    assert any(_one_case_below(_driving(standard)) == boundary for standard in counted)


def test_the_panel_raised_some_ratings_and_lowered_one(counted):
    """Professional discretion is recorded both ways, each time where the framework makes it eligible."""
    exercised = [s["discretion"]["exercised"] for s in counted if s["discretion"]["exercised"]]
    moves = Counter(RANK[e["to"]] - RANK[e["from"]] for e in exercised)
    assert moves[1] >= 3 and moves[-1] >= 1, moves
    assert not any(e["override"] for e in exercised)


def test_unpaid_work_moderation_is_ratified_both_ways_and_refused(counted):
    """Moderation of unpaid work: raised, lowered, and a proposal the panel did not ratify."""
    moderated = [s["moderation"] for s in counted if s["moderation"] and s["moderation"]["recorded"]]
    assert {m["proposed"] for m in moderated if m["changed"]} == {-1, 1}
    assert any(m["proposed"] and not m["ratified"] and not m["changed"] for m in moderated)


def test_sub_samples_leave_cases_out(counted):
    """Cases without harm factors are left out of the x.3 key questions, and some Through the Gate answers are 'n/a'."""
    harm = [kq for s in counted if s["sample"] == "case-supervision" for kq in s["key_questions"] if kq["sub_sample"]]
    assert harm and all(kq["excluded"] > 0 for kq in harm)
    assert sum(kq["not_applicable"] for s in counted if s["id"] == "4.2" for kq in s["key_questions"]) > 0


def test_the_corpus_is_small():
    """The corpus is committed, so it stays light: every file together at most MAX_BYTES."""
    assert sum(path.stat().st_size for path in CORPUS.iterdir()) <= MAX_BYTES


def _boundary_notes(result: dict) -> str:
    notes = []
    for standard in result["standards"]:
        if not standard["sample"]:
            continue
        kq = _driving(standard)
        if (on := _on_boundary(kq)) is not None:
            notes.append(f"{kq['id']} at {on}%")
        elif (below := _one_case_below(kq)) is not None:
            notes.append(f"{kq['id']} at {float(Fraction(kq['percent_exact'])):.1f}%, one case below {below}%")
    return "; ".join(notes)


def _decisions(result: dict) -> str:
    notes = []
    for standard in result["standards"]:
        if standard["discretion"] and (exercised := standard["discretion"]["exercised"]):
            notes.append(f"{standard['id']} discretion {SCALE[exercised['from']]} → {SCALE[exercised['to']]}")
        if standard["moderation"] and standard["moderation"]["recorded"]:
            m = standard["moderation"]
            outcome = "no change proposed" if not m["proposed"] else (
                ("raised" if m["proposed"] > 0 else "lowered") + ("" if m["ratified"] else ", not ratified"))
            notes.append(f"{standard['id']} moderation {outcome}")
    return "; ".join(notes)


def _cell(standard: dict) -> str:
    indicative = SCALE[standard["indicative_rating"]]
    return indicative if standard["rating"] == standard["indicative_rating"] else f"{indicative} → {SCALE[standard['rating']]}"


def _summary(results: dict[str, dict]) -> list[str]:
    standards = [s for result in results.values() for s in result["standards"]]
    drivers = [_driving(s) for s in standards if s["sample"]]

    def counts(ratings) -> str:
        found = Counter(ratings)
        return ", ".join(f"{LABELS[r]} {found[r]}" for r in reversed(SCALE))

    return [
        f"- Standards ({len(standards)}), indicative: {counts(s['indicative_rating'] for s in standards)}.",
        f"- Standards, after the panel: {counts(s['rating'] for s in standards)}.",
        f"- Overall: {counts(r['overall']['rating'] for r in results.values())}.",
        f"- Driving key questions exactly on a boundary: {sum(_on_boundary(kq) is not None for kq in drivers)}; "
        f"one case below one: {sum(_one_case_below(kq) is not None for kq in drivers)}.",
        f"- Discretion exercised: {sum(bool(s['discretion'] and s['discretion']['exercised']) for s in standards)}; "
        f"unpaid-work moderation recorded: {sum(bool(s['moderation'] and s['moderation']['recorded']) for s in standards)}.",
    ]


def spread(results: dict[str, dict]) -> str:
    """The README's table of the corpus: each provider's indicative ratings, overall rating, boundaries and decisions."""
    ids = [s["id"] for s in next(iter(results.values()))["standards"]]
    lines = ["| Provider | " + " | ".join(ids) + " | Overall | Driving key questions at a boundary | Panel |",
             "|---|" + "---|" * len(ids) + "---|---|---|"]
    for result in results.values():
        cells = [_cell(s) for s in result["standards"]]
        overall = f"{result['overall']['score']} {SCALE[result['overall']['rating']]}"
        lines.append(f"| {result['provider']} | " + " | ".join(cells)
                     + f" | {overall} | {_boundary_notes(result)} | {_decisions(result)} |")
    return "\n".join([*lines, "", *_summary(results)]) + "\n"


def test_readme_table_is_the_engines(results):
    """examples/corpus/README.md shows the spread exactly as the engine rates the committed files."""
    expected = spread(results)
    assert expected in README.read_text("utf-8"), f"update the table in examples/corpus/README.md to:\n\n{expected}"
