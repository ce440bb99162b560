"""The impact document as a plain-text briefing (plugins/impact_text.py): what was compared, the
transitions and share changes, the inspections most affected with causes, what cannot be rated, the
panel decisions no longer allowed and the sweep, aligned within 100 columns."""

from __future__ import annotations

import re

import pytest
from impact_documents import impact_document

from ratings_engine.plugins.impact_text import aligned, render_impact_text

from support import HOSTILE, assert_harmless


@pytest.fixture
def document() -> dict:
    return impact_document()


@pytest.fixture
def lines(document) -> list[str]:
    return render_impact_text(document).splitlines()


def cells(line: str) -> list[str]:
    """A row of an aligned table: its cells, two or more spaces apart."""
    return re.split(r"\s{2,}", line.strip())


def section(lines: list[str], heading: str, until: str | None = None) -> list[str]:
    """The lines from the one starting HEADING to the one starting UNTIL (by default, to the next blank
    line before a line at the margin)."""
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    if until is not None:
        return lines[start:next(i for i in range(start, len(lines)) if lines[i].startswith(until))]
    end = next((i for i in range(start + 1, len(lines) - 1) if not lines[i] and lines[i + 1] and not lines[i + 1][0].isspace()),
               len(lines))
    return lines[start:end]


def table(lines: list[str], header_start: str) -> dict[str, dict[str, str]]:
    """The table whose header starts HEADER_START: {row label: {column: cell}}."""
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(header_start))
    header = cells(lines[at])
    rows = {}
    for line in lines[at + 1:]:
        if not line.strip():
            break
        found = cells(line)
        rows[found[0]] = dict(zip(header[1:], found[1:], strict=True))
    return rows


def test_it_says_what_was_compared_and_how_many(document, lines):
    text = "\n".join(lines)
    assert lines[0] == "Impact of hmip-crc@2021 (draft) against hmip-crc@2019 (published)"
    for side in ("baseline", "draft"):
        assert f"sha256 {document[side]['sha256']}" in text
    assert "file drafts/hmip-crc-2021.json" in text and "Engine:   ratings-engine 0.1.0" in text
    assert "rating_methods (ratings-engine 0.1.0), moderation (ratings-engine 0.1.0)" in text
    assert "Inspections: 6 given; 5 rated under both versions, 3 of them with a rating changed; 1 not rated" in text


def test_a_table_in_brief_gives_each_standard_s_changes(lines):
    brief = table(lines, "standard")
    assert brief == {"Overall rating": {"changed": "1", "up": "0", "down": "1"}, "2.1 Assessment": {"changed": "2", "up": "0", "down": "2"},
                     "2.2 Planning": {"changed": "2", "up": "0", "down": "1"}}


def test_each_transition_count_is_in_its_row_and_column(lines):
    overall = table(section(lines, "Overall rating:"), "baseline \\ draft")
    assert overall["Good"] == {"Outstanding": "-", "Good": "3", "Requires improvement": "1", "Inadequate": "-", "Total": "4"}
    assert overall["Total"]["Requires improvement"] == "1" and overall["Total"]["Total"] == "5"
    planning = table(section(lines, "2.2 Planning:"), "baseline \\ draft")
    assert planning["Good"]["Not rated"] == "1" and planning["Requires improvement"]["Inadequate"] == "1"
    assert "Not rated" not in planning  # no inspection was unrated under the baseline
    assert list(overall) == ["Outstanding", "Good", "Requires improvement", "Inadequate", "Total"]


def test_each_rating_s_share_and_its_change_as_the_document_gives_them(lines):
    shares = [cells(line) for line in section(lines, "2.2 Planning:") if line.startswith("  ") and "%" in line]
    assert ["Good", "3", "60.0%", "2", "40.0%", "-1", "-20.0"] in shares
    assert ["Not rated", "0", "0.0%", "1", "20.0%", "+1", "+20.0"] in shares
    assert section(lines, "Overall rating:")[0] == "Overall rating: 1 inspection changed, 0 up, 1 down"


def test_the_inspections_most_affected_come_first_each_change_with_its_causes(lines):
    changed = section(lines, "Inspections with a rating changed", until="Inspections not rated")
    text = "\n".join(changed)
    assert changed[0] == "Inspections with a rating changed, most affected first: 3 of 5"
    assert text.index("Riverside CRC") < text.index("Hillside CRC") < text.index("Northgate CRC")
    assert "Eastway CRC" not in text and "Westfield CRC" not in text
    assert "  2.1 Assessment: Good -> Requires improvement (down 1 band)" in changed
    assert "  Overall: Good (3/6) -> Requires improvement (1/6) (down 1 band)" in changed
    assert "      - 2.2.3 is 48%: the draft raises the lower bound of Requires improvement from 45% to 50%." in changed
    assert "  2.2 Planning: Good -> Not rated (no longer rated)" in changed
    assert "  note: 2.2 is not rated: 8 cases, fewer than the minimum sample of 10." in changed
    assert "Unchanged under the draft: 2 inspections." in lines


def test_what_cannot_be_rated_and_the_decisions_no_longer_allowed(lines):
    not_rated = section(lines, "Inspections not rated")
    assert not_rated[:2] == ["Inspections not rated: 1", "  Southbank CRC (inspections/southbank-2020.json): the draft cannot rate it"]
    assert "2.1.4 has no answers in the inspection" in " ".join(not_rated)
    panel = " ".join(line.strip() for line in section(lines, "Panel decisions"))
    assert "Riverside CRC (inspections/riverside-2020.json), 2.1 Assessment: the panel moved Requires improvement to Good" in panel
    assert "2.1.2 is 5 points below 65%" in panel


def test_the_sweep_is_a_table_of_values_with_the_baseline_s_and_draft_s_marked(lines):
    sweep = lines[lines.index("Sweep of bands.good"):]
    overall = table(sweep[sweep.index("Overall rating"):], "bands.good")
    assert list(overall) == ["60", "65 (baseline)", "70 (draft)", "75"]
    assert overall["70 (draft)"] == {"Outstanding": "20.0%", "Good": "60.0%", "Requires improvement": "20.0%", "Inadequate": "0.0%"}
    planning = table(sweep[sweep.index("2.2 Planning"):], "bands.good")
    assert planning["75"]["Not rated"] == "20.0%"


def test_without_a_sweep_there_is_no_sweep_section():
    assert "Sweep of" not in render_impact_text(impact_document(sweep=False))


def test_it_fits_100_columns(lines):
    assert max(map(len, lines)) <= 100
    assert all(line == line.rstrip() for line in lines)


def test_a_table_too_wide_sets_its_headers_on_two_lines():
    header = ["rating"] + [f"Very long rating label number {i}" for i in range(4)]
    found = aligned(header, [["x", "1", "2", "3", "4"]])
    assert len(found) == 3 and max(map(len, found)) <= 100
    assert cells(found[0]) == ["Very long rating", "Very long rating", "Very long rating", "Very long rating"]


def test_text_from_the_files_is_shown_never_obeyed(document):
    document["inspections"][0]["provider"] = HOSTILE
    document["inspections"][0]["standards"][0]["causes"] = [HOSTILE]
    document["not_rated"][0]["reasons"] = [HOSTILE]
    assert_harmless(render_impact_text(document))


def test_the_same_document_gives_the_same_text(document):
    assert render_impact_text(document) == render_impact_text(impact_document())
