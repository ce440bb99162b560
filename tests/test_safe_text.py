"""Text from data is shown, never obeyed: on a terminal, in a text or Markdown report, in a spreadsheet."""

from __future__ import annotations

import pytest

from ratings_engine.errors import Problem
from ratings_engine.io.safe_text import markdown_text, printable, printable_data, spreadsheet_cell


@pytest.mark.parametrize("raw, shown", [
    ("\x1b[31mred", "\\x1b[31mred"),                      # ANSI colour
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),           # OSC window title, ended by BEL
    ("a\rb\nc\td", "a\\x0db\\x0ac\\x09d"),                  # CR, LF, tab: one line
    ("\x7f\x85\x9b", "\\x7f\\x85\\x9b"),                    # DEL and C1 controls (NEL, CSI)
    ("abc\u202edef", "abc\\u202edef"),                     # right-to-left override
    ("\u2066x\u2069\u200f", "\\u2066x\\u2069\\u200f"),     # isolates and a direction mark
    ("one\u2028two", "one\\u2028two"),                     # line separator
    ("file\udcff.json", "file\\udcff.json"),               # a byte of a non-UTF-8 file name
])
def test_printable_escapes_what_would_act(raw, shown):
    assert printable(raw) == shown
    assert printable(raw).isprintable()


@pytest.mark.parametrize("text", ["South Yorkshire CRC", "Сервис 東京 Ελλάδα", "café – “quoted”", "emoji 👩‍⚕️", ""])
def test_printable_leaves_ordinary_text_of_any_script_alone(text):
    assert printable(text) == text


def test_printable_data_reaches_every_string_and_key():
    data = {"provider": "P\nOverall: Outstanding", "list": ["a\x1b", ("b\r",)], "n": 3, "none": None, "k\x07": True}
    assert printable_data(data) == {"provider": "P\\x0aOverall: Outstanding", "list": ["a\\x1b", ("b\\x0d",)], "n": 3,
                                    "none": None, "k\\x07": True}


@pytest.mark.parametrize("raw, shown", [
    ("*bold*", "\\*bold\\*"),
    ("[link](http://x)", "\\[link\\](http://x)"),
    ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
    ("a | b", "a \\| b"),
    ("`code`", "\\`code\\`"),
    ("back\\slash", "back\\\\slash"),
    ("_emphasis_ but harm_factors", "\\_emphasis\\_ but harm_factors"),
    ("# heading", "\\# heading"),
    ("> quote", "\\> quote"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("= underline", "\\= underline"),
    ("1. item", "1\\. item"),
    ("12) item", "12\\) item"),
    ("1.1 Leadership", "1.1 Leadership"),                 # a standard's id is not a list
    ("a - b > c # d", "a - b > c # d"),                   # only at the start do these make a line something else
    ("red\x1b[0m", "red\\\\x1b\\[0m"),                    # the escape's backslash shows too
])
def test_markdown_text(raw, shown):
    assert markdown_text(raw) == shown


def test_markdown_text_within_a_line_leaves_leading_marks():
    assert markdown_text("1. Organisational delivery", line_start=False) == "1. Organisational delivery"
    assert markdown_text("# x", line_start=False) == "# x"


@pytest.mark.parametrize("raw, shown", [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\\x09x"),
    ("South Yorkshire CRC", "South Yorkshire CRC"),
    ("1140/17", "1140/17"),
    ("a=b", "a=b"),
    ("x\x1b", "x\\x1b"),
])
def test_spreadsheet_cell(raw, shown):
    assert spreadsheet_cell(raw) == shown


def test_problem_lines_use_the_same_escapes_and_keep_other_scripts():
    problem = Problem("schema", "bad name 'Сервис\x1b[2J'", "in\nput.json", "/provider\u202e", "hint\r")
    assert str(problem) == "in\\x0aput.json: /provider\\u202e: bad name 'Сервис\\x1b[2J' (hint\\x0d) [schema]"
