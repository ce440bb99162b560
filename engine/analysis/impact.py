"""The impact of a draft framework version on many inspections: what each rating becomes, and why.

Each inspection is rated under the baseline and under the draft (see impact_run); compare() makes
its entry, and impact_document() adds the entries up: per standard and overall, a transition table
(rating under the baseline by rating under the draft) and each rating's share under both. The
document is plain JSON (schemas/impact.schema.json) in a fixed order, so the same inputs always give
the same bytes, however many processes did the rating.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..model.framework import Framework
from ..model.proportions import one_decimal
from ..rating.evaluate import Evaluation, StandardResult
from .impact_causes import overall_causes, standard_causes

IMPACT_FORMAT = 1

#: Warnings every inspection would repeat (the draft is a draft; the framework's caveats): the
#: document says them once, through the frameworks it names, not once per inspection.
_SAID_ONCE = frozenset({"framework-status", "framework-caveat"})


@dataclass(frozen=True)
class Compared:
    """What one inspection file gives the impact report: its entry, or why a version cannot rate it.

    SWEPT holds, per value of a sweep, the draft's rating of each of its standards (in its order)
    and the overall rating.
    """

    file: str
    entry: Mapping[str, Any] | None = None
    not_rated: tuple[Mapping[str, Any], ...] = ()
    discretion: tuple[Mapping[str, Any], ...] = ()
    swept: tuple[tuple[tuple[str | None, ...], str | None], ...] = ()
    plugins: tuple[Mapping[str, Any], ...] = ()


def compare(file: str, first: Evaluation, second: Evaluation) -> Compared:
    """The entry of the inspection in FILE, rated under FIRST's version (the baseline) and SECOND's (the draft)."""
    by_a = {s.standard.id: s for s in first.standards}
    by_b = {s.standard.id: s for s in second.standards}
    standards: list[dict[str, Any]] = []
    for standard_id in [*by_a, *(sid for sid in by_b if sid not in by_a)]:
        sa, sb = by_a.get(standard_id), by_b.get(standard_id)
        ra, rb = _rating_of(sa), _rating_of(sb)
        changed = ra != rb or (sa is None) != (sb is None)
        standards.append({"id": standard_id, "baseline": ra, "draft": rb, "bands": _bands(first.framework, ra, second.framework, rb),
                          "causes": standard_causes(first, sa, second, sb) if changed else []})
    moved = [s["id"] for s in standards if s["causes"]]
    overall: dict[str, Any] = {
        "baseline": first.rating, "draft": second.rating, "baseline_score": first.score, "baseline_max": first.max_score,
        "draft_score": second.score, "draft_max": second.max_score,
        "bands": _bands(first.framework, first.rating, second.framework, second.rating),
        "causes": overall_causes(first, second, moved) if first.rating != second.rating else []}
    ratings = [*standards, overall]
    entry = {
        "file": file, "provider": first.provider, "fieldwork_start": first.fieldwork_start,
        "changed": sum(1 for r in ratings if r["causes"]),
        "bands_moved": sum(abs(r["bands"]) if r["bands"] is not None else 1 for r in ratings if r["causes"]),
        "standards": standards, "overall": overall,
        "warnings": [w["message"] for w in second.warnings if w["code"] not in _SAID_ONCE],
    }
    plugins = {info.name: info.to_dict() for info in (*first.plugins, *second.plugins)}
    return Compared(file, entry, discretion=tuple(_discretion_not_allowed(file, first, second, by_b)),
                    plugins=tuple(plugins[name] for name in sorted(plugins)))


def _rating_of(result: StandardResult | None) -> str | None:
    return None if result is None else result.rating


def _bands(fa: Framework, ra: str | None, fb: Framework, rb: str | None) -> int | None:
    """How many bands from RA (under FA) to RB (under FB), up positive; None where either is not rated."""
    if ra is None or rb is None:
        return None
    # A rating the draft's scale also has is placed on the draft's scale, so both ranks are on one scale.
    rank_a = fb.rating(ra).rank if fb.has_rating(ra) else fa.rating(ra).rank
    return fb.rating(rb).rank - rank_a


def _discretion_not_allowed(file: str, first: Evaluation, second: Evaluation,
                            by_b: Mapping[str, StandardResult]) -> Iterable[dict[str, Any]]:
    for sa in first.standards:
        sb = by_b.get(sa.standard.id)
        if sa.exercised is not None and (sb is None or sb.exercised is None):
            reason = (f"{second.framework.ref} has no standard {sa.standard.id}" if sb is None else
                      f"not rated under {second.framework.ref}" if not sb.rated else sb.eligibility.explanation)
            yield {"file": file, "provider": first.provider, "standard": sa.standard.id,
                   "from": sa.exercised.from_rating, "to": sa.exercised.to_rating, "reason": reason}


def cannot_rate(file: str, provider: str | None, under: str, problems: Sequence[Any]) -> Compared:
    """The entry of an inspection a version cannot rate at all: UNDER is 'baseline', 'draft' or 'both'."""
    return Compared(file, not_rated=({"file": file, "provider": provider, "under": under,
                                      "reasons": [str(problem) for problem in problems]},))


def scale(baseline: Framework, draft: Framework) -> list[dict[str, str]]:
    """Every rating of either scale, highest first: the draft's, then any only the baseline has."""
    ratings = [*reversed(draft.ratings), *(r for r in reversed(baseline.ratings) if not draft.has_rating(r.id))]
    return [{"id": r.id, "label": r.label} for r in ratings]


def impact_document(baseline: Framework, draft: Framework, compared: Sequence[Compared], *, engine_version: str,
                    sweep: Mapping[str, Any] | None = None, files: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    """The impact document (schemas/impact.schema.json) of the inspections COMPARED, in the order given.

    FILES gives the framework file of the 'baseline' or 'draft' where it was named by its file.
    """
    files = files or {}
    entries = [c.entry for c in compared if c.entry is not None]
    ratings = scale(baseline, draft)
    order = [r["id"] for r in ratings] + [None]
    standard_ids = list(dict.fromkeys([*(s.id for s in baseline.standards), *(s.id for s in draft.standards)]))
    standards = []
    for standard_id in standard_ids:
        pairs = [(s["baseline"], s["draft"]) for e in entries for s in e["standards"] if s["id"] == standard_id]
        source = draft.standard(standard_id) if draft.has_standard(standard_id) else baseline.standard(standard_id)
        under = [name for name, f in (("baseline", baseline), ("draft", draft)) if f.has_standard(standard_id)]
        standards.append({"id": standard_id, "title": source.title, "under": under, **table(pairs, order, baseline, draft)})
    overall = table([(e["overall"]["baseline"], e["overall"]["draft"]) for e in entries], order, baseline, draft)
    plugins = {p["name"]: dict(p) for c in compared for p in c.plugins}
    # Most affected first; Python's sort is stable, so ties keep the order given.
    ranked = sorted(entries, key=lambda e: (-e["bands_moved"], -e["changed"]))
    not_rated = [n for c in compared for n in c.not_rated]
    return {
        "impact_format": IMPACT_FORMAT,
        "baseline": framework_entry(baseline, files.get("baseline")), "draft": framework_entry(draft, files.get("draft")),
        "engine": {"name": "ratings-engine", "version": engine_version},
        "plugins": [plugins[name] for name in sorted(plugins)],
        "ratings": ratings,
        "counts": {"given": len(compared), "compared": len(entries), "not_rated": len({n["file"] for n in not_rated}),
                   "changed": sum(1 for e in entries if e["changed"])},
        "standards": standards, "overall": overall, "inspections": ranked, "not_rated": not_rated,
        "discretion_not_allowed": [d for c in compared for d in c.discretion],
        "sweep": None if sweep is None else dict(sweep),
    }


def framework_entry(framework: Framework, file: str | None = None) -> dict[str, Any]:
    return {"id": framework.id, "version": framework.version, "ref": framework.ref, "title": framework.title,
            "status": framework.status, "sha256": framework.sha256, "file": file}


def table(pairs: Sequence[tuple[str | None, str | None]], order: Sequence[str | None], baseline: Framework,
          draft: Framework) -> dict[str, Any]:
    """The transition table and the share of each rating, of PAIRS (rating under the baseline, under the draft)."""
    counts = Counter(pairs)
    position = {rating: index for index, rating in enumerate(order)}
    transitions = [{"baseline": a, "draft": b, "count": n}
                   for (a, b), n in sorted(counts.items(), key=lambda item: (position[item[0][0]], position[item[0][1]]))]
    before, after = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    total = len(pairs)
    shares = [{"rating": rating, "baseline": before[rating], "draft": after[rating], "change": after[rating] - before[rating],
               "baseline_percent": percent(before[rating], total), "draft_percent": percent(after[rating], total),
               "change_points": percent(after[rating] - before[rating], total)} for rating in order]
    moves = [_bands(baseline, a, draft, b) for a, b in pairs if a != b]
    return {"transitions": transitions, "shares": shares, "changed": len(moves),
            "up": sum(1 for m in moves if m is not None and m > 0), "down": sum(1 for m in moves if m is not None and m < 0)}


def percent(part: int, whole: int) -> str:
    """PART of WHOLE in percent to one decimal place, rounded half away from zero: '14.3', '-4.8'; '0.0' of none."""
    return one_decimal(Fraction(100 * part, whole)) if whole else "0.0"


def sweep_section(sweep: Any, baseline_value: Any, draft: Framework, compared: Sequence[Compared]) -> dict[str, Any]:
    """The share of each rating of the draft's scale at each value of SWEEP (see sweep.Sweep), per standard and overall."""
    rows = [c.swept for c in compared if c.entry is not None]
    order = [*(r.id for r in reversed(draft.ratings)), None]
    values = len(sweep.values)

    def shares(pick) -> list[dict[str, Any]]:
        counted = [Counter(pick(row[i]) for row in rows) for i in range(values)]
        return [{"rating": rating, "counts": [c[rating] for c in counted],
                 "percents": [percent(c[rating], len(rows)) for c in counted]} for rating in order]

    standards = [{"id": standard.id, "title": standard.title, "shares": shares(lambda at, i=i: at[0][i])}
                 for i, standard in enumerate(draft.standards)]
    return {"parameter": sweep.parameter, "pointer": sweep.pointer, "meaning": sweep.meaning,
            "values": [decimal_text(v) for v in sweep.values],
            "baseline_value": None if baseline_value is None else decimal_text(baseline_value),
            "draft_value": decimal_text(sweep.draft_value), "inspections": len(rows),
            "standards": standards, "overall": {"shares": shares(lambda at: at[1])}}


def decimal_text(value: Any) -> str:
    """A Decimal as written without exponent or trailing zeros: 65, 62.5, 0.1."""
    return f"{value.normalize():f}"
