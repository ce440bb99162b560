"""What the `ratings` commands share: making the engine, reporting problems, common options."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import click

from ..errors import Problem

frameworks_dir_option = click.option(
    "--frameworks-dir", "frameworks_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
    help="Also look for framework files in DIR (searched before the installed ones). Repeatable.")

allow_out_of_window_option = click.option(
    "--allow-out-of-window", is_flag=True,
    help="Rate under a version whose effective dates exclude the fieldwork date (or, with none in force, "
         "the nearest version); the result carries a warning.")


def make_engine(frameworks_dirs=()) -> Any:
    """An engine with fresh plugins (and any given with --plugin); plugin failures are shown as warnings."""
    from ..api import Engine
    from ..plugin_host.plugin_guard import watch_interrupts
    from ..plugin_host.registry import load_registry

    watch_interrupts()  # from here on, plugin code runs: tell a real Ctrl-C from a plugin raising KeyboardInterrupt
    context = click.get_current_context(silent=True)
    local = (context.find_root().obj or {}).get("plugins", ()) if context else ()
    registry = load_registry(modules=local) if local else None
    engine = Engine(registry, frameworks_dirs=frameworks_dirs)
    from ..io.safe_text import printable

    for failure in engine.registry.failures:  # a plugin's own words are shown, never obeyed by the terminal
        click.echo(f"warning: {printable(failure)}", err=True)
    return engine


def report(problems: list[Problem]) -> None:
    """Each problem on its own line on standard error."""
    for problem in problems:
        click.echo(str(problem), err=True)


def emit(text: str, output: Path | None, what: str) -> None:
    """Print TEXT (no OUTPUT, or `-o -`), or write it to OUTPUT through the one writer (engine/io/writing.py)."""
    from ..io.writing import is_standard_output, shown, standard_output_failed, write_text

    if output is None or is_standard_output(output):
        try:
            click.echo(text, nl=False)
        except OSError as error:
            if error.errno == errno.EPIPE:  # the reader stopped reading (| head): not a failure to write
                raise
            raise standard_output_failed(error) from None
    else:
        write_text(output, text)
        click.echo(f"wrote {shown(output)} ({what})", err=True)


def declare_inputs(*paths) -> None:
    """Name the files this command reads (None and `-` are skipped), before it writes anything.

    The reader remembers every file it reads; declaring them as well covers a file not read yet
    when an output is written (a batch's later inspections) and a framework resolved by name.
    """
    from ..io import inputs

    inputs.declare(str(p) for p in paths if p is not None and str(p) != "-")


def output_option(help_text: str = "Write to this file (atomically) instead of standard output; - for standard output."):
    """-o FILE: the file a command writes instead of standard output (any file but an input; - is standard output)."""
    return click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True), metavar="FILE", help=help_text)


def text_or_json_option(help_text: str):
    return click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True,
                        help=help_text)


def framework_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse an empty framework name as a usage error: '' would otherwise quietly mean 'the default'."""
    if value is not None and not value.strip():
        raise click.BadParameter("is empty: name a framework as ID@VERSION, a family, or a framework file", ctx, param)
    return value
