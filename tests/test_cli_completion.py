"""Shell completion (click's, set up as docs/cli.md says) completes values: format names, ID@VERSION and standard ids."""

from __future__ import annotations

import json

from click.shell_completion import ShellComplete

from ratings_engine.cli import cli

from support import CRC_2019, EXAMPLES, SOUTH_YORKSHIRE_2020


def complete(args: list[str], incomplete: str) -> list[str]:
    return [item.value for item in ShellComplete(cli, {}, "ratings", "_RATINGS_COMPLETE").get_completions(args, incomplete)]


def crc_standards() -> list[str]:
    framework = json.loads(CRC_2019.read_text("utf-8"))
    return sorted(s["id"] for domain in framework["domains"] for s in domain["standards"])


def test_versions_complete_wherever_a_version_is_named():
    assert complete(["diff"], "hmip-crc@") == ["hmip-crc@2018", "hmip-crc@2019"]
    assert complete(["diff", "hmip-crc@2018"], "hmip-crc@2") == ["hmip-crc@2018", "hmip-crc@2019"]
    assert complete(["evaluate", "x.json", "--framework"], "hmip-youth") == ["hmip-youth@2018", "hmip-youth@2021", "hmip-youth@2025"]
    assert complete(["evaluate", "x.json", "--compare-with"], "hmip-ap") == ["hmip-ap@2025"]
    for args in (["frameworks", "show"], ["frameworks", "new", "hmip-crc@2031", "--from"], ["template"], ["impact", "--baseline"],
                 ["impact", "--draft"], ["import", "--framework"],
                 ["validate", "--framework"]):
        assert "hmip-crc@2019" in complete(args, "hmip-crc"), args


def test_versions_in_a_folder_named_with_frameworks_dir_complete(tmp_path):
    document = json.loads(CRC_2019.read_text("utf-8"))
    document["version"] = "2031"
    (tmp_path / "2031.json").write_text(json.dumps(document), "utf-8")
    assert "hmip-crc@2031" in complete(["diff", "--frameworks-dir", str(tmp_path)], "hmip-crc@")
    assert "hmip-crc@2031" in complete(["frameworks", "--frameworks-dir", str(tmp_path), "show"], "hmip-crc@")
    assert "hmip-crc@2031" not in complete(["diff"], "hmip-crc@")


def test_standards_complete_from_the_inspection_s_framework():
    """The example names its CRC framework version, whose standards are offered; an unreadable inspection offers every version's."""
    assert complete(["explain", str(SOUTH_YORKSHIRE_2020)], "") == crc_standards()
    assert complete(["explain", str(SOUTH_YORKSHIRE_2020), "2.1"], "4") == ["4.1", "4.2"]
    assert set(complete(["explain", str(EXAMPLES / "missing.json")], "")) > set(crc_standards())


def test_completion_through_the_environment_as_a_shell_asks(runner):
    """The shell sets _RATINGS_COMPLETE and the words so far; bash gets one 'plain,VALUE' line per value."""
    result = runner.invoke(cli, [], prog_name="ratings",
                           env={"_RATINGS_COMPLETE": "bash_complete", "COMP_WORDS": "ratings evaluate x.json --format csv",
                                "COMP_CWORD": "4"})
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["plain,csv", "plain,csv-standards"]
    script = runner.invoke(cli, [], prog_name="ratings", env={"_RATINGS_COMPLETE": "zsh_source"})
    assert "_RATINGS_COMPLETE=zsh_complete" in script.stdout
