"""Output formats for any document: a plugin adds one for `ratings diff` or `ratings explain` exactly as for `ratings evaluate`.

The plugins here are small modules written to tmp_path and given with --plugin, as a user would.
"""

from __future__ import annotations

import json

import pytest
from click.shell_completion import ShellComplete

from ratings_engine.cli import cli
from ratings_engine.plugin_host.registry import load_registry

from support import EXAMPLES

SY_2020 = EXAMPLES / "south-yorkshire-crc-2020.json"

#: A plugin with a one-line 'brief' format for three kinds of document, each saying what it was given.
BRIEF = '''
from ratings_engine import OutputFormat, hookimpl


def diff_brief(diff):
    return f"diff {diff['from']['version']} -> {diff['to']['version']}: {diff['summary']['total']} changes\\n"


def explanation_brief(explanation):
    return f"explained {len(explanation['standards'])} standards of {explanation['provider']}\\n"


def result_brief(result):
    return f"{result['provider']}: {result['overall']['rating_label']}\\n"


@hookimpl
def ratings_output_formats():
    return [OutputFormat("brief", "One line.", diff_brief, (".brief",), document="framework-diff"),
            OutputFormat("brief", "One line.", explanation_brief, (".brief",), document="explanation"),
            OutputFormat("brief", "One line.", result_brief, (".brief",))]
'''

#: A plugin that replaces the built-in 'text' of the framework diff only.
DIFF_TEXT = '''
from ratings_engine import OutputFormat, hookimpl


@hookimpl
def ratings_output_formats():
    return [OutputFormat("text", "Counts only.", lambda diff: f"{diff['summary']['total']} changes\\n", document="framework-diff")]
'''


def plugin(tmp_path, name: str, source: str) -> str:
    path = tmp_path / f"{name}.py"
    path.write_text(source, "utf-8")
    return str(path)


def test_a_plugin_format_renders_diff_explain_and_evaluate(runner, tmp_path):
    """One plugin's 'brief' format is used by `ratings diff`, `ratings explain` and `ratings evaluate`, each with its own document."""
    brief = ["--plugin", plugin(tmp_path, "brief", BRIEF)]
    diff = runner.invoke(cli, [*brief, "diff", "hmip-crc@2018", "hmip-crc@2019", "--format", "brief"])
    total = json.loads(runner.invoke(cli, ["diff", "hmip-crc@2018", "hmip-crc@2019", "--format", "json"]).stdout)["summary"]["total"]
    assert (diff.exit_code, diff.stdout) == (0, f"diff 2018 -> 2019: {total} changes\n")
    explain = runner.invoke(cli, [*brief, "explain", str(SY_2020), "2.1", "--format", "brief"])
    assert (explain.exit_code, explain.stdout) == (0, "explained 1 standards of South Yorkshire CRC\n")
    evaluate = runner.invoke(cli, [*brief, "evaluate", str(SY_2020), "--format", "brief"])
    assert (evaluate.exit_code, evaluate.stdout) == (0, "South Yorkshire CRC: Good\n")
    # -o with the format's extension chooses it for that document too.
    out = tmp_path / "changes.brief"
    assert runner.invoke(cli, [*brief, "diff", "hmip-crc@2018", "hmip-crc@2019", "-o", str(out)]).exit_code == 0
    assert out.read_text("utf-8") == diff.stdout


def test_a_format_is_offered_only_for_the_documents_it_renders(runner, tmp_path):
    """'brief' is not a format of a comparison: the usage error lists the formats known for that command's document."""
    brief = ["--plugin", plugin(tmp_path, "brief", BRIEF)]
    result = runner.invoke(cli, [*brief, "compare", str(EXAMPLES / "south-yorkshire-crc-2019.json"), str(SY_2020), "--format", "brief"])
    assert result.exit_code == 2
    assert "'brief' is not an output format for comparison documents; known: json, text" in result.stderr


def test_overriding_text_for_one_document_leaves_the_others_alone(runner, tmp_path):
    """A plugin's 'text' for the framework diff replaces the built-in one there only; explain and evaluate keep theirs."""
    own = ["--plugin", plugin(tmp_path, "difftext", DIFF_TEXT)]
    diff = runner.invoke(cli, [*own, "diff", "hmip-crc@2018", "hmip-crc@2019"])
    assert diff.exit_code == 0 and diff.stdout.endswith(" changes\n") and len(diff.stdout.splitlines()) == 1
    for args in (["explain", str(SY_2020)], ["evaluate", str(SY_2020)], ["diff", "hmip-crc@2019", "hmip-youth@2018", "--format", "json"]):
        assert runner.invoke(cli, [*own, *args]).stdout == runner.invoke(cli, args).stdout
    notes = [line for line in runner.invoke(cli, [*own, "plugins"]).stdout.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1
    assert notes[0].startswith("note: framework-diff output format 'text' from text_formats (ratings-engine ")
    assert notes[0].endswith(f"is replaced by the one from {own[1]!r}")


def test_a_failing_format_of_any_document_names_its_plugin(runner, tmp_path):
    """A diff format that raises, or returns something other than text, is reported with its plugin's name: no traceback."""
    source = '''
from ratings_engine import OutputFormat, hookimpl

@hookimpl
def ratings_output_formats():
    return [OutputFormat("boom", "Fails.", lambda diff: 1 / 0, document="framework-diff"),
            OutputFormat("number", "Not text.", lambda diff: 42, document="framework-diff")]
'''
    broken = ["--plugin", plugin(tmp_path, "broken", source)]
    result = runner.invoke(cli, [*broken, "diff", "hmip-crc@2018", "hmip-crc@2019", "--format", "boom"])
    assert result.exit_code == 1
    assert "framework-diff output format 'boom' from plugin " in result.stderr and "failed: ZeroDivisionError" in result.stderr
    result = runner.invoke(cli, [*broken, "diff", "hmip-crc@2018", "hmip-crc@2019", "--format", "number"])
    assert result.exit_code == 1 and "returned int, not text" in result.stderr


#: A plugin with a binary format (bytes, written only to a file) and one that promises bytes but returns text.
BINARY = '''
from ratings_engine import OutputFormat, hookimpl

@hookimpl
def ratings_output_formats():
    return [OutputFormat("packed", "Bytes.", lambda diff: bytes([0, 255]) + diff["to"]["version"].encode(), (".packed",),
                         document="framework-diff", binary=True),
            OutputFormat("fake", "Text, not bytes.", lambda diff: "text", (".fake",), document="framework-diff", binary=True)]
'''


def test_a_binary_format_is_written_to_its_file_and_never_printed(runner, tmp_path):
    """A plugin's binary format: its bytes go to the file named with -o, as they are; without one, a usage error."""
    packed = ["--plugin", plugin(tmp_path, "packed", BINARY), "diff", "hmip-crc@2018", "hmip-crc@2019"]
    out = tmp_path / "diff.packed"
    written = runner.invoke(cli, [*packed, "-o", str(out)])
    assert written.exit_code == 0, written.stderr
    assert out.read_bytes() == b"\x00\xff2019"
    for args in (["--format", "packed"], ["--format", "packed", "-o", "-"]):
        printed = runner.invoke(cli, [*packed, *args])
        assert printed.exit_code == 2 and "packed is a file format: name the file with -o" in printed.stderr
    fake = runner.invoke(cli, [*packed, "-o", str(tmp_path / "diff.fake")])
    assert fake.exit_code == 1 and "returned str, not bytes" in fake.stderr and not (tmp_path / "diff.fake").exists()


def test_a_format_for_no_known_document_is_left_out_with_a_warning(runner, tmp_path):
    """An OutputFormat naming a document the engine does not print is refused by name; the command goes on."""
    source = '''
from ratings_engine import OutputFormat, hookimpl

@hookimpl
def ratings_output_formats():
    return [OutputFormat("odd", "For nothing.", str, document="horoscope"), OutputFormat("listed", "Fine.", str, document=["x"])]
'''
    result = runner.invoke(cli, ["--plugin", plugin(tmp_path, "odd", source), "frameworks"])
    assert result.exit_code == 0
    assert "returned output format 'odd' for 'horoscope', not a kind of document (result, explanation" in result.stderr
    assert "returned output format 'listed' for ['x'], not a kind of document" in result.stderr
    assert result.stdout == runner.invoke(cli, ["frameworks"]).stdout


def test_format_names_complete_in_the_shell_for_the_command_s_document():
    """Shell completion of --format offers the formats of the command's document."""
    def complete(args: list[str], incomplete: str) -> list[str]:
        return [item.value for item in ShellComplete(cli, {}, "ratings", "_RATINGS_COMPLETE").get_completions(args, incomplete)]

    assert complete(["frameworks", "show", "hmip-crc@2019", "--format"], "") == sorted(load_registry().formats_for("framework-outline"))
    assert complete(["evaluate", "x.json", "--format"], "csv") == ["csv", "csv-standards"]
    assert complete(["diff", "a", "b", "--format"], "") == ["json", "text"]


def test_a_plugin_format_is_named_in_the_help_and_completed(runner, tmp_path):
    """--format's help and its completion read the formats when asked: a plugin given with --plugin is among them."""
    brief = ["--plugin", plugin(tmp_path, "brief", BRIEF)]
    shown = runner.invoke(cli, [*brief, "diff", "--help"], terminal_width=200)
    assert shown.exit_code == 0
    assert "Output format: brief, json, text, or one a plugin adds" in shown.stdout
    assert "brief" not in runner.invoke(cli, ["compare", "--help"], terminal_width=200).stdout
    completions = ShellComplete(cli, {}, "ratings", "_RATINGS_COMPLETE").get_completions([*brief, "evaluate", "x.json", "--format"], "b")
    assert [item.value for item in completions] == ["brief"]


def test_the_registry_keeps_formats_per_document():
    """output_formats is the result formats (as before); formats_for gives any kind's, and refuses a kind there is not."""

    registry = load_registry()
    assert registry.formats_for("result") is registry.output_formats
    assert registry.formats_for("framework-diff")["text"] is not registry.output_formats["text"]
    with pytest.raises(ValueError, match="no kind of document called 'horoscope'"):
        registry.formats_for("horoscope")
