"""The lists as text (plugins/listing_text.py): what `ratings validate`, `ratings frameworks` and
`ratings plugins` print is their JSON document laid out, with text from files shown as characters."""

from __future__ import annotations

import json

import pytest

from ratings_engine.plugins.listing_text import render_framework_list_text, render_plugin_list_text, render_validation_text

from support import CRC_2019, HOSTILE, ROOT, SOUTH_YORKSHIRE_2020, assert_harmless, printed

NEGATIVE = ROOT / "tests" / "data" / "negative" / "inspections" / "count-negative.json"

CASES = [
    (render_validation_text, ["validate", str(SOUTH_YORKSHIRE_2020), str(CRC_2019), str(NEGATIVE)]),
    (render_framework_list_text, ["frameworks"]),
    (render_plugin_list_text, ["plugins"]),
]


@pytest.mark.parametrize(("render", "args"), CASES, ids=[c[0].__name__ for c in CASES])
def test_the_text_is_the_json_document_laid_out(runner, render, args):
    assert render(json.loads(printed(runner, args, "json"))) == printed(runner, args, "text")


def test_validation_says_valid_or_how_many_problems(runner):
    validation = json.loads(printed(runner, CASES[0][1], "json"))
    lines = render_validation_text(validation).splitlines()
    assert lines[0] == f"{SOUTH_YORKSHIRE_2020}: valid inspection"
    assert lines[1] == f"{CRC_2019}: valid framework"
    assert lines[2].startswith(f"{NEGATIVE}: invalid inspection, 1 problem")


def test_names_from_files_cannot_drive_the_terminal(runner):
    validation = json.loads(printed(runner, CASES[0][1], "json"))
    validation[0]["file"] = HOSTILE
    listing = json.loads(printed(runner, ["frameworks"], "json"))
    listing["frameworks"][0]["title"] = HOSTILE
    plugins = json.loads(printed(runner, ["plugins"], "json"))
    plugins["plugins"][0]["provides"][0]["description"] = HOSTILE
    for text in (render_validation_text(validation), render_framework_list_text(listing), render_plugin_list_text(plugins)):
        assert "owned" in text
        assert_harmless(text)


def test_no_frameworks_found_is_said_in_words():
    assert render_framework_list_text({"frameworks": []}) == "no framework versions found\n"
