"""The `ratings` commands about versions and change: frameworks, diff, compare."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import (
    allow_out_of_window_option,
    choose_format,
    declare_inputs,
    emit_document,
    format_option,
    framework_name,
    frameworks_dir_option,
    make_engine,
    output_option,
)
from .completion import complete_versions

_LIST_WORDS = "text: two lines per version; json: the same for machines"


@click.group("frameworks", invoke_without_command=True, short_help="List, start or show framework versions.")
@format_option("framework-list", _LIST_WORDS)
@output_option()
@frameworks_dir_option
@click.pass_context
def frameworks_command(ctx: click.Context, format_name: str | None, output: Path | None, frameworks_dirs) -> None:
    """Framework versions: list them (the default), start a new one, or show one as a document.

    \b
    Examples:
      ratings frameworks
      ratings frameworks new hmip-crc@2021 --from hmip-crc@2019 --into frameworks
      ratings frameworks show hmip-crc@2019 -o hmip-crc-2019.html
    """
    ctx.ensure_object(dict)["frameworks_dirs"] = frameworks_dirs
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_frameworks, format_name=format_name, output=output)
    elif format_name is not None or output is not None:
        raise click.UsageError(f"--format and -o before '{ctx.invoked_subcommand}' are for the list: give them after it")


def _dirs(frameworks_dirs) -> tuple:
    """--frameworks-dir given to the group and to the subcommand alike."""
    group = click.get_current_context().parent
    return tuple(((group.obj if group else None) or {}).get("frameworks_dirs", ())) + tuple(frameworks_dirs or ())


@frameworks_command.command("list", short_help="List the framework versions, with status and dates.")
@format_option("framework-list", _LIST_WORDS)
@output_option()
@frameworks_dir_option
def list_frameworks(format_name: str | None = None, output: Path | None = None, frameworks_dirs=()) -> None:
    """List the framework versions installed or on the search path, with status and effective dates.

    \b
    Examples:
      ratings frameworks list
      ratings frameworks list --frameworks-dir frameworks --format json
    """
    engine = make_engine(_dirs(frameworks_dirs))
    catalogue = engine.catalogue
    emit_document(engine.registry, "framework-list", format_name, output, "text", catalogue.listing())
    for ref, paths in sorted(catalogue.copies.items()):
        click.echo(f"note: {ref} is in {len(paths)} identical files, one version: {paths[0]} is used "
                   f"(the same bytes also in {', '.join(str(p) for p in paths[1:])})", err=True)
    for problem in catalogue.problems:
        click.echo(f"warning: {problem}", err=True)
    for ref in sorted(catalogue.conflicts):
        click.echo(f"error: {catalogue.conflict_message(ref)}", err=True)
    if catalogue.conflicts:
        sys.exit(1)


@frameworks_command.command("new", short_help="Start a new version as a draft copy of another.")
@click.argument("target", metavar="ID@VERSION", callback=framework_name)
@click.option("--from", "source", required=True, metavar="ID@VERSION", callback=framework_name, shell_complete=complete_versions,
              help="The version to start from (or a framework file).")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write ID/VERSION.json into. Default: the first of --frameworks-dir and "
                   "RATINGS_FRAMEWORKS_PATH, else ./frameworks.")
@click.option("--effective-from", metavar="YYYY-MM-DD", help="The first fieldwork date the new version applies to.")
@frameworks_dir_option
def new_framework(target: str, source: str, into: Path | None, effective_from: str | None, frameworks_dirs) -> None:
    """Start framework version ID@VERSION as a draft copy of another version. Never overwrites a file.

    The new file has status 'draft', no effective_to, and provenance saying what it was derived
    from. Edit it, check it with `ratings validate`, compare it with `ratings diff`, and set its
    status when it is published.
    """
    from ..io.writing import shown
    from ..model.drafts import draft_path, schema_reference, still_as_in, write_draft

    engine = make_engine(_dirs(frameworks_dirs))
    declare_inputs(source)
    original = engine.framework(source)
    declare_inputs(original.path)
    path = draft_path(target, into, _dirs(frameworks_dirs))
    existing = [e.path for e in engine.catalogue.entries if e.ref == target]
    schema, why = schema_reference(path.parent)
    draft = write_draft(original, target, path, existing, effective_from, schema)
    click.echo(f"wrote {shown(path)}: {target} (draft), derived from {original.ref}")
    click.echo(f"$schema: {schema}, {why}")
    stale = still_as_in(original, draft)
    if stale:
        click.echo(f"still as in {original.ref}: {', '.join(stale)}")


@frameworks_command.command("show", short_help="Show a framework version as a document to review.")
@click.argument("name", metavar="ID@VERSION", callback=framework_name, shell_complete=complete_versions)
@format_option("framework-outline", "text, markdown and html: a document to review; json: the same outline for machines")
@output_option()
@frameworks_dir_option
def show_framework(name: str, format_name: str | None, output: Path | None, frameworks_dirs) -> None:
    """Show a framework version (or file) as a document to review: structure, rules in words, sources.

    \b
    Examples:
      ratings frameworks show hmip-crc@2019
      ratings frameworks show frameworks/hmip-crc/2019.json --format markdown
    """
    from ..reports.framework_doc import framework_outline

    declare_inputs(name)
    engine = make_engine(_dirs(frameworks_dirs))
    format_name = choose_format(engine.registry, "framework-outline", format_name, output, "text")
    framework = engine.framework(name)
    declare_inputs(framework.path)
    outline = framework_outline(framework, engine.registry)
    emit_document(engine.registry, "framework-outline", format_name, output, "text", outline)


@click.command(short_help="List what changed from framework version A to B.")
@click.argument("old", metavar="A", callback=framework_name, shell_complete=complete_versions)
@click.argument("new", metavar="B", callback=framework_name, shell_complete=complete_versions)
@format_option("framework-diff", "text: a briefing a person reads; json: the changes for machines")
@output_option()
@frameworks_dir_option
def diff(old: str, new: str, format_name: str | None, output: Path | None, frameworks_dirs) -> None:
    """List what changed from framework version A to B (each ID@VERSION or a framework file).

    Standards, key questions and prompts added, removed or reworded; rule changes; metadata.

    \b
    Examples:
      ratings diff hmip-crc@2018 hmip-crc@2019
      ratings diff hmip-crc@2018 frameworks/hmip-crc/2019.json -o changes.json
    """
    from ..model.diff import diff_frameworks

    engine = make_engine(frameworks_dirs)
    format_name = choose_format(engine.registry, "framework-diff", format_name, output, "text")
    declare_inputs(old, new)
    before, after = engine.framework(old), engine.framework(new)
    declare_inputs(before.path, after.path)
    changes = diff_frameworks(before, after, engine.registry.describe)
    emit_document(engine.registry, "framework-diff", format_name, output, "text", changes)


@click.command(short_help="Compare an inspection with the provider's previous one.")
@click.argument("previous", type=click.Path(path_type=Path, readable=False))
@click.argument("current", type=click.Path(path_type=Path, readable=False))
@format_option("comparison", "text: a table a person reads; json: the comparison for machines")
@output_option()
@allow_out_of_window_option
@frameworks_dir_option
def compare(previous: Path, current: Path, format_name: str | None, output: Path | None, allow_out_of_window: bool,
            frameworks_dirs) -> None:
    """Compare an inspection with the previous inspection of the same provider.

    Each inspection is rated under its own framework version; key questions are lined up by id, and
    a change is called significant only where a two-proportion Z test at the current framework's
    significance level says so. Where either side has only a published percentage, the
    significance is 'unknown'.

    \b
    Examples:
      ratings compare examples/south-yorkshire-crc-2019.json examples/south-yorkshire-crc-2020.json
    """
    from ..analysis.compare import compare_results, significance_level_of
    from ..reports.result import result_document

    engine = make_engine(frameworks_dirs)
    format_name = choose_format(engine.registry, "comparison", format_name, output, "text")
    declare_inputs(previous, current)
    before = engine.evaluate_file(previous, allow_out_of_window=allow_out_of_window)
    after = engine.evaluate_file(current, allow_out_of_window=allow_out_of_window)
    declare_inputs(before.framework.path, after.framework.path)
    level = significance_level_of(after.framework)
    if level is None:
        click.echo(f"note: {after.framework.ref} sets no comparison rule, so no change is judged significant or not", err=True)
    if before.provider != after.provider:
        click.echo(f"warning: the inspections are of different providers ({before.provider!r} and {after.provider!r})", err=True)
    comparison = compare_results(result_document(before), result_document(after), level)
    emit_document(engine.registry, "comparison", format_name, output, "text", comparison)
