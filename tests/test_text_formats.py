"""The built-in 'text' formats of every document (plugins/text_formats.py): one for each kind a
command prints, and light, because every built-in plugin module is imported on every command."""

from __future__ import annotations

import subprocess
import sys

from ratings_engine.extension import DOCUMENTS
from ratings_engine.plugin_host.registry import format_kind


def test_every_document_has_a_text_format(registry):
    missing = [document for document in DOCUMENTS if "text" not in registry.formats_for(document)]
    assert missing == []


def test_the_text_formats_are_the_built_in_plugin_s_and_say_what_they_show(registry):
    for document in DOCUMENTS:
        if document in ("result", "framework-outline", "impact"):
            continue  # their text is in output_formats, framework_formats and impact_formats
        text = registry.formats_for(document)["text"]
        assert registry.plugin_of(format_kind(document), "text") == "text_formats"
        assert text.description and text.extensions == (".txt",)


def test_loading_the_formats_imports_no_renderer():
    """The renderers load when a format renders, not when the plugins load: starting a command stays cheap."""
    code = ("import sys; import ratings_engine.plugins.text_formats, ratings_engine.plugins.framework_formats, "
            "ratings_engine.plugins.json_formats; "
            "loaded = [m for m in ('analysis_text', 'diff_text', 'listing_text', 'framework_text', 'framework_html') "
            "if 'ratings_engine.plugins.' + m in sys.modules]; print(loaded)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
