"""Batches that meet: two runs into one folder at once, and a run killed part way (engine/cli/batch.py).

Real processes, started together: each result is written by exactly one run and is complete JSON;
the run that comes second reports each result it found already there. A run killed at any moment
leaves only complete results (and perhaps a hidden temporary file, which the next run ignores).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from random import Random

import pytest

from support import EXAMPLES

INSPECTIONS = 20


@pytest.fixture
def folder(tmp_path) -> Path:
    """INSPECTIONS inspection files (copies of the examples under names of their own) in tmp_path/in."""
    source = tmp_path / "in"
    source.mkdir()
    examples = sorted(EXAMPLES.glob("*.json"))
    for number in range(INSPECTIONS):
        shutil.copy(examples[number % len(examples)], source / f"inspection-{number:02}.json")
    return tmp_path


def start(folder: Path, *args: str) -> subprocess.Popen:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RATINGS_")}
    environment.update(RATINGS_DISABLE_PLUGINS="all", PYTHONIOENCODING="utf-8")
    return subprocess.Popen([sys.executable, "-m", "ratings_engine", "evaluate", *args], cwd=folder, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def results(out: Path) -> dict[str, dict]:
    """Every result file in OUT, parsed (a file that is not complete JSON fails here); hidden files apart."""
    return {p.name: json.loads(p.read_text("utf-8")) for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def rated(stderr: str) -> int:
    return int(re.search(r"^rated (\d+) of \d+ inspections", stderr, re.M).group(1))


def test_two_batches_at_once_write_each_result_once(folder):
    runs = [start(folder, "in", "--output-dir", "out") for _ in range(2)]
    finished = [run.communicate(timeout=120) for run in runs]
    written = results(folder / "out")
    assert sorted(written) == [f"inspection-{n:02}.result.json" for n in range(INSPECTIONS)]
    assert all(document["overall"] for document in written.values())
    assert [p.name for p in (folder / "out").iterdir() if p.name.startswith(".")] == []
    collisions = []
    for run, (_, stderr) in zip(runs, finished, strict=True):
        assert "Traceback" not in stderr and run.returncode in (0, 1), stderr
        lines = [line for line in stderr.splitlines() if "[output-exists]" in line]
        collisions.append(len(lines))
        assert all(re.match(r"^out/inspection-\d\d\.result\.json: /: the file already exists; use --force", line) for line in lines)
        assert rated(stderr) + len(lines) == INSPECTIONS
        assert run.returncode == (1 if lines else 0)
    # Together the two runs wrote each result exactly once.
    assert sum(rated(stderr) for _, stderr in finished) == INSPECTIONS
    assert sum(collisions) == INSPECTIONS


def test_a_batch_killed_at_any_moment_leaves_only_complete_results(folder):
    rng = Random(20201125)
    partial = 0
    for attempt in range(6):
        out = folder / f"out-{attempt}"
        run = start(folder, "in", "--output-dir", out.name)
        # Killed once the batch is writing (however slow the start), after a random short while more.
        while run.poll() is None and not (out.exists() and any(out.iterdir())):
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.15))
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=30)
        if out.exists():
            written = results(out)  # each parses: complete, or not there at all
            assert all(re.fullmatch(r"inspection-\d\d\.result\.json", name) for name in written), written
            assert all(p.name.endswith(".tmp") for p in out.iterdir() if p.name.startswith("."))
            partial += run.returncode == -signal.SIGKILL and 0 < len(written) < INSPECTIONS
    assert partial, "no run was killed part way through its batch: the delays no longer fit"
    # The next run, without --force, rates what is missing and ignores a leftover temporary file.
    out = folder / "out-0"
    out.mkdir(exist_ok=True)
    (out / ".inspection-00.result.json.0badf00d.tmp").write_text('{"half": ')
    already = set(results(out))
    stdout, stderr = start(folder, "in", "--output-dir", out.name).communicate(timeout=120)
    assert "Traceback" not in stderr
    assert rated(stderr) == INSPECTIONS - len(already)
    assert len(results(out)) == INSPECTIONS
    # Results and a leftover beside the inspections are not taken as inspections by the next run there either.
    for name in results(out):
        shutil.copy(out / name, folder / "in" / name)
    shutil.copy(out / ".inspection-00.result.json.0badf00d.tmp", folder / "in")
    stdout, stderr = start(folder, "in", "--output-dir", "again").communicate(timeout=120)
    assert f"{INSPECTIONS} result files (NAME.result.EXT) left out" in stderr
    assert rated(stderr) == INSPECTIONS and len(results(folder / "again")) == INSPECTIONS
