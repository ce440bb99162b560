"""`ratings template` and `ratings import`: the workbook an inspection team fills in, and reading it back."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import hint_for
from ..io.safe_text import printable
from .common import declare_inputs, emit, framework_name, frameworks_dir_option, make_engine, output_option, prints_json
from .completion import complete_versions

_NEVER_REPLACED = ("the file already exists; a template never replaces a file, which may be a filled workbook: use --force, "
                   "or choose another name")


@click.command("template", short_help="Make the workbook an inspection team fills in.")
@click.argument("framework", metavar="ID@VERSION", callback=framework_name, shell_complete=complete_versions)
@click.option("--sample", "samples", multiple=True, metavar="SAMPLE",
              help="Only this case sample's sheet (repeatable); by default every case sample has one.")
@click.option("--format", "format_name", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True,
              help="xlsx: one workbook; csv: a folder of CSV files (UTF-8 with a byte order mark, for Excel), one per sheet.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, metavar="FILE|DIR",
              help="The workbook to write (xlsx), or the folder to write the CSV files into (csv).")
@click.option("--force", is_flag=True, help="Replace files already there (otherwise a template never replaces a file).")
@frameworks_dir_option
def template(framework: str, samples: tuple[str, ...], format_name: str, output: Path, force: bool, frameworks_dirs) -> None:
    """Make the workbook an inspection team fills in, case by case, for a framework version.

    ID@VERSION is an installed version or a framework file. The workbook has an About sheet (the
    version and its SHA-256, and how to fill it in), a sheet per case sample with a row per case, and
    sheets for the inspection's fields, judgements, moderation and discretion. Read it back with
    `ratings import`.

    \b
    Examples:
      ratings template hmip-crc@2019 -o crc-2019.xlsx
      ratings template hmip-crc@2019 --format csv -o crc-2019-sheets
    """
    from ..io.writing import check, is_standard_output, make_folder, shown, write_bytes, write_text
    from ..sheets import template as made
    from ..sheets.sheet_layout import case_samples, layout

    if is_standard_output(output):
        raise click.BadParameter("a template is written to a file (xlsx) or a folder (csv), not to standard output", param_hint="-o")
    declare_inputs(framework if Path(framework).suffix == ".json" else None)
    engine = make_engine(frameworks_dirs)
    chosen = engine.framework(framework)
    known = [s.id for s in case_samples(chosen)]
    for sample in samples:
        if sample not in known:
            hint = hint_for(sample, known)
            raise click.BadParameter(f"{sample!r} is not a case sample of {chosen.ref}" + (f" ({hint})" if hint else ""),
                                     param_hint="--sample")
    sheets = layout(chosen, engine.registry, samples)
    if format_name == "xlsx":
        write_bytes(output, made.workbook(chosen, sheets), exclusive=not force, if_exists=_NEVER_REPLACED)
    else:
        files = made.csv_files(chosen, sheets)
        make_folder(output)
        for name in files:  # every file is checked before any is written, so a refusal leaves no half template
            check(output / name, exclusive=not force, if_exists=_NEVER_REPLACED)
        for name, text in files.items():
            write_text(output / name, text, exclusive=not force, if_exists=_NEVER_REPLACED)
    cases = sum(1 for sheet in sheets if sheet.kind == "cases")
    click.echo(f"wrote {shown(output)} (template of {chosen.ref}: {cases} case sample sheet(s))", err=True)


@click.command("import", short_help="Read a filled workbook back into an inspection.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--framework", "framework", metavar="ID@VERSION", callback=framework_name, shell_complete=complete_versions,
              help="Read the workbook under this version (or framework file), not the one its About sheet names.")
@output_option("Write the inspection to this file (atomically) instead of standard output; - for standard output.")
@frameworks_dir_option
def import_command(files: tuple[Path, ...], framework: str | None, output: Path | None, frameworks_dirs) -> None:
    """Read a filled workbook (or its CSV files, or a folder of them) back into an inspection file.

    The inspection is checked as `ratings evaluate` checks one, and every problem is reported with
    its sheet, row and column. Nothing is written while any problem remains.

    \b
    Examples:
      ratings import crc-2019.xlsx -o inspection.json
      ratings import crc-2019-sheets/ --framework hmip-crc@2019 -o inspection.json
    """
    from ..io.jsonio import to_json_text
    from ..sheets.importing import import_files

    prints_json()
    paths = _inputs(files)
    declare_inputs(*paths, framework if framework and Path(framework).suffix == ".json" else None)
    engine = make_engine(frameworks_dirs)
    imported = import_files(engine, paths, framework)
    for note in imported.notes:
        click.echo(f"note: {note}", err=True)
    for warning in imported.warnings:
        click.echo(f"warning: {printable(warning['message'])}", err=True)
    cases = sum(len(sample["cases"]) for sample in imported.document["samples"].values())
    emit(to_json_text(imported.document), output, f"inspection under {imported.framework.ref}: {cases} cases")


def _inputs(files: tuple[Path, ...]) -> list[Path]:
    """The files to read: a folder stands for the CSV files in it. One workbook, or CSV files, not both."""
    paths: list[Path] = []
    for path in files:
        if path.is_dir():
            paths.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith(".")))
        else:
            paths.append(path)
    workbooks = [p for p in paths if p.suffix.lower() != ".csv"]
    if not paths:
        raise click.BadParameter("no CSV files in the folder given", param_hint="FILES")
    if workbooks and len(paths) > 1:
        raise click.BadParameter("give one workbook, or CSV files (or a folder of them), not both and not several workbooks",
                                 param_hint="FILES")
    return paths
