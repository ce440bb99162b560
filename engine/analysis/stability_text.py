"""A stability report (see stability.stability) as plain text for the terminal."""

from __future__ import annotations

from typing import Any

from ..io.safe_text import printable_data
from ..model.framework import unpublished


def render_stability_text(report: dict[str, Any]) -> str:
    """The stability report (see stability.stability) as text: each standard's share of resamples per
    rating, and how often the rating it was given came up again."""
    report = printable_data(report)  # text from the files cannot start a line or drive the terminal
    framework = report["framework"]
    status = unpublished(framework["status"])
    lines = [f"{report['provider']} under {framework['ref']}{status}: {report['resamples']} resamples (seed {report['seed']}) "
             f"of the case samples {', '.join(report['resampled']) or '(none)'}"]
    if report["fixed"]:
        lines.append(f"not resampled, because they give only totals (resampling needs case-level data): {', '.join(report['fixed'])}; "
                     "standards judged on them keep their rating")
    lines.append("")
    for item in [*report["standards"], report["overall"]]:
        shares = ", ".join(f"{s['rating_label']} {s['share']:.1%}" for s in item["shares"])
        note = " (rated with professional discretion, which resamples do not repeat)" if item["discretion_applied"] else ""
        lines.append(f"{item['id'] + ' ' + item['title']:<40} rated {item['rating_label']}: same in {item['same_as_rated']:.1%}{note}")
        lines.append(f"{'':<40} {shares}")
    return "\n".join(lines) + "\n"
