"""The 'xlsx' formats (plugins/xlsx_formats.py): registered light, binary, and chosen by -o's extension."""

from __future__ import annotations

import subprocess
import sys

from ratings_engine.plugins import xlsx_formats


def test_the_hook_gives_a_binary_xlsx_format_of_the_result_and_of_the_impact():
    formats = xlsx_formats.ratings_output_formats()
    assert [(f.name, f.document, f.extensions, f.binary) for f in formats] == [
        ("xlsx", "result", (".xlsx",), True), ("xlsx", "impact", (".xlsx",), True)]


def test_registered_among_the_built_in_formats(registry):
    assert registry.output_formats["xlsx"].binary and registry.formats_for("impact")["xlsx"].binary
    assert not any(f.binary for name, f in registry.output_formats.items() if name != "xlsx")


def test_neither_the_command_nor_loading_the_plugins_imports_openpyxl():
    found = subprocess.run([sys.executable, "-X", "importtime", "-c", "import ratings_engine.cli"], capture_output=True,
                           text=True, check=True)
    assert "ratings_engine.cli" in found.stderr and "openpyxl" not in found.stderr
    code = ("import sys; from ratings_engine.plugin_host.registry import load_registry; registry = load_registry(); "
            "assert registry.output_formats['xlsx']; print('openpyxl' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
