"""The built-in formats of the impact document (plugins/impact_formats.py): text, markdown, csv and
html, registered for document="impact" beside json_formats' json, and light to load."""

from __future__ import annotations

import subprocess
import sys

import pytest
from impact_documents import impact_document

from ratings_engine.plugin_host.registry import format_kind
from ratings_engine.plugins import impact_formats
from ratings_engine.plugins.impact_csv import render_impact_csv
from ratings_engine.plugins.impact_html import render_impact_html
from ratings_engine.plugins.impact_markdown import render_impact_markdown
from ratings_engine.plugins.impact_text import render_impact_text

RENDERERS = {"text": render_impact_text, "markdown": render_impact_markdown, "csv": render_impact_csv, "html": render_impact_html}
EXTENSIONS = {"text": (".txt",), "markdown": (".md", ".markdown"), "csv": (".csv",), "html": (".html", ".htm")}


def test_the_impact_document_has_its_formats_from_this_plugin(registry):
    formats = registry.formats_for("impact")
    assert sorted(formats) == ["csv", "html", "json", "markdown", "text"]
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
