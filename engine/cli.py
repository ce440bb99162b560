"""The `ratings` command line.

Exit codes: 0 success; 1 invalid input, evaluation error or plugin failure; 2 usage error.
This is the only module that turns the engine's errors into messages and exit codes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .cli_common import allow_out_of_window_option, frameworks_dir_option, make_engine, report
from .errors import InvalidInputError, Problem, RatingsError

class _ProblemsFound(click.ClickException):
    """Invalid input: every problem on its own line on standard error, exit code 1."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    def show(self, file=None) -> None:
        report(self.problems)


class _RatingsGroup(click.Group):
    """Turns the engine's errors into messages and exit code 1, so no traceback reaches a user."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InvalidInputError as error:
            raise _ProblemsFound(error.problems) from None
        except RatingsError as error:
            raise click.ClickException(str(error)) from None
        except OSError as error:
            raise click.ClickException(f"{error.filename or ''}: {error.strerror or error}") from None


@click.group("ratings", cls=_RatingsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="ratings")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE",
              help="Load a local plugin module (a module name, or a .py file) for this run. Repeatable.")
@click.pass_context
def cli(ctx: click.Context, plugins: tuple[str, ...]) -> None:
    """Rate inspections under versioned standards frameworks.

    Evaluate an inspection file with `ratings evaluate FILE`; check framework and inspection files
    with `ratings validate FILE...`. Set RATINGS_DISABLE_PLUGINS=all to load only the built-in
    plugins, or to a comma-separated list of plugin or distribution names to leave those out.
    """
    ctx.obj = {"plugins": plugins}


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--framework", "framework_name", metavar="ID@VERSION",
              help="The framework to check inspections against. Default: as for evaluate.")
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one line per problem; json: a list of problems for machines.")
@allow_out_of_window_option
@frameworks_dir_option
def validate(files: tuple[Path, ...], framework_name: str | None, format_name: str, allow_out_of_window: bool,
             frameworks_dirs) -> None:
    """Check framework and inspection files, reporting every problem in one run.

    Each problem names the file, the JSON pointer of the place at fault, and what was expected.
    Exits 0 when every file is valid, 1 otherwise.
    """
    from .jsonio import to_json_text

    engine = make_engine(frameworks_dirs)
    summary = []
    invalid = False
    for path in files:
        kind, problems = engine.validate_file(path, framework_name, allow_out_of_window=allow_out_of_window)
        invalid = invalid or bool(problems)
        summary.append({"file": str(path), "kind": kind, "valid": not problems, "problems": [p.to_dict() for p in problems]})
        if format_name == "text":
            if problems:
                report(problems)
                click.echo(f"{path}: invalid {kind}, {len(problems)} problem{'s' if len(problems) != 1 else ''}")
            else:
                click.echo(f"{path}: valid {kind}")
    if format_name == "json":
        click.echo(to_json_text(summary), nl=False)
    if invalid:
        sys.exit(1)


@cli.command("plugins")
def plugins_command() -> None:
    """List the loaded plugins and what each provides."""
    engine = make_engine()
    registry = engine.registry
    provided: dict[str, list[str]] = {}
    tables = {"rating method": registry.rating_methods, "moderation rule": registry.moderation_rules,
              "output format": registry.output_formats}
    for (kind, name), info in sorted(registry.providers.items()):
        item = tables.get(kind, {}).get(name)
        described = f": {item.description}" if item is not None and item.description else ""
        provided.setdefault(info.name, []).append(f"{kind} {name}{described}")
    for info in registry.plugins:
        origin = f"{info.distribution} {info.version}" if info.distribution else "registered directly"
        click.echo(f"{info.name}  ({origin})")
        for item in provided.get(info.name, []):
            click.echo(f"    {item}")
    for line in registry.overridden:
        click.echo(f"note: {line}")


def _add_commands() -> None:
    from .cli_evaluate import evaluate, explain, replay, stability
    from .cli_versions import compare, diff, frameworks_command

    for command in (evaluate, explain, replay, stability, frameworks_command, diff, compare):
        cli.add_command(command)


_add_commands()


def main() -> None:
    """Entry point of the `ratings` command."""
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
