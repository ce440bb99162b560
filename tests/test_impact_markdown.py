"""The impact document as Markdown (plugins/impact_markdown.py): the briefing's content as headings,
lists and tables, with text from the files escaped so that it cannot change the page."""

from __future__ import annotations

import pytest
from impact_documents import impact_document

from ratings_engine.plugins.impact_markdown import render_impact_markdown


@pytest.fixture
def document() -> dict:
    return impact_document()


@pytest.fixture
def markdown(document) -> str:
    return render_impact_markdown(document)


def block(markdown: str, heading: str) -> str:
    """The text under HEADING, to the next heading of its level or above."""
    level = heading.split(" ", 1)[0]
    start = markdown.index(heading + "\n")
    ends = [markdown.find(f"\n{'#' * n} ", start + len(heading)) for n in range(1, len(level) + 1)]
    return markdown[start:min([end for end in ends if end != -1], default=len(markdown))]


def rows(text: str, header_start: str) -> dict[str, list[str]]:
    """The Markdown table whose header starts HEADER_START: {first cell: the other cells}."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"| {header_start}"))
    found = {}
    for line in lines[at + 2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        found[cells[0]] = cells[1:]
    return found


def test_the_heading_says_what_was_compared(document, markdown):
    assert markdown.startswith("# Impact of hmip-crc@2021 (draft) against hmip-crc@2019 (published)\n")
    assert f"- Draft: hmip-crc@2021 (draft): HM Inspectorate of Probation: standards for Community Rehabilitation Companies, " \
           f"file drafts/hmip-crc-2021.json; sha256 {document['draft']['sha256']}" in markdown
    assert "**Inspections:** 6 given; 5 rated under both versions, 3 of them with a rating changed; 1 not rated" in markdown


def test_transitions_are_tables_with_the_unchanged_in_bold(markdown):
    overall = rows(block(markdown, "## Overall rating"), "Baseline (rows)")
    assert overall["Good"] == ["-", "**3**", "1", "-", "4"]
    assert overall["Total"] == ["1", "3", "1", "0", "5"]
    planning = block(markdown, "## 2.2 Planning")
    assert "| Baseline (rows), draft (columns) | Outstanding | Good | Requires improvement | Inadequate | Not rated | Total |" in planning
    assert rows(planning, "Baseline (rows)")["Good"] == ["-", "**2**", "-", "-", "1", "3"]
    assert rows(planning, "Rating")["Not rated"] == ["0", "0.0%", "1", "20.0%", "+1", "+20.0"]


def test_the_inspections_most_affected_first_with_causes(markdown):
    changed = block(markdown, "## Inspections with a rating changed")
    assert [line[4:] for line in changed.splitlines() if line.startswith("### ")] == ["Riverside CRC", "Hillside CRC", "Northgate CRC"]
    assert "- **2.1 Assessment**: Good → Requires improvement (down 1 band)\n  - Professional discretion raised it" in changed
    assert "- **Overall**: Good (3/6) → Requires improvement (1/6) (down 1 band)" in changed
    assert "Unchanged under the draft: 2 inspections." in changed


def test_what_cannot_be_rated_and_the_decisions_no_longer_allowed(markdown):
    not_rated = block(markdown, "## Inspections not rated")
    assert "- **Southbank CRC (inspections/southbank-2020.json)**: the draft cannot rate it\n  - inspections/southbank-2020.json:14:7:" \
        in not_rated
    decisions = rows(block(markdown, "## Panel decisions the draft no longer allows"), "Inspection")
    assert decisions["Riverside CRC (inspections/riverside-2020.json)"][:2] == ["2.1 Assessment", "Requires improvement → Good"]


def test_the_sweep_is_a_table_per_part_with_the_versions_values_in_bold(markdown):
    sweep = block(markdown, "## Sweep of bands.good")
    overall = rows(block(sweep, "### Overall rating"), "bands.good")
    assert list(overall) == ["60", "**65** (baseline)", "**70** (draft)", "75"]
    assert overall["**70** (draft)"] == ["20.0%", "60.0%", "20.0%", "0.0%"]
    assert rows(block(sweep, "### 2.2 Planning"), "bands.good")["75"][-1] == "20.0%"
    assert "Sweep" not in render_impact_markdown(impact_document(sweep=False))


def test_nothing_to_list_says_none(document):
    document["not_rated"], document["discretion_not_allowed"] = [], []
    markdown = render_impact_markdown(document)
    assert block(markdown, "## Inspections not rated").strip().endswith("None.")
    assert block(markdown, "## Panel decisions the draft no longer allows").strip().endswith("None.")


def test_text_from_the_files_cannot_change_the_page(document):
    document["inspections"][0]["provider"] = "# *Riverside* | [CRC](http://x) <b>"
    document["discretion_not_allowed"][0]["provider"] = "A | B"
    document["inspections"][0]["standards"][0]["causes"] = ["<script>alert(1)</script>"]
    markdown = render_impact_markdown(document)
    assert "### \\# \\*Riverside\\* \\| \\[CRC\\](http://x) \\<b>" in markdown
    assert "\\<script>" in markdown and "<script>" not in markdown.replace("\\<script>", "")
    decisions = rows(block(markdown, "## Panel decisions the draft no longer allows"), "Inspection")
    assert all(len(cells) == 3 for cells in decisions.values())  # a pipe in the data adds no column
