"""What changed between two versions in how the overall rating is made: standards left unrated on
purpose, standards counted or not, weights, the rule where a counted standard is not rated, and areas.

Part of `ratings diff` (diff.py): each change is added as a rule change with its own kind.
"""

from __future__ import annotations

from collections.abc import Callable

from .framework import NO_OVERALL_RATING, Area, Framework


def overall_rules(record: Callable, old: Framework, new: Framework) -> None:
    """Add each change to the overall rule, then each standard's (in the new version's order)."""
    rules = [f.when_unrated or NO_OVERALL_RATING for f in (old, new)]
    if rules[0] != rules[1]:
        record("overall rule", None, f"where a counted standard is not rated, the rule is now '{rules[1]}' (was '{rules[0]}')",
            rules[0], rules[1])
    froms = [f.overall_from for f in (old, new)]
    if froms[0] != froms[1]:
        record("overall rule", None, f"the overall rating is now made from the {froms[1]} (was from the {froms[0]})", froms[0], froms[1])
    _areas(record, old, new)
    for now in new.standards:
        if not old.has_standard(now.id):
            continue
        was = old.standard(now.id)
        name = f"{now.title} ({now.id})"
        if was.counts_towards_overall != now.counts_towards_overall:
            change = "now counted towards" if now.counts_towards_overall else "no longer counted towards"
            record("counted towards overall", now.id, f"{name}: {change} the overall rating",
                was.counts_towards_overall, now.counts_towards_overall)
        if was.weight != now.weight:
            record("weight", now.id, f"{name}: its score now counts {now.weight} times towards the overall score (was {was.weight})",
                was.weight, now.weight)
        if was.may_go_unrated != now.may_go_unrated:
            change = ("may no longer go unrated on purpose" if now.may_go_unrated is None
                      else f"may now go unrated on purpose {now.may_go_unrated}" if was.may_go_unrated is None
                      else f"may go unrated on purpose {now.may_go_unrated} (was {was.may_go_unrated})")
            record("not rated on purpose", now.id, f"{name}: {change}", was.may_go_unrated, now.may_go_unrated)


def _area(area: Area) -> dict:
    return {"id": area.id, "title": area.title, "standards": list(area.standards), "method": area.method,
            "bands": [{"from": b.start, "to": b.end, "rating": b.rating} for b in area.bands]}


def _areas(record: Callable, old: Framework, new: Framework) -> None:
    """Areas added, removed, or changed in title, standards, rating method or bands."""
    was = {a.id: _area(a) for a in old.areas}
    now = {a.id: _area(a) for a in new.areas}
    for area_id, area in now.items():
        before = was.get(area_id)
        if before is None:
            record("area", area_id, f"area {area_id} '{area['title']}' added, with standards {', '.join(area['standards'])}",
                   None, area)
            continue
        for key, words in (("title", "title"), ("standards", "standards"), ("method", "rating method"), ("bands", "bands")):
            if before[key] != area[key]:
                record("area", area_id, f"area {area_id}: its {words} {'are' if key in ('standards', 'bands') else 'is'} now "
                       f"{_shown(area[key])} (was {_shown(before[key])})", before[key], area[key])
    for area_id, area in was.items():
        if area_id not in now:
            record("area", area_id, f"area {area_id} '{area['title']}' removed", area, None)


def _shown(value: object) -> str:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(f"{b['from']}-{b['to']} {b['rating']}" for b in value)
    if isinstance(value, list):
        return ", ".join(value) or "none"
    return f"'{value}'"
