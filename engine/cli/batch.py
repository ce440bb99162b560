"""`ratings evaluate FILE... --output-dir DIR`: rate many inspections, one result file each, and a summary.

Every inspection named (and found in the folders named) is declared an input before the first result
is written, so no result lands on an inspection rated later. Results and summaries are created
exclusively unless --force: one already there, even one another run wrote a moment ago, is reported
and left alone.
"""

from __future__ import annotations

import glob
import sys
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import click

from .. import __version__
from ..errors import InvalidInputError, PluginError, Problem, RatingsError, SelectionError
from .common import declare_inputs, report

_EXISTS = "the file already exists; use --force to replace it"


@dataclass(frozen=True)
class Options:
    """How a batch runs: --force, --allow-out-of-window, --jobs and --csv-bom (None: the default, a mark in each CSV file)."""

    force: bool = False
    allow_out_of_window: bool = False
    jobs: int = 1
    csv_bom: bool | None = None

    @property
    def bom(self) -> bool:
        # Every CSV file a batch writes is a file, which most who open it open in Excel.
        return self.csv_bom is not False


#: What --summary's extension makes of the summary: CSV files, or one workbook.
SUMMARY_KINDS = (".csv", ".xlsx")
_SUMMARY_NAMES = ("name a file: NAME.csv (CSV files: NAME.csv, and NAME-ID@VERSION.csv and NAME-ID@VERSION-key-questions.csv "
                  "for each framework version) or NAME.xlsx (one workbook)")


def _earlier_version_files(summary_path: Path) -> list[Path]:
    """The files of each framework version a CSV summary of this name would write, already there: from an earlier
    run, or inspections of this one. Which versions this run rates is known only once it has rated them, so
    every file of the summary's pattern is checked before the first inspection is rated."""
    if summary_path.suffix.lower() != ".csv" or not summary_path.parent.is_dir():
        return []
    return sorted(summary_path.parent.glob(f"{glob.escape(summary_path.stem)}-*@*.csv"))


def run_batch(engine, inspections, framework_name, format_name, output_dir, summary_path, options: Options = Options()) -> None:
    """Rate each inspection into OUTPUT_DIR; report each failure and go on; exit 1 if any failed."""
    from ..analysis import parallel
    from ..analysis.batch import Summary, output_paths
    from ..io.writing import check, make_folder, shown
    from .common import choose_format

    if output_dir is None:
        raise click.UsageError("to rate several inspections, name --output-dir for their results")
    if summary_path is not None and str(summary_path) == "-":
        raise click.BadParameter(_SUMMARY_NAMES, param_hint="--summary")
    files = _inspections(inspections)
    declare_inputs(*files, framework_name)
    chosen = choose_format(engine.registry, "result", format_name, None, "json", printed=False)
    extension = (engine.registry.output_formats[chosen].extensions or (".txt",))[0]
    targets = output_paths(output_dir, files, extension)
    if summary_path is not None:  # refused before any inspection is rated, not after all of them
        for path in (summary_path, *_earlier_version_files(summary_path)):
            check(path, exclusive=not options.force, if_exists=_EXISTS)
        if summary_path.suffix.lower() not in SUMMARY_KINDS:
            raise click.BadParameter(_SUMMARY_NAMES, param_hint="--summary")
    force = options.force
    make_folder(output_dir)
    if summary_path is not None:
        make_folder(summary_path.parent)
    summary = Summary() if summary_path is not None else None  # rows are kept only when a summary is asked for
    shared = {"engine": engine, "framework": framework_name, "format": chosen, "summary": summary is not None,
              "allow_out_of_window": options.allow_out_of_window, "bom": options.bom}
    # With one job each inspection is rated only once its result may be written; with more, the workers
    # rate ahead, and the results are written here, in the order given, exactly as with one.
    parallel.share(shared)
    ahead = parallel.spread(rate_one, [str(f) for f in files], options.jobs, shared) if options.jobs > 1 else None
    failed = 0
    taken: dict[Path, Path] = {}
    # A progress bar on a terminal only: in a pipe or a log it would be noise.
    pairs = list(zip(files, targets, strict=True))
    with click.progressbar(pairs, label="Rating inspections", file=sys.stderr) if sys.stderr.isatty() else nullcontext(pairs) as progress:
        for path, target in progress:
            rated = next(ahead) if ahead is not None else None
            failed += not _write_one(path, target, taken, rated, summary, force)
    unwritten = _write_summaries(summary_path, summary, options) if summary is not None else 0
    click.echo(f"rated {len(files) - failed} of {len(files)} inspections into {shown(output_dir)}"
               + (f"; {failed} failed" if failed else ""), err=True)
    if failed or unwritten:
        sys.exit(1)


def _inspections(inspections) -> list[Path]:
    """The inspection files named and found in the folders named; a note for the result files left out."""
    from ..analysis.batch import inspection_files
    from ..io.writing import shown

    found = inspection_files(inspections)
    for folder, count in found.results_left_out.items():
        click.echo(f"note: {shown(folder)}: {count} result file{'s' if count != 1 else ''} (NAME.result.EXT) left out: "
                   "results are not inspections", err=True)
    if not found.files:
        raise click.UsageError("no inspection files found")
    return found.files


@dataclass(frozen=True)
class Rated:
    """One inspection's result, rendered, or the problems that stopped it: what a worker sends back."""

    text: str | bytes | None = None
    document: dict | None = None
    framework_path: str | None = None
    problems: tuple[Problem, ...] = ()


def rate_one(path: str) -> Rated:
    """Rate the inspection at PATH as parallel.shared() says, and render its result; never raises for bad input."""
    from ..analysis import parallel
    from ..io.writing import shown
    from ..reports.result import result_document
    from .common import rendered

    work = parallel.shared()
    engine, chosen = work["engine"], work["format"]
    try:
        evaluation = engine.evaluate_file(path, work["framework"], allow_out_of_window=work["allow_out_of_window"])
        document = result_document(evaluation)
        text = rendered(engine.registry, "result", chosen, None, chosen, document, work["bom"])[1]
        return Rated(text, document if work["summary"] else None, evaluation.framework.path)
    except InvalidInputError as error:
        return Rated(problems=tuple(error.problems))
    except (PluginError, SelectionError) as error:
        return Rated(problems=(error.problem(),))
    except (RatingsError, OSError) as error:  # not expected: the doors turn these into problems; still, one line
        return Rated(problems=(Problem("unreadable" if isinstance(error, OSError) else "rating", str(error), shown(Path(path)), "/"),))


def _write_one(path: Path, target: Path, taken: dict[Path, Path], rated: Rated | None, summary, force: bool) -> bool:
    """Write PATH's result (RATED, or rated now) to TARGET; False, with the problem reported, where it cannot be."""
    from ..io.writing import check, make_folder, shown, write_bytes, write_text

    try:
        if target in taken:
            raise InvalidInputError([Problem("output-exists", f"its result would be {shown(target)}, as is {shown(taken[target])}'s",
                                             shown(path), hint="rename one of the two inspections")])
        taken[target] = path
        check(target, exclusive=not force, if_exists=_EXISTS)  # before the work, not only after it
        rated = rated or rate_one(str(path))
        if rated.problems:
            report(list(rated.problems))
            return False
        declare_inputs(rated.framework_path)
        make_folder(target.parent)
        if isinstance(rated.text, bytes):
            write_bytes(target, rated.text, exclusive=not force, if_exists=_EXISTS)
        else:
            write_text(target, rated.text or "", exclusive=not force, if_exists=_EXISTS)
        if summary is not None and rated.document is not None:
            summary.add(path, rated.document)
        return True
    except InvalidInputError as error:
        report(error.problems)
    except OSError as error:  # not expected: the writer turns these into problems; still, one line
        report([Problem("unreadable", str(error), shown(path), "/")])
    return False


def _write_summaries(path: Path, summary, options: Options) -> int:
    """Write the summary (a workbook, or CSV files) as PATH's extension says; the number of files not written (each reported)."""
    from ..io.writing import write_bytes, write_text
    from .common import BOM

    if path.suffix.lower() == ".xlsx":
        from ..sheets.report_workbook import workbook

        about = [("Workbook", "A summary of inspections rated together (ratings evaluate --output-dir --summary)"),
                 ("Engine", f"ratings-engine {__version__}")]
        about += [(f"{ref} SHA-256", summary.sha256[ref]) for ref in summary.versions()]
        files: list[tuple[Path, str | bytes]] = [(path, workbook(summary.tables(), about))]
    else:
        files = [(file, (BOM if options.bom else "") + text) for file, text in summary.csv_files(path)]
    unwritten = 0
    for file, data in files:
        try:
            if isinstance(data, bytes):
                write_bytes(file, data, exclusive=not options.force, if_exists=_EXISTS)
            else:
                write_text(file, data, exclusive=not options.force, if_exists=_EXISTS)
        except InvalidInputError as error:
            unwritten += 1
            report(error.problems)
    return unwritten
