#!/usr/bin/env python3
"""Benchmarks of the ratings engine, each figure a ratio against a floor measured in the same run.

    python benchmarks/run.py [--quick] [--output FILE] [--repeats N]

Run it with the Python of the environment the engine is installed in: the `ratings` console
script is looked for next to sys.executable. Synthetic inspections (hmip-crc@2019, case-level,
fixed seeds) are generated into a temporary folder, which is deleted at the end. Progress goes to
standard error; the table of figures to standard output; with --output, the figures as JSON too.
The exit code is 0 when every measurement ran, whether or not the targets are met; 1 when a
command under test failed. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# Run as a script, this module is __main__; benchmarks/impact.py imports it as `run`, and must find
# this very module (with its settings for the child processes), not a second copy.
sys.modules.setdefault("run", sys.modules[__name__])

import floor_rater  # noqa: E402  (benchmarks/floor_rater.py, beside this file)
from generate import sample_sizes, write_inspection  # noqa: E402  (benchmarks/generate.py, beside this file)

EXAMPLE = ROOT / "examples" / "south-yorkshire-crc-2020.json"
FRAMEWORK_FILE = ROOT / "frameworks" / "hmip-crc" / "2019.json"
FLOOR_IMPORTS = "import click, pluggy, jsonschema"
SCALE_SEED = 1
BATCH_CASES = 160
STABILITY_SEED = 1


@dataclass(frozen=True)
class Settings:
    quick: bool
    cold_repeats: int           # runs timed per cold-start command, after one untimed warm-up run
    scale_sizes: tuple[int, ...]
    scale_repeats: dict         # cases -> runs timed at that size, after a warm-up
    batch_sizes: tuple[int, ...]
    floor_repeats: int          # runs of the batch floor (json.load of every file) and of stability
    resamples: int
    warm_up: bool               # one untimed run of each command before the timed ones
    per_inspection: int         # inspections evaluated in process for the figure per inspection
    per_inspection_repeats: int  # passes over them, each timed (the first pass, untimed, checks the floor)


def settings_for(quick: bool, repeats: int | None) -> Settings:
    if quick:
        return Settings(True, repeats or 2, (100,), {100: repeats or 2}, (10,), repeats or 1, 100, False, 10, repeats or 2)
    sizes = (100, 1_000, 10_000, 100_000)
    default = {100: 5, 1_000: 5, 10_000: 3, 100_000: 3}
    return Settings(False, repeats or 11, sizes, {n: repeats or default[n] for n in sizes}, (10, 100, 1_000),
                    repeats or 3, 10_000, True, 200, repeats or 5)


WARM = {True: " after 1 warm-up", False: " (--quick: no warm-up beyond priming the bytecode cache)"}
ALL_SCALE_SIZES = (100, 1_000, 10_000, 100_000)
ALL_BATCH_SIZES = (10, 100, 1_000)
PER_CASE_BASE = 1_000
MEMORY_BASE = 10


def power(n: int) -> str:
    return f"10^{len(str(n)) - 1}"


# ---------------------------------------------------------------------------------------------
# Figures and the table


@dataclass
class Figure:
    section: str
    heading: str
    unit: str                       # "s" or "MiB"
    measured: float | None = None
    floor: float | None = None
    floor_label: str = ""
    target: str = ""                # e.g. "<= 1.30x"; "" for a figure without a target
    status: str = ""                # met / NOT met / no target / skipped in --quick / not available / failed
    note: str = ""
    runs: list[float] = field(default_factory=list)
    floor_runs: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.measured is None or not self.floor:
            return None
        return self.measured / self.floor

    def judge(self, op: str | None = None, limit: float | None = None) -> None:
        self.target = "" if op is None else f"{op} {limit:.2f}x"
        if self.status:  # skipped in --quick, or not available: nothing to judge
            return
        if op is None:
            self.status = "no target"
            return
        ratio = self.ratio
        if ratio is None:
            self.status = "not measured"
            return
        ok = ratio <= limit if op == "<=" else ratio < limit
        self.status = "met" if ok else "NOT met"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def show(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if value >= 1:
        return f"{value:.3f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.2f} ms"
    return f"{value * 1e6:.1f} us"


def table(figures: Sequence[Figure]) -> str:
    columns = ("figure", "measured", "floor", "ratio", "target", "result")
    rows = []
    for figure in figures:
        ratio = figure.ratio
        rows.append((figure.heading, show(figure.measured, figure.unit), show(figure.floor, figure.unit),
                     "-" if ratio is None else f"{ratio:.2f}x", figure.target or "-", figure.status))
    widths = [max(len(columns[i]), *(len(r[i]) for r in rows)) for i in range(len(columns))]
    line = lambda cells: "  ".join(c.ljust(w) if i in (0, 4, 5) else c.rjust(w)  # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()
    out = [line(columns), line(["-" * w for w in widths])]
    section = None
    for figure, row in zip(figures, rows, strict=True):
        if figure.section != section:
            section = figure.section
            out.append(section)
        out.append(line(row))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# The machine


def machine() -> dict:
    cpu = None
    try:
        for text in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            if text.lower().startswith(("model name", "hardware", "cpu model")):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for text in Path("/proc/meminfo").read_text().splitlines():
            if text.startswith("MemTotal:"):
                memory = int(text.split()[1]) * 1024
                break
    except (OSError, ValueError, IndexError):
        try:
            memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        except (ValueError, OSError, AttributeError):
            pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    versions = {}
    for name in ("ratings-engine", "jsonschema", "click", "pluggy"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # noqa: BLE001 - a missing distribution is reported as unknown
            versions[name] = "unknown"
    return {
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "executable": sys.executable,
        "platform": platform.platform(),
        "cpu": cpu or platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "cores_usable": usable,
        "memory_bytes": memory,
        "packages": versions,
    }


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (OSError, AttributeError):
        return None


def machine_text(info: dict) -> str:
    memory = f"{info['memory_bytes'] / 2**30:.1f} GiB" if info["memory_bytes"] else "unknown"
    cores = f"{info['cores']}" + (f" ({info['cores_usable']} usable)" if info["cores_usable"] not in (None, info["cores"]) else "")
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    return (f"python    {info['python']} ({info['executable']})\n"
            f"platform  {info['platform']}\n"
            f"cpu       {info['cpu']}\n"
            f"cores     {cores}\n"
            f"memory    {memory}\n"
            f"packages  {packages}\n"
            f"load      1/5/15-minute load average {info.get('load_start') or 'unknown'} at the start, "
            f"{info.get('load_end') or 'unknown'} at the end" + _busy(info))


def _busy(info: dict) -> str:
    loads = [load[0] for load in (info.get("load_start"), info.get("load_end")) if load]
    cores = info["cores_usable"] or info["cores"] or 1
    if loads and max(loads) > 0.5 * cores:
        return (f"\n          WARNING: the machine was busy (load {max(loads)} on {cores} cores); other processes "
                "distort these figures, floors included")
    return ""


# ---------------------------------------------------------------------------------------------
# Running and timing


class BenchmarkError(RuntimeError):
    pass


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def console_script() -> Path:
    folder = Path(sys.executable).parent
    for name in ("ratings", "ratings.exe"):
        if (folder / name).is_file():
            return folder / name
    raise BenchmarkError(f"no 'ratings' console script next to {sys.executable}; run this with the Python of the "
                         "environment the engine is installed in (for example .venv/bin/python benchmarks/run.py)")


#: The environment of every child process; see child_environment.
CHILD_ENV: dict[str, str] = dict(os.environ)


def child_environment(folder: Path) -> dict[str, str]:
    """This environment, with bytecode cached under FOLDER for every child process.

    An installed package has its bytecode compiled; an editable install run with
    PYTHONDONTWRITEBYTECODE set would compile the engine's sources on every start and make the
    cold start look slower than a user sees. A cache prefix in the temporary folder (filled by the
    warm-up runs) treats the engine, the floor's packages and everything else alike, and writes
    nothing into the repository or the environment.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def _failure(argv: Sequence[str], code: int, errors) -> BenchmarkError:
    errors.seek(0)
    detail = errors.read().decode("utf-8", "replace").strip()[-2000:]
    return BenchmarkError(f"{' '.join(map(str, argv))} exited with {code}:\n{detail}")


def run_child(argv: Sequence[str], check: bool = True) -> tuple[float, int]:
    """Run ARGV with its output discarded; its wall time in seconds and its exit code."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([str(a) for a in argv], cwd=ROOT, env=CHILD_ENV, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=errors)
        code = child.wait()
        elapsed = time.perf_counter() - start
        if check and code != 0:
            raise _failure(argv, code, errors)
    return elapsed, code


#: Runs its arguments as a child and prints that child's wall time and peak RSS as JSON. The peak
#: must be measured from a small process: on Linux a child's ru_maxrss starts from its parent's
#: resident size at the fork (the high-water mark survives exec), so a child of this benchmark,
#: which holds large inspections, would report the benchmark's own size.
LAUNCHER = """
import json, os, sys, time
errors = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
null = os.open(os.devnull, os.O_RDWR)
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, errors, 2)])
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "maxrss": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}))
"""


def measured_child(argv: Sequence[str]) -> tuple[float, int | None]:
    """Run ARGV (its first item an absolute path) through LAUNCHER; its wall time and its peak RSS in bytes.

    Where the platform has no posix_spawn or wait4, the peak is None and the time is taken here.
    """
    if not (hasattr(os, "posix_spawn") and hasattr(os, "wait4")):  # pragma: no cover - not Unix
        return run_child(argv)[0], None
    with tempfile.NamedTemporaryFile(suffix=".stderr") as errors:
        launched = subprocess.run([sys.executable, "-c", LAUNCHER, errors.name, *map(str, argv)], cwd=ROOT, env=CHILD_ENV,
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if launched.returncode != 0:
            raise BenchmarkError(f"the measuring launcher failed:\n{launched.stderr[-2000:]}")
        report = json.loads(launched.stdout)
        if report["code"] != 0:
            raise _failure(argv, report["code"], errors)
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return report["seconds"], report["maxrss"] * scale


def median_child(argv: Sequence[str], repeats: int, warm_up: bool) -> list[float]:
    """Wall times of REPEATS runs of ARGV, after one untimed run if WARM_UP (which fills caches and writes bytecode)."""
    if warm_up:
        run_child(argv)
    return [run_child(argv)[0] for _ in range(repeats)]


def interleaved(commands: Sequence[Sequence[str]], repeats: int, warm_up: bool) -> list[list[float]]:
    """Wall times of each of COMMANDS over REPEATS rounds, each round running every command once in turn.

    A figure whose floor is another command is then not at the mercy of a slow spell of a shared
    machine: the spell slows both alike, where runs taken one command after the other put all of
    one command's runs, and none of the other's, into it.
    """
    if warm_up:
        for argv in commands:
            run_child(argv)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeats):
        for runs, argv in zip(times, commands, strict=True):
            runs.append(run_child(argv)[0])
    return times


def timed(call: Callable[[], object], repeats: int) -> list[float]:
    """Wall times of REPEATS calls of CALL, each after a full garbage collection."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
        del result
    return times


def json_load(path: Path) -> object:
    with open(path, "rb") as handle:
        return json.load(handle)


# ---------------------------------------------------------------------------------------------
# The figures


def cold_start(settings: Settings, ratings: Path) -> list[Figure]:
    section = (f"1. Cold start (subprocess; median of {settings.cold_repeats} runs{WARM[settings.warm_up]}; "
               f"floor: python -c \"{FLOOR_IMPORTS}\")")
    progress("cold start: floor")
    floor_runs = median_child([sys.executable, "-c", FLOOR_IMPORTS], settings.cold_repeats, settings.warm_up)
    floor = statistics.median(floor_runs)
    commands = [
        ("ratings evaluate EXAMPLE --format json", [ratings, "evaluate", EXAMPLE, "--format", "json"], "<=", 1.30,
         f"EXAMPLE = {EXAMPLE.relative_to(ROOT)}"),
        ("ratings --help", [ratings, "--help"], "<", 1.00, ""),
        ("ratings validate FRAMEWORK", [ratings, "validate", FRAMEWORK_FILE], None, None,
         f"FRAMEWORK = {FRAMEWORK_FILE.relative_to(ROOT)}; no target set"),
    ]
    figures = []
    for heading, argv, op, limit, note in commands:
        progress(f"cold start: {heading}")
        runs = median_child(argv, settings.cold_repeats, settings.warm_up)
        figure = Figure(section, heading, "s", statistics.median(runs), floor, "import click, pluggy, jsonschema",
                        note=note, runs=runs, floor_runs=floor_runs)
        figure.judge(op, limit)
        figures.append(figure)
    return figures


def scale_and_validation(settings: Settings, folder: Path) -> list[Figure]:
    from ratings_engine.api import Engine
    from ratings_engine.io.schemas import schema_problems

    repeats = ", ".join(f"{power(n)}: {settings.scale_repeats[n]}" for n in settings.scale_sizes)
    scale = f"2. Scale (in process, Engine().evaluate_file; median of runs per size, {repeats}; floor: json.load of the same file)"
    per_case = f"2. Scale, time per case (evaluate_file time / cases; floor: the same at {power(PER_CASE_BASE)} cases)"
    validation = "3. Validation (in process, schema_problems(document, 'inspection', path); floor: json.load of the same file)"
    totals: dict[int, Figure] = {}
    checks: dict[int, Figure] = {}
    engine = Engine()
    warmed = False
    for n in ALL_SCALE_SIZES:
        heading = f"evaluate_file, {power(n)} cases"
        check_heading = f"schema_problems, {power(n)} cases"
        if n not in settings.scale_sizes:
            totals[n] = Figure(scale, heading, "s", status="skipped in --quick")
            checks[n] = Figure(validation, check_heading, "s", status="skipped in --quick")
            continue
        path = folder / f"scale-{n}.json"
        progress(f"scale: generating {n} cases ({', '.join(f'{v} {k}' for k, v in sample_sizes(n).items())})")
        write_inspection(path, n, SCALE_SEED)
        megabytes = path.stat().st_size / 2**20
        if not warmed:
            progress("scale: warm-up (plugins, framework, schema validator)")
            engine.evaluate_file(path)
            warmed = True
        runs_n = settings.scale_repeats[n]
        progress(f"scale: json.load x{runs_n}, {power(n)} cases ({megabytes:.1f} MiB)")
        floor_runs = timed(lambda path=path: json_load(path), runs_n)  # bound now: each size has its own file
        progress(f"scale: evaluate_file x{runs_n}, {power(n)} cases")
        runs = timed(lambda path=path: engine.evaluate_file(path), runs_n)
        totals[n] = Figure(scale, heading, "s", statistics.median(runs), statistics.median(floor_runs), "json.load",
                           note=f"{megabytes:.1f} MiB file; {runs_n} runs", runs=runs, floor_runs=floor_runs)
        document = json_load(path)
        progress(f"scale: schema_problems x{runs_n}, {power(n)} cases")
        problems: list = []
        check_runs = timed(lambda problems=problems, document=document, path=path:
                           problems.append(len(schema_problems(document, "inspection", str(path)))), runs_n)
        if any(problems):
            raise BenchmarkError(f"the generated inspection {path.name} has schema problems; the generator is out of date")
        checks[n] = Figure(validation, check_heading, "s", statistics.median(check_runs), statistics.median(floor_runs),
                           "json.load", note=f"{runs_n} runs", runs=check_runs, floor_runs=floor_runs)
        del document
        path.unlink()
    per_case_figures = []
    base = totals[PER_CASE_BASE]
    for n in ALL_SCALE_SIZES:
        total = totals[n]
        figure = Figure(per_case, f"time per case, {power(n)} cases", "s", floor_label=f"per case at {power(PER_CASE_BASE)}")
        if total.measured is None:
            figure.status = total.status
        else:
            figure.measured = total.measured / n
            figure.floor = base.measured / PER_CASE_BASE if base.measured is not None else None
            if figure.floor is None:
                figure.note = f"no {power(PER_CASE_BASE)} run to compare with"
        per_case_figures.append(figure)
    for n, figure in totals.items():
        figure.judge("<=", 1.0) if n == 100_000 else figure.judge()
    for n, figure in zip(ALL_SCALE_SIZES, per_case_figures, strict=True):
        figure.judge("<=", 1.25) if n == 100_000 else figure.judge()
    for n, figure in checks.items():
        figure.judge("<=", 2.0) if n == 100_000 else figure.judge()
    return [*totals.values(), *per_case_figures, *checks.values()]


def batch(settings: Settings, ratings: Path, folder: Path) -> list[Figure]:
    largest = max(settings.batch_sizes)
    source = folder / "batch-all"
    source.mkdir()
    progress(f"batch: generating {largest} inspections of {BATCH_CASES} cases")
    files = [write_inspection(source / f"inspection-{seed:04d}.json", BATCH_CASES, seed) for seed in range(1, largest + 1)]
    section = (f"4. Batch (subprocess: ratings evaluate DIR --output-dir OUT, one run each, {BATCH_CASES} cases per inspection; "
               f"floor: json.load of every file in one python process, median of {settings.floor_repeats})")
    memory = (f"4. Batch, peak memory (resident set size high-water mark of the ratings subprocess, from a small launcher; "
              f"floor: the same at {MEMORY_BASE} inspections)")
    timings, peaks = [], {}
    for n in ALL_BATCH_SIZES:
        heading = f"batch, {n:,} inspections"
        if n not in settings.batch_sizes:
            timings.append(Figure(section, heading, "s", status="skipped in --quick"))
            continue
        inputs = folder / f"batch-{n}"
        inputs.mkdir()
        for path in files[:n]:
            try:
                os.link(path, inputs / path.name)
            except OSError:
                shutil.copyfile(path, inputs / path.name)
        floor_script = ("import json, pathlib, sys\n"
                        "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.json')):\n"
                        "    with open(p, 'rb') as f: json.load(f)\n")
        progress(f"batch: floor, json.load of {n} files x{settings.floor_repeats}")
        floor_runs = median_child([sys.executable, "-c", floor_script, inputs], settings.floor_repeats, warm_up=False)
        out = folder / f"out-{n}"
        progress(f"batch: ratings evaluate, {n} inspections")
        elapsed, peak = measured_child([ratings, "evaluate", inputs, "--output-dir", out])
        written = len(list(out.glob("*.result.json")))
        if written != n:
            raise BenchmarkError(f"the batch of {n} wrote {written} results")
        figure = Figure(section, heading, "s", elapsed, statistics.median(floor_runs), "json.load, one process",
                        note=f"{elapsed / n * 1e3:.1f} ms per inspection; no target set", runs=[elapsed], floor_runs=floor_runs)
        figure.judge()
        timings.append(figure)
        peaks[n] = peak
        shutil.rmtree(out)
        shutil.rmtree(inputs)
    shutil.rmtree(source)
    _, baseline = measured_child([sys.executable, "-c", "pass"])
    memories = []
    for n in ALL_BATCH_SIZES:
        figure = Figure(memory, f"peak RSS, {n:,} inspections", "MiB", floor_label=f"peak RSS at {MEMORY_BASE}")
        if n not in settings.batch_sizes:
            figure.status = "skipped in --quick"
        elif peaks.get(n) is None:
            figure.status = "not available"
            figure.note = "this platform gives no child's resource usage"
        else:
            figure.measured = peaks[n] / 2**20
            if peaks.get(MEMORY_BASE) is not None:
                figure.floor = peaks[MEMORY_BASE] / 2**20
            if n == MEMORY_BASE and baseline is not None:
                figure.note = (f"for scale: `python -c pass` measured the same way peaks at {baseline / 2**20:.1f} MiB "
                               "(the launcher's own size is the least any child can show)")
        figure.judge("<=", 1.10) if n == 1_000 else figure.judge()
        memories.append(figure)
    return timings + memories


def stability(settings: Settings, ratings: Path, folder: Path) -> list[Figure]:
    section = (f"5. Stability (subprocess: ratings stability FILE --resamples {settings.resamples} --seed 1, {BATCH_CASES} cases; "
               f"floor: ratings evaluate FILE --format json; median of {settings.floor_repeats} runs{WARM[settings.warm_up]})")
    figure = Figure(section, "ratings stability, 160 cases", "s", floor_label="ratings evaluate, same file")
    _, code = run_child([ratings, "stability", "--help"], check=False)
    if code != 0:
        figure.status = "not available"
        figure.note = "`ratings stability --help` failed: the command does not exist yet"
        figure.target = "< 2.00x"
        return [figure]
    path = write_inspection(folder / "stability.json", BATCH_CASES, STABILITY_SEED)
    progress("stability: floor, ratings evaluate")
    floor_runs = median_child([ratings, "evaluate", path, "--format", "json"], settings.floor_repeats, settings.warm_up)
    progress(f"stability: ratings stability --resamples {settings.resamples}")
    runs = median_child([ratings, "stability", path, "--resamples", str(settings.resamples), "--seed", "1"],
                        settings.floor_repeats, settings.warm_up)
    figure.measured, figure.floor = statistics.median(runs), statistics.median(floor_runs)
    figure.runs, figure.floor_runs = runs, floor_runs
    figure.note = f"{settings.resamples} resamples"
    figure.judge("<", 2.0)
    return [figure]


def cpu_timed(call: Callable[[], object]) -> float:
    """The CPU time of one call of CALL (this process only), after a full garbage collection."""
    gc.collect()
    start = time.process_time()
    call()
    return time.process_time() - start


def per_inspection(settings: Settings, folder: Path) -> list[Figure]:
    """The engine's CPU time per inspection in one process, against the floor rater's on the same files.

    The floor gives the standards' indicative ratings from the same files; a first, untimed pass
    checks that the engine gives the same, so that the floor does no less than it claims.
    """
    from ratings_engine.api import Engine

    count, repeats = settings.per_inspection, settings.per_inspection_repeats
    section = (f"6. Per inspection (in process: Engine().evaluate_file over {count} inspections of {BATCH_CASES} cases, "
               f"CPU time per inspection, median of {repeats} passes; floor: benchmarks/floor_rater.py on the same files)")
    progress(f"per inspection: generating {count} inspections of {BATCH_CASES} cases")
    files = [write_inspection(folder / f"per-inspection-{seed:04d}.json", BATCH_CASES, seed) for seed in range(1, count + 1)]
    engine = Engine()
    plan = floor_rater.prepare(json_load(FRAMEWORK_FILE))
    progress("per inspection: checking the floor's ratings against the engine's")
    for path in files:
        evaluation = engine.evaluate_file(path)
        ratings = {result.standard.id: result.indicative.rating for result in evaluation.standards}
        if floor_rater.rate(path, plan) != ratings:
            raise BenchmarkError(f"the floor rater's ratings of {path.name} differ from the engine's {ratings}")
    runs, floor_runs = [], []
    for run in range(repeats):  # interleaved, so that a busy spell slows both alike
        progress(f"per inspection: pass {run + 1} of {repeats}")
        floor_runs.append(cpu_timed(lambda: [floor_rater.rate(path, plan) for path in files]) / count)
        runs.append(cpu_timed(lambda: [engine.evaluate_file(path) for path in files]) / count)
    for path in files:
        path.unlink()
    figure = Figure(section, f"evaluate_file, per inspection ({BATCH_CASES} cases)", "s", statistics.median(runs),
                    statistics.median(floor_runs), "floor rater", note=f"{count} inspections, {repeats} passes; CPU time",
                    runs=runs, floor_runs=floor_runs)
    figure.judge("<=", 3.0)
    return [figure]


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run in seconds: 10^2 cases only, 10 batch inspections, 2 repeats (1 for the batch "
                             "floor and stability), 100 resamples")
    parser.add_argument("--output", type=Path, metavar="FILE", help="also write the figures as JSON to FILE")
    parser.add_argument("--repeats", type=int, metavar="N", help="timed runs per figure, overriding the defaults")
    args = parser.parse_args(argv)
    # The commands are timed as users run them, with their byte code cached: a shell that asks Python not to
    # write it would have every cold start compile every module, and the figure would measure the compiler.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    settings = settings_for(args.quick, args.repeats)
    info = machine()
    info["load_start"] = load_average()
    started = time.perf_counter()
    try:
        ratings = console_script()
        figures: list[Figure] = []
        with tempfile.TemporaryDirectory(prefix="ratings-bench-") as temporary:
            folder = Path(temporary)
            progress(f"generated files go to {folder} (deleted at the end)")
            global CHILD_ENV
            CHILD_ENV = child_environment(folder)
            if not settings.warm_up:
                # Without per-command warm-ups, one untimed evaluation (which imports click, pluggy and
                # jsonschema too) fills the bytecode cache, so that no timed run is also a compile.
                progress("priming the bytecode cache")
                run_child([ratings, "evaluate", EXAMPLE, "--format", "json"])
            figures += cold_start(settings, ratings)
            figures += scale_and_validation(settings, folder)
            figures += batch(settings, ratings, folder)
            figures += stability(settings, ratings, folder)
            figures += per_inspection(settings, folder)
            from impact import impact_figures  # benchmarks/impact.py, which uses this module's figures and runners

            figures += impact_figures(settings, ratings, folder)
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    info["load_end"] = load_average()
    mode = "quick (smoke run: figures are not meaningful)" if settings.quick else "full"
    print(f"ratings-engine benchmarks, {mode}, {datetime.now(UTC):%Y-%m-%d %H:%M UTC}, took {seconds:.0f} s")
    print(machine_text(info))
    print()
    print(table(figures))
    notes = [f"  {f.heading}: {f.note}" for f in figures if f.note]
    if notes:
        print("\nnotes:")
        print("\n".join(notes))
    missed = [f.heading for f in figures if f.status == "NOT met"]
    print(f"\ntargets met: {sum(f.status == 'met' for f in figures)}; NOT met: {len(missed)}"
          + (f" ({'; '.join(missed)})" if missed else ""))
    if args.output:
        document = {"mode": "quick" if settings.quick else "full", "seconds": seconds,
                    "date": datetime.now(UTC).isoformat(timespec="seconds"),
                    "machine": info, "settings": asdict(settings), "figures": [f.to_dict() for f in figures]}
        args.output.write_text(json.dumps(document, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"figures written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
