"""`ratings diff`: the changes between the two rounds of hmip-crc, pinned, and versions given as files."""

from __future__ import annotations

import json
from pathlib import Path

from ratings_engine.cli import cli

from support import FRAMEWORKS

DIFF_GOLDEN = json.loads((Path(__file__).parent / "golden" / "diff-hmip-crc-2018-2019.json").read_text("utf-8"))


def test_diff_between_rounds_is_pinned(runner):
    """The round-one to round-two diff: Through the Gate's key question, unpaid work's moderation, the new prompts."""
    result = runner.invoke(cli, ["diff", DIFF_GOLDEN["from"], DIFF_GOLDEN["to"], "--format", "json"])
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)
    assert [kq["id"] for kq in changes["key_questions"]["added"]] == DIFF_GOLDEN["key_questions_added"]
    assert [kq["id"] for kq in changes["key_questions"]["removed"]] == DIFF_GOLDEN["key_questions_removed"]
    assert [p["id"] for p in changes["prompts"]["added"]] == DIFF_GOLDEN["prompts_added"]
    assert [p["id"] for p in changes["prompts"]["removed"]] == DIFF_GOLDEN["prompts_removed"]
    assert [{"rule": r["rule"], "subject": r["subject"]} for r in changes["rules"]] == DIFF_GOLDEN["rules"]
    assert [m["field"] for m in changes["metadata"]] == DIFF_GOLDEN["metadata_fields"]
    assert changes["standards"] == {"added": [], "removed": [], "reworded": []}
    text = runner.invoke(cli, ["diff", DIFF_GOLDEN["from"], DIFF_GOLDEN["to"]]).stdout
    for sentence in DIFF_GOLDEN["text_contains"]:
        assert sentence in text


def test_diff_accepts_files(runner):
    """Either side of a diff may be a framework file; a version against itself has no changes."""
    path = str(FRAMEWORKS / "hmip-crc" / "2019.json")
    result = runner.invoke(cli, ["diff", path, "hmip-crc@2019", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["total"] == 0
