"""The benchmark suite runs (`python benchmarks/run.py --quick`) and prints every figure's row.

Only that it runs: its timings are never checked here, and the full benchmark is not part of the
test suite (see benchmarks/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "run.py"

HEADINGS = [
    "1. Cold start",
    "ratings evaluate EXAMPLE --format json",
    "ratings --help",
    "ratings validate FRAMEWORK",
    "2. Scale",
    *(f"evaluate_file, 10^{k} cases" for k in (2, 3, 4, 5)),
    "2. Scale, time per case",
    *(f"time per case, 10^{k} cases" for k in (2, 3, 4, 5)),
    "3. Validation",
    *(f"schema_problems, 10^{k} cases" for k in (2, 3, 4, 5)),
    "4. Batch",
    "batch, 10 inspections",
    "batch, 100 inspections",
    "batch, 1,000 inspections",
    "4. Batch, peak memory",
    "peak RSS, 10 inspections",
    "peak RSS, 100 inspections",
    "peak RSS, 1,000 inspections",
    "5. Stability",
    "ratings stability, 160 cases",
    "6. Per inspection",
    "evaluate_file, per inspection (160 cases)",
    "7. Impact",
    "impact of a draft, 10 inspections",
    "a 21-step sweep",
    "--jobs 2 against --jobs 1 (speed-up)",
]


def test_quick_benchmark_runs_and_prints_every_row(tmp_path):
    if not any((Path(sys.executable).parent / name).is_file() for name in ("ratings", "ratings.exe")):
        pytest.skip("the benchmark runs the `ratings` console script installed next to this Python")
    output = tmp_path / "figures.json"
    completed = subprocess.run([sys.executable, str(RUN), "--quick", "--output", str(output)], cwd=tmp_path,
                               capture_output=True, text=True, timeout=180)
    assert completed.returncode == 0, completed.stderr[-3000:]
    lines = completed.stdout.splitlines()
    for heading in HEADINGS:
        assert any(line.startswith(heading) for line in lines), f"no row {heading!r} in:\n{completed.stdout}"
    for row in ("python ", "platform ", "cpu ", "cores ", "memory "):
        assert any(line.startswith(row) for line in lines), f"no machine detail {row!r}"
    figures = json.loads(output.read_text("utf-8"))["figures"]
    assert {f["heading"] for f in figures} >= {h for h in HEADINGS if not h[0].isdigit()}
    allowed = {"met", "NOT met", "no target", "skipped in --quick", "not available"}
    assert all(f["status"] in allowed for f in figures), [(f["heading"], f["status"]) for f in figures]


@pytest.mark.parametrize("cases", [100, 160, 1000])
def test_generated_inspections_have_the_cases_asked_for(cases):
    """The benchmarks' inputs are of the size they are named by: every figure per case depends on it."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import inspection
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    samples = inspection(cases, seed=3)["samples"]
    assert sum(len(sample["cases"]) for sample in samples.values()) == cases
    assert len(samples["case-supervision"]["cases"]) > len(samples["unpaid-work"]["cases"]) > 0
