"""The impact of a draft on the corpus, for the compare page: the engine's impact document, its HTML page, and a sweep.

The studio holds no rule of its own: the impact is `ratings impact` run through the same function,
the page is the impact HTML format's, and the threshold slider only shows the shares the sweep
computed at each value.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction
from typing import Any

from flask import Flask

from ..analysis.impact_run import impact
from ..analysis.sweep import SweepError, baseline_value, resolve
from ..errors import InvalidInputError, RatingsError
from ..model.framework import Framework
from ..reports.render import render_document
from .app import keep_rendered
from .workspace import Workspace

#: How far either side of the draft's value the slider reaches, per kind of parameter, in its own units.
_REACH = {"bands": 10, "discretion": 5, "overall": 5}


def sweep_choices(draft: Framework) -> list[tuple[str, str]]:
    """The parameters the slider can move in DRAFT: (parameter, words), each one the sweep accepts."""
    choices = [(f"bands.{band.id}", f"where {draft.label(band.rating)} ({band.label}) starts")
               for band in draft.banding.bands[1:]]
    if draft.discretion is not None:
        choices.append(("discretion.within", "how near a band edge discretion may be used"))
    found = []
    for parameter, words in choices:
        try:
            resolve(f"{parameter}=0:1", draft)
        except (SweepError, RatingsError):
            continue
        found.append((parameter, words))
    return found


def first_moved(choices: list[tuple[str, str]], origin: Framework, draft: Framework) -> str:
    """The parameter the slider starts on: the first that DRAFT moved from ORIGIN (what the officer is
    weighing up), else the first there is; '' if there is none."""
    for parameter, _ in choices:
        if baseline_value(parameter, origin) != baseline_value(parameter, draft):
            return parameter
    return choices[0][0] if choices else ""


def sweep_text(parameter: str, draft: Framework) -> str | None:
    """The --sweep text for PARAMETER around its value in DRAFT: whole steps, at most 21 of them."""
    try:
        swept = resolve(f"{parameter}=0:1", draft)
    except (SweepError, RatingsError):
        return None
    from ..analysis.sweep import current_value

    value = current_value(draft, swept.pointer) or Decimal(0)
    reach = _REACH.get(parameter.split(".")[0], 5)
    low, high = max(Decimal(0), value - reach), value + reach
    if parameter.startswith("bands."):
        # Strictly between where the band below starts and where this band ends: a band may not end
        # at or before it starts, so a value beyond either would leave the draft unusable.
        bands = draft.banding.bands
        index = int(swept.pointer.split("/")[3])
        low = max(Decimal(1), low, _decimal(bands[index - 1].at_least) + 1)
        ends = bands[index].below
        high = min(Decimal(100), high, Decimal(100) if ends is None else _decimal(ends) - 1)
    return f"{parameter}={low.to_integral_value(ROUND_CEILING)}:{high.to_integral_value(ROUND_FLOOR)}:1"


def _decimal(number: Fraction) -> Decimal:
    return Decimal(number.numerator) / Decimal(number.denominator)


def impact_view(app: Flask, workspace: Workspace, origin: str, draft: Framework, form: Any) -> dict[str, Any]:
    """What the compare page shows of the impact of DRAFT against ORIGIN on the corpus, or why it shows none."""
    names = workspace.inspections()
    if not names:
        return {"note": "Start the studio with --corpus DIR (a folder of past inspections) to see what this draft would change."}
    choices = sweep_choices(draft)
    engine = workspace.engine()
    try:
        before = engine.framework(origin)
        parameter = form.get("sweep_parameter") or first_moved(choices, before, draft)
        text = sweep_text(parameter, draft) if parameter in [c[0] for c in choices] else None
        document = impact(engine, before, draft, [workspace.inspection(n) for n in names], sweep=text)
    except (InvalidInputError, RatingsError) as error:
        return {"note": f"The impact cannot be worked out: {error}"}
    html = render_document(workspace.registry, "impact", "html", document)
    page = keep_rendered(app, html if isinstance(html, str) else html.decode("utf-8"))
    return {"page": page, "inspections": len(names), "choices": choices, "parameter": parameter,
            "sweep": _slider(document.get("sweep"), draft), "changed": len(document.get("inspections", []))}


def _slider(sweep: dict[str, Any] | None, draft: Framework) -> dict[str, Any] | None:
    """The overall shares at each value of the sweep, for the slider and the table beside it."""
    if not sweep:
        return None
    values = [str(v) for v in sweep["values"]]
    rows = [{"rating": share["rating"], "label": draft.label(share["rating"]) if share["rating"] else "Not rated",
             "percents": [str(p) for p in share["percents"]]} for share in sweep["overall"]["shares"]]
    start = values.index(str(sweep["draft_value"])) if str(sweep["draft_value"]) in values else 0
    return {"parameter": sweep["parameter"], "meaning": sweep["meaning"], "values": values, "rows": rows, "start": start,
            "baseline": str(sweep.get("baseline_value")), "draft": str(sweep.get("draft_value"))}
