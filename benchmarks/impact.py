"""The figures of `ratings impact`: a draft over a corpus, a sweep, and the work spread over two processes.

Called by run.py (section 7). Inputs are inspections of 160 cases from generate.py, as for the
batch, and a draft of hmip-crc@2019 with Good from 70% instead of 65%.

- impact, one process: `ratings impact --jobs 1` against the floor json.load of every file in one
  process; target at most 2.5x.
- a 21-step sweep (`--sweep bands.good=55:75`): against the impact run without it; at most 1.5x.
- `--jobs 2` against `--jobs 1`, both with the sweep: at least 1.7x faster (the floor here is the
  two-job run, so the ratio is the speed-up). Only meaningful on a machine with two idle cores.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
from pathlib import Path

from generate import write_inspection
from run import BATCH_CASES, FRAMEWORK_FILE, Figure, Settings, interleaved, progress

SWEEP = "bands.good=55:75"
FLOOR = ("import json, pathlib, sys\n"
         "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.json')):\n"
         "    with open(p, 'rb') as f: json.load(f)\n")


def _draft(folder: Path) -> Path:
    document = json.loads(FRAMEWORK_FILE.read_text(encoding="utf-8"))
    document["version"], document["status"] = "2099", "draft"
    bands = document["banding"]["bands"]
    bands[1]["below"] = bands[2]["at_least"] = 70
    path = folder / "draft.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def impact_figures(settings: Settings, ratings: Path, folder: Path) -> list[Figure]:
    n = 10 if settings.quick else 1_000
    repeats = settings.floor_repeats if settings.quick else max(5, settings.floor_repeats)
    section = (f"7. Impact (subprocess: ratings impact --baseline hmip-crc@2019 --draft DRAFT DIR, {n:,} inspections of "
               f"{BATCH_CASES} cases; median of {repeats} interleaved round{'s' if repeats != 1 else ''} of every command below)")
    inputs = folder / "impact"
    inputs.mkdir()
    progress(f"impact: generating {n} inspections of {BATCH_CASES} cases")
    for seed in range(1, n + 1):
        write_inspection(inputs / f"inspection-{seed:04d}.json", BATCH_CASES, seed)
    draft = _draft(folder)
    command = [ratings, "impact", "--baseline", "hmip-crc@2019", "--draft", draft, inputs, "--format", "json", "-o",
               folder / "impact-out.json"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    commands = [[sys.executable, "-c", FLOOR, inputs], [*command, "--jobs", "1"], [*command, "--jobs", "1", "--sweep", SWEEP]]
    if cores >= 2:
        commands.append([*command, "--jobs", "2", "--sweep", SWEEP])
    progress(f"impact: {repeats} round{'s' if repeats != 1 else ''} of json.load of {n} files, the impact, with --sweep {SWEEP}"
             + (", and with --jobs 2" if cores >= 2 else ""))
    floor, single, swept, *rest = interleaved(commands, repeats, settings.warm_up)
    figures = [
        _figure(section, f"impact of a draft, {n:,} inspections", single, floor, "json.load, one process", ("<=", 2.5)),
        _figure(section, "a 21-step sweep", swept, single, "the impact run without it", ("<=", 1.5)),
    ]
    speed_up = Figure(section, "--jobs 2 against --jobs 1 (speed-up)", "s", floor_label="--jobs 2, the same sweep")
    if cores < 2:
        speed_up.status = "not available"
        speed_up.note = "this machine gives the benchmark one core"
        speed_up.target = ">= 1.70x"
    else:
        doubled = rest[0]
        # The ratio here is one job's time over two jobs': how many times faster two are.
        speed_up.measured, speed_up.floor = statistics.median(swept), statistics.median(doubled)
        speed_up.runs, speed_up.floor_runs = swept, doubled
        speed_up.note = f"{cores} cores; the ratio is the speed-up, so higher is better"
        speed_up.target = ">= 1.70x"
        if not speed_up.status:
            speed_up.status = "met" if (speed_up.ratio or 0) >= 1.7 else "NOT met"
    figures.append(speed_up)
    shutil.rmtree(inputs)
    return figures


def _figure(section: str, heading: str, runs: list[float], floor_runs: list[float], floor_label: str,
            target: tuple[str, float]) -> Figure:
    figure = Figure(section, heading, "s", statistics.median(runs), statistics.median(floor_runs), floor_label,
                    runs=runs, floor_runs=floor_runs)
    figure.judge(*target)
    return figure
