"""The framework document behind `ratings frameworks show`: the JSON outline and its text, Markdown and HTML."""

from __future__ import annotations

import functools
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ratings_engine.model.framework import Framework
from ratings_engine.model.load import framework_from_bytes, load_framework
from ratings_engine.plugin_host.registry import Registry, load_registry
from ratings_engine.plugins.framework_html import page_title, render_html
from ratings_engine.plugins.framework_text import render_markdown, render_text
from ratings_engine.reports.framework_doc import framework_outline


@functools.cache
def builtins() -> Registry:
    """The registry of the built-in plugins, which word the rating methods and moderation."""
    return load_registry()


CRC = Path(__file__).resolve().parent.parent / "frameworks" / "hmip-crc"
VERSIONS = ("2018", "2019")
FORMATS = ("text", "markdown", "html")
#: The layout of each format the built-in plugins provide for the framework document.
RENDERERS = {"text": render_text, "markdown": render_markdown, "html": render_html}

BAND_SENTENCES = (
    "Minority: below 50% -> Inadequate",
    "Too few: at least 50% and below 65% -> Requires improvement",
    "Reasonable majority: at least 65% and below 80% -> Good",
    "Large majority: 80% or more -> Outstanding",
)
DECIDING = "Bands are decided on the exact percentage, before rounding: 64.99% (shown as 65%) is 'Too few'."
DISPLAY = "Percentages are shown as whole numbers, rounded half up: 62.5% is shown as 63%."
HARM_FACTORS = ("only cases where the inspector identified factors related to harm "
                "(cases where the risk of serious harm was deemed low are excluded)")
DISCRETION = ("The ratings panel may exercise professional discretion on 2.1, 2.2, 2.3, 2.4, 4.1, 4.2: where the lowest "
              "key question is within 5 percentage points of a band boundary, or where one case judged differently "
              "would change the rating; at most 1 band.")
MODERATION = ("The lead inspector may propose raising or lowering the indicative rating by at most 1 band on the "
              "qualitative evidence of key question 4.1.3; the change takes effect only if the ratings panel ratifies it.")
RECONSTRUCTED = "This version is reconstructed: its rules are inferred from published evidence."
OVERALL_BANDS = "0-5 Inadequate; 6-15 Requires improvement; 16-25 Good; 26-30 Outstanding"
MAXIMUM = "The maximum score is 30: 10 standards at up to 3 each."


@pytest.fixture(scope="module")
def frameworks() -> dict[str, Framework]:
    """Both bundled hmip-crc versions, loaded and checked with the built-in plugins."""
    registry = load_registry()
    return {version: load_framework(CRC / f"{version}.json", registry) for version in VERSIONS}


def readable(rendered: str, format_name: str) -> str:
    """The words a reader sees: HTML entities decoded, Markdown backslash escapes removed."""
    if format_name == "html":
        return html.unescape(rendered)
    if format_name == "markdown":
        return re.sub(r"\\([\\`*\[\]<|_])", r"\1", rendered)
    return rendered


def rendered_words(framework: Framework, format_name: str) -> str:
    return readable(RENDERERS[format_name](framework_outline(framework, builtins())), format_name)


def changed_2019(change) -> Framework:
    """hmip-crc@2019 with CHANGE applied to its document, checked without plugins (so any method name passes)."""
    document = json.loads((CRC / "2019.json").read_text(encoding="utf-8"))
    change(document)
    return framework_from_bytes(json.dumps(document).encode(), "changed-2019.json")


def test_the_built_in_formats_of_the_framework_document_are_these_layouts(frameworks):
    """The plugins' text, markdown and html formats of the framework document are those layouts; json is the outline."""
    formats = builtins().formats_for("framework-outline")
    assert sorted(formats) == ["html", "json", "markdown", "text"]
    outline = framework_outline(frameworks["2019"], builtins())
    for name, render in RENDERERS.items():
        assert formats[name].render(outline) == render(outline)
    assert json.loads(formats["json"].render(outline)) == outline


@pytest.mark.parametrize("version", VERSIONS)
def test_outline_is_plain_json_that_round_trips_and_is_deterministic(frameworks, version):
    """The outline holds only JSON types, survives dumps/loads unchanged, and is the same on every call."""
    outline = framework_outline(frameworks[version], builtins())

    def plain_only(value) -> None:
        assert type(value) in (dict, list, str, int, float, bool, type(None)), type(value)
        for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
            plain_only(item)

    plain_only(outline)
    assert json.loads(json.dumps(outline)) == outline
    assert json.dumps(framework_outline(frameworks[version], builtins())) == json.dumps(outline)
    for render in RENDERERS.values():
        assert render(framework_outline(frameworks[version], builtins())) == render(outline)


def test_outline_is_in_reading_order(frameworks):
    """Identity and provenance first, then the scale, banding, samples and sub-samples, the domains, then the rules."""
    assert list(framework_outline(frameworks["2019"], builtins())) == [
        "id", "version", "ref", "title", "status", "notice", "caveats", "effective", "description", "provenance",
        "rating_scale", "banding", "samples", "sub_samples", "domains", "discretion", "overall", "comparison", "sampling",
    ]


@pytest.mark.parametrize("format_name", FORMATS)
@pytest.mark.parametrize("version", VERSIONS)
def test_every_standard_key_question_and_prompt_appears(frameworks, version, format_name):
    """Each standard's id, title and statement, and each key question and prompt with its text, is in every format."""
    framework = frameworks[version]
    words = rendered_words(framework, format_name)
    assert framework.title in words and framework.ref in words
    for domain in framework.domains:
        assert domain.title in words
    for standard in framework.standards:
        assert f"{standard.id} {standard.title}" in words
        assert standard.statement in words
        for question in standard.key_questions:
            assert question.id in words and question.text in words
            for prompt in question.prompts:
                assert prompt.id in words and prompt.text in words


@pytest.mark.parametrize("format_name", FORMATS)
def test_banding_in_words(frameworks, format_name):
    """The bands read as the inspectorate prints them, with how bands decide and how percentages are shown."""
    words = rendered_words(frameworks["2019"], format_name)
    for sentence in BAND_SENTENCES:
        label, _, rest = sentence.partition(": ")
        percentages, _, rating = rest.partition(" -> ")
        if format_name == "text":
            assert sentence in words
        elif format_name == "markdown":
            assert f"| {label} | {percentages} | {rating} |" in words
        else:
            assert f"<tr><td>{label}</td><td>{percentages}</td><td>{rating}</td></tr>" in words
    assert DECIDING in words and DISPLAY in words


def test_banding_that_decides_on_displayed_percentages_says_so():
    """A framework banding the displayed percentage, to one place, half to even, is described by the engine's own rounding."""
    def displayed(document):
        document["banding"].update(decide_on="displayed", display={"decimal_places": 1, "rounding": "half-even"})

    banding = framework_outline(changed_2019(displayed), builtins())["banding"]
    assert banding["deciding"] == ("Bands are decided on the percentage as displayed, after rounding: "
                                   "64.99% (shown as 65.0%) is 'Reasonable majority'.")
    assert banding["display"] == "Percentages are shown to 1 decimal place, rounded half to even: 62.25% is shown as 62.2%."


@pytest.mark.parametrize("format_name", FORMATS)
def test_sub_sample_rules_in_words(frameworks, format_name):
    """Each rule completes 'only cases ...' and gives its condition; key questions and prompts name theirs."""
    words = rendered_words(frameworks["2019"], format_name)
    assert HARM_FACTORS in words
    assert "harm_factors is true" in words
    assert "supervision is 'post-release'" in words
    assert "Used by: 2.1.3, 2.2.3, 2.3.3, 2.4.3" in words
    outline = framework_outline(frameworks["2019"], builtins())
    question = outline["domains"][1]["standards"][0]["key_questions"][2]
    assert question["id"] == "2.1.3"
    assert question["sub_sample"] == {"id": "harm-factors", "only_cases": HARM_FACTORS, "condition": "harm_factors is true"}
    assert question["prompts"][4]["sub_sample"]["id"] == "children"
    assert question["prompts"][3]["sub_sample"]["id"] == "all-cases"
    assert question["prompts"][3]["note"].startswith("Expected in all cases: counted on every case")
    assert "Used by: 2.1.3.d" in words


@pytest.mark.parametrize("format_name", FORMATS)
def test_rating_methods_discretion_and_moderation_in_words(frameworks, format_name):
    """Rating methods, the discretion rule and unpaid work's moderation read as sentences in every format."""
    words = rendered_words(frameworks["2019"], format_name)
    assert "a single judgement by the lead inspector" in words
    assert "rated by its lowest key question" in words
    assert DISCRETION in words
    assert MODERATION in words
    assert "Moderation (rule 'qualitative-evidence': key question 4.1.3, at most 1 band, ratified by the ratings panel)" in words
    overall = {"text": OVERALL_BANDS, "markdown": "| 0-5 | Inadequate |\n| 6-15 | Requires improvement |",
               "html": "<tr><td>0-5</td><td>Inadequate</td></tr>\n<tr><td>6-15</td><td>Requires improvement</td></tr>"}
    assert overall[format_name] in words
    assert MAXIMUM in words
    assert "A change from the previous inspection is significant by a two-proportion Z test at the significance level 0.1." in words
    assert ("Case samples are sized for a confidence level of 80%, with a margin of error of 5 percentage points."
            in words)


def test_standards_say_whether_discretion_applies_and_which_sample(frameworks):
    """Domain one is a judgement on no sample, outside discretion; case supervision standards are within it."""
    standards = {s["id"]: s for d in framework_outline(frameworks["2019"], builtins())["domains"] for s in d["standards"]}
    assert standards["1.1"]["discretion"] is False and standards["1.1"]["sample"] is None
    assert standards["1.1"]["sample_words"] == "none: not judged on cases"
    assert standards["2.1"]["discretion"] is True
    assert standards["2.1"]["sample_words"] == "Case supervision (case-supervision)"
    assert standards["4.1"]["moderation"]["options"] == {"key_question": "4.1.3", "max_bands": 1, "requires_ratification": True}


def test_effective_dates_in_words(frameworks):
    """Open-ended, closed and missing windows each read plainly; without a start the version is used only by name."""
    open_ended = changed_2019(lambda document: document.pop("effective_to"))
    words = framework_outline(open_ended, builtins())["effective"]["words"]
    assert words == "For fieldwork from 2019-07-01 onwards; no end date is set."
    assert framework_outline(frameworks["2019"], builtins())["effective"]["words"] == "For fieldwork from 2019-07-01 to 2021-06-25."
    assert framework_outline(frameworks["2018"], builtins())["effective"]["words"] == "For fieldwork from 2018-06-01 to 2019-06-30."
    undated = framework_outline(changed_2019(lambda document: [document.pop(k) for k in ("effective_from", "effective_to")]),
                                builtins())["effective"]
    assert undated == {"from": None, "to": None, "words": "No effective dates are set: the version is used only where it is named.",
                       "source": undated["source"]}


def test_an_unknown_rating_method_is_named():
    """A plugin's rating method the document has no words for is shown by its name, with its settings."""
    def highest(document):
        standard = document["domains"][1]["standards"][0]
        standard.update(rating_method="highest-key-question", rating_options={"ties": "first"})

    outline = framework_outline(changed_2019(highest), builtins())
    words = outline["domains"][1]["standards"][0]["rating_method_words"]
    assert words == "the rating method 'highest-key-question' (settings: ties \"first\")"
    assert words in render_text(outline)


def test_answers_are_listed_only_where_not_just_yes_or_no(frameworks):
    """Through the Gate allows 'n/a'; other case-sample questions are yes or no and say nothing; qualitative ones have none."""
    text = render_text(framework_outline(frameworks["2019"], builtins()))
    assert text.count("Answers: yes, no or n/a (not applicable)") == 3
    questions = {q["id"]: q for d in framework_outline(frameworks["2019"], builtins())["domains"]
                 for s in d["standards"] for q in s["key_questions"]}
    assert questions["2.1.1"]["answers"] == ["yes", "no"] and questions["2.1.1"]["answers_words"] is None
    assert questions["4.1.3"]["answers"] is None
    assert questions["4.1.3"]["evidence_words"] == "qualitative evidence, not counted"


@pytest.mark.parametrize("format_name", FORMATS)
def test_reconstructed_version_carries_a_notice_and_published_none(frameworks, format_name):
    """2018 is reconstructed and says so prominently; 2019 is published and has no notice."""
    assert RECONSTRUCTED in rendered_words(frameworks["2018"], format_name)
    assert "This version is" not in rendered_words(frameworks["2019"], format_name)
    assert framework_outline(frameworks["2019"], builtins())["notice"] is None
    assert framework_outline(frameworks["2018"], builtins())["notice"].startswith(RECONSTRUCTED)


def test_reconstructed_version_shows_what_differs(frameworks):
    """2018: unpaid work has no moderation, Through the Gate two key questions, and the inferred dropped prompt."""
    text = render_text(framework_outline(frameworks["2018"], builtins()))
    unpaid_work = text[text.index("4.1 Unpaid work\n"):text.index("4.2 Through the Gate\n")]
    assert "Moderation" not in unpaid_work
    assert "Key question 4.2.3" not in text
    assert "4.2.2.z Are resettlement services delivered" in text
    assert "Source: Annexe 4: Inspection data, 4.2 Through the Gate. Inferred: Listed with a previous-inspection figure" in text
    assert "For fieldwork from 2018-06-01 to 2019-06-30." in text


@pytest.mark.parametrize("format_name", FORMATS)
def test_sources_show_section_and_basis_with_evidence(frameworks, format_name):
    """Stated parts give their section; inferred parts add the basis and the evidence."""
    words = rendered_words(frameworks["2019"], format_name)
    assert "Source: Annexe 2: Methodology, 'Overall provider rating'; footnote 2" in words
    assert ("Source: Annexe 2: Methodology, 'Ratings explained' (banding table). Inferred: The table gives "
            "whole-number bands") in words
    assert "Source: Annexe 4: Inspection data, 2.1 Assessment, footnote 55" in words
    assert "Stated:" not in words
    outline = framework_outline(frameworks["2019"], builtins())
    assert outline["effective"]["source"]["basis"] == "inferred"
    assert outline["rating_scale"]["source"] == {
        "document": "sy-crc-2020", "section": "Annexe 2: Methodology, 'Overall provider rating'; footnote 2",
        "basis": "stated", "evidence": None}


class _TagBalance(HTMLParser):
    """Checks that structural tags open and close in order, and notes anything that would run or fetch."""

    STRUCTURAL = {"html", "head", "body", "main", "nav", "section", "div", "h1", "h2", "h3", "h4", "p", "ul", "li",
                  "table", "thead", "tbody", "tr", "th", "td", "title", "style", "span", "a"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.seen.add(tag)
        if tag in self.STRUCTURAL:
            self.stack.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and not (value or "").startswith("#"):
                self.problems.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        if tag in self.STRUCTURAL:
            if not self.stack or self.stack[-1] != tag:
                self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            else:
                self.stack.pop()


@pytest.mark.parametrize("version", VERSIONS)
def test_html_is_one_well_formed_self_contained_page(frameworks, version):
    """Tags balance; headings per domain and standard; tables for bands, prompts and overall bands; nothing fetched or run."""
    page = render_html(framework_outline(frameworks[version], builtins()))
    parser = _TagBalance()
    parser.feed(page)
    parser.close()
    assert parser.problems == [] and parser.stack == []
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script" not in page.lower() and "http" not in page.lower() and "@import" not in page
    assert "<h2>Domain 2: Case supervision</h2>" in page
    assert '<h3><span class="id">2.1</span> Assessment</h3>' in page
    assert "<th>Prompt</th>" in page and "<th>Overall rating</th>" in page
    assert page.count("<table>") == 2 + 1 + sum(1 for s in frameworks[version].standards
                                                for q in s.key_questions if q.prompts)


def test_html_and_markdown_escape_what_the_file_says():
    """Markup in a framework's words is shown, not obeyed: escaped in HTML, and a '|' does not split a Markdown cell."""
    def awkward(document):
        document["banding"]["bands"][1]["label"] = "Too | few"
        document["domains"][1]["standards"][0]["statement"] = "Assessment <script>alert(1)</script> is *good* | fair."

    outline = framework_outline(changed_2019(awkward), builtins())
    page = render_html(outline)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = render_markdown(outline)
    assert "| Too \\| few | at least 50% and below 65% | Requires improvement |" in markdown
    assert "Assessment \\<script>alert(1)\\</script> is \\*good\\* \\| fair." in markdown
    assert_markdown_tables_consistent(markdown)


def assert_markdown_tables_consistent(markdown: str) -> None:
    tables: list[list[str]] = []
    previous_was_row = False
    for line in markdown.splitlines():
        is_row = line.startswith("|")
        if is_row and not previous_was_row:
            tables.append([])
        if is_row:
            tables[-1].append(line)
        previous_was_row = is_row
    assert tables
    for table in tables:
        # Cells are separated by pipes that are not escaped; every row needs the header's count.
        counts = {len(re.findall(r"(?<!\\)\|", row)) for row in table}
        assert len(counts) == 1, table
        assert re.fullmatch(r"\|(---\|)+", table[1]), table


@pytest.mark.parametrize("version", VERSIONS)
def test_markdown_has_headings_tables_and_bullets(frameworks, version):
    """Markdown: a title, a heading per domain and standard, consistent tables, and prompts as nested bullets."""
    framework = frameworks[version]
    markdown = render_markdown(framework_outline(framework, builtins()))
    assert markdown.startswith(f"# {framework.title}\n")
    for domain in framework.domains:
        assert f"\n## Domain {domain.id}: {domain.title}\n" in markdown
    for standard in framework.standards:
        assert f"\n### {standard.id} {standard.title}\n" in markdown
    assert "    - **2.1.1.a** " in markdown
    assert "\n\n\n" not in markdown
    assert_markdown_tables_consistent(markdown)


def test_text_heads_each_part_and_ends_with_the_overall_rating(frameworks):
    """Text: title and reference first, headings underlined, a Source line under parts, the overall bands last."""
    text = render_text(framework_outline(frameworks["2019"], builtins()))
    lines = text.splitlines()
    assert lines[0] == frameworks["2019"].title and lines[2] == "hmip-crc@2019 (status: published)"
    assert "Domain 1: Organisational delivery\n=================================\n" in text
    assert "\n2.1 Assessment\n--------------\n" in text
    assert text.rstrip().endswith("Source: Annexe 2: Methodology, 'Overall provider rating'; footnote 2")
    assert f"  {OVERALL_BANDS}\n  {MAXIMUM}\n" in text


def _contrast(colour: str, background: str = "#ffffff") -> float:
    """WCAG's contrast ratio of two #rrggbb colours."""
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_html_page_fits_a_phone_is_titled_briefly_and_keeps_its_sources_readable(frameworks):
    """A viewport for phones; a <title> a tab can show (at most 70 characters); every table in a box that scrolls
    sideways, reachable by the keyboard and named; lists not named by aria-label; the sources' grey at AA contrast."""
    framework = frameworks["2019"]
    page = render_html(framework_outline(framework, builtins()))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    title = html.unescape(re.search(r"<title>(.*)</title>", page).group(1))
    assert len(framework.title) > 70 and len(title) <= 70
    assert title.startswith("hmip-crc@2019: HM Inspectorate of Probation") and title.endswith("\u2026")
    tables = page.count("<table>")
    assert tables and len(re.findall(r'<div class="scroll" tabindex="0" role="region" aria-label="[^"]+">\n?<table>', page)) == tables
    assert not re.search(r"<ul[^>]*aria-label", page)
    palette = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", page))
    source_colour = re.search(r"\.source \{ color: var\(--([a-z-]+)\)", page).group(1)
    assert palette["muted"] == "#4a4a4a" and _contrast(palette[source_colour]) >= 4.5


@pytest.mark.parametrize(("ref", "title", "expected"), [
    ("a@1", "Short", "a@1: Short"),
    ("hmip-crc@2019", "HM Inspectorate of Probation: inspections of community rehabilitation companies",
     "hmip-crc@2019: HM Inspectorate of Probation: inspections of community\u2026"),
    ("x@1", "y" * 100, "x@1: " + "y" * 64 + "\u2026"),
])
def test_html_page_title_is_cut_at_a_word_within_70_characters(ref, title, expected):
    assert page_title(ref, title) == expected and len(expected) <= 70
