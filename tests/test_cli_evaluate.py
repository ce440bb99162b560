"""`ratings evaluate`: one inspection in text or JSON, to a file or beside the previous one; many as a batch.

A batch writes every good result and a summary, and reports the bad. Batches that meet are real
processes, started together (two runs into one folder at once, and a run killed part way): each
result is written by exactly one run and is complete JSON; the run that comes second reports each
result it found already there. A run killed at any moment leaves only complete results (and perhaps
a hidden temporary file, which the next run ignores).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from random import Random

import pytest

from ratings_engine import __version__
from ratings_engine.cli import cli

from support import CRC_2019, EXAMPLES, ROOT, SOUTH_YORKSHIRE_2020

INSPECTIONS = 20
# The examples rated on their own: one that pools other inspections needs the files it names beside it.
EXAMPLE_FILES = [path for path in sorted(EXAMPLES.glob("*.json")) if "pooled_from" not in json.loads(path.read_text("utf-8"))]
SOUTH_YORKSHIRE_2019 = EXAMPLES / "south-yorkshire-crc-2019.json"


@pytest.fixture
def folder(tmp_path) -> Path:
    """INSPECTIONS inspection files (copies of the examples under names of their own) in tmp_path/in.

    An example that pools other inspections is left out: the files it names are not copied with it."""
    source = tmp_path / "in"
    source.mkdir()
    examples = EXAMPLE_FILES
    for number in range(INSPECTIONS):
        shutil.copy(examples[number % len(examples)], source / f"inspection-{number:02}.json")
    return tmp_path


def start(folder: Path, *args: str) -> subprocess.Popen:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RATINGS_")}
    environment.update(RATINGS_DISABLE_PLUGINS="all", PYTHONIOENCODING="utf-8")
    return subprocess.Popen([sys.executable, "-m", "ratings_engine", "evaluate", *args], cwd=folder, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def results(out: Path) -> dict[str, dict]:
    """Every result file in OUT, parsed (a file that is not complete JSON fails here); hidden files apart."""
    return {p.name: json.loads(p.read_text("utf-8")) for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def rated(stderr: str) -> int:
    return int(re.search(r"^rated (\d+) of \d+ inspections", stderr, re.M).group(1))


def test_two_batches_at_once_write_each_result_once(folder):
    runs = [start(folder, "in", "--output-dir", "out") for _ in range(2)]
    finished = [run.communicate(timeout=120) for run in runs]
    written = results(folder / "out")
    assert sorted(written) == [f"inspection-{n:02}.result.json" for n in range(INSPECTIONS)]
    assert all(document["overall"] for document in written.values())
    assert [p.name for p in (folder / "out").iterdir() if p.name.startswith(".")] == []
    collisions = []
    for run, (_, stderr) in zip(runs, finished, strict=True):
        assert "Traceback" not in stderr and run.returncode in (0, 1), stderr
        lines = [line for line in stderr.splitlines() if "[output-exists]" in line]
        collisions.append(len(lines))
        assert all(re.match(r"^out/inspection-\d\d\.result\.json: /: the file already exists; use --force", line) for line in lines)
        assert rated(stderr) + len(lines) == INSPECTIONS
        assert run.returncode == (1 if lines else 0)
    # Together the two runs wrote each result exactly once.
    assert sum(rated(stderr) for _, stderr in finished) == INSPECTIONS
    assert sum(collisions) == INSPECTIONS


def test_a_batch_killed_at_any_moment_leaves_only_complete_results(folder):
    rng = Random(20201125)
    partial = 0
    for attempt in range(6):
        out = folder / f"out-{attempt}"
        run = start(folder, "in", "--output-dir", out.name)
        # Killed once the batch is writing (however slow the start), after a random short while more.
        while run.poll() is None and not (out.exists() and any(out.iterdir())):
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.15))
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=30)
        if out.exists():
            written = results(out)  # each parses: complete, or not there at all
            assert all(re.fullmatch(r"inspection-\d\d\.result\.json", name) for name in written), written
            assert all(p.name.endswith(".tmp") for p in out.iterdir() if p.name.startswith("."))
            partial += run.returncode == -signal.SIGKILL and 0 < len(written) < INSPECTIONS
    assert partial, "no run was killed part way through its batch: the delays no longer fit"
    # The next run, without --force, rates what is missing and ignores a leftover temporary file.
    out = folder / "out-0"
    out.mkdir(exist_ok=True)
    (out / ".inspection-00.result.json.0badf00d.tmp").write_text('{"half": ')
    already = set(results(out))
    stdout, stderr = start(folder, "in", "--output-dir", out.name).communicate(timeout=120)
    assert "Traceback" not in stderr
    assert rated(stderr) == INSPECTIONS - len(already)
    assert len(results(out)) == INSPECTIONS
    # Results and a leftover beside the inspections are not taken as inspections by the next run there either.
    for name in results(out):
        shutil.copy(out / name, folder / "in" / name)
    shutil.copy(out / ".inspection-00.result.json.0badf00d.tmp", folder / "in")
    stdout, stderr = start(folder, "in", "--output-dir", "again").communicate(timeout=120)
    assert f"{INSPECTIONS} result files (NAME.result.EXT) left out" in stderr
    assert rated(stderr) == INSPECTIONS and len(results(folder / "again")) == INSPECTIONS


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
    assert summary.read_bytes().startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs to read UTF-8
    rows = list(csv.DictReader(summary.read_text("utf-8-sig").splitlines()))
    assert len(rows) == len(EXAMPLE_FILES)
    row = next(r for r in rows if r["file"].endswith("south-yorkshire-crc-2020.json"))
    assert (row["framework"], row["score"], row["max_score"], row["rating"]) == ("hmip-crc@2019", "20", "30", "good")
    standards = list(csv.DictReader((tmp_path / "summary-hmip-crc@2019.csv").read_text("utf-8-sig").splitlines()))
    row = next(r for r in standards if r["file"].endswith("south-yorkshire-crc-2020.json"))
    assert (row["2.1"], row["2.2"], row["score"], row["rating"]) == ("good", "requires_improvement", "20", "good")
    means = list(csv.DictReader((tmp_path / "summary-hmip-crc@2018-key-questions.csv").read_text("utf-8-sig").splitlines()))
    sy_2018 = next(r for r in means if (r["framework"], r["key_question"]) == ("hmip-crc@2018", "2.1.3"))
    assert (sy_2018["inspections"], sy_2018["mean_percent"], sy_2018["pooled_percent"]) == ("1", "48.0", "")
    means = list(csv.DictReader((tmp_path / "summary-hmip-crc@2019-key-questions.csv").read_text("utf-8-sig").splitlines()))
    synthetic = next(r for r in means if (r["framework"], r["key_question"]) == ("hmip-crc@2019", "2.1.1"))
    assert synthetic["inspections"] == "2"  # South Yorkshire 2020 and the synthetic inspection


@pytest.mark.skipif(not hasattr(os, "fork"), reason="--jobs works in one process where the platform cannot fork")
@pytest.mark.parametrize("format_name", ["json", "html"])
def test_a_batch_over_two_jobs_writes_the_same_bytes_and_reports_the_same(runner, tmp_path, format_name):
    """--jobs 2: every result file, the summaries and what is said on standard error, exactly as with --jobs 1."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in [*EXAMPLE_FILES, *sorted((EXAMPLES / "corpus").glob("*.json"))[:6]]:
        shutil.copy(path, folder)
    (folder / "broken.json").write_text('{"provider": 1', encoding="utf-8")
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = runner.invoke(cli, ["evaluate", str(folder), "--output-dir", str(out), "--summary", str(out / "summary.csv"),
                                     "--format", format_name, "--jobs", jobs])
        assert result.exit_code == 1
        files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        runs[jobs] = (files, result.stderr.replace(str(out), "OUT"))
    assert runs["1"] == runs["2"]
    versions = {row["framework"] for row in csv.DictReader(runs["1"][0]["summary.csv"].decode("utf-8-sig").splitlines())}
    # each good inspection, the summary, and each version's standards and key questions
    assert len(runs["1"][0]) == len(EXAMPLE_FILES) + 6 + 1 + 2 * len(versions)


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


def test_reconstructed_status_is_shown(runner):
    """Output produced under a version that is not published says so, in text and in JSON."""
    text = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2019)]).stdout
    assert "Rated under hmip-crc@2018 (reconstructed)" in text
    assert "warning: hmip-crc@2018 is reconstructed, not published" in text
    document = json.loads(runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2019), "--format", "json"]).stdout)
    assert document["framework"]["status"] == "reconstructed"
    assert "framework-status" in [w["code"] for w in document["warnings"]]


def test_evaluate_south_yorkshire_text(runner):
    """The published ratings, 20/30 Good, with 2.1 raised by discretion and 4.1's moderation recorded as no change."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    expected = [("1.1 Leadership", "Outstanding (3)"), ("1.2 Staff", "Outstanding (3)"), ("1.3 Services", "Good (2)"),
                ("1.4 Information and facilities", "Good (2)"), ("2.1 Assessment", "Good (2)"),
                ("2.2 Planning", "Requires improvement (1)"), ("2.3 Implementation and delivery", "Requires improvement (1)"),
                ("2.4 Reviewing", "Requires improvement (1)"), ("4.1 Unpaid work", "Good (2)"), ("4.2 Through the Gate", "Outstanding (3)")]
    lines = out.splitlines()
    for title, rating in expected:
        [line] = [line for line in lines if line.strip().startswith(title + " ")]
        assert line.endswith(rating), line
    assert "Indicative rating Requires improvement: lowest key question 2.1.1 at 63% (63 of 100)" in out
    assert "Professional discretion: the ratings panel moved the rating from Requires improvement to Good." in out
    assert "Moderation: the ratings panel considered the qualitative evidence (4.1.3) and made no change" in out
    assert "Overall: Good, score 20/30" in out
    assert result.stderr == ""


def test_evaluate_json_is_the_result_document(runner):
    """--format json prints the result document with provenance."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["overall"]["score"] == 20 and document["overall"]["rating"] == "good"
    assert document["framework"]["id"] == "hmip-crc" and document["framework"]["version"] == "2019"
    import hashlib
    assert document["framework"]["sha256"] == hashlib.sha256(CRC_2019.read_bytes()).hexdigest()
    assert document["input"]["sha256"] == hashlib.sha256(SOUTH_YORKSHIRE_2020.read_bytes()).hexdigest()
    assert document["engine"] == {"name": "ratings-engine", "version": __version__}
    assert {p["name"] for p in document["plugins"]} == {"rating_methods", "moderation"}


def test_output_file_by_extension(runner, tmp_path):
    """-o writes the result to a file, in the format its extension names, and leaves the input untouched."""
    before = SOUTH_YORKSHIRE_2020.read_bytes()
    out = tmp_path / "result.json"
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text("utf-8"))["overall"]["score"] == 20
    assert f"wrote {out} (json)" in result.stderr
    assert SOUTH_YORKSHIRE_2020.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temporary file left behind


def test_unknown_format_is_a_usage_error(runner):
    """An unknown --format exits 2 and lists the known formats."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "pdf"])
    assert result.exit_code == 2
    assert "known: csv, csv-standards, html, json, markdown, text" in result.stderr


def test_previous_inspection_beside_the_result(runner):
    """--previous puts the previous inspection's figures beside this one's, by key question and prompt id."""
    from support import EXAMPLES

    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--previous", str(EXAMPLES / "south-yorkshire-crc-2019.json"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.stderr
    previous = json.loads(result.stdout)["previous"]
    assert (previous["framework"], previous["fieldwork_start"]) == ("hmip-crc@2018", "2018-11-26")
    assert previous["key_questions"]["2.1.3"]["percent"] == 48
    assert previous["prompts"]["4.2.2.z"]["percent"] == 47
    assert previous["standards"]["2.2"]["rating"] == "inadequate"


# Results in a spreadsheet: the byte order mark, summaries per framework version, workbooks ------------------------

BOM = b"\xef\xbb\xbf"


def test_a_csv_file_starts_with_the_byte_order_mark_excel_needs_and_standard_output_does_not(runner, tmp_path):
    out = tmp_path / "kq.csv"
    assert runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(BOM + b"provider,fieldwork_start,framework,")
    printed = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "csv"])
    assert printed.stdout.startswith("provider,")
    plain = tmp_path / "plain.csv"
    assert runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(plain), "--no-csv-bom"]).exit_code == 0
    assert plain.read_bytes() == out.read_bytes()[len(BOM):]
    marked = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "csv-standards", "--csv-bom"])
    assert marked.stdout.startswith("\ufeffprovider,")
    batch = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--output-dir", str(tmp_path / "out"), "--format", "csv"])
    assert batch.exit_code == 0 and (tmp_path / "out" / "south-yorkshire-crc-2020.result.csv").read_bytes() == out.read_bytes()
    page = tmp_path / "page.html"  # the mark is for CSV only
    assert runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(page)]).exit_code == 0
    assert page.read_bytes().startswith(b"<!DOCTYPE html>")


def test_accented_names_survive_a_csv_file_read_as_excel_reads_it(runner, tmp_path):
    inspection = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    inspection["provider"] = "Côte-d'Or – Sûreté"
    source = tmp_path / "accented.json"
    source.write_text(json.dumps(inspection, ensure_ascii=False), "utf-8")
    out = tmp_path / "accented.csv"
    assert runner.invoke(cli, ["evaluate", str(source), "-o", str(out)]).exit_code == 0
    # Excel takes UTF-8 only after the mark; without it, its local code page (cp1252) would garble the name.
    raw = out.read_bytes()
    assert raw.startswith(BOM) and next(csv.DictReader(raw[len(BOM):].decode("utf-8").splitlines()))["provider"] == inspection["provider"]


def test_an_output_extension_no_format_claims_is_a_usage_error_naming_the_formats(runner, tmp_path):
    out = tmp_path / "result.pdf"
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert "no output format writes .pdf files: csv (.csv); csv-standards (by --format only); html (.html, .htm); json (.json)" \
        in result.stderr and "xlsx (.xlsx)" in result.stderr


def mixed_folder(tmp_path: Path) -> Path:
    """A CRC inspection and a youth service's, whose standards share ids (1.1 is a different standard in each)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("south-yorkshire-crc-2020.json", "synthetic-youth-2022.json"):
        shutil.copy(EXAMPLES / name, folder)
    return folder


def test_a_summary_over_two_frameworks_has_a_table_for_each(runner, tmp_path):
    result = runner.invoke(cli, ["evaluate", str(mixed_folder(tmp_path)), "--output-dir", str(tmp_path / "out"),
                                 "--summary", str(tmp_path / "summary.csv")])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("summary*")) == [
        "summary-hmip-crc@2019-key-questions.csv", "summary-hmip-crc@2019.csv", "summary-hmip-youth@2021-key-questions.csv",
        "summary-hmip-youth@2021.csv", "summary.csv"]

    def read(name: str) -> list[dict]:
        return list(csv.DictReader((tmp_path / name).read_text("utf-8-sig").splitlines()))

    assert [(r["framework"], r["rating"]) for r in read("summary.csv")] == [("hmip-crc@2019", "good"), ("hmip-youth@2021", "good")]
    crc, youth = read("summary-hmip-crc@2019.csv"), read("summary-hmip-youth@2021.csv")
    assert len(crc) == len(youth) == 1 and "4.2" in crc[0] and "4.2" not in youth[0]
    assert {r["framework"] for r in read("summary-hmip-youth@2021-key-questions.csv")} == {"hmip-youth@2021"}


def test_a_summary_workbook_has_a_sheet_for_each_framework_version(runner, tmp_path):
    from openpyxl import load_workbook

    summary = tmp_path / "summary.xlsx"
    result = runner.invoke(cli, ["evaluate", str(mixed_folder(tmp_path)), "--output-dir", str(tmp_path / "out"),
                                 "--summary", str(summary)])
    assert result.exit_code == 0, result.stderr
    book = load_workbook(summary)
    assert book.sheetnames == ["About", "inspections", "hmip-crc@2019", "hmip-crc@2019 key questions", "hmip-youth@2021",
                               "hmip-youth@2021 key questions"]
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert len(about["hmip-crc@2019 SHA-256"]) == 64
    sheet = book["hmip-crc@2019"]
    assert [c.value for c in sheet[1]][4:6] == ["1.1", "1.2"] and sheet["E1"].data_type == "s"
    assert book["hmip-crc@2019 key questions"]["G2"].number_format == "0.0%"
    assert [p.name for p in tmp_path.glob("summary*")] == ["summary.xlsx"]
    again = runner.invoke(cli, ["evaluate", str(tmp_path / "in"), "--output-dir", str(tmp_path / "out2"), "--summary", str(summary)])
    assert again.exit_code == 1 and "[output-exists]" in again.stderr and not (tmp_path / "out2").exists()


@pytest.mark.parametrize("name", ["summary.txt", "summary", "-"])
def test_a_summary_is_named_csv_or_xlsx(runner, tmp_path, name):
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--output-dir", str(tmp_path / "out"), "--summary", name])
    assert result.exit_code == 2 and "NAME.csv" in result.stderr and "NAME.xlsx" in result.stderr


def test_a_batch_of_workbooks(runner, tmp_path):
    from openpyxl import load_workbook

    result = runner.invoke(cli, ["evaluate", str(mixed_folder(tmp_path)), "--output-dir", str(tmp_path / "out"), "--format", "xlsx"])
    assert result.exit_code == 0, result.stderr
    assert load_workbook(tmp_path / "out" / "synthetic-youth-2022.result.xlsx")["overall"]["C2"].value == "hmip-youth@2021"


def test_rating_the_example_imports_only_what_it_needs():
    """What only some runs need stays unimported by `ratings evaluate` on the example, so its cold start stays short.

    Each of these was once imported on every run: the did-you-mean matcher (difflib, for problems),
    the tables module (CSV and workbook formats), openpyxl (workbooks), the html package
    (pages), the other commands' analyses, the check of any kind of file (validate's), the
    browser opener (the studio's).
    """
    code = ("import sys\nfrom ratings_engine.cli.main import _run\n"
            f"assert _run(['evaluate', {str(SOUTH_YORKSHIRE_2020)!r}]) == 0\n"
            "print(' '.join(sorted(sys.modules)))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded = set(found.stdout.split("\n")[-2].split())
    for module in ("difflib", "ratings_engine.reports.tables", "openpyxl", "html", "ratings_engine.analysis.impact",
                   "ratings_engine.sheets.template", "ratings_engine.plugins.markdown_prompts", "jsonschema",
                   "ratings_engine.analysis.file_check", "webbrowser"):
        assert module not in loaded, module
    assert "ratings_engine.rating.evaluate" in loaded  # the check itself ran the command


def test_previous_with_a_format_that_has_no_previous_column_is_noted(runner):
    """The text format shows nothing of --previous: a note says so rather than dropping it silently; markdown shows it, without a note."""
    previous = ["--previous", str(EXAMPLES / "south-yorkshire-crc-2019.json")]
    text = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), *previous])
    assert text.exit_code == 0, text.stderr
    assert "note: the text format has no previous column, so --previous changes nothing in it" in text.stderr
    assert text.stdout == runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020)]).stdout
    markdown = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), *previous, "--format", "markdown"])
    assert markdown.exit_code == 0 and "previous column" not in markdown.stderr
