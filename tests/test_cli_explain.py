"""`ratings evaluate` over many inspections, and `ratings explain`."""

from __future__ import annotations

import csv
import json
import shutil

from ratings_engine.cli import cli

from support import EXAMPLES, SOUTH_YORKSHIRE_2020

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def test_explain_planning_in_the_inspectorate_s_words(runner):
    """2.2 was driven by keeping other people safe at 59% (50 of 85), on 85 of the 100 cases; 6 more would have made it Good."""
    result = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "2.2"])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert ("comes from its lowest key question, 2.2.3 'Does planning focus sufficiently on keeping other people safe?', "
            "at 59% (50 of 85), in the band 'Too few'") in text
    assert "2.2.3 counts only the cases where the inspector identified factors related to harm" in text
    assert "85 of the 100 in the sample; 15 were excluded by the sub-sample rule 'harm-factors'" in text
    assert "6 more sufficient cases on 2.2.3 (56 of 85, 66%) would have reached Good." in text
    assert "Professional discretion was not eligible" in text
    assert "2.1 Assessment" not in text
    assert "The 10 standards' scores add up to 20 of 30, which is in the band 16-25: Good overall." in text


def test_explain_json_and_discretion_and_moderation(runner):
    """The JSON gives the same explanation for machines; discretion and moderation are explained with their rationale."""
    result = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "--format", "json"])
    explanation = json.loads(result.stdout)
    by_id = {s["id"]: s for s in explanation["standards"]}
    assert len(by_id) == 10
    planning = {kq["id"]: kq for kq in by_id["2.2"]["key_questions"]}["2.2.3"]
    assert (planning["cases_to_band_above"], planning["standard_rating_then"], planning["cases_to_band_below"]) == (6, "good", 8)
    assert by_id["2.1"]["discretion"] == {"applies": True, "eligible": True, "near_boundary_rule": True, "one_case_rule": False,
                                          "exercised": True}
    assert any("footnote 29" in s for s in by_id["2.1"]["sentences"])
    assert any(s.startswith("Moderation: the ratings panel considered the qualitative evidence (4.1.3) and made no change.")
               for s in by_id["4.1"]["sentences"])
    assert by_id["4.2"]["discretion"]["eligible"] is None
    # Where only a percentage is published, distances are in points, not cases.
    assert any("It is 6 points above the 80% boundary." in s for s in by_id["4.2"]["sentences"])


def test_explain_unknown_standard(runner):
    """An unknown standard is a usage error listing the framework's standards."""
    result = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "2.9"])
    assert result.exit_code == 2 and "2.9: not a standard of hmip-crc@2019" in result.stderr


def test_batch_writes_good_results_and_reports_the_bad(runner, tmp_path):
    """Over the examples and one broken file: every good result is written, the broken one reported, exit 1."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in EXAMPLE_FILES:
        shutil.copy(path, folder)
    (folder / "broken.json").write_text('{"provider": 1', encoding="utf-8")
    out = tmp_path / "out"
    summary = tmp_path / "summary.csv"
    result = runner.invoke(cli, ["evaluate", str(folder), "--output-dir", str(out), "--summary", str(summary)])
    assert result.exit_code == 1
    assert f"{folder / 'broken.json'}:1:" in result.stderr and "[json-syntax]" in result.stderr
    assert f"rated {len(EXAMPLE_FILES)} of {len(EXAMPLE_FILES) + 1} inspections into {out}; 1 failed" in result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{p.stem}.result.json" for p in EXAMPLE_FILES)
    sy = json.loads((out / "south-yorkshire-crc-2020.result.json").read_text("utf-8"))
    assert sy["overall"]["score"] == 20
    rows = list(csv.DictReader(summary.read_text("utf-8").splitlines()))
    assert len(rows) == len(EXAMPLE_FILES)
    row = next(r for r in rows if r["file"].endswith("south-yorkshire-crc-2020.json"))
    assert (row["2.1"], row["2.2"], row["score"], row["overall"]) == ("good", "requires_improvement", "20", "good")
    means = list(csv.DictReader((tmp_path / "summary-key-questions.csv").read_text("utf-8").splitlines()))
    sy_2018 = next(r for r in means if (r["framework"], r["key_question"]) == ("hmip-crc@2018", "2.1.3"))
    assert (sy_2018["inspections"], sy_2018["mean_percent"], sy_2018["pooled_percent"]) == ("1", "48.0", "")
    synthetic = next(r for r in means if (r["framework"], r["key_question"]) == ("hmip-crc@2019", "2.1.1"))
    assert synthetic["inspections"] == "2"  # South Yorkshire 2020 and the synthetic inspection


def test_batch_never_overwrites_without_force(runner, tmp_path):
    """A second batch into the same folder refuses to replace results unless --force is given."""
    out = tmp_path / "out"
    args = ["evaluate", str(SOUTH_YORKSHIRE_2020), str(EXAMPLES / "south-yorkshire-crc-2019.json"), "--output-dir", str(out)]
    assert runner.invoke(cli, args).exit_code == 0
    again = runner.invoke(cli, args)
    assert again.exit_code == 1 and "already exists; use --force to replace it" in again.stderr
    assert runner.invoke(cli, [*args, "--force"]).exit_code == 0


def test_batch_needs_an_output_folder(runner):
    """Several inspections without --output-dir is a usage error, as is -o with several."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), str(SOUTH_YORKSHIRE_2020)])
    assert result.exit_code == 2 and "--output-dir" in result.stderr


def test_batch_in_a_pipe_shows_no_progress_bar(runner, tmp_path):
    """In a pipe (not a terminal) the batch prints no progress bar, only its closing line."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--output-dir", str(tmp_path)])
    assert result.stderr == f"rated 1 of 1 inspections into {tmp_path}\n"
