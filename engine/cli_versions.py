"""The `ratings` commands about versions and change: frameworks, diff, compare."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_common import allow_out_of_window_option, emit, frameworks_dir_option, make_engine, text_or_json_option


@click.command("frameworks")
@frameworks_dir_option
def frameworks_command(frameworks_dirs) -> None:
    """List the framework versions installed or on the search path, with status and effective dates."""
    engine = make_engine(frameworks_dirs)
    catalogue = engine.catalogue
    for entry in catalogue.entries:
        window = f"{entry.effective_from or '?'} to {entry.effective_to or 'now'}"
        click.echo(f"{entry.ref:<20} {entry.status:<14} {window:<26} {entry.title}")
        click.echo(f"{'':<20} {entry.path}")
    if not catalogue.entries:
        click.echo("no framework versions found")
    for ref, paths in sorted(catalogue.conflicts.items()):
        click.echo(f"error: {ref} is claimed by more than one file: {', '.join(str(p) for p in paths)}", err=True)
    if catalogue.conflicts:
        sys.exit(1)


@click.command()
@click.argument("old", metavar="A")
@click.argument("new", metavar="B")
@text_or_json_option("text: a briefing a person reads; json: the changes for machines.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead.")
@frameworks_dir_option
def diff(old: str, new: str, format_name: str, output: Path | None, frameworks_dirs) -> None:
    """List what changed from framework version A to B (each ID@VERSION or a framework file).

    Standards, key questions and prompts added, removed or reworded; rule changes; metadata.
    """
    from .diff import diff_frameworks, render_diff_text
    from .jsonio import to_json_text

    engine = make_engine(frameworks_dirs)
    changes = diff_frameworks(engine.framework(old), engine.framework(new))
    emit(to_json_text(changes) if format_name == "json" else render_diff_text(changes), output, format_name)


@click.command()
@click.argument("previous", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("current", type=click.Path(dir_okay=False, path_type=Path))
@text_or_json_option("text: a table a person reads; json: the comparison for machines.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead.")
@allow_out_of_window_option
@frameworks_dir_option
def compare(previous: Path, current: Path, format_name: str, output: Path | None, allow_out_of_window: bool,
            frameworks_dirs) -> None:
    """Compare an inspection with the previous inspection of the same provider.

    Each inspection is rated under its own framework version; key questions are lined up by id, and
    a change is called significant only where a two-proportion Z test at the current framework's
    significance level says so. Where either side has only a published percentage, the
    significance is 'unknown'.
    """
    from .compare import compare_results, render_compare_text, significance_level_of
    from .jsonio import to_json_text
    from .result import result_document

    engine = make_engine(frameworks_dirs)
    before = engine.evaluate_file(previous, allow_out_of_window=allow_out_of_window)
    after = engine.evaluate_file(current, allow_out_of_window=allow_out_of_window)
    level = significance_level_of(after.framework)
    if level is None:
        raise click.ClickException(f"{after.framework.ref} has no 'comparison' rule, so significance cannot be judged")
    if before.provider != after.provider:
        click.echo(f"warning: the inspections are of different providers ({before.provider!r} and {after.provider!r})", err=True)
    comparison = compare_results(result_document(before), result_document(after), level)
    emit(to_json_text(comparison) if format_name == "json" else render_compare_text(comparison), output, format_name)
