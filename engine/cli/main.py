"""The `ratings` command line.

Exit codes: 0 success; 1 invalid input, evaluation error or plugin failure; 2 usage error; 130
interrupted (Ctrl-C). main() holds every run to these and turns an unexpected exception into one line.
This is the only module that turns the engine's errors into messages and exit codes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import InvalidInputError, LimitSettingError, PluginError, Problem, RatingsError, SelectionError
from ..io import limits
from ..io.safe_text import printable
from .common import (
    FORMAT_KEY,
    OUTPUT_KEY,
    allow_out_of_window_option,
    choose_format,
    declare_inputs,
    emit_document,
    format_option,
    framework_name,
    frameworks_dir_option,
    make_engine,
    output_option,
    report,
)
from .completion import complete_versions


class _ProblemsFound(click.ClickException):
    """Invalid input: every problem on its own line on standard error, exit code 1.

    Where the command was asked for JSON on standard output, the problems are printed there too, as
    the document `ratings validate --format json` prints (schemas/validation.schema.json), so that a
    program reading the output reads problems as it reads results.
    """

    exit_code = 1

    def __init__(self, problems: list[Problem], as_json: bool = False):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
        self.as_json = as_json

    def show(self, file=None) -> None:
        report(self.problems)
        if self.as_json:
            from ..io.jsonio import to_json_text

            click.echo(to_json_text(problem_document(self.problems)), nl=False)


def problem_document(problems: list[Problem]) -> list[dict]:
    """PROBLEMS as a validation document: one entry per file at fault, in the order first met."""
    files: dict[str, list[dict]] = {}
    for problem in problems:
        files.setdefault(problem.file or "<input>", []).append(problem.to_dict())
    return [{"file": name, "kind": "file", "valid": False, "problems": found} for name, found in files.items()]


def _wants_json(ctx: click.Context) -> bool:
    """Whether the command run was asked for JSON printed on standard output (--format json, and no -o FILE)."""
    from ..io.writing import is_standard_output

    output = ctx.meta.get(OUTPUT_KEY)
    return ctx.meta.get(FORMAT_KEY) == "json" and (output is None or is_standard_output(output))


class _RatingsGroup(click.Group):
    """Turns the engine's errors into messages and exit code 1, so no traceback reaches a user."""

    def invoke(self, ctx: click.Context):
        from ..io import inputs

        inputs.start_run()  # each command writes around its own inputs only (tests run many in one process)
        try:
            limits.current()  # a limit set wrongly in the environment is refused before any command runs
            return super().invoke(ctx)
        except InvalidInputError as error:
            raise _ProblemsFound(error.problems, _wants_json(ctx)) from None
        except LimitSettingError as error:
            raise click.UsageError(str(error)) from None
        except SelectionError as error:  # a framework named on the command line, with no inspection to point into
            raise _ProblemsFound([error.problem()], _wants_json(ctx)) from None
        except PluginError as error:
            raise _ProblemsFound([error.problem()], _wants_json(ctx)) from None
        except RatingsError as error:
            raise click.ClickException(printable(error)) from None
        except OSError as error:
            raise click.ClickException(printable(f"{error.filename or ''}: {error.strerror or error}")) from None


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


@cli.command(short_help="Check framework and inspection files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--framework", "framework_name", metavar="ID@VERSION", callback=framework_name, shell_complete=complete_versions,
              help="The framework to check inspections against. Default: as for evaluate.")
@format_option("validation", "text: each problem on standard error, then one line per file; json: the files and their problems "
                             "for machines", "Default: text.")
@output_option("Write the validation to this file (atomically) instead of standard output; - for standard output.")
@allow_out_of_window_option
@frameworks_dir_option
def validate(files: tuple[Path, ...], framework_name: str | None, format_name: str | None, output: Path | None,
             allow_out_of_window: bool, frameworks_dirs) -> None:
    """Check framework and inspection files, reporting each problem with its place.

    Each problem names the file, the JSON pointer of the place at fault, and what was expected. A
    document the commands write (a result, an impact, ...) is checked against its schema in
    schemas/. Each file is checked in stages (JSON, then its schema, then its meaning, then the
    plugins' checks of a framework), and a stage with problems stops that file's later stages. A
    draft whose title or effective window is still that of the version it was derived from is
    warned about. Exits 0 when every file is valid, 1 otherwise.

    \b
    Examples:
      ratings validate frameworks/hmip-crc/2019.json examples/south-yorkshire-crc-2020.json
      ratings validate examples/corpus/crc-01-northshire.json examples/corpus/crc-02-eastmarch.json --format json -o validation.json
    """
    engine = make_engine(frameworks_dirs)
    chosen = choose_format(engine.registry, "validation", format_name, output, "text")  # a wrong name is refused before any work
    declare_inputs(*files, framework_name)
    validation = []
    for path in files:
        checked = engine.check_file(path, framework_name, allow_out_of_window=allow_out_of_window)
        entry = {"file": str(path), "kind": checked.kind, "valid": not checked.problems,
                 "problems": [p.to_dict() for p in checked.problems]}
        if checked.warnings:  # only where there are any, so the document of a file without is as it always was
            entry["warnings"] = checked.warnings
        validation.append(entry)
        if chosen != "json":  # beside a page a person reads, each problem is on standard error with its place
            report(checked.problems)
        for warning in checked.warnings:  # a warning leaves the file valid and the exit code as it is
            click.echo(printable(f"warning: {path}: {warning}"), err=True)
    emit_document(engine.registry, "validation", chosen, output, "text", validation)
    if not all(entry["valid"] for entry in validation):
        sys.exit(1)


@cli.command("plugins", short_help="List the loaded plugins and what each provides.")
@format_option("plugin-list", "text: each plugin and what it provides; json: the same for machines", "Default: text.")
def plugins_command(format_name: str | None) -> None:
    """List the loaded plugins and what each provides.

    \b
    Examples:
      ratings plugins
      ratings plugins --format json
    """
    from ..plugin_host.registry import plugin_list

    engine = make_engine()
    emit_document(engine.registry, "plugin-list", format_name, None, "text", plugin_list(engine.registry))


def _add_commands() -> None:
    from .evaluate import evaluate, explain, replay, stability
    from .impact import impact
    from .schemas import schemas_command
    from .sheets import import_command, template
    from .studio import studio
    from .versions import compare, diff, frameworks_command

    for command in (evaluate, explain, replay, stability, frameworks_command, diff, compare, impact, template, import_command,
                    studio, schemas_command):
        cli.add_command(command)


_add_commands()


#: Set to 1 to see the traceback of an internal error (a bug) instead of the one-line message.
DEBUG_ENV = "RATINGS_DEBUG"


def main(args: list[str] | None = None) -> None:
    """Entry point of the `ratings` command: exits 0, 1, 2 or 130 (interrupted), never with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot show a character (PYTHONIOENCODING=ascii) gets an escape, not a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    sys.exit(_run(args))


def _run(args: list[str] | None) -> int:
    try:
        returned = cli.main(args=args, prog_name="ratings", standalone_mode=False)
    except click.Abort as abort:
        # click turns Ctrl-C (and end of input at a prompt) into Abort.
        if isinstance(abort.__cause__, EOFError):
            click.echo("ratings: aborted", err=True)
            return 1
        return _interrupted()
    except KeyboardInterrupt:
        return _interrupted()
    except click.ClickException as error:
        error.show()
        return error.exit_code if error.exit_code in (0, 1, 2) else 1
    except SystemExit as done:
        return _exit_code(done.code)
    except Exception as error:  # a bug: one line for the user, the traceback for whoever debugs it
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            raise
        click.echo(f"ratings: internal error: {type(error).__name__}: {printable(error)}. This is a bug in "
                   f"ratings-engine or a plugin; please report it with the command you ran (set {DEBUG_ENV}=1 to "
                   "see the traceback)", err=True)
        return 1
    return _exit_code(returned)


def _interrupted() -> int:
    click.echo("ratings: interrupted", err=True)
    return 130


def _exit_code(code: object) -> int:
    """The documented exit code for CODE, as passed to sys.exit or returned: 0, 1, 2 or 130, nothing else."""
    if code is None:
        return 0
    if isinstance(code, int):
        return int(code) if code in (0, 1, 2, 130) else 1
    click.echo(f"ratings: {printable(code)}", err=True)  # sys.exit("message") prints the message and fails
    return 1


if __name__ == "__main__":  # pragma: no cover
    main()
