"""Built-in output formats 'csv' and 'csv-standards': the result as tables for a spreadsheet.

One CSV file holds one table, so the result is given as two formats rather than two tables in one
file (a blank line and a second header in the middle of a file breaks spreadsheets and CSV readers):

``csv`` (extension ``.csv``)
    One row per key question: provider, fieldwork_start, framework (ID@VERSION), standard,
    standard_title, key_question, key_question_text, yes, of, not_applicable, excluded, sub_sample,
    percent, percent_exact, percent_fraction, band, band_label, driving (yes/no: the key question that drove the
    standard's indicative rating), standard_indicative_rating, standard_rating; and
    previous_percent when the result has a ``previous`` section (``ratings evaluate --previous``);
    area (the id of the standard's area) when the framework has areas; where the inspection gives
    standards' published ratings, standard_published_rating and standard_published_source; and,
    where it says where a figure comes from, basis (published, derived or assumed) and basis_note.
    Standards rated by judgement have no key questions and so no rows here.

``csv-standards`` (no extension: choose it with ``--format csv-standards``, for example
``ratings evaluate FILE --format csv-standards -o standards.csv``)
    One row per standard: provider, fieldwork_start, framework, standard, standard_title, domain,
    indicative_rating, rating, rating_label, score, max_score, driving_key_question,
    discretion_eligible, discretion_exercised, moderation_changed; and previous_rating when the
    result has a ``previous`` section; and, where the inspection gives published outcomes,
    published_rating, published_source and rating_is_published (yes where the rating is the
    published one, standing in for figures the inspection does not give: never computed). Then one
    last row with standard ``overall`` for the overall
    rating: its rating, rating_label, score and max_score (the highest score possible), the other
    cells empty. max_score is empty on the standards' rows. Where the result uses them, columns
    follow for standards not rated on purpose (not_rated_reason), standards not counted towards the
    overall rating (counts_towards_overall, yes/no), and weights (weight and weighted_score; on the
    overall row the weighted score); and the overall row's scaled_score under the 'scale-bands' rule.
    Then, where the inspection gives published outcomes, published_rating, published_source and
    rating_is_published (yes on the overall row where the score adds up any published standard
    rating); and where a key question's figure is assumed (a placeholder), a last column
    assumed_figures names them, on their standard's row and all together on the overall row.
    Where the framework has areas, a row for each area comes before the overall row, with standard
    ``area:ID``, its title, rating, rating_label and score (the area rating's score on the scale).

Both: RFC 4180 (comma separated, CRLF line ends, fields quoted only where needed), the header on
the first line and the same number of cells on every row, written by engine/reports/tables.py, whose
column names every CSV output shares (see "CSV columns" in the README). The text is UTF-8 without a
byte order mark; the command adds one to a file it writes unless ``--no-csv-bom`` is given. Ratings
and bands are given by id (``requires_improvement``), with labels where a column says so. Numbers are
written as the document has them, without formatting; an empty cell means null (not known, or not
applicable); yes/no columns hold ``yes`` or ``no``, and discretion_eligible is empty where
eligibility cannot be known. percent_exact is the exact percentage as a decimal (at most 10
places, ``67.0588235294``) and percent_fraction the fraction it is (``1140/17``), as text. Text from
the inspection or the framework is shown, never run: control characters are written as escapes
(``\\x1b``) and a cell that would start with ``=``, ``+``, ``-`` or ``@`` (a formula to a
spreadsheet) is given a leading ``'``. The same tables, typed cell by cell, are the 'xlsx' format's
sheets (xlsx_result.py).

These formats only lay out what the result document holds: they never rate anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl
from ratings_engine.reports.result import framework_ref

if TYPE_CHECKING:
    from ratings_engine.reports.tables import Table

KEY_QUESTION_COLUMNS = (
    "provider", "fieldwork_start", "framework", "standard", "standard_title", "key_question",
    "key_question_text", "yes", "of", "not_applicable", "excluded", "sub_sample", "percent",
    "percent_exact", "percent_fraction", "band", "band_label", "driving", "standard_indicative_rating",
    "standard_rating",
)
STANDARD_COLUMNS = (
    "provider", "fieldwork_start", "framework", "standard", "standard_title", "domain", "indicative_rating",
    "rating", "rating_label", "score", "max_score", "driving_key_question", "discretion_eligible",
    "discretion_exercised", "moderation_changed",
)


def render_key_questions_csv(result: Mapping[str, Any]) -> str:
    """One row per key question (the 'csv' format)."""
    # The tables module (and the csv module) is imported when a table is made: every command loads this plugin.
    from ratings_engine.reports.tables import csv_text

    return csv_text(key_questions_table(result))


def key_questions_table(result: Mapping[str, Any]) -> Table:
    """The table of the 'csv' format: one row per key question."""
    previous = result.get("previous")
    areas = {sid: area["id"] for area in result.get("areas", ()) for sid in area["standards"]}
    published = _uses_published(result)
    header = (list(KEY_QUESTION_COLUMNS) + (["previous_percent"] if previous is not None else [])
              + (["area"] if "areas" in result else []))
    header += ["standard_published_rating", "standard_published_source"] if published else []
    with_basis = any("basis" in kq for s in result["standards"] for kq in s["key_questions"])
    header += ["basis", "basis_note"] if with_basis else []
    framework = framework_ref(result["framework"])
    rows = []
    for standard in result["standards"]:
        given = standard.get("published") or {}
        for kq in standard["key_questions"]:
            row = [
                result["provider"], result["fieldwork_start"], framework, standard["id"], standard["title"],
                kq["id"], kq["text"], kq["yes"], kq["of"], kq["not_applicable"], kq["excluded"], kq["sub_sample"],
                kq["percent"], kq["percent_exact"], kq["percent_exact"], kq["band"], kq["band_label"],
                kq["id"] == standard["driving_key_question"], standard["indicative_rating"], standard["rating"],
            ]
            if previous is not None:
                before = previous["key_questions"].get(kq["id"])
                row.append(None if before is None else before["percent"])
            if "areas" in result:
                row.append(areas.get(standard["id"]))
            row += [given.get("rating"), given.get("source")] if published else []
            rows.append(row + ([kq.get("basis"), kq.get("basis_note")] if with_basis else []))
    from ratings_engine.reports.tables import table

    return table("key questions", header, rows)


def _overall_columns(result: Mapping[str, Any]) -> list[str]:
    """The columns for standards not rated on purpose, not counted, and weights, where the result has them."""
    overall, standards = result["overall"], result["standards"]
    columns = []
    if any("unrated_on_purpose" in s for s in standards):
        columns.append("not_rated_reason")
    if "not_counted" in overall:
        columns.append("counts_towards_overall")
    if overall.get("weighted"):
        columns += ["weight", "weighted_score"]
    if overall.get("when_unrated", {}).get("scaled_score") is not None:
        columns.append("scaled_score")
    return columns


def _overall_cells(columns: list[str], standard: Mapping[str, Any] | None, overall: Mapping[str, Any]) -> list[Any]:
    """The cells of COLUMNS for one standard's row, or for the overall row where STANDARD is None."""
    if standard is None:
        values = {"weighted_score": overall["score"], "scaled_score": overall.get("when_unrated", {}).get("scaled_score")}
    else:
        values = {"not_rated_reason": standard.get("unrated_on_purpose", {}).get("reason"),
                  "counts_towards_overall": standard.get("counts_towards_overall", True),
                  "weight": standard.get("weight"), "weighted_score": standard.get("weighted_score")}
    return [values.get(column) for column in columns]


def render_standards_csv(result: Mapping[str, Any]) -> str:
    """One row per standard, then the overall row (the 'csv-standards' format)."""
    from ratings_engine.reports.tables import csv_text

    return csv_text(standards_table(result))


def standards_table(result: Mapping[str, Any]) -> Table:
    """The table of the 'csv-standards' format: one row per standard, each area's, then the overall row."""
    previous = result.get("previous")
    extra = _overall_columns(result)
    published = _uses_published(result)
    assumed = _assumed(result)
    header = list(STANDARD_COLUMNS) + (["previous_rating"] if previous is not None else []) + extra
    header += ["published_rating", "published_source", "rating_is_published"] if published else []
    header += ["assumed_figures"] if assumed else []
    framework = framework_ref(result["framework"])
    rows = []
    for standard in result["standards"]:
        moderation = standard["moderation"]
        row = [
            result["provider"], result["fieldwork_start"], framework, standard["id"], standard["title"],
            standard["domain"], standard["indicative_rating"], standard["rating"], standard["rating_label"],
            standard["score"], None, standard["driving_key_question"], standard["discretion"]["eligible"],
            standard["discretion"]["exercised"] is not None, None if moderation is None else moderation["changed"],
        ]
        if previous is not None:
            before = previous["standards"].get(standard["id"])
            row.append(None if before is None else before["rating"])
        row += _overall_cells(extra, standard, result["overall"])
        given = standard.get("published")
        row += [] if not published else [None, None, False] if given is None else [given["rating"], given["source"], given["stands_in"]]
        rows.append(row + ([" ".join(assumed.get(standard["id"], [])) or None] if assumed else []))
    overall = result["overall"]
    row = [result["provider"], result["fieldwork_start"], framework, "overall", "Overall", None, None,
           overall["rating"], overall["rating_label"], overall["score"], overall["max"], None, None, None, None]
    for area in result.get("areas", ()):
        rows.append([result["provider"], result["fieldwork_start"], framework, f"area:{area['id']}", area["title"], None, None,
                     area["rating"], area["rating_label"], area["score"], None, None, None, None, None]
                    + ([None] if previous is not None else []) + [None] * len(extra)
                    + ([None] * 3 if published else []) + ([None] if assumed else []))
    row += ([None] if previous is not None else []) + _overall_cells(extra, None, overall)
    given = overall.get("published")
    row += [] if not published else [None, None, False] if given is None else [given["rating"], given["source"], bool(given["standards"])]
    rows.append(row + ([" ".join(kq for ids in assumed.values() for kq in ids)] if assumed else []))
    from ratings_engine.reports.tables import table

    return table("standards", header, rows)


def _assumed(result: Mapping[str, Any]) -> dict[str, list[str]]:
    """The key questions whose figures are assumed (placeholders), by standard; empty where none is."""
    found: dict[str, list[str]] = {}
    for standard in result["standards"]:
        ids = [kq["id"] for kq in standard["key_questions"] if kq.get("basis") == "assumed"]
        if ids:
            found[standard["id"]] = ids
    return found


def _uses_published(result: Mapping[str, Any]) -> bool:
    # The published columns appear only where the inspection gives published outcomes, so other
    # results keep the columns they had.
    return "published" in result["overall"] or any("published" in s for s in result["standards"])


@hookimpl(trylast=True)
def ratings_output_formats():
    return [
        OutputFormat("csv", "One CSV row per key question (RFC 4180); standards are in 'csv-standards'.",
                     render_key_questions_csv, (".csv",)),
        OutputFormat("csv-standards", "One CSV row per standard, then an 'overall' row (RFC 4180).",
                     render_standards_csv, ()),
    ]
