"""The analyses' text (plugins/analysis_text.py): each renderer lays out exactly the document that
`--format json` prints, and shows text from the files as characters, never as terminal controls."""

from __future__ import annotations

import json

import pytest

from ratings_engine.cli import cli
from ratings_engine.plugins.analysis_text import (
    render_compare_text,
    render_explanation,
    render_replay_text,
    render_rerate_text,
    render_stability_text,
)

from support import EXAMPLES, HOSTILE, SOUTH_YORKSHIRE_2020, assert_harmless, printed

SOUTH_YORKSHIRE_2019 = EXAMPLES / "south-yorkshire-crc-2019.json"
SYNTHETIC = EXAMPLES / "synthetic-crc-2019.json"

#: (renderer, the command whose document it lays out, a path to a string in that document that comes from a file).
CASES = [
    (render_explanation, ["explain", str(SOUTH_YORKSHIRE_2020)], ("provider",)),
    (render_compare_text, ["compare", str(SOUTH_YORKSHIRE_2019), str(SOUTH_YORKSHIRE_2020)], ("current", "provider")),
    (render_rerate_text, ["evaluate", str(SOUTH_YORKSHIRE_2019), "--compare-with", "hmip-crc@2018"], ("provider",)),
    (render_stability_text, ["stability", str(SYNTHETIC), "--resamples", "20"], ("provider",)),
]


@pytest.mark.parametrize(("render", "args", "field"), CASES, ids=[c[0].__name__ for c in CASES])
def test_the_text_is_the_json_document_laid_out(runner, render, args, field):
    document = json.loads(printed(runner, args, "json"))
    assert render(document) == printed(runner, args, "text")


@pytest.mark.parametrize(("render", "args", "field"), CASES, ids=[c[0].__name__ for c in CASES])
def test_text_from_a_file_cannot_drive_the_terminal(runner, render, args, field):
    document = json.loads(printed(runner, args, "json"))
    place = document
    for key in field[:-1]:
        place = place[key]
    assert field[-1] in place, f"the document has no {'/'.join(field)}"
    place[field[-1]] = HOSTILE
    text = render(document)
    assert "owned" in text  # the text is shown, as characters
    assert_harmless(text)


def test_replay_says_reproduced_or_lists_each_difference(runner, tmp_path):
    result_file = tmp_path / "result.json"
    assert runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(result_file)]).exit_code == 0
    args = ["replay", str(result_file), str(SOUTH_YORKSHIRE_2020)]
    document = json.loads(printed(runner, args, "json"))
    assert render_replay_text(document) == printed(runner, args, "text")
    assert document["reproduced"] and ": reproduced (" in render_replay_text(document).splitlines()[0]
    document["reproduced"], document["findings"] = False, [{"kind": "rating", "message": HOSTILE}]
    text = render_replay_text(document)
    assert text.splitlines()[0].endswith("NOT reproduced") and "owned" in text
    assert_harmless(text)
