"""The impact document's tables, laid out once for every format of it (text, Markdown, CSV, HTML).

Each function arranges what the document (schemas/impact.schema.json) says: the transition table
as a grid of baseline rows by draft columns, the shares with their signed changes, the sweep as
values by ratings, and a changed rating in words. Nothing is rated or counted afresh here: every
count, percentage and cause is the document's. Text is returned as the document has it; each format
escapes it for its own medium.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

#: How a rating of null (not rated under that version, or no such standard there) is named.
NOT_RATED = "Not rated"


def rating_labels(document: Mapping[str, Any]) -> dict[str | None, str]:
    """Each rating id the document uses with its label, and null as 'Not rated'."""
    labels: dict[str | None, str] = {rating["id"]: rating["label"] for rating in document["ratings"]}
    labels[None] = NOT_RATED
    return labels


def label_of(labels: Mapping[str | None, str], rating: str | None) -> str:
    """RATING's label; an id the document's list of ratings lacks is shown as it is."""
    return labels.get(rating, str(rating))


@dataclass(frozen=True)
class Part:
    """A standard, or the overall rating, as its sections show it."""

    key: str          # the standard's id, or 'overall'
    name: str         # '2.1 Assessment', or 'Overall rating'
    entry: Mapping[str, Any]
    note: str         # '' where both versions have it; otherwise which one does


def parts(document: Mapping[str, Any]) -> list[Part]:
    """The overall rating first (the headline), then each standard in the document's order."""
    found = [Part("overall", "Overall rating", document["overall"], "")]
    for standard in document["standards"]:
        under = standard["under"]
        note = "" if len(under) == 2 else f"only in the {under[0]}"
        found.append(Part(standard["id"], f"{standard['id']} {standard['title']}", standard, note))
    return found


def brief_rows(document: Mapping[str, Any]) -> list[list[str]]:
    """Each part's name (with which version alone has it), how many inspections changed, went up and went down."""
    return [[part.name + (f" ({part.note})" if part.note else ""), str(part.entry["changed"]), str(part.entry["up"]),
             str(part.entry["down"])] for part in parts(document)]


#: The header of brief_rows.
BRIEF_HEADER = ("standard", "changed", "up", "down")


@dataclass(frozen=True)
class Grid:
    """A transition table: baseline ratings as rows, draft ratings as columns, with the totals the shares give."""

    rows: tuple[str | None, ...]
    columns: tuple[str | None, ...]
    counts: Mapping[tuple[str | None, str | None], int]
    row_totals: Mapping[str | None, int]
    column_totals: Mapping[str | None, int]

    def count(self, baseline: str | None, draft: str | None) -> int:
        return self.counts.get((baseline, draft), 0)

    @property
    def largest(self) -> int:
        return max(self.counts.values(), default=0)


def transition_grid(entry: Mapping[str, Any]) -> Grid:
    """ENTRY's transitions (a standard's or the overall's) as a grid in the shares' order, highest rating
    first and 'not rated' last; 'not rated' is a row or column only where some inspection is in it, and
    is the only row (or column) of a standard the baseline (or the draft) does not have."""
    order: list[str | None] = [share["rating"] for share in entry["shares"]]
    for transition in entry["transitions"]:  # a rating missing from the shares still shows
        for rating in (transition["baseline"], transition["draft"]):
            if rating not in order:
                order.insert(len(order) - (None in order), rating)
    counts = {(t["baseline"], t["draft"]): t["count"] for t in entry["transitions"]}
    row_totals = {share["rating"]: share["baseline"] for share in entry["shares"]}
    column_totals = {share["rating"]: share["draft"] for share in entry["shares"]}
    under = entry.get("under", ("baseline", "draft"))  # a standard only one version has is 'not rated' under the other
    unrated_rows = bool(row_totals.get(None)) or any(b is None for b, _ in counts)
    unrated_columns = bool(column_totals.get(None)) or any(d is None for _, d in counts)
    rows = tuple(r for r in order if ("baseline" in under if r is not None else unrated_rows))
    columns = tuple(r for r in order if ("draft" in under if r is not None else unrated_columns))
    return Grid(rows, columns, counts, row_totals, column_totals)


@dataclass(frozen=True)
class ShareRow:
    """One rating's share under each version, and its net change, as the document gives them."""

    rating: str | None
    baseline: int
    baseline_percent: str
    draft: int
    draft_percent: str
    change: str          # signed: '+2', '-1', '0'
    change_points: str   # signed: '+18.2', '-9.1', '0.0'


def share_rows(entry: Mapping[str, Any]) -> list[ShareRow]:
    """ENTRY's shares in order; 'not rated' only where some inspection is not rated under either version."""
    return [ShareRow(share["rating"], share["baseline"], share["baseline_percent"], share["draft"], share["draft_percent"],
                     signed(share["change"]), signed_points(share["change_points"]))
            for share in entry["shares"] if share["rating"] is not None or share["baseline"] or share["draft"]]


def signed(number: int) -> str:
    return f"{number:+d}" if number else "0"


def signed_points(points: str) -> str:
    """A change in percentage points as the document writes it, with a plus sign where it is a rise."""
    if points.startswith("-"):
        return "0.0" if points.strip("-0.") == "" else points
    return points if points.strip("0.") == "" else "+" + points


def move_words(baseline: str | None, draft: str | None, bands: int | None) -> str:
    """How a rating moved, in words: 'up 1 band', 'down 2 bands', 'now rated', 'no longer rated', 'unchanged'."""
    if baseline == draft:
        return "unchanged"
    if bands is None:
        return "now rated" if baseline is None else "no longer rated" if draft is None else "changed"
    if bands == 0:
        return "changed"
    size = abs(bands)
    return f"{'up' if bands > 0 else 'down'} {size} band{'s' * (size != 1)}"


@dataclass(frozen=True)
class Change:
    """One rating of one inspection that differs between the versions."""

    name: str               # '2.1 Assessment', or 'Overall'
    baseline: str           # its label, with the score for the overall rating
    draft: str
    move: str
    causes: Sequence[str]


def changes(inspection: Mapping[str, Any], document: Mapping[str, Any]) -> list[Change]:
    """INSPECTION's ratings that differ, each standard in order and then the overall rating."""
    labels = rating_labels(document)
    titles = {standard["id"]: standard["title"] for standard in document["standards"]}
    found = [Change(f"{s['id']} {titles.get(s['id'], '')}".rstrip(), label_of(labels, s["baseline"]), label_of(labels, s["draft"]),
                    move_words(s["baseline"], s["draft"], s["bands"]), s["causes"])
             for s in inspection["standards"] if s["baseline"] != s["draft"]]
    overall = inspection["overall"]
    if overall["baseline"] != overall["draft"]:
        found.append(Change("Overall", f"{label_of(labels, overall['baseline'])} ({overall['baseline_score']}/{overall['baseline_max']})",
                            f"{label_of(labels, overall['draft'])} ({overall['draft_score']}/{overall['draft_max']})",
                            move_words(overall["baseline"], overall["draft"], overall["bands"]), overall["causes"]))
    return found


def cannot_rate(under: str) -> str:
    """Which version cannot rate an inspection, in words: 'the draft cannot rate it', or 'neither version
    can rate it' where the file cannot be read or is not an inspection ('both')."""
    return "neither version can rate it" if under == "both" else f"the {under} cannot rate it"


def counted(number: int, noun: str) -> str:
    """'1 inspection', '3 inspections'."""
    return f"{number} {noun}{'s' * (number != 1)}"


def _same_value(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return Decimal(a) == Decimal(b)  # '65' and '65.0' are one value
    except InvalidOperation:
        return a == b


def value_marks(sweep: Mapping[str, Any], value: str) -> str:
    """Which version's value VALUE is: 'baseline', 'draft', 'baseline and draft', or ''."""
    marks = [side for side in ("baseline", "draft") if _same_value(value, sweep[f"{side}_value"])]
    return " and ".join(marks)


def unswept_values(sweep: Mapping[str, Any]) -> list[str]:
    """A sentence for the baseline's or the draft's value where it is not among the values swept."""
    found = []
    for side in ("baseline", "draft"):
        value = sweep[f"{side}_value"]
        if value is not None and not any(_same_value(value, swept) for swept in sweep["values"]):
            found.append(f"The {side}'s value, {value}, is not among the values swept.")
    if sweep["baseline_value"] is None:
        found.append("The baseline has no such parameter.")
    return found


def sweep_parts(sweep: Mapping[str, Any], document: Mapping[str, Any]) -> list[tuple[str, str, list[Mapping[str, Any]]]]:
    """(key, name, shares) of the overall rating, then of each standard of the sweep; 'not rated' only
    where some value leaves an inspection not rated."""
    def kept(shares: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        return [share for share in shares if share["rating"] is not None or any(share["counts"])]

    found = [("overall", "Overall rating", kept(sweep["overall"]["shares"]))]
    found += [(s["id"], f"{s['id']} {s['title']}", kept(s["shares"])) for s in sweep["standards"]]
    return found


def plugin_words(plugin: Mapping[str, Any]) -> str:
    """'moderation (ratings-engine 0.1.0)', or the name alone for a plugin from no distribution."""
    if plugin["distribution"]:
        return f"{plugin['name']} ({plugin['distribution']} {plugin['version'] or ''})".replace(" )", ")")
    return plugin["name"]


def version_words(side: Mapping[str, Any]) -> str:
    """'hmip-crc@2019 (published): Title', with the file where the version was named by its file."""
    words = f"{side['ref']} ({side['status']}): {side['title']}"
    return words + (f", file {side['file']}" if side["file"] else "")
