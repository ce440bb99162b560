"""The report output formats: 'text', 'markdown', 'html', 'csv' (key questions) and 'csv-standards', and the explanation.

Golden files: tests/golden/reports/ pins each format's output for South Yorkshire CRC 2020 (the
Markdown with the 2019 inspection as its previous one), compared byte for byte. They were checked by
hand against the published report (ratings page, chapter key question tables, Annexe 4). When a
change to a renderer, an example or a framework is meant to change them, regenerate them with

    RATINGS_REGENERATE_GOLDEN=1 python -m pytest tests/test_report_formats.py

then read the diff of tests/golden/reports/ against the report before committing it.
"""

from __future__ import annotations

import copy
import csv
import difflib
import io
import os
import re
from pathlib import Path

import pytest

import ratings_engine.plugins.csv_format as csv_format
import ratings_engine.plugins.markdown_format as markdown_format
from ratings_engine.api import Engine
from ratings_engine.cli import cli
from ratings_engine.io.schemas import schema_problems
from ratings_engine.plugin_host.registry import build_registry, get_plugin_manager
from ratings_engine.reports.result import result_document, with_previous

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"
GOLDEN_REPORTS = HERE / "golden" / "reports"
SOUTH_YORKSHIRE_2020 = EXAMPLES / "south-yorkshire-crc-2020.json"
SOUTH_YORKSHIRE_2019 = EXAMPLES / "south-yorkshire-crc-2019.json"
SYNTHETIC = EXAMPLES / "synthetic-crc-2019.json"
REGENERATE_ENV = "RATINGS_REGENERATE_GOLDEN"

PLUGINS = [("markdown_format", markdown_format), ("csv_format", csv_format)]

#: The key question that drives each case-sample standard in the published 2020 report (in bold there).
DRIVING_2020 = {"2.1": "2.1.1", "2.2": "2.2.3", "2.3": "2.3.2", "2.4": "2.4.3", "4.1": "4.1.2", "4.2": "4.2.3"}


@pytest.fixture
def registry():
    """The built-in plugins and the report formats (registered here unless an entry point already has them)."""
    probe = get_plugin_manager()
    missing = [(name, module) for name, module in PLUGINS if not probe.is_registered(module)]
    return build_registry(get_plugin_manager(plugins=missing))


@pytest.fixture
def engine(registry):
    return Engine(registry)


@pytest.fixture
def south_yorkshire(engine):
    """The result document for South Yorkshire CRC 2020, without a previous inspection."""
    return result_document(engine.evaluate_file(SOUTH_YORKSHIRE_2020))


@pytest.fixture
def south_yorkshire_with_previous(engine, south_yorkshire):
    """South Yorkshire CRC 2020 with the 2019 inspection as its 'previous' section."""
    return with_previous(south_yorkshire, result_document(engine.evaluate_file(SOUTH_YORKSHIRE_2019)))


def render(registry, name, document):
    return registry.output_formats[name].render(document)


def check_golden(name: str, text: str) -> None:
    """TEXT must equal tests/golden/reports/NAME byte for byte; with RATINGS_REGENERATE_GOLDEN=1, write it first."""
    path = GOLDEN_REPORTS / name
    data = text.encode("utf-8")
    if os.environ.get(REGENERATE_ENV) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.is_file(), f"no golden file {path.relative_to(ROOT)}; create it with {REGENERATE_ENV}=1 and check it"
    expected = path.read_bytes()
    if expected != data:
        diff = "\n".join(difflib.unified_diff(expected.decode("utf-8").splitlines(), text.splitlines(),
                                              "golden", "rendered", lineterm="", n=1))
        pytest.fail(f"{name} differs from the golden file (regenerate with {REGENERATE_ENV}=1 if intended):\n{diff[:6000]}")


def split_row(line: str) -> list[str]:
    """The cells of a Markdown table row, splitting on '|' not escaped by a backslash."""
    cells, cell, i = [], "", 0
    body = line.strip()
    assert body.startswith("|") and body.endswith("|"), line
    body = body[1:-1]
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            cell += body[i:i + 2]
            i += 2
            continue
        if char == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += char
        i += 1
    cells.append(cell.strip())
    return cells


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every table in TEXT, as rows of cells (header and separator included)."""
    tables, current = [], None
    for line in text.splitlines():
        if line.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            current.append(split_row(line))
        else:
            current = None
    return tables


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# --- golden files ---------------------------------------------------------------------------------


def test_markdown_golden(registry, south_yorkshire_with_previous):
    """The Markdown report of South Yorkshire CRC 2020 with its 2019 inspection as previous is pinned."""
    check_golden("south-yorkshire-crc-2020.md", render(registry, "markdown", south_yorkshire_with_previous))


def test_csv_key_questions_golden(registry, south_yorkshire):
    """The key question CSV of South Yorkshire CRC 2020 is pinned."""
    check_golden("south-yorkshire-crc-2020.key-questions.csv", render(registry, "csv", south_yorkshire))


def test_csv_standards_golden(registry, south_yorkshire):
    """The standards CSV of South Yorkshire CRC 2020 is pinned."""
    check_golden("south-yorkshire-crc-2020.standards.csv", render(registry, "csv-standards", south_yorkshire))


def test_text_golden(registry, south_yorkshire):
    """The text report of South Yorkshire CRC 2020 is pinned, with every standard's reasons: discretion's
    eligibility is given wherever discretion applies, exercised or not, as in every other format."""
    check_golden("south-yorkshire-crc-2020.txt", render(registry, "text", south_yorkshire))


def test_html_golden(registry, south_yorkshire_with_previous):
    """The html page of South Yorkshire CRC 2020 with its 2019 inspection as previous is pinned (its
    rendering in a browser is checked in test_html_format.py)."""
    check_golden("south-yorkshire-crc-2020.html", render(registry, "html", south_yorkshire_with_previous))


def test_explanation_golden(runner):
    """What `ratings explain` prints for South Yorkshire CRC 2020 is pinned: the same reasons, in sentences."""
    result = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020)])
    assert result.exit_code == 0, result.stderr
    check_golden("south-yorkshire-crc-2020.explain.txt", result.stdout)


# --- registration ---------------------------------------------------------------------------------


def test_formats_are_registered_with_their_extensions(registry):
    """markdown (.md, .markdown), csv (.csv) and csv-standards (chosen by name only) are output formats."""
    formats = registry.output_formats
    assert formats["markdown"].extensions == (".md", ".markdown")
    assert formats["csv"].extensions == (".csv",)
    assert formats["csv-standards"].extensions == ()
    assert {"text", "json"} <= set(formats)


@pytest.mark.parametrize("name", ["markdown", "csv", "csv-standards"])
def test_renderers_are_deterministic_and_leave_the_document_alone(registry, south_yorkshire_with_previous, name):
    """The same document gives the same text twice, and rendering does not change the document."""
    before = copy.deepcopy(south_yorkshire_with_previous)
    first = render(registry, name, south_yorkshire_with_previous)
    assert render(registry, name, south_yorkshire_with_previous) == first
    assert south_yorkshire_with_previous == before


# --- CSV ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["csv", "csv-standards"])
@pytest.mark.parametrize("with_prev", [False, True], ids=["current", "with-previous"])
def test_csv_is_one_clean_table(registry, south_yorkshire, south_yorkshire_with_previous, name, with_prev):
    """RFC 4180: header first, CRLF line ends, no byte-order mark, the same column count on every row."""
    document = south_yorkshire_with_previous if with_prev else south_yorkshire
    text = render(registry, name, document)
    assert not text.startswith("\ufeff")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no bare line feeds (no field here spans lines)
    rows = parse_csv(text)
    header = rows[0]
    assert header[0] == "provider"
    assert all(len(row) == len(header) for row in rows), [len(row) for row in rows]
    assert ("previous_percent" in header or "previous_rating" in header) == with_prev
    assert "" not in header and len(set(header)) == len(header)


def test_csv_has_a_row_per_key_question(registry, south_yorkshire):
    """South Yorkshire 2020 has 18 key questions judged on cases: 4 x 3 in case supervision, 3 in unpaid work, 3 in Through the Gate."""
    rows = parse_csv(render(registry, "csv", south_yorkshire))
    header, body = rows[0], rows[1:]
    assert len(body) == 18
    column = header.index("key_question")
    assert [row[column] for row in body] == [kq["id"] for s in south_yorkshire["standards"] for kq in s["key_questions"]]


def test_csv_driving_flags(registry, south_yorkshire):
    """Exactly one key question per standard is flagged driving=yes: the one the report prints in bold."""
    rows = parse_csv(render(registry, "csv", south_yorkshire))
    header, body = rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert header.index("driving") > header.index("band_label")
    assert {row["driving"] for row in body} == {"yes", "no"}
    driving = {row["standard"]: row["key_question"] for row in body if row["driving"] == "yes"}
    assert driving == DRIVING_2020
    assert sum(row["driving"] == "yes" for row in body) == len(DRIVING_2020)


def test_csv_numbers_and_nulls(registry, south_yorkshire):
    """Counts and percentages are unformatted numbers; unknown counts are empty cells, never 0 or 'None'."""
    body = {row["key_question"]: row for row in csv.DictReader(io.StringIO(render(registry, "csv", south_yorkshire), newline=""))}
    assert (body["2.1.3"]["yes"], body["2.1.3"]["of"], body["2.1.3"]["excluded"], body["2.1.3"]["sub_sample"]) == (
        "57", "85", "15", "harm-factors")
    assert (body["2.1.3"]["percent"], body["2.1.3"]["percent_exact"], body["2.1.3"]["percent_fraction"]) == (
        "67", "67.0588235294", "1140/17")
    assert (body["4.2.2"]["yes"], body["4.2.2"]["of"], body["4.2.2"]["percent"]) == ("", "", "90")
    assert body["2.1.1"]["standard_indicative_rating"] == "requires_improvement" and body["2.1.1"]["standard_rating"] == "good"
    assert "None" not in render(registry, "csv", south_yorkshire)


def test_csv_quotes_cells_that_need_it(registry, south_yorkshire):
    """A comma or quote in a cell is quoted as RFC 4180 says, and reads back unchanged."""
    document = copy.deepcopy(south_yorkshire)
    document["provider"] = 'South Yorkshire, "North" CRC'
    text = render(registry, "csv", document)
    assert '"South Yorkshire, ""North"" CRC"' in text
    assert {row[0] for row in parse_csv(text)[1:]} == {document["provider"]}


def test_csv_previous_percent(registry, south_yorkshire_with_previous):
    """With a previous inspection, previous_percent holds its figure, empty where it has none (4.2.3)."""
    rows = csv.DictReader(io.StringIO(render(registry, "csv", south_yorkshire_with_previous), newline=""))
    body = {row["key_question"]: row for row in rows}
    assert body["2.1.1"]["previous_percent"] == "61"
    assert body["4.2.2"]["previous_percent"] == "61"
    assert body["4.2.3"]["previous_percent"] == ""


def test_csv_standards_rows_and_overall(registry, south_yorkshire):
    """One row per standard in framework order, then 'overall': 20 of 30, Good, as the report's ratings page."""
    rows = list(csv.DictReader(io.StringIO(render(registry, "csv-standards", south_yorkshire), newline="")))
    assert [row["standard"] for row in rows] == [s["id"] for s in south_yorkshire["standards"]] + ["overall"]
    by_id = {row["standard"]: row for row in rows}
    assert [by_id[s]["rating_label"] for s in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2")] == [
        "Outstanding", "Outstanding", "Good", "Good", "Good", "Requires improvement", "Requires improvement",
        "Requires improvement", "Good", "Outstanding"]
    overall = by_id["overall"]
    assert (overall["rating"], overall["rating_label"], overall["score"], overall["max_score"]) == ("good", "Good", "20", "30")
    assessment = by_id["2.1"]
    assert (assessment["indicative_rating"], assessment["rating"], assessment["discretion_eligible"],
            assessment["discretion_exercised"], assessment["driving_key_question"]) == (
        "requires_improvement", "good", "yes", "yes", "2.1.1")
    assert by_id["4.1"]["moderation_changed"] == "no" and by_id["2.2"]["moderation_changed"] == ""
    assert by_id["4.2"]["discretion_eligible"] == ""  # unknown from published percentages


# --- Markdown -------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", [SOUTH_YORKSHIRE_2020, SOUTH_YORKSHIRE_2019, SYNTHETIC], ids=lambda p: p.stem)
def test_markdown_tables_have_consistent_columns(registry, engine, example):
    """Every row of every Markdown table has as many cells as its header, and the separator row is there."""
    document = result_document(engine.evaluate_file(example))
    if example == SOUTH_YORKSHIRE_2020:
        document = with_previous(document, result_document(engine.evaluate_file(SOUTH_YORKSHIRE_2019)))
    tables = markdown_tables(render(registry, "markdown", document))
    assert tables
    for table in tables:
        assert set("".join(table[1])) <= {"-"}, table[1]
        assert {len(row) for row in table} == {len(table[0])}, table[0]


def test_markdown_escapes_pipes(registry, south_yorkshire_with_previous):
    """A '|' in the provider's name, a key question or a prompt is escaped, and the tables keep their columns."""
    document = copy.deepcopy(south_yorkshire_with_previous)
    document["provider"] = "South | North CRC"
    document["standards"][4]["key_questions"][0]["text"] = "Engaging | the service user?"
    document["prompts"][0]["text"] = "Motivation | readiness?"
    text = render(registry, "markdown", document)
    assert "South \\| North CRC" in text and "South | North" not in text
    assert "Engaging \\| the service user?" in text and "Motivation \\| readiness?" in text
    for table in markdown_tables(text):
        assert {len(row) for row in table} == {len(table[0])}


def test_markdown_ratings_page(registry, south_yorkshire):
    """The ratings page as in the report: provider, Score 20/30, Good, each standard's rating by domain."""
    text = render(registry, "markdown", south_yorkshire)
    page = text[text.index("## Ratings"):text.index("## Standards")]
    assert "**South Yorkshire CRC**" in page and "Score **20/30**" in page and "Overall rating: **Good**" in page
    assert [h for h in re.findall(r"^### (.*)$", page, re.M)] == [
        "1. Organisational delivery", "2. Case supervision", "3. CRC-specific work"]
    rows = {row[0]: row[1:] for table in markdown_tables(page) for row in table[2:]}
    assert rows["2.1 Assessment"] == ["Good", "raised from Requires improvement by professional discretion"]
    assert rows["4.2 Through the Gate"] == ["Outstanding", ""]
    assert rows["4.1 Unpaid work"] == ["Good", ""]  # moderation recorded, no change: no note


def test_markdown_key_question_table(registry, south_yorkshire_with_previous):
    """A standard's key questions with previous and current percentages, counts, and the driving one in bold."""
    text = render(registry, "markdown", south_yorkshire_with_previous)
    section = text[text.index("### 2.1 Assessment"):text.index("### 2.2 Planning")]
    table = markdown_tables(section)[0]
    assert table[0] == ["Key question", "Previous inspection", "Current inspection"]
    assert table[2] == ["**2.1.1 Does assessment focus sufficiently on engaging the service user?**", "61%", "**63%** (63 of 100)"]
    assert table[4][1:] == ["48%", "67% (57 of 85)"]
    assert "Rating: **Good** (score 2); previous inspection: Requires improvement" in section
    assert "lowest key question 2.1.1 at 63% (63 of 100) is in the band 'Too few'" in section
    through_the_gate = text[text.index("### 4.2 Through the Gate"):text.index("## Inspection data")]
    assert ("| **4.2.3 Is there effective coordination of resettlement activity?** | No comparable data available | **86%** |"
            in through_the_gate)
    assert ("| 4.2.2 Does resettlement activity focus sufficiently on supporting the service user's resettlement? | 61% | 90% |"
            in through_the_gate)


def test_markdown_prompt_tables(registry, south_yorkshire_with_previous, south_yorkshire):
    """Annexe 4: prompts under their key questions, previous and current, 'No comparable data available' where the previous lacks one."""
    text = render(registry, "markdown", south_yorkshire_with_previous)
    annexe = text[text.index("## Inspection data: prompts"):text.index("**Provenance**")]
    tables = {table[0][0]: table for table in markdown_tables(annexe)}
    engaging = tables["2.1.1 Does assessment focus sufficiently on engaging the service user?"]
    assert engaging[0][1:] == ["Previous inspection", "Current inspection"]
    assert [row[1:] for row in engaging[2:]] == [["54%", "71%"], ["No comparable data available", "43%"], ["71%", "67%"]]
    assert tables["2.4.3 Does reviewing focus sufficiently on keeping other people safe?"][2][1:] == ["44%", "25%"]
    # The round-one prompt round two dropped: a previous figure, no current one (Annexe 4, 4.2).
    activity = tables["4.2.2 Does resettlement activity focus sufficiently on supporting the service user's resettlement?"]
    assert activity[-1][1:] == ["47%", "No comparable data available"]
    assert sum(len(table) - 2 for table in tables.values()) == len(south_yorkshire["prompts"]) + 1
    # Without a previous inspection: no previous column, and nothing said about comparable data.
    alone = render(registry, "markdown", south_yorkshire)
    assert "No comparable data available" not in alone and "Previous inspection" not in alone


def test_markdown_prompt_tables_show_not_applicable_counts(registry, engine):
    """Where prompt n/a counts are known (case-level data), the prompt tables have an n/a column."""
    document = result_document(engine.evaluate_file(SYNTHETIC))
    text = render(registry, "markdown", document)
    annexe = text[text.index("## Inspection data: prompts"):]
    first = markdown_tables(annexe)[0]
    assert first[0][-1] == "n/a"
    prompt = document["prompts"][0]
    assert first[2][1:] == [f"{prompt['percent']}% ({prompt['yes']} of {prompt['of']})", str(prompt["not_applicable"])]


def test_markdown_notice_for_a_framework_not_published(registry, engine):
    """A result under hmip-crc@2018 (reconstructed) says so near the top, before the ratings, with its warnings."""
    document = result_document(engine.evaluate_file(SOUTH_YORKSHIRE_2019))
    assert document["framework"]["status"] == "reconstructed"
    text = render(registry, "markdown", document)
    top = text[:text.index("## Ratings")]
    assert "**Not a published framework: hmip-crc@2018 is reconstructed.**" in top
    assert all(warning["message"] in top for warning in document["warnings"])
    assert "(reconstructed), sha256" in text  # and in the provenance footer


def test_markdown_no_notice_for_a_published_framework(registry, south_yorkshire):
    """A result under a published framework with no warnings has no notice."""
    text = render(registry, "markdown", south_yorkshire)
    assert "Not a published framework" not in text and "> " not in text[:text.index("## Ratings")]


def test_markdown_provenance_footer(registry, south_yorkshire_with_previous):
    """The footer names the framework version, status and SHA-256, the engine, the plugins and the input SHA-256."""
    document = south_yorkshire_with_previous
    footer = render(registry, "markdown", document).split("**Provenance**", 1)[1]
    framework = document["framework"]
    assert f"hmip-crc@2019 (published), sha256 `{framework['sha256']}`" in footer
    assert f"{document['engine']['name']} {document['engine']['version']}" in footer
    assert all(plugin["name"] in footer for plugin in document["plugins"])
    assert document["input"]["sha256"] in footer
    assert document["previous"]["input_sha256"] in footer and "hmip-crc@2018" in footer


# --- where each figure comes from -----------------------------------------------------------------

ASSUMED = ROOT / "docs" / "examples" / "assumed-placeholder.json"
ASSUMED_GOLDEN = {"text": "txt", "markdown": "md", "html": "html", "csv": "key-questions.csv", "csv-standards": "standards.csv"}


@pytest.mark.parametrize("name", sorted(ASSUMED_GOLDEN))
def test_a_result_on_an_assumed_figure_says_so_first(registry, engine, name):
    """South Yorkshire 2020 with 4.2.2 an assumed placeholder: every format says 'assumed' for it, never
    'published', and the warning comes before any rating (the CSV tables name it in a column of their own)."""
    document = result_document(engine.evaluate_file(ASSUMED))
    assert document["warnings"][0]["code"] == "assumed-figures"
    assert schema_problems(document, "result", "result") == []
    rendered = render(registry, name, document)
    check_golden(f"assumed-placeholder.{ASSUMED_GOLDEN[name]}", rendered)
    assert "assumed" in rendered and "4.2.2 at 80% (published percentage)" not in rendered
    if name in ("text", "markdown", "html"):
        warning = rendered.index("this result rests on assumed figures")
        assert warning < rendered.index("Outstanding"), "the warning comes before the ratings"


def test_an_assumed_prompt_figure_is_called_assumed(registry, engine, tmp_path):
    """A prompt's placeholder percentage reads 'assumed' in the prompt tables, and is named in the warning."""
    import json

    inspection = json.loads(ASSUMED.read_text("utf-8"))
    inspection["samples"]["case-supervision"]["prompts"]["2.1.1.a"] = {"percent": 71, "basis": "assumed", "note": "not copied yet"}
    path = tmp_path / "inspection.json"
    path.write_text(json.dumps(inspection), encoding="utf-8")
    document = result_document(engine.evaluate_file(path))
    assert "prompt 2.1.1.a, 71% (not copied yet)" in document["warnings"][0]["message"]
    assert "sentence? | 71% (assumed) |" in render(registry, "markdown", document)
    assert '<td class="num">71% <span class="muted">(assumed percentage)</span></td>' in render(registry, "html", document)
