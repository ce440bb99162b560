"""The formats of the framework document (plugins/framework_formats.py, with its layouts in
framework_text.py and framework_html.py): what `ratings frameworks show` prints is the outline that
`--format json` gives, laid out; the words themselves are tested in test_framework_doc.py."""

from __future__ import annotations

import json

import pytest

from ratings_engine.plugins.framework_formats import render_html, render_markdown, render_text

from support import CRC_2019, printed

LAYOUTS = {"text": render_text, "markdown": render_markdown, "html": render_html}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_layout_is_the_json_outline_laid_out(runner, name):
    args = ["frameworks", "show", str(CRC_2019)]
    outline = json.loads(printed(runner, args, "json"))
    assert LAYOUTS[name](outline) == printed(runner, args, name)


def test_the_formats_are_offered_for_the_framework_outline_with_their_extensions(registry):
    formats = registry.formats_for("framework-outline")
    assert {name: formats[name].extensions for name in LAYOUTS} == {
        "text": (".txt",), "markdown": (".md", ".markdown"), "html": (".html", ".htm")}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_wording_from_the_framework_file_is_shown_never_obeyed(runner, name):
    outline = json.loads(printed(runner, ["frameworks", "show", str(CRC_2019)], "json"))
    outline["title"] = "<script>alert(1)</script>\x1b[2J"
    page = LAYOUTS[name](outline)
    shown = {"html": "&lt;script&gt;alert(1)", "markdown": "\\<script>alert(1)", "text": "<script>alert(1)"}[name]
    assert shown in page and "\x1b" not in page
    if name != "text":
        assert "<script>alert(1)" not in page.replace(shown, "")
