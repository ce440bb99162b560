"""Test data shared by the test modules: paths, and the minimal framework and its inspections.

The minimal framework and the inspection builder are the ones plugin authors get from
ratings_engine.testing, so that they are tested here too.
"""

from __future__ import annotations

from pathlib import Path

from ratings_engine.testing import BANDS, InspectionBuilder, minimal_framework  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FRAMEWORKS = ROOT / "frameworks"
CRC_2019 = FRAMEWORKS / "hmip-crc" / "2019.json"
SOUTH_YORKSHIRE_2020 = EXAMPLES / "south-yorkshire-crc-2020.json"

#: An inspection of the minimal framework: one case per (2.1.1 answer, 2.1.2 answer or None, harm_factors).
cases_inspection = InspectionBuilder().cases


def printed(runner, args: list[str], format_name: str) -> str:
    """What `ratings ARGS --format FORMAT_NAME` prints on standard output (exit 0 or 1: some documents report problems)."""
    from ratings_engine.cli import cli

    result = runner.invoke(cli, [*args, "--format", format_name])
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


#: Characters from a file that must never reach a terminal as they are: an escape sequence and a
#: line break that would start a line of its own.
HOSTILE = "\x1b[2J\x1b]0;owned\x07\nNote: forged line"


def assert_harmless(text: str) -> None:
    """TEXT shows HOSTILE as characters: no escape reaches the terminal and no forged line starts."""
    assert "\x1b" not in text and "\x07" not in text
    assert not any(line.startswith("Note: forged line") for line in text.splitlines())
