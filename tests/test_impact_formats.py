"""The built-in formats of the impact document (plugins/impact_formats.py): text, markdown, csv and
html, registered for document="impact" beside json_formats' json, and light to load."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from impact_documents import impact_document

from ratings_engine.cli import cli
from ratings_engine.plugin_host.registry import format_kind
from ratings_engine.plugins import impact_formats
from ratings_engine.plugins.impact_csv import render_impact_csv
from ratings_engine.plugins.impact_html import render_impact_html
from ratings_engine.plugins.impact_markdown import render_impact_markdown
from ratings_engine.plugins.impact_text import render_impact_text

ROOT = Path(__file__).resolve().parent.parent
RENDERERS = {"text": render_impact_text, "markdown": render_impact_markdown, "csv": render_impact_csv, "html": render_impact_html}
EXTENSIONS = {"text": (".txt",), "markdown": (".md", ".markdown"), "csv": (".csv",), "html": (".html", ".htm")}


def test_the_impact_document_has_its_formats_from_this_plugin(registry):
    formats = registry.formats_for("impact")
    assert sorted(formats) == ["csv", "html", "json", "markdown", "text", "xlsx"]
    for name in RENDERERS:
        assert registry.plugin_of(format_kind("impact"), name) == "impact_formats"
        assert formats[name].extensions == EXTENSIONS[name] and formats[name].description
    assert registry.plugin_of(format_kind("impact"), "json") == "json_formats"


def test_the_result_s_formats_of_the_same_names_are_untouched(registry):
    for name in RENDERERS:
        assert registry.formats_for("impact")[name] is not registry.output_formats[name]
        assert registry.plugin_of("output format", name) != "impact_formats"


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_each_format_renders_the_document_with_its_renderer(registry, name):
    for sweep in (True, False):
        document = impact_document(sweep)
        assert registry.formats_for("impact")[name].render(document) == RENDERERS[name](impact_document(sweep))


def test_the_hook_gives_four_formats_all_of_the_impact_document():
    formats = impact_formats.ratings_output_formats()
    assert [(f.name, f.document) for f in formats] == [("text", "impact"), ("markdown", "impact"), ("csv", "impact"), ("html", "impact")]


def test_loading_the_formats_imports_no_renderer():
    """The renderers load when a format renders, not when the plugins load: starting a command stays cheap."""
    code = ("import sys; import ratings_engine.plugins.impact_formats; "
            "print(sorted(m for m in sys.modules if m.startswith('ratings_engine.plugins.impact_') and not m.endswith('_formats')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# A real run of `ratings impact`, pinned byte for byte -------------------------------------------------
# tests/golden/impact/ holds each format's output for four inspections of the synthetic corpus and a
# file that is not an inspection, rated under hmip-crc@2019 and a draft that moves Good from 65% to
# 68%, allows discretion only within 2 points and starts an overall Good at 17, with a sweep of where
# Good starts. When a change is meant to alter them, regenerate them with
#
#     RATINGS_REGENERATE_GOLDEN=1 python -m pytest tests/test_impact_formats.py
#
# and read the diff before committing it.

GOLDEN = ROOT / "tests" / "golden" / "impact"
SUFFIXES = {"text": "txt", "markdown": "md", "csv": "csv", "html": "html", "json": "json"}
CORPUS = ["crc-01-northshire.json", "crc-02-eastmarch.json", "crc-06-harrowdale.json", "crc-16-larkfield.json"]


@pytest.fixture
def run_folder(tmp_path, monkeypatch, runner) -> Path:
    """A folder with the draft (drafts/hmip-crc/2020.json) and the inspections (corpus/), the working
    folder of the run: the files are named relative to it, so the documents are the same wherever it is."""
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into", "drafts"])
    assert made.exit_code == 0, made.output
    path = tmp_path / "drafts" / "hmip-crc" / "2020.json"
    draft = json.loads(path.read_text("utf-8"))
    bands = draft["banding"]["bands"]
    bands[1]["below"] = bands[2]["at_least"] = 68
    draft["discretion"]["within_percentage_points"] = 2
    overall = draft["overall"]["bands"]
    overall[1]["to"], overall[2]["from"] = 16, 17
    path.write_text(json.dumps(draft, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    for name in CORPUS:
        shutil.copyfile(ROOT / "examples" / "corpus" / name, tmp_path / "corpus" / name)
    (tmp_path / "corpus" / "southbank-notes.json").write_text('{"provider": "Southbank CRC"}\n', encoding="utf-8")
    return tmp_path


def impact_run(runner, folder: Path, name: str) -> bytes:
    out = folder / f"impact.{SUFFIXES[name]}"
    result = runner.invoke(cli, ["impact", "--baseline", "hmip-crc@2019", "--draft", "drafts/hmip-crc/2020.json",
                                 "--sweep", "bands.good=62:70:2", "corpus", "--format", name, "-o", out.name])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.mark.parametrize("name", sorted(SUFFIXES))
def test_a_real_run_in_each_format_is_its_golden_file(runner, run_folder, name):
    data = impact_run(runner, run_folder, name)
    golden = GOLDEN / f"corpus-draft.{SUFFIXES[name]}"
    if os.environ.get("RATINGS_REGENERATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert data == golden.read_bytes(), f"{golden.name} differs from the golden file"


def test_a_real_run_is_its_json_laid_out_by_each_format(runner, run_folder, registry):
    document = json.loads(impact_run(runner, run_folder, "json"))
    assert (document["counts"], [entry["under"] for entry in document["not_rated"]]) == (
        {"given": 5, "compared": 4, "not_rated": 1, "changed": 3}, ["both"])
    assert document["discretion_not_allowed"] and document["sweep"]["values"] == ["62", "64", "66", "68", "70"]
    for name in RENDERERS:
        mark = "\ufeff" if name == "csv" else ""  # a CSV file starts with the byte order mark Excel needs (--csv-bom)
        assert impact_run(runner, run_folder, name).decode("utf-8") == mark + registry.formats_for("impact")[name].render(document)
