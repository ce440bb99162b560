"""No command writes over a file it reads: every command that writes, with every input it reads as its output.

Each input is named as the output four ways (its path, a ./ spelling, a symbolic link to it, a hard
link to it); each run is refused with exit 1 and a located problem, and every input keeps its bytes
and its modification time.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratings_engine.cli import cli

from support import EXAMPLES, FRAMEWORKS

SPELLINGS = ["path", "dot", "symbolic link", "hard link"]


@dataclass(frozen=True)
class Command:
    """A command that writes: its arguments with {OUT} where the output goes, and the inputs it reads."""

    name: str
    args: tuple[str, ...]
    inputs: tuple[str, ...]


# Files in the scratch folder: insp.json (2020), prev.json (2019), fw.json (hmip-crc@2019), fw18.json (hmip-crc@2018).
COMMANDS = [
    Command("evaluate", ("evaluate", "insp.json", "--framework", "fw.json", "-o", "{OUT}"), ("insp.json", "fw.json")),
    Command("evaluate --previous", ("evaluate", "insp.json", "--previous", "prev.json", "-o", "{OUT}"), ("insp.json", "prev.json")),
    Command("evaluate --compare-with", ("evaluate", "insp.json", "--framework", "fw.json", "--compare-with", "fw18.json", "-o", "{OUT}"),
            ("insp.json", "fw.json", "fw18.json")),
    Command("evaluate --summary", ("evaluate", "insp.json", "prev.json", "--output-dir", "out", "--summary", "{OUT}"),
            ("insp.json", "prev.json")),
    Command("evaluate --summary --force", ("evaluate", "insp.json", "prev.json", "--output-dir", "out", "--summary", "{OUT}", "--force"),
            ("insp.json", "prev.json")),
    Command("explain", ("explain", "insp.json", "--framework", "fw.json", "-o", "{OUT}"), ("insp.json", "fw.json")),
    Command("diff", ("diff", "fw18.json", "fw.json", "-o", "{OUT}"), ("fw18.json", "fw.json")),
    Command("compare", ("compare", "prev.json", "insp.json", "-o", "{OUT}"), ("prev.json", "insp.json")),
    Command("frameworks show", ("frameworks", "show", "fw.json", "--format", "json", "-o", "{OUT}"), ("fw.json",)),
]
CASES = [pytest.param(command, target, spelling, id=f"{command.name}:{target}:{spelling}")
         for command in COMMANDS for target in command.inputs for spelling in SPELLINGS]


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """A folder holding the inputs, made the current folder."""
    shutil.copy(EXAMPLES / "south-yorkshire-crc-2020.json", tmp_path / "insp.json")
    shutil.copy(EXAMPLES / "south-yorkshire-crc-2019.json", tmp_path / "prev.json")
    shutil.copy(FRAMEWORKS / "hmip-crc" / "2019.json", tmp_path / "fw.json")
    shutil.copy(FRAMEWORKS / "hmip-crc" / "2018.json", tmp_path / "fw18.json")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def spelt(folder: Path, name: str, spelling: str) -> str:
    """NAME, an input in FOLDER, named as SPELLING says."""
    if spelling == "path":
        return str(folder / name)
    if spelling == "dot":
        return f"./{name}"
    other = folder / f"{spelling.replace(' ', '-')}-{name}"
    if spelling == "symbolic link":
        other.symlink_to(folder / name)
    else:
        os.link(folder / name, other)
    return other.name


def state(folder: Path) -> dict[str, tuple]:
    """Every entry of FOLDER (not below it): its bytes and modification time, or where a link points."""
    found = {}
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink():
            found[entry.name] = ("link", os.readlink(entry))
        elif entry.is_file():
            found[entry.name] = (entry.read_bytes(), entry.stat().st_mtime_ns)
    return found


@pytest.mark.parametrize("command, target, spelling", CASES)
def test_every_input_refused_as_the_output(scratch, command, target, spelling):
    output = spelt(scratch, target, spelling)
    before = state(scratch)
    result = CliRunner().invoke(cli, [output if arg == "{OUT}" else arg for arg in command.args])
    assert result.exit_code == 1, result.output
    assert "[output-is-input]" in result.stderr, result.stderr
    assert f"{output}: /: the output is " in result.stderr or f"{Path(output)}: /: the output is " in result.stderr
    assert ".tmp" not in result.stderr and "Traceback" not in result.stderr
    assert state(scratch) == before
    assert not (scratch / "out").exists()  # a summary is refused before the first result is written


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_batch_result_onto_an_inspection_of_the_batch(scratch, spelling):
    """insp.json's result would be insp.result.json, which is an inspection of the batch too (named by SPELLING)."""
    shutil.copy(scratch / "prev.json", scratch / "insp.result.json")
    named = spelt(scratch, "insp.result.json", spelling)
    before = state(scratch)
    result = CliRunner().invoke(cli, ["evaluate", "insp.json", named, "--output-dir", ".", "--force"])
    assert result.exit_code == 1, result.output
    assert "insp.result.json: /: the output is " in result.stderr and "[output-is-input]" in result.stderr
    after = state(scratch)
    assert {name for name in after if name not in before} == {f"{Path(named).stem}.result.json"}  # the other result is written
    assert {name: after[name] for name in before} == before


def test_a_summarys_file_of_a_framework_version_is_an_input(scratch):
    """--summary s.csv also writes s-hmip-crc@2019-key-questions.csv: here that is an inspection of the batch."""
    sibling = "s-hmip-crc@2019-key-questions.csv"
    shutil.copy(scratch / "prev.json", scratch / sibling)
    before = state(scratch)
    result = CliRunner().invoke(cli, ["evaluate", "insp.json", sibling, "--output-dir", "out", "--summary", "s.csv"])
    assert result.exit_code == 1 and f"{sibling}: /: the output is an input" in result.stderr
    assert state(scratch) == before and not (scratch / "out").exists()


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_frameworks_new_onto_its_source(scratch, spelling):
    """The draft would be written where the version it starts from is read: never overwritten."""
    (scratch / "hmip-crc").mkdir()
    shutil.copy(scratch / "fw.json", scratch / "hmip-crc" / "2020.json")
    source = spelt(scratch / "hmip-crc", "2020.json", spelling)
    if spelling == "dot":
        source = "./hmip-crc/2020.json"
    elif spelling != "path":
        source = f"hmip-crc/{source}"
    before = state(scratch / "hmip-crc")
    result = CliRunner().invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", source, "--into", "."])
    assert result.exit_code == 1, result.output
    assert "hmip-crc/2020.json: /: " in result.stderr and ("[output-is-input]" in result.stderr or "[output-exists]" in result.stderr)
    assert state(scratch / "hmip-crc") == before


def test_the_output_may_be_any_other_file(scratch):
    """The refusals above are not refusing everything: a new file beside the inputs is written."""
    for command in COMMANDS:
        if "--output-dir" in command.args:
            continue
        result = CliRunner().invoke(cli, [("new-output" if arg == "{OUT}" else arg) for arg in command.args])
        assert result.exit_code == 0, f"{command.name}: {result.output}"
        assert (scratch / "new-output").stat().st_size > 0
        (scratch / "new-output").unlink()
