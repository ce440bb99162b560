"""Impact documents (schemas/impact.schema.json) for the tests of the impact formats.

One realistic document: five inspections compared under hmip-crc@2019 and a draft hmip-crc@2021,
on two standards and overall; one inspection moved three ratings, two moved one each (one of them
to 'not rated' under the draft), two are unchanged; one inspection the draft cannot rate at all; a
ratings panel's decision the draft no longer allows; and a sweep of the lower bound of Good. The
counts agree with each other as the engine's would (shares, transitions and sweep alike).
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "impact.schema.json"

RATINGS = ["outstanding", "good", "requires_improvement", "inadequate", None]
LABELS = {"outstanding": "Outstanding", "good": "Good", "requires_improvement": "Requires improvement", "inadequate": "Inadequate"}
COMPARED = 5

#: Each inspection compared, most affected first: (file, provider, fieldwork, {standard: (baseline, draft, bands, causes)},
#: overall (baseline, draft, scores, bands, causes), warnings).
INSPECTIONS: list[tuple[Any, ...]] = [
    ("inspections/riverside-2020.json", "Riverside CRC", "2020-01-13",
     {"2.1": ("good", "requires_improvement", -1,
              ["Professional discretion raised it from Requires improvement under the baseline; the draft allows "
               "discretion only within 2 points of a band threshold, and 2.1.2 is 5 points below 65%."]),
      "2.2": ("requires_improvement", "inadequate", -1,
              ["2.2.3 is 48%: the draft raises the lower bound of Requires improvement from 45% to 50%."])},
     ("good", "requires_improvement", (3, 6, 1, 6), -1,
      ["The standards' scores add up to 1 of 6 under the draft, 3 of 6 under the baseline: Requires improvement is 1 to 2."]),
     []),
    ("inspections/hillside-2020.json", "Hillside CRC", "2020-02-03",
     {"2.1": ("outstanding", "good", -1, ["2.1.1 is 82%: the draft raises the lower bound of Outstanding from 80% to 85%."]),
      "2.2": ("good", "good", 0, [])},
     ("good", "good", (5, 6, 4, 6), 0, []), []),
    ("inspections/northgate-2020.json", "Northgate CRC", "2020-03-09",
     {"2.1": ("good", "good", 0, []),
      "2.2": ("good", None, None, ["Not rated under the draft: 8 cases, fewer than the draft's minimum sample of 10."])},
     ("good", "good", (4, 6, 2, 3), 0, []),
     ["2.2 is not rated: 8 cases, fewer than the minimum sample of 10."]),
    ("inspections/eastway-2020.json", "Eastway CRC", "2020-04-20",
     {"2.1": ("good", "good", 0, []), "2.2": ("good", "good", 0, [])},
     ("good", "good", (4, 6, 4, 6), 0, []), []),
    ("inspections/westfield-2020.json", "Westfield CRC", "2020-05-11",
     {"2.1": ("outstanding", "outstanding", 0, []), "2.2": ("outstanding", "outstanding", 0, [])},
     ("outstanding", "outstanding", (6, 6, 6, 6), 0, []), []),
]

STANDARDS = {"2.1": "Assessment", "2.2": "Planning"}

#: The sweep of bands.good: counts per rating (in RATINGS' order) at 60, 65, 70 and 75.
SWEEP_VALUES = ["60", "65", "70", "75"]
SWEEP_COUNTS = {
    "2.1": [[1, 4, 0, 0, 0], [1, 4, 0, 0, 0], [1, 3, 1, 0, 0], [1, 2, 2, 0, 0]],
    "2.2": [[1, 2, 0, 1, 1], [1, 2, 0, 1, 1], [1, 2, 0, 1, 1], [1, 1, 1, 1, 1]],
    "overall": [[1, 4, 0, 0, 0], [1, 4, 0, 0, 0], [1, 3, 1, 0, 0], [1, 2, 2, 0, 0]],
}


def _percent(count: int, of: int = COMPARED) -> str:
    return f"{100 * count / of:.1f}"


def _rank(rating: str | None) -> int:
    return RATINGS.index(rating)


def _summary(pairs: list[tuple[str | None, str | None]]) -> dict[str, Any]:
    """Transitions, shares, changed, up and down of one standard (or overall) from each inspection's pair."""
    transitions: dict[tuple[str | None, str | None], int] = {}
    for pair in pairs:
        transitions[pair] = transitions.get(pair, 0) + 1
    shares = []
    for rating in RATINGS:
        before, after = sum(b == rating for b, _ in pairs), sum(d == rating for _, d in pairs)
        shares.append({"rating": rating, "baseline": before, "draft": after, "change": after - before,
                       "baseline_percent": _percent(before), "draft_percent": _percent(after),
                       "change_points": _percent(after - before)})
    rated = [(b, d) for b, d in pairs if b is not None and d is not None]
    return {
        "transitions": [{"baseline": b, "draft": d, "count": n}
                        for (b, d), n in sorted(transitions.items(), key=lambda item: (_rank(item[0][0]), _rank(item[0][1])))],
        "shares": shares,
        "changed": sum(b != d for b, d in pairs),
        "up": sum(_rank(d) < _rank(b) for b, d in rated),
        "down": sum(_rank(d) > _rank(b) for b, d in rated),
    }


def _inspection(entry: tuple[Any, ...]) -> dict[str, Any]:
    file, provider, fieldwork, standards, overall, warnings = entry
    rows = [{"id": sid, "baseline": b, "draft": d, "bands": bands, "causes": causes} for sid, (b, d, bands, causes) in standards.items()]
    baseline, draft, (bs, bm, ds, dm), bands, causes = overall
    changed = sum(r["baseline"] != r["draft"] for r in rows) + (baseline != draft)
    moved = sum(1 if r["bands"] is None else abs(r["bands"]) for r in rows if r["baseline"] != r["draft"]) + abs(bands)
    return {"file": file, "provider": provider, "fieldwork_start": fieldwork, "changed": changed, "bands_moved": moved,
            "standards": rows,
            "overall": {"baseline": baseline, "draft": draft, "baseline_score": bs, "baseline_max": bm, "draft_score": ds,
                        "draft_max": dm, "bands": bands, "causes": causes},
            "warnings": warnings}


def _sweep_shares(counts: list[list[int]]) -> list[dict[str, Any]]:
    return [{"rating": rating, "counts": [at[i] for at in counts], "percents": [_percent(at[i]) for at in counts]}
            for i, rating in enumerate(RATINGS)]


def _side(version: str, status: str, file: str | None) -> dict[str, Any]:
    return {"id": "hmip-crc", "version": version, "ref": f"hmip-crc@{version}",
            "title": "HM Inspectorate of Probation: standards for Community Rehabilitation Companies", "status": status,
            "sha256": hashlib.sha256(f"hmip-crc {version}".encode()).hexdigest(), "file": file}


def impact_document(sweep: bool = True) -> dict[str, Any]:
    """A fresh, schema-valid impact document (see the module docstring); without its sweep where SWEEP is false."""
    inspections = [_inspection(entry) for entry in INSPECTIONS]
    standards = []
    for sid, title in STANDARDS.items():
        pairs = [(s["baseline"], s["draft"]) for i in inspections for s in i["standards"] if s["id"] == sid]
        standards.append({"id": sid, "title": title, "under": ["baseline", "draft"], **_summary(pairs)})
    overall = _summary([(i["overall"]["baseline"], i["overall"]["draft"]) for i in inspections])
    document = {
        "impact_format": 1,
        "baseline": _side("2019", "published", None),
        "draft": _side("2021", "draft", "drafts/hmip-crc-2021.json"),
        "engine": {"name": "ratings-engine", "version": "0.1.0"},
        "plugins": [{"name": "rating_methods", "distribution": "ratings-engine", "version": "0.1.0"},
                    {"name": "moderation", "distribution": "ratings-engine", "version": "0.1.0"}],
        "ratings": [{"id": rid, "label": label} for rid, label in LABELS.items()],
        "counts": {"given": 6, "compared": COMPARED, "not_rated": 1, "changed": sum(i["changed"] > 0 for i in inspections)},
        "standards": standards,
        "overall": overall,
        "inspections": inspections,
        "not_rated": [{"file": "inspections/southbank-2020.json", "provider": "Southbank CRC", "under": "draft",
                       "reasons": ["inspections/southbank-2020.json:14:7: /samples/case/results/2.1.4: "
                                   "the draft's key question 2.1.4 has no answers in the inspection"]}],
        "discretion_not_allowed": [{"file": "inspections/riverside-2020.json", "provider": "Riverside CRC", "standard": "2.1",
                                    "from": "requires_improvement", "to": "good",
                                    "reason": "the draft allows discretion only within 2 points of a band threshold; "
                                              "2.1.2 is 5 points below 65%"}],
        "sweep": None,
    }
    if sweep:
        document["sweep"] = {
            "parameter": "bands.good", "pointer": "/banding/bands/2/at_least",
            "meaning": "the lowest percentage of cases judged sufficient that is rated Good",
            "values": list(SWEEP_VALUES), "baseline_value": "65", "draft_value": "70", "inspections": COMPARED,
            "standards": [{"id": sid, "title": title, "shares": _sweep_shares(SWEEP_COUNTS[sid])} for sid, title in STANDARDS.items()],
            "overall": {"shares": _sweep_shares(SWEEP_COUNTS["overall"])},
        }
    return copy.deepcopy(document)


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))
