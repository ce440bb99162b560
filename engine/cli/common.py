"""What the `ratings` commands share: making the engine, reporting problems, common options."""

from __future__ import annotations

import errno
import os
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


def emit(text: str | bytes, output: Path | None, what: str) -> None:
    """Print TEXT (no OUTPUT, or `-o -`), or write it to OUTPUT through the one writer (engine/io/writing.py).

    Bytes (a workbook) are only ever written to a file: choose_format refuses a binary format without one.
    """
    from ..io.writing import is_standard_output, shown, standard_output_failed, write_bytes, write_text

    if isinstance(text, bytes):
        if output is None or is_standard_output(output):
            raise click.UsageError(f"{what} is a file format: name the file with -o")
        write_bytes(output, text)
    elif output is None or is_standard_output(output):
        try:
            click.echo(text, nl=False)
        except OSError as error:
            if error.errno == errno.EPIPE:  # the reader stopped reading (| head): not a failure to write
                raise
            raise standard_output_failed(error) from None
    else:
        write_text(output, text)
    if output is not None and not is_standard_output(output):
        click.echo(f"wrote {shown(output)} ({what})", err=True)


def declare_inputs(*paths) -> None:
    """Name the files this command reads (None and `-` are skipped), before it writes anything.

    The reader remembers every file it reads; declaring them as well covers a file not read yet
    when an output is written (a batch's later inspections) and a framework resolved by name.
    """
    from ..io import inputs

    inputs.declare(str(p) for p in paths if p is not None and str(p) != "-")


def jobs_option(what: str):
    """--jobs N: WHAT spread over N processes, with the same output whatever N is."""
    return click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
                        help=f"Spread {what} over N processes. The output is the same, byte for byte, whatever N is.")


def output_option(help_text: str = "Write to this file (atomically) instead of standard output; - for standard output."):
    """-o FILE: the file a command writes instead of standard output (any file but an input; - is standard output)."""
    return click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True), metavar="FILE", help=help_text,
                        callback=_remembered(OUTPUT_KEY))


#: Where the options a failing command was given are kept (ctx.meta, shared by a command and its group), so that
#: the group can print the problems as a document when the command was asked for JSON on standard output.
FORMAT_KEY = "ratings.format"
OUTPUT_KEY = "ratings.output"


def _remembered(key: str):
    def remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is not None:
            ctx.meta[key] = value
        return value

    return remember


def prints_json() -> None:
    """Say that the running command prints JSON whatever its options (import): its problems are printed as JSON too."""
    click.get_current_context().meta.setdefault(FORMAT_KEY, "json")


def _complete_formats(document: str):
    """Shell completion of --format: the formats the loaded plugins provide for DOCUMENT."""
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        return [name for name in formats_of(document, ctx) if name.startswith(incomplete)]

    return complete


def formats_of(document: str, ctx: click.Context | None = None) -> list[str]:
    """The names of the formats the plugins of this run (the installed ones, and any --plugin) provide for DOCUMENT."""
    from ..plugin_host.registry import load_registry

    # The root's parameters, not its obj: when the shell completes a word the group's callback has not run.
    local = tuple(ctx.find_root().params.get("plugins") or ()) if ctx is not None else ()
    registry = load_registry(modules=local) if local else load_registry()
    return sorted(registry.formats_for(document))


class FormatOption(click.Option):
    """--format, whose help names the formats registered for its document when the help is shown.

    Reading the registry means loading the plugins: done for --help only, never to build the
    command, so that `ratings evaluate FILE` starts without the plugins that only help would need.
    """

    def __init__(self, *args: Any, document: str, words: str, default_words: str, **kwargs: Any):
        self.document, self.words, self.default_words = document, words, default_words
        super().__init__(*args, **kwargs)

    @property
    def help(self) -> str:
        """Read whenever the help is shown (--help, or the command reference), from the plugins of that run."""
        names = ", ".join(formats_of(self.document, click.get_current_context(silent=True))) or "none loaded"
        return f"Output format: {names}, or one a plugin adds{' (' + self.words + ')' if self.words else ''}. {self.default_words}"

    @help.setter
    def help(self, value: str | None) -> None:
        pass  # click sets the help it was given, which is none: the property above makes it


def format_option(document: str, words: str = "", default: str = "Default from -o's extension, else text."):
    """--format NAME: any output format a plugin provides for DOCUMENT (see extension.DOCUMENTS).

    The help names the formats registered for DOCUMENT, then WORDS (what they show), then DEFAULT
    (which is chosen when none is named).
    """
    return click.option("--format", "format_name", metavar="NAME", cls=FormatOption, document=document, words=words,
                        default_words=default, shell_complete=_complete_formats(document), callback=_remembered(FORMAT_KEY))


def rendered(registry: Any, document: str, name: str | None, output: Path | None, default: str, value: Any,
             csv_bom: bool | None = None) -> tuple[str, str | bytes]:
    """VALUE, a DOCUMENT, rendered in the format chosen: (the format's name, its text, or its bytes if binary).

    NAME (from --format) if given; else the format whose extension OUTPUT's is; else DEFAULT. An
    unknown NAME is a usage error listing the formats known for DOCUMENT; a format that fails or
    returns something other than it promises (text; bytes where binary) is a PluginError naming its
    plugin. A CSV format's text starts with a byte order mark where with_bom() says so.
    """
    from ..reports.render import render_document

    chosen = choose_format(registry, document, name, output, default, printed=False)
    text = render_document(registry, document, chosen, value)
    fmt = registry.output_format(chosen, document)
    if isinstance(text, str) and is_csv(fmt) and with_bom(output, csv_bom):
        text = BOM + text
    return chosen, text


def is_csv(fmt: Any) -> bool:
    """Whether FMT writes CSV: named csv or csv-..., or claiming the .csv extension."""
    return fmt.name == "csv" or fmt.name.startswith("csv-") or ".csv" in (e.lower() for e in fmt.extensions)


def with_bom(output: Path | None, csv_bom: bool | None) -> bool:
    """Whether CSV written to OUTPUT starts with a byte order mark: as --csv-bom/--no-csv-bom says, else in a file only.

    Excel reads a CSV file as UTF-8 only when it starts with the mark, and most of those who open the
    files use Excel; printed to standard output, the text goes to a program, which the mark would confuse.
    """
    from ..io.writing import is_standard_output

    if csv_bom is not None:
        return csv_bom
    return output is not None and not is_standard_output(output)


#: The byte order mark that tells Excel a CSV file is UTF-8.
BOM = "\ufeff"

csv_bom_option = click.option(
    "--csv-bom/--no-csv-bom", "csv_bom", default=None,
    help="Start CSV with a UTF-8 byte order mark, which Excel needs to read accented names right. Default: in a file "
         "written with -o (or --summary, --output-dir), yes; on standard output, no.")


def emit_document(registry: Any, document: str, name: str | None, output: Path | None, default: str, value: Any,
                  csv_bom: bool | None = None) -> str:
    """Render VALUE, a DOCUMENT, as rendered() chooses, and print or write it as emit() does; the format's name."""
    choose_format(registry, document, name, output, default)  # a binary format without a file is refused before the work
    chosen, text = rendered(registry, document, name, output, default, value, csv_bom)
    emit(text, output, chosen)
    return chosen


def choose_format(registry: Any, document: str, name: str | None, output: Path | None, default: str, *,
                  printed: bool = True) -> str:
    """The name of the format to render DOCUMENT in: NAME, else the one OUTPUT's extension names, else DEFAULT.

    An OUTPUT whose extension no format of DOCUMENT claims is a usage error listing the formats and
    their extensions, rather than, say, a page of text behind an .xlsx name. Where PRINTED (the
    command prints or writes OUTPUT itself; a batch writes files of its own), a binary format
    without a file named is a usage error too.
    """
    from ..io.writing import is_standard_output

    formats = registry.formats_for(document)
    chosen = _chosen(formats, document, name, output, default)
    if printed and formats[chosen].binary and (output is None or is_standard_output(output)):
        raise click.UsageError(f"{chosen} is a file format: name the file with -o")
    return chosen


def _chosen(formats: Any, document: str, name: str | None, output: Path | None, default: str) -> str:
    known = ", ".join(sorted(formats)) or "none"
    disabled = os.environ.get("RATINGS_DISABLE_PLUGINS", "").strip()
    if name is not None:
        if name not in formats:
            setting = f" (RATINGS_DISABLE_PLUGINS={disabled} leaves plugins out)" if disabled else ""
            of = "" if document == "result" else f" for {document} documents"
            raise click.BadParameter(f"{name!r} is not an output format{of}; known: {known}{setting}", param_hint="--format")
        return name
    suffix = output.suffix.lower() if output is not None else ""
    if suffix:
        for candidate, fmt in sorted(formats.items()):
            if suffix in (extension.lower() for extension in fmt.extensions):
                return candidate
        of = "" if document == "result" else f" of {document} documents"
        claimed = "; ".join(f"{n} ({', '.join(f.extensions) or 'by --format only'})" for n, f in sorted(formats.items()))
        raise click.BadParameter(f"no output format{of} writes {suffix} files: {claimed or 'none'}. Name the file with one "
                                 "of those extensions, or choose the format with --format", param_hint="-o")
    if default not in formats:
        setting = f"; RATINGS_DISABLE_PLUGINS={disabled} leaves plugins out" if disabled else ""
        # The plugins left out are the user's setting, not a fault of any plugin: a usage error, as for --format.
        raise click.UsageError(f"output format {default!r}, the default here, is not available: no loaded plugin provides it "
                               f"(loaded: {known}){setting}; name an available one with --format")
    return default


def framework_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse an empty framework name as a usage error: '' would otherwise quietly mean 'the default'."""
    if value is not None and not value.strip():
        raise click.BadParameter("is empty: name a framework as ID@VERSION, a family, or a framework file", ctx, param)
    return value

