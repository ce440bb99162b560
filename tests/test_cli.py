"""The `ratings` command as a whole: its version and help, the promises every command keeps, and the exit codes.

Each command's own tests are in tests/test_cli_<command>.py (or, for replay and stability, the
analysis's own test module).
"""

from __future__ import annotations

import json

import pytest

from ratings_engine import __version__
from ratings_engine.cli import cli

from support import CRC_2019, SOUTH_YORKSHIRE_2020


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


def test_bad_file_gives_location_not_traceback(runner, tmp_path):
    """Malformed JSON is reported with file, line and column; exit 1; no traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "provider": "x",\n  "samples": {,\n}', encoding="utf-8")
    result = runner.invoke(cli, ["evaluate", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad}:3:")
    assert "[json-syntax]" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


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
                                       "hmip-crc@2019?) (other framework folders are searched when named with --frameworks-dir "
                                       "DIR, RATINGS_FRAMEWORKS_PATH, or frameworks = [\"DIR\"] in a ratings.toml; the framework "
                                       "was named on the command line) [framework-not-found]"),
    (["--framework", "hmip-crc@2018"], ":4:3: /fieldwork_start: hmip-crc@2018 (named by --framework) applies to fieldwork "),
])
def test_selection_problems_are_located_in_every_command(runner, args, line, tmp_path, monkeypatch):
    """A framework that cannot be chosen is a located problem in the inspection, whichever command chose it."""
    monkeypatch.chdir(tmp_path)  # the hint names a ./frameworks folder that is not searched: there is none here
    for command in ("validate", "evaluate", "explain", "stability"):
        result = runner.invoke(cli, [command, str(SOUTH_YORKSHIRE_2020), *args])
        assert result.exit_code == 1, (command, result.stderr)
        assert f"{SOUTH_YORKSHIRE_2020}{line}" in result.stderr, (command, result.stderr)


def test_an_output_extension_no_format_of_the_document_writes_is_a_usage_error(runner, tmp_path):
    """`-o page.html` for an explanation (which has no html format) is refused, listing the formats and their extensions."""
    page = tmp_path / "page.html"
    result = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "-o", str(page)])
    assert result.exit_code == 2, result.stderr
    assert "no output format of explanation documents writes .html files: json (.json); text (.txt)" in result.stderr
    assert not page.exists()
    named = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "--format", "text", "-o", str(page)])
    assert named.exit_code == 0 and page.read_text("utf-8").startswith("South Yorkshire CRC, fieldwork from 2019-11-25")
    quiet = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "-o", str(tmp_path / "why.txt")])
    assert quiet.exit_code == 0 and "note:" not in quiet.stderr
