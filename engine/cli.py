"""The `ratings` command line.

Exit codes: 0 success; 1 invalid input, evaluation error or plugin failure; 2 usage error.
This is the only module that turns the engine's errors into messages and exit codes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import InvalidInputError, Problem, RatingsError

frameworks_dir_option = click.option(
    "--frameworks-dir", "frameworks_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
    help="Also look for framework files in DIR (searched before the installed ones). Repeatable.")


def _engine(frameworks_dirs=()):
    from .api import Engine

    engine = Engine(frameworks_dirs=frameworks_dirs)
    for failure in engine.registry.failures:
        click.echo(f"warning: {failure}", err=True)
    return engine


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


class _ProblemsFound(click.ClickException):
    """Invalid input: every problem on its own line on standard error, exit code 1."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    def show(self, file=None) -> None:
        _report(self.problems)


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
def cli() -> None:
    """Rate inspections under versioned standards frameworks.

    Evaluate an inspection file with `ratings evaluate FILE`; check framework and inspection files
    with `ratings validate FILE...`.
    """


@cli.command()
@click.argument("inspection", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--framework", "framework_name", metavar="ID@VERSION",
              help="The framework version to rate under (or a framework file). Default: the inspection's "
                   "'framework', else the version in force on its fieldwork start date.")
@click.option("--format", "format_name", metavar="NAME",
              help="Output format: text (default) or json, or one a plugin adds. Default from -o's extension.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result to this file (atomically) instead of standard output.")
@frameworks_dir_option
def evaluate(inspection: Path, framework_name: str | None, format_name: str | None, output: Path | None, frameworks_dirs) -> None:
    """Rate the inspection in INSPECTION and show each standard's rating with its reason."""
    from .jsonio import write_atomic
    from .result import result_document

    engine = _engine(frameworks_dirs)
    formats = engine.registry.output_formats
    chosen = _choose_format(formats, format_name, output)
    if output is not None and output.resolve() == inspection.resolve():
        raise click.UsageError("the output file is the inspection file; choose another -o")
    evaluation = engine.evaluate_file(inspection, framework_name)
    text = formats[chosen].render(result_document(evaluation))
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output} ({chosen})", err=True)


def _choose_format(formats, name: str | None, output: Path | None) -> str:
    if name is not None:
        if name not in formats:
            raise click.BadParameter(f"{name!r} is not an output format; known: {', '.join(sorted(formats))}", param_hint="--format")
        return name
    if output is not None:
        suffix = output.suffix.lower()
        for candidate, fmt in sorted(formats.items()):
            if suffix in fmt.extensions:
                return candidate
    return "text"


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--framework", "framework_name", metavar="ID@VERSION",
              help="The framework to check inspections against. Default: as for evaluate.")
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one line per problem; json: a list of problems for machines.")
@frameworks_dir_option
def validate(files: tuple[Path, ...], framework_name: str | None, format_name: str, frameworks_dirs) -> None:
    """Check framework and inspection files, reporting every problem in one run.

    Each problem names the file, the JSON pointer of the place at fault, and what was expected.
    Exits 0 when every file is valid, 1 otherwise.
    """
    from .jsonio import to_json_text

    engine = _engine(frameworks_dirs)
    report = []
    invalid = False
    for path in files:
        kind, problems = engine.validate_file(path, framework_name)
        invalid = invalid or bool(problems)
        report.append({"file": str(path), "kind": kind, "valid": not problems, "problems": [p.to_dict() for p in problems]})
        if format_name == "text":
            if problems:
                _report(problems)
                click.echo(f"{path}: invalid {kind}, {len(problems)} problem{'s' if len(problems) != 1 else ''}")
            else:
                click.echo(f"{path}: valid {kind}")
    if format_name == "json":
        click.echo(to_json_text(report), nl=False)
    if invalid:
        sys.exit(1)


@cli.command("frameworks")
@frameworks_dir_option
def frameworks_command(frameworks_dirs) -> None:
    """List the framework versions installed or on the search path."""
    engine = _engine(frameworks_dirs)
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


@cli.command("plugins")
def plugins_command() -> None:
    """List the loaded plugins and what each provides."""
    engine = _engine()
    registry = engine.registry
    provided: dict[str, list[str]] = {}
    for (kind, name), info in sorted(registry.providers.items()):
        provided.setdefault(info.name, []).append(f"{kind} {name}")
    for info in registry.plugins:
        origin = f"{info.distribution} {info.version}" if info.distribution else "registered directly"
        click.echo(f"{info.name}  ({origin})")
        for item in provided.get(info.name, []):
            click.echo(f"    {item}")
    for line in registry.overridden:
        click.echo(f"note: {line}")


def main() -> None:
    """Entry point of the `ratings` command."""
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
