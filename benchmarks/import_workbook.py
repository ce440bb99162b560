#!/usr/bin/env python3
"""How long `ratings import` takes to read a filled workbook, against openpyxl reading it alone.

The workbook is the template of hmip-crc@2019 (`ratings template`) filled with the answers of a
synthetic inspection of N cases (benchmarks/generate.py, 10,000 by default), as an inspection team
would fill it. The floor is openpyxl's fastest way through it: load_workbook in read-only mode
and every row of every sheet, values only. The import is the API behind `ratings import`, in the
same process: reading the cells, checking them, and checking the inspection read as `ratings
evaluate` does. Target: no more than 3x the floor. Never part of the test suite.

    python benchmarks/import_workbook.py [--cases N] [--repeats R] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from generate import inspection  # noqa: E402 - the benchmarks' own generator, beside this file
from run import load_average, machine, machine_text  # noqa: E402 - the machine described as the suite describes it

from sheets_fill import fill_workbook  # noqa: E402 - the template filled as the round-trip tests fill it

TARGET = 3.0


def workbook(cases: int, folder: Path) -> Path:
    """The template of hmip-crc@2019 filled with a synthetic inspection of CASES cases, written to FOLDER."""
    from ratings_engine.api import Engine
    from ratings_engine.sheets.sheet_layout import layout
    from ratings_engine.sheets.template import workbook as template

    engine = Engine()
    framework = engine.framework("hmip-crc@2019")
    path = folder / f"cases-{cases}.xlsx"
    path.write_bytes(fill_workbook(template(framework, layout(framework, engine.registry)), inspection(cases)))
    return path


def openpyxl_floor(path: Path) -> Callable[[], object]:
    from openpyxl import load_workbook

    def read() -> int:
        book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
        cells = sum(len(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
        book.close()
        return cells

    return read


def importing(path: Path) -> Callable[[], object]:
    from ratings_engine.api import Engine
    from ratings_engine.io import inputs
    from ratings_engine.sheets.importing import import_files

    def read() -> object:
        inputs.start_run()
        return import_files(Engine(), [path]).document

    return read


def timed(call: Callable[[], object], repeats: int) -> list[float]:
    call()  # a warm-up: modules imported, files in the page cache
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases in the workbook (default 10,000)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each, after a warm-up (default 3)")
    parser.add_argument("--quick", action="store_true", help="1,000 cases, one timed run: a smoke run, its figures mean nothing")
    options = parser.parse_args(argv)
    cases, repeats = (1_000, 1) if options.quick else (options.cases, options.repeats)
    info = machine()
    info["packages"]["openpyxl"] = _version("openpyxl")
    info["load_start"] = load_average()
    with tempfile.TemporaryDirectory() as folder:
        print(f"generating a workbook of {cases:,} cases ...", file=sys.stderr)
        path = workbook(cases, Path(folder))
        size = path.stat().st_size
        floor = statistics.median(timed(openpyxl_floor(path), repeats))
        imported = statistics.median(timed(importing(path), repeats))
    ratio = imported / floor
    verdict = "met" if ratio <= TARGET else "NOT MET"
    info["load_end"] = load_average()
    print(machine_text(info))
    print(f"workbook  {cases:,} cases, {size / 2**20:.1f} MiB (hmip-crc@2019 template, filled)")
    print(f"runs      median of {repeats} after a warm-up{' (--quick: the figures mean nothing)' if options.quick else ''}")
    print()
    print("| figure | floor | floor time | time | ratio | target | result |")
    print("|---|---|---|---|---|---|---|")
    print(f"| import of the workbook | openpyxl read-only, every row | {floor:.2f} s | {imported:.2f} s | {ratio:.2f}x | "
          f"<= {TARGET:.1f}x | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
