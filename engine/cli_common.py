"""What the `ratings` commands share: making the engine, reporting problems, common options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .errors import Problem

frameworks_dir_option = click.option(
    "--frameworks-dir", "frameworks_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
    help="Also look for framework files in DIR (searched before the installed ones). Repeatable.")

allow_out_of_window_option = click.option(
    "--allow-out-of-window", is_flag=True,
    help="Rate under a version whose effective dates exclude the fieldwork date (or, with none in force, "
         "the nearest version); the result carries a warning.")


def make_engine(frameworks_dirs=()) -> Any:
    """An engine with fresh plugins (and any given with --plugin); plugin failures are shown as warnings."""
    from .api import Engine
    from .registry import load_plugin_module, load_registry

    context = click.get_current_context(silent=True)
    local = (context.find_root().obj or {}).get("plugins", ()) if context else ()
    registry = load_registry(plugins=[load_plugin_module(spec) for spec in local]) if local else None
    engine = Engine(registry, frameworks_dirs=frameworks_dirs)
    for failure in engine.registry.failures:
        click.echo(f"warning: {failure}", err=True)
    return engine


def report(problems: list[Problem]) -> None:
    """Each problem on its own line on standard error."""
    for problem in problems:
        click.echo(str(problem), err=True)


def emit(text: str, output: Path | None, what: str) -> None:
    """Print TEXT, or write it atomically to OUTPUT."""
    from .jsonio import write_atomic

    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output} ({what})", err=True)


def text_or_json_option(help_text: str):
    return click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True,
                        help=help_text)
