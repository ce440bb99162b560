"""Inspectors' spreadsheets: a workbook made from a framework version, and read back into an inspection.

Here: the layout of the workbook a framework version calls for (sheet_layout), making it as an
xlsx workbook or as CSV files (template), reading a workbook or CSV files cell by cell within the
limits (workbook), turning the rows into an inspection with each value's place kept (cases,
records), and checking the inspection as `ratings evaluate` would, every problem placed at its
sheet, row and column (importing). And the other way: results, impacts and batch summaries as
workbooks, each table a sheet with every cell typed (report_workbook). openpyxl is imported only here, and only when a workbook is
made or read, so that no other command pays for it.

It may import from io, model, plugin_host, rating, reports and analysis, and from the Engine (api),
whose choice of framework and whose checks an imported inspection goes through.
"""
