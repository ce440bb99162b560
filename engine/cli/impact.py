"""`ratings impact`: what a draft framework version would change across many inspections."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (
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
from .completion import complete_versions


@click.command(short_help="What a draft framework version would change.")
@click.argument("inspections", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--baseline", required=True, metavar="ID@VERSION", callback=framework_name, shell_complete=complete_versions,
              help="The version the inspections are rated under now (or a framework file).")
@click.option("--draft", metavar="ID@VERSION|FILE", callback=framework_name, shell_complete=complete_versions,
              help="The version proposed: a framework file (from `ratings frameworks new`) or ID@VERSION. "
                   "Default with --sweep: the baseline.")
@click.option("--sweep", metavar="PARAMETER=START:STOP[:STEP]",
              help="Also rate the inspections under the draft with PARAMETER at each value from START to STOP (STEP "
                   "default 1): bands.BAND (where a band starts, in percent), overall.RATING (the lowest score rated "
                   "so), discretion.within, weight.STANDARD, or a JSON pointer to a number in the framework file.")
@format_option("impact", "text: a briefing; json: the same for machines; csv: a row per inspection and standard; "
                         "markdown; html: a page with charts; xlsx: a workbook, a sheet per table")
@output_option()
@csv_bom_option
@jobs_option("the rating")
@frameworks_dir_option
def impact(inspections: tuple[Path, ...], baseline: str, draft: str | None, sweep: str | None, format_name: str | None,
           output: Path | None, csv_bom: bool | None, jobs: int, frameworks_dirs) -> None:
    """Rate every inspection under the baseline and the draft, and report what changes and why.

    INSPECTIONS are inspection files or folders of them. Per standard and overall: how many
    inspections move from each rating to each other, and the change in each rating's share. Per
    inspection, most affected first: each changed rating with its cause. Inspections a version
    cannot rate are listed with the reason, and panel decisions the draft no longer allows are named.

    \b
    Examples:
      ratings frameworks new hmip-crc@2020 --from hmip-crc@2019 --into drafts
      ratings impact --baseline hmip-crc@2019 --draft drafts/hmip-crc/2020.json examples/corpus/
      ratings impact --baseline hmip-crc@2019 --sweep bands.good=55:75 examples/corpus/ -o sweep.html
    """
    from ..analysis.batch import inspection_files
    from ..analysis.impact_run import impact as impact_of
    from ..analysis.sweep import SweepError
    from .common import choose_format

    if draft is None and sweep is None:
        raise click.UsageError("name the proposed version with --draft (or give --sweep to vary the baseline)")
    engine = make_engine(frameworks_dirs)
    chosen = choose_format(engine.registry, "impact", format_name, output, "text")  # a wrong name is refused before any work
    found = inspection_files(inspections)
    if not found.files:
        raise click.UsageError("no inspection files found")
    declare_inputs(*found.files, baseline, draft)
    try:
        document = impact_of(engine, baseline, draft or baseline, found.files, sweep=sweep, jobs=jobs)
    except SweepError as error:
        raise click.BadParameter(str(error).removeprefix("--sweep "), param_hint="--sweep") from None
    for framework in (engine.framework(baseline), engine.framework(draft or baseline)):
        declare_inputs(framework.path)
    emit_document(engine.registry, "impact", chosen, output, "text", document, csv_bom)
    _note_not_rated(document)


def _note_not_rated(document) -> None:
    """Say on standard error how many inspections are listed as not rated, so a redirected report does not hide them."""
    count, given = document["counts"]["not_rated"], document["counts"]["given"]
    if count:
        click.echo(f"note: {count} of {given} inspection{'s' if given != 1 else ''} could not be "
                   "rated under one version or both; the report lists each with the reason", err=True)
