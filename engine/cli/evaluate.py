"""The `ratings` commands that rate inspections: evaluate (one, or a batch) and explain."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import InvalidInputError
from .common import (
    allow_out_of_window_option,
    choose_format,
    csv_bom_option,
    declare_inputs,
    emit_document,
    format_option,
    framework_name,
    frameworks_dir_option,
    jobs_option,
    make_engine,
    output_option,
)
from .completion import complete_standards, complete_versions

framework_option = click.option(
    "--framework", "framework_name", metavar="ID@VERSION", callback=framework_name, shell_complete=complete_versions,
    help="The framework version to rate under (or a framework file). Default: the inspection's "
         "'framework', else the version in force on its fieldwork start date.")


@click.command(short_help="Rate inspections: each standard's rating and reason.")
@click.argument("inspections", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@framework_option
@click.option("--compare-with", "compare_with", metavar="ID@VERSION", callback=framework_name, shell_complete=complete_versions,
              help="Also rate the inspection under this version and show, per standard, both ratings and why they "
                   "differ. Data that version has no use for is ignored, with a note.")
@click.option("--previous", type=click.Path(path_type=Path, readable=False),
              help="The provider's previous inspection: its figures are shown beside this one's where a format has "
                   "a previous column (for example the prompt tables).")
@format_option("result", default="Default from -o's extension, else text (json for a batch). With --compare-with: text, json, "
                                 "or a format a plugin adds for the re-rating.")
@output_option("Write the result to this file (atomically) instead of standard output; - for standard output.")
@click.option("--output-dir", type=click.Path(file_okay=False, path_type=Path),
              help="For several inspections (or a folder of them): write each result to DIR/NAME.result.EXT "
                   "(inspections of the same name from different folders: in subfolders of DIR named after theirs).")
@click.option("--summary", type=click.Path(path_type=Path), metavar="FILE",
              help="With --output-dir: also summarise the inspections. FILE.csv: one row per inspection, and per framework "
                   "version NAME-ID@VERSION.csv (each standard's rating) and NAME-ID@VERSION-key-questions.csv; FILE.xlsx: "
                   "the same as sheets of one workbook.")
@click.option("--force", is_flag=True, help="With --output-dir: replace results and summaries that already exist.")
@csv_bom_option
@jobs_option("a batch's rating")
@allow_out_of_window_option
@frameworks_dir_option
def evaluate(inspections: tuple[Path, ...], framework_name: str | None, compare_with: str | None, previous: Path | None,
             format_name: str | None, output: Path | None, output_dir: Path | None, summary: Path | None, force: bool,
             csv_bom: bool | None, jobs: int, allow_out_of_window: bool, frameworks_dirs) -> None:
    """Rate the inspection in INSPECTION and show each standard's rating with its reason.

    Given several inspection files or a folder, rate each: with --output-dir, each result is
    written to its own file; a file that cannot be rated is reported and skipped, the others
    still complete, and the exit code is 1 if any failed.

    \b
    Examples:
      ratings evaluate examples/south-yorkshire-crc-2020.json
      ratings evaluate examples/south-yorkshire-crc-2020.json --previous examples/south-yorkshire-crc-2019.json -o report.md
      ratings evaluate examples/south-yorkshire-crc-2020.json --compare-with hmip-crc@2018 --allow-out-of-window
      ratings evaluate examples/corpus/ --output-dir results --summary results/summary.csv
    """
    from ..reports.result import result_document

    engine = make_engine(frameworks_dirs)
    batch = len(inspections) > 1 or any(p.is_dir() for p in inspections) or output_dir is not None
    if batch:
        if output is not None or compare_with is not None or previous is not None:
            raise click.UsageError("-o, --compare-with and --previous are for one inspection; for several, use --output-dir")
        from .batch import Options, run_batch

        run_batch(engine, inspections, framework_name, format_name, output_dir, summary,
                  Options(force, allow_out_of_window, jobs, csv_bom))
        return
    if summary is not None:
        raise click.UsageError("--summary goes with --output-dir")
    inspection = inspections[0]
    # A format the command does not have is refused before any work.
    format_name = choose_format(engine.registry, "rerating" if compare_with else "result", format_name, output, "text")
    declare_inputs(inspection, previous, framework_name)
    evaluation = engine.evaluate_file(inspection, framework_name, allow_out_of_window=allow_out_of_window)
    declare_inputs(evaluation.framework.path)
    if compare_with is not None:
        from ..analysis.rerate import rerate

        other = engine.evaluate_file(inspection, compare_with, allow_out_of_window=True, lenient=True)
        comparison = rerate(evaluation, other)
        declare_inputs(other.framework.path)
        emit_document(engine.registry, "rerating", format_name, output, "text", comparison)
        return
    document = result_document(evaluation)
    if previous is not None:
        from ..reports.result import with_previous

        alone = document
        document = with_previous(document, result_document(engine.evaluate_file(previous, allow_out_of_window=allow_out_of_window)))
        _note_previous_unused(engine.registry, format_name, alone, document)
    emit_document(engine.registry, "result", format_name, output, "text", document, csv_bom)


def _note_previous_unused(registry, format_name: str, alone: dict, with_previous: dict) -> None:
    """Say on standard error when the format chosen shows nothing of the previous inspection, rather than drop it silently.

    Whether it does is seen in what it renders, so a plugin's format is judged as the built-in ones are.
    """
    from ..reports.render import render_document

    if render_document(registry, "result", format_name, alone) == render_document(registry, "result", format_name, with_previous):
        click.echo(f"note: the {format_name} format has no previous column, so --previous changes nothing in it; "
                   "a format with one (markdown, html, csv or json, for example) shows the previous inspection's figures", err=True)


@click.command(short_help="Explain why each standard was rated as it was.")
@click.argument("inspection", type=click.Path(path_type=Path, readable=False))
@click.argument("standards", nargs=-1, shell_complete=complete_standards)
@framework_option
@format_option("explanation", "text: plain sentences; json: the same explanation for machines")
@output_option()
@allow_out_of_window_option
@frameworks_dir_option
def explain(inspection: Path, standards: tuple[str, ...], framework_name: str | None, format_name: str | None, output: Path | None,
            allow_out_of_window: bool, frameworks_dirs) -> None:
    """Explain why each standard (or each STANDARD given) was rated as it was, and the overall rating.

    Which key question drove the rating, its count, percentage and band; how many cases more or
    fewer would have crossed a boundary; which cases were excluded and why; whether discretion was
    eligible and why; what moderation or discretion changed, with the recorded rationale.

    \b
    Examples:
      ratings explain examples/south-yorkshire-crc-2020.json
      ratings explain examples/south-yorkshire-crc-2020.json 2.1 2.2 --format json
    """
    from ..analysis.explain import explain as explanation_of

    engine = make_engine(frameworks_dirs)
    format_name = choose_format(engine.registry, "explanation", format_name, output, "text")
    declare_inputs(inspection, framework_name)
    evaluation = engine.evaluate_file(inspection, framework_name, allow_out_of_window=allow_out_of_window)
    declare_inputs(evaluation.framework.path)
    known = [s.standard.id for s in evaluation.standards]
    unknown = [s for s in standards if s not in known]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: not a standard of {evaluation.framework.ref} (its standards: {', '.join(known)})",
                                 param_hint="STANDARDS")
    explanation = explanation_of(evaluation, engine.registry, list(standards) or None)
    emit_document(engine.registry, "explanation", format_name, output, "text", explanation)


@click.command(short_help="Check that a result is reproduced from its inputs.")
@click.argument("result", type=click.Path(path_type=Path, readable=False))
@click.argument("inspection", type=click.Path(path_type=Path, readable=False))
@format_option("replay", "text: 'reproduced' or what differs; json: the same for machines", "Default: from -o's extension, else text.")
@output_option("Write the replay report to this file (atomically) instead of standard output; - for standard output.")
@frameworks_dir_option
def replay(result: Path, inspection: Path, format_name: str | None, output: Path | None, frameworks_dirs) -> None:
    """Re-evaluate INSPECTION under the framework version RESULT records, and say whether RESULT is reproduced.

    Checks the framework file's SHA-256 and the inspection's against those recorded, then compares
    the ratings. Exits 0 when reproduced, 1 when anything differs.

    \b
    Examples:
      ratings evaluate examples/south-yorkshire-crc-2020.json -o sy.result.json
      ratings replay sy.result.json examples/south-yorkshire-crc-2020.json
    """
    from ..analysis.replay import replay as replay_result

    declare_inputs(result, inspection)
    engine = make_engine(frameworks_dirs)
    format_name = choose_format(engine.registry, "replay", format_name, output, "text")
    report_ = replay_result(engine, result, inspection)
    emit_document(engine.registry, "replay", format_name, output, "text", report_)
    if not report_["reproduced"]:
        sys.exit(1)


@click.command(short_help="How firm each rating is, given the sample sizes.")
@click.argument("inspection", type=click.Path(path_type=Path, readable=False))
@click.option("--resamples", default=10_000, show_default=True, type=click.IntRange(1, 1_000_000), help="How many resamples.")
@click.option("--seed", default=0, show_default=True, type=int, help="The random seed: the same seed gives the same figures.")
@framework_option
@format_option("stability", "text: shares a person reads; json: the same for machines", "Default: from -o's extension, else text.")
@output_option("Write the stability report to this file (atomically) instead of standard output; - for standard output.")
@allow_out_of_window_option
@frameworks_dir_option
def stability(inspection: Path, resamples: int, seed: int, framework_name: str | None, format_name: str | None,
              output: Path | None, allow_out_of_window: bool, frameworks_dirs) -> None:
    """How firm each rating is given the sample sizes: re-rate resamples of the cases.

    Each case sample is resampled with replacement RESAMPLES times and every standard re-rated
    (with moderation as recorded; professional discretion is not repeated). Reports, per standard
    and overall, the share of resamples giving each rating.

    \b
    Examples:
      ratings stability examples/synthetic-crc-2019.json
      ratings stability examples/synthetic-crc-2019.json --resamples 1000 --seed 7 --format json
    """
    from ..analysis.stability import stability as stability_of
    from ..io.jsonio import placed
    from ..rating.inspection import load_inspection

    engine = make_engine(frameworks_dirs)
    format_name = choose_format(engine.registry, "stability", format_name, output, "text")  # before the resamples, not after
    declare_inputs(inspection, framework_name)
    document, raw = load_inspection(inspection)
    evaluation = engine.evaluate_loaded(document, raw, inspection, framework_name, allow_out_of_window=allow_out_of_window)
    try:
        report_ = stability_of(evaluation, document, engine.registry, resamples, seed, file=str(inspection))
    except InvalidInputError as error:
        raise placed(error, str(inspection), raw) from None
    declare_inputs(evaluation.framework.path)
    emit_document(engine.registry, "stability", format_name, output, "text", report_)

