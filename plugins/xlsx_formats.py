"""Built-in 'xlsx' formats: the result (`ratings evaluate`) and the impact (`ratings impact`) as workbooks.

A workbook is a file, not text: each format is ``binary``, so it is written only to a file named
with -o. Every built-in plugin module is imported on every command, so this one stays light: openpyxl
and the layout (xlsx_result, xlsx_impact) are imported only when a workbook is rendered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl


def render_result(document: Mapping[str, Any]) -> bytes:
    from ratings_engine.plugins.xlsx_result import render_result_xlsx

    return render_result_xlsx(document)


def render_impact(document: Mapping[str, Any]) -> bytes:
    from ratings_engine.plugins.xlsx_impact import render_impact_xlsx

    return render_impact_xlsx(document)


@hookimpl(trylast=True)
def ratings_output_formats():
    return [
        OutputFormat("xlsx", "A workbook: a sheet each for standards, key questions, prompts and the overall rating, cells "
                     "typed (ids as text, percentages as numbers), and the provenance.", render_result, (".xlsx",), binary=True),
        OutputFormat("xlsx", "A workbook: a sheet each for the summary, shares, transitions, inspections, those not rated "
                     "and any sweep, cells typed, and the provenance.", render_impact, (".xlsx",), document="impact",
                     binary=True),
    ]
