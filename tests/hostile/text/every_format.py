"""Escape sequences, BEL, CR, LF, U+202E, Markdown, HTML and a formula in a provider name and rationales, in every format."""

import csv
import io
import json
import re

from hostile.text._common import FORMULA, HOSTILE_TEXT, assert_shown_not_obeyed, hostile_inspection


def run(h):
    path = hostile_inspection(h)
    outputs = {name: h.ratings("evaluate", path, "--format", name).ok().stdout
               for name in ("text", "markdown", "csv", "csv-standards", "html", "json")}
    for name in ("text", "markdown", "html"):
        assert_shown_not_obeyed(outputs[name], name)
    for name in ("csv", "csv-standards"):  # CSV ends its lines with CR LF; no other CR may appear
        assert_shown_not_obeyed(outputs[name].replace("\r\n", "\n"), name)
    assert "\\x1b[31mred" in outputs["text"] and "\\u202eevil" in outputs["text"]
    # Markdown: the data's marks are shown, not obeyed.
    markdown = outputs["markdown"]
    for raw in ("*bold*", "[link](http://x)"):
        assert raw not in markdown, raw
    assert not re.search(r"(?<!\\)<script>", markdown)
    assert "\\*bold\\*" in markdown and "\\[link\\](http://x)" in markdown and "\\<script>" in markdown
    # HTML: markup escaped, controls shown.
    assert "<script>" not in outputs["html"] and "&lt;script&gt;" in outputs["html"]
    # CSV: still one row per key question or standard, text cells never a formula.
    for name in ("csv", "csv-standards"):
        rows = list(csv.reader(io.StringIO(outputs[name], newline="")))
        assert len({len(row) for row in rows}) == 1, name
        providers = {row[0] for row in rows[1:]}
        assert providers == {"'" + FORMULA + " " + HOSTILE_TEXT.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
                             .replace("\r", "\\x0d").replace("\n", "\\x0a").replace("\u202e", "\\u202e")
                             .replace("\u202c", "\\u202c")}, providers
    # JSON keeps the data exactly: it is for machines, and JSON escapes control characters itself.
    assert json.loads(outputs["json"])["provider"] == FORMULA + " " + HOSTILE_TEXT
    assert "\x1b" not in outputs["json"]
