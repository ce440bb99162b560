"""A framework diff as text (plugins/diff_text.py): the briefing `ratings diff` prints is its JSON
document laid out, and wording from the framework files is shown as characters."""

from __future__ import annotations

import json

import pytest

from ratings_engine.plugins.diff_text import render_diff_text

from support import HOSTILE, assert_harmless, printed

PAIRS = [("hmip-crc@2018", "hmip-crc@2019"), ("hmip-crc@2019", "hmip-youth@2018"), ("hmip-crc@2019", "hmip-crc@2019")]


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_the_text_is_the_json_document_laid_out(runner, old, new):
    args = ["diff", old, new]
    assert render_diff_text(json.loads(printed(runner, args, "json"))) == printed(runner, args, "text")


def test_wording_from_a_framework_cannot_drive_the_terminal(runner):
    diff = json.loads(printed(runner, ["diff", "hmip-crc@2018", "hmip-crc@2019"], "json"))
    diff["key_questions"]["added"][0]["text"] = HOSTILE
    text = render_diff_text(diff)
    assert "owned" in text
    assert_harmless(text)
