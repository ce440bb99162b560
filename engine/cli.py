"""The `ratings` command line.

Exit codes: 0 success; 1 invalid input, evaluation error or plugin failure; 2 usage error.
This is the only module that turns the engine's errors into messages and exit codes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .cli_common import allow_out_of_window_option, emit, frameworks_dir_option, make_engine, report
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
@click.argument("inspection", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--framework", "framework_name", metavar="ID@VERSION",
              help="The framework version to rate under (or a framework file). Default: the inspection's "
                   "'framework', else the version in force on its fieldwork start date.")
@click.option("--compare-with", "compare_with", metavar="ID@VERSION",
              help="Also rate the inspection under this version and show, per standard, both ratings and why they "
                   "differ. Data that version has no use for is ignored, with a note.")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path),
              help="The provider's previous inspection: its figures are shown beside this one's where a format has "
                   "a previous column (for example the prompt tables).")
@click.option("--format", "format_name", metavar="NAME",
              help="Output format: text (default) or json, or one a plugin adds. Default from -o's extension.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result to this file (atomically) instead of standard output.")
@allow_out_of_window_option
@frameworks_dir_option
def evaluate(inspection: Path, framework_name: str | None, compare_with: str | None, previous: Path | None,
             format_name: str | None, output: Path | None, allow_out_of_window: bool, frameworks_dirs) -> None:
    """Rate the inspection in INSPECTION and show each standard's rating with its reason."""
    from .result import result_document

    engine = make_engine(frameworks_dirs)
    if output is not None and output.resolve() == inspection.resolve():
        raise click.UsageError("the output file is the inspection file; choose another -o")
    evaluation = engine.evaluate_file(inspection, framework_name, allow_out_of_window=allow_out_of_window)
    if compare_with is not None:
        from .jsonio import to_json_text
        from .rerate import rerate, render_rerate_text

        if format_name not in (None, "text", "json"):
            raise click.BadParameter("with --compare-with, the format is text or json", param_hint="--format")
        other = engine.evaluate_file(inspection, compare_with, allow_out_of_window=True, lenient=True)
        comparison = rerate(evaluation, other)
        chosen = format_name or ("json" if output is not None and output.suffix.lower() == ".json" else "text")
        emit(to_json_text(comparison) if chosen == "json" else render_rerate_text(comparison), output, chosen)
        return
    formats = engine.registry.output_formats
    chosen = _choose_format(formats, format_name, output)
    document = result_document(evaluation)
    if previous is not None:
        from .result import with_previous

        document = with_previous(document, result_document(engine.evaluate_file(previous, allow_out_of_window=allow_out_of_window)))
    emit(render(engine.registry, chosen, document), output, chosen)


def render(registry, name: str, document: dict) -> str:
    """Render DOCUMENT in output format NAME; a format that fails or returns no text names its plugin."""
    from .errors import PluginError

    info = registry.provider("output format", name)
    who = f"output format {name!r} from plugin {info.describe() if info else '?'}"
    try:
        text = registry.output_formats[name].render(document)
    except Exception as error:
        raise PluginError(f"{who} failed: {type(error).__name__}: {error}") from None
    if not isinstance(text, str):
        raise PluginError(f"{who} returned {type(text).__name__}, not text")
    return text


def _choose_format(formats, name: str | None, output: Path | None) -> str:
    if name is not None:
        if name not in formats:
            raise click.BadParameter(f"{name!r} is not an output format; known: {', '.join(sorted(formats))}", param_hint="--format")
        return name
    if output is not None:
        suffix = output.suffix.lower()
        for candidate, fmt in sorted(formats.items()):
            if suffix in (extension.lower() for extension in fmt.extensions):
                return candidate
    return "text"


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
    from .cli_versions import compare, diff, frameworks_command

    for command in (frameworks_command, diff, compare):
        cli.add_command(command)


_add_commands()


def main() -> None:
    """Entry point of the `ratings` command."""
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
