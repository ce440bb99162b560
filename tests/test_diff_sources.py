"""A diff of two versions whose parts rest on several sources: every source on either side, and nothing
where no part has a list of them (so other diffs keep their bytes). `frameworks show` gives them all too."""

from __future__ import annotations

import copy
import json

from click.testing import CliRunner

from ratings_engine.cli import cli
from ratings_engine.model.diff_sources import parts_and_sources, source_changes

from support import CRC_2019, ROOT

EXAMPLE = ROOT / "docs" / "examples" / "several-sources-framework.json"


def example() -> dict:
    return json.loads(EXAMPLE.read_text("utf-8"))


def test_parts_are_named_as_a_reader_knows_them():
    found = parts_and_sources(example())
    assert [entry["section"] for entry in found["standard 2.1"]][-1] == "Standard 2.1"
    assert len(found["discretion"]) == 2


def test_a_changed_list_of_sources_is_listed_whole_on_both_sides():
    old, new = example(), example()
    dropped = new["domains"][1]["standards"][0]["source"].pop()
    [change] = source_changes(old, new)
    assert change["part"] == "standard 2.1"
    assert change["from"][-1] == dropped and len(change["from"]) == 3 and len(change["to"]) == 2


def test_a_list_replacing_a_single_source_is_listed():
    old, new = example(), example()
    old["discretion"]["source"] = old["discretion"]["source"][0]
    [change] = source_changes(old, new)
    assert (change["part"], len(change["from"]), len(change["to"])) == ("discretion", 1, 2)


def test_single_sources_are_left_out_as_before():
    crc = json.loads(CRC_2019.read_text("utf-8"))
    changed = copy.deepcopy(crc)
    changed["domains"][1]["standards"][0]["source"]["section"] = "Elsewhere"
    assert source_changes(crc, changed) == []


def test_diff_and_show_word_every_source(tmp_path):
    new = example()
    new["version"] = "2"
    new["domains"][1]["standards"][0]["source"].pop()
    path = tmp_path / "new.json"
    path.write_text(json.dumps(new), encoding="utf-8")
    diff = CliRunner().invoke(cli, ["diff", str(EXAMPLE), str(path)])
    assert diff.exit_code == 0, diff.output
    assert "In brief: the sources of 1 part changed." in diff.stdout
    assert "  - was: standards-2019, Standard 2.1 (inferred: The standard's statement" in diff.stdout
    assert diff.stdout.count("  - now: ") == 2
    shown = CliRunner().invoke(cli, ["frameworks", "show", str(EXAMPLE)])
    assert shown.exit_code == 0, shown.output
    assert ("Source: Annexe 2: Methodology, professional discretion within five percentage points; Footnote 29. "
            "Inferred: Discretion raised 2.1") in shown.stdout
    outline = json.loads(CliRunner().invoke(cli, ["frameworks", "show", str(EXAMPLE), "--format", "json"]).stdout)
    sources = outline["discretion"]["source"]
    assert [(entry["section"], entry["basis"]) for entry in sources] == [
        ("Annexe 2: Methodology, professional discretion within five percentage points", "stated"), ("Footnote 29", "inferred")]
