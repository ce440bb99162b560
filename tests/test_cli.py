"""The `ratings` command: what a person sees, and the exit codes scripts rely on."""

from __future__ import annotations

import json
import re

import pytest

from ratings_engine import __version__
from ratings_engine.cli import cli

from support import CRC_2019, EXAMPLES, SOUTH_YORKSHIRE_2020


def test_version(runner):
    """--version prints the engine's version."""
    result = runner.invoke(cli, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"ratings, version {__version__}\n")


def test_the_version_is_kept_in_one_place():
    """The installed distribution's version is the engine's __version__: setuptools reads it from there."""
    from importlib.metadata import version

    assert version("ratings-engine") == __version__


@pytest.mark.parametrize("command", [[], ["evaluate"], ["validate"], ["frameworks"], ["plugins"]])
def test_help(runner, command):
    """Every command has --help."""
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage: ratings" in result.stdout


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


def test_output_onto_the_input_is_refused(runner, tmp_path):
    """Writing the result over the inspection is refused as a problem (exit 1); the inspection survives."""
    copy = tmp_path / "inspection.json"
    copy.write_bytes(SOUTH_YORKSHIRE_2020.read_bytes())
    result = runner.invoke(cli, ["evaluate", str(copy), "-o", str(copy)])
    assert result.exit_code == 1 and f"{copy}: /: the output is an input of this run" in result.stderr
    assert "[output-is-input]" in result.stderr
    assert copy.read_bytes() == SOUTH_YORKSHIRE_2020.read_bytes()


def test_unwritable_output(runner, tmp_path):
    """An output path in a folder that does not exist is a clear problem naming the output, exit 1."""
    target = tmp_path / "missing" / "r.json"
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(target)])
    assert result.exit_code == 1
    assert f"{target}: /: cannot write the file: No such file or directory" in result.stderr and "[cannot-write]" in result.stderr
    assert ".tmp" not in result.stderr and "Traceback" not in result.stderr


def test_unknown_format_is_a_usage_error(runner):
    """An unknown --format exits 2 and lists the known formats."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "pdf"])
    assert result.exit_code == 2
    assert "known: csv, csv-standards, html, json, markdown, text" in result.stderr


def test_bad_file_gives_location_not_traceback(runner, tmp_path):
    """Malformed JSON is reported with file, line and column; exit 1; no traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "provider": "x",\n  "samples": {,\n}', encoding="utf-8")
    result = runner.invoke(cli, ["evaluate", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad}:3:")
    assert "[json-syntax]" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_validate_every_shipped_file(runner):
    """Every framework and example validates, exit 0."""
    files = [str(CRC_2019), *(str(p) for p in sorted(EXAMPLES.glob("*.json")))]
    result = runner.invoke(cli, ["validate", *files])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"{CRC_2019}: valid framework" in result.stdout
    assert f"{SOUTH_YORKSHIRE_2020}: valid inspection" in result.stdout


def test_validate_reports_every_problem_and_continues(runner, tmp_path, write_json):
    """Problems in several files are all reported in one run, with exit 1."""
    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    document["samples"]["case-supervision"]["results"]["2.1.9"] = {"yes": 1, "of": 2}
    document["discretion"]["2.2"] = {"rating": "good", "rationale": "x"}
    bad = write_json("bad.json", document)
    result = runner.invoke(cli, ["validate", str(bad), str(SOUTH_YORKSHIRE_2020)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    # Each problem is located by file, line and column, then JSON pointer.
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: /samples/case-supervision/results/2.1.9: '2.1.9' is not a key question", lines[0])
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: /discretion/2.2: professional discretion is not eligible on standard 2.2", lines[1])
    assert f"{bad}: invalid inspection, 2 problems" in result.stdout
    assert f"{SOUTH_YORKSHIRE_2020}: valid inspection" in result.stdout


def test_validate_json(runner, write_json):
    """validate --format json lists problems with code, pointer and message for machines."""
    bad = write_json("bad.json", {"provider": "x", "fieldwork_start": "2019-11-25", "samples": {}, "framework": "hmip-crc@2019"})
    result = runner.invoke(cli, ["validate", "--format", "json", str(bad)])
    assert result.exit_code == 1
    [report] = json.loads(result.stdout)
    assert report["valid"] is False and report["kind"] == "inspection"
    assert {p["code"] for p in report["problems"]} == {"missing-sample", "missing-judgement"}
    assert {p["pointer"] for p in report["problems"]} == {"/samples", "/judgements/1.1", "/judgements/1.2", "/judgements/1.3",
                                                          "/judgements/1.4"}


def test_framework_chosen_by_fieldwork_date(runner, write_json):
    """An inspection that names no framework is rated under the version in force on its fieldwork date."""
    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    document["framework"] = "hmip-crc"  # the family only
    result = runner.invoke(cli, ["evaluate", str(write_json("undated.json", document))])
    assert result.exit_code == 0
    assert "Rated under hmip-crc@2019" in result.stdout
    document["fieldwork_start"] = "2015-01-01"
    result = runner.invoke(cli, ["evaluate", str(write_json("old.json", document))])
    assert result.exit_code == 1
    assert "no framework version is in force on the fieldwork start date 2015-01-01" in result.stderr


def test_unknown_framework(runner):
    """An unknown ID@VERSION is an error with a hint."""
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--framework", "hmip-crc@2091"])
    assert result.exit_code == 1
    assert "no framework 'hmip-crc@2091' is installed (did you mean hmip-crc@2019?)" in result.stderr


def test_frameworks_lists_installed_versions(runner):
    """`ratings frameworks` lists each version with its status and window."""
    result = runner.invoke(cli, ["frameworks"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("hmip-crc@2018        reconstructed  2018-06-01 to 2019-06-30")
    assert lines[2].startswith("hmip-crc@2019        published      2019-07-01 to now")


def test_frameworks_dir_conflict(runner, tmp_path):
    """Two files claiming the same ID@VERSION is an error naming both."""
    (tmp_path / "copy.json").write_bytes(CRC_2019.read_bytes().replace(b'"title": "HM', b'"title": "Copy of HM', 1))
    result = runner.invoke(cli, ["frameworks", "--frameworks-dir", str(tmp_path)])
    assert result.exit_code == 1
    from ratings_engine.io.bundled import bundled_path

    installed = bundled_path("frameworks") / "hmip-crc" / "2019.json"
    assert f"hmip-crc@2019 is claimed by more than one file: {tmp_path / 'copy.json'}, {installed}" in result.stderr


def test_plugins_lists_what_each_provides(runner):
    """`ratings plugins` shows each plugin, its distribution, and what it provides."""
    result = runner.invoke(cli, ["plugins"])
    assert result.exit_code == 0
    assert "rating_methods  (ratings-engine " in result.stdout
    assert "    rating method lowest-key-question" in result.stdout
    assert "    moderation rule qualitative-evidence" in result.stdout
    assert "    output format json" in result.stdout


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


def test_duplicate_version_refused_however_chosen(runner, tmp_path, write_json):
    """A version two files claim is refused when chosen by date as well as by name."""
    (tmp_path / "copy.json").write_bytes(CRC_2019.read_bytes())
    (tmp_path / "copy.json").write_text(CRC_2019.read_text("utf-8").replace('"title": "HM', '"title": "Copy of HM', 1), encoding="utf-8")
    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    document["framework"] = "hmip-crc"
    result = runner.invoke(cli, ["evaluate", str(write_json("i.json", document)), "--frameworks-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "hmip-crc@2019 is claimed by more than one file" in result.stderr


def test_failing_output_format_names_its_plugin(runner, monkeypatch):
    """An output format that raises, or returns something other than text, is reported by name: no traceback."""
    from ratings_engine.extension import OutputFormat
    from ratings_engine.hookspecs import hookimpl
    from ratings_engine.plugin_host.registry import build_registry, get_plugin_manager

    class Broken:
        @hookimpl
        def ratings_output_formats(self):
            return [OutputFormat("boom", "Fails.", lambda r: 1 / 0), OutputFormat("number", "Not text.", lambda r: 42, (".NUM",))]

    monkeypatch.setattr("ratings_engine.api.load_registry", lambda: build_registry(get_plugin_manager(plugins=[("Broken", Broken())])))
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "boom"])
    assert result.exit_code == 1
    assert "output format 'boom' from plugin Broken failed: ZeroDivisionError" in result.stderr
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", "result.num"])
    assert result.exit_code == 1 and "returned int, not text" in result.stderr


def test_limits_refuse_before_reading_and_can_be_raised(runner, tmp_path, monkeypatch, write_json):
    """Files over the size limit, too deep, or with too many cases are refused; each limit can be raised."""
    monkeypatch.setenv("RATINGS_MAX_FILE_MB", "1")
    big = write_json("big.json", {"notes": "x" * (3 * 1024 * 1024 // 2)})
    result = runner.invoke(cli, ["validate", str(big)])
    assert result.exit_code == 1 and "the file is 1.5 MB, more than the limit of 1 MB" in result.stderr and "[too-large]" in result.stderr
    monkeypatch.delenv("RATINGS_MAX_FILE_MB")
    deep = tmp_path / "deep.json"
    deep.write_text('{"notes": ' + "[" * 70 + "]" * 70 + "}", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(deep)])
    assert "nested more than 64 levels deep" in result.stderr
    monkeypatch.setenv("RATINGS_MAX_DEPTH", "100")
    assert "nested more than" not in runner.invoke(cli, ["validate", str(deep)]).stderr
    monkeypatch.setenv("RATINGS_MAX_CASES", "2")
    document = {"provider": "P", "fieldwork_start": "2019-11-25", "framework": "hmip-crc@2019",
                "samples": {"unpaid-work": {"cases": [{"id": str(i), "key_questions": {}} for i in range(3)]}}}
    result = runner.invoke(cli, ["validate", str(write_json("many.json", document))])
    assert "/samples/unpaid-work/cases: the sample has 3 cases, more than the limit of 2" in result.stderr


def _main_exit(*args: str) -> int:
    from ratings_engine.cli import main

    with pytest.raises(SystemExit) as done:
        main(list(args))
    return done.value.code


@pytest.mark.parametrize("raised, code, words", [
    (ZeroDivisionError("a bug"), 1, "ratings: internal error: ZeroDivisionError: a bug. This is a bug"),
    (SystemExit(5), 1, ""),
    (SystemExit("gave up\x1b[2J"), 1, "ratings: gave up\\x1b[2J"),
    (SystemExit(None), 0, ""),
    (KeyboardInterrupt(), 130, "ratings: interrupted"),
])
def test_main_exits_only_with_documented_codes(monkeypatch, capsys, raised, code, words):
    """Whatever happens inside a command, `ratings` exits 0, 1, 2 or 130 with a line, never a traceback."""
    def explode(*args, **kwargs):
        raise raised

    monkeypatch.delenv("RATINGS_DEBUG", raising=False)
    monkeypatch.setattr("ratings_engine.api.Engine.evaluate_file", explode)
    assert _main_exit("evaluate", str(SOUTH_YORKSHIRE_2020)) == code
    stderr = capsys.readouterr().err
    assert words in stderr and "Traceback" not in stderr


def test_internal_error_traceback_for_developers(monkeypatch):
    """RATINGS_DEBUG=1 lets an internal error through with its traceback."""
    def explode(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setenv("RATINGS_DEBUG", "1")
    monkeypatch.setattr("ratings_engine.api.Engine.evaluate_file", explode)
    with pytest.raises(ZeroDivisionError):
        _main_exit("evaluate", str(SOUTH_YORKSHIRE_2020))


def test_main_keeps_usage_and_problem_codes(capsys, tmp_path):
    """A usage error exits 2 and a missing file 1 (a located problem), through main() as through click."""
    assert _main_exit("evaluate", str(SOUTH_YORKSHIRE_2020), "--framework", "") == 2
    assert "is empty" in capsys.readouterr().err
    assert _main_exit("evaluate", str(tmp_path / "missing.json")) == 1
    assert "missing.json: /: cannot read the file" in capsys.readouterr().err
    assert _main_exit("--version") == 0


@pytest.mark.parametrize("args, line", [
    (["--framework", "hmip-crc@2091"], ":5:3: /framework: no framework 'hmip-crc@2091' is installed (did you mean "
                                       "hmip-crc@2019?) (the framework was named on the command line) [framework-not-found]"),
    (["--framework", "hmip-crc@2018"], ":4:3: /fieldwork_start: hmip-crc@2018 (named by --framework) applies to fieldwork "),
])
def test_selection_problems_are_located_in_every_command(runner, args, line):
    """A framework that cannot be chosen is a located problem in the inspection, whichever command chose it."""
    for command in ("validate", "evaluate", "explain", "stability"):
        result = runner.invoke(cli, [command, str(SOUTH_YORKSHIRE_2020), *args])
        assert result.exit_code == 1, (command, result.stderr)
        assert f"{SOUTH_YORKSHIRE_2020}{line}" in result.stderr, (command, result.stderr)
