"""`ratings schemas`: the bundled JSON Schemas, for editors and for other programs.

The schemas ship inside the installed package, where an editor cannot be pointed at them by a
stable path; this command prints one, or writes copies into a folder of the user's choosing (for
example a project's schemas/, named in VS Code's `json.schemas` setting).
"""

from __future__ import annotations

from pathlib import Path

import click


def _known(ctx: click.Context, param: click.Parameter, names: tuple[str, ...]) -> tuple[str, ...]:
    """NAMES, each checked against the bundled schemas, so a misspelling is refused before anything is written."""
    from ..errors import did_you_mean
    from ..io.schemas import schema_names

    for name in names:
        if name not in schema_names():
            hint = did_you_mean(name, list(schema_names()))
            raise click.BadParameter(f"no schema called {name!r}" + (f" ({hint})" if hint else "")
                                     + f"; the schemas are: {', '.join(schema_names())}", ctx, param)
    return names


@click.command("schemas", short_help="Print the JSON Schemas, or write them for an editor.")
@click.argument("names", nargs=-1, metavar="[NAME]...", callback=_known)
@click.option("-o", "--output-dir", "folder", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Write each schema named (every schema, where none is named) to DIR/NAME.schema.json, atomically.")
def schemas_command(names: tuple[str, ...], folder: Path | None) -> None:
    """Print the JSON Schema NAME, or write the schemas to a folder with -o DIR.

    Without NAME or -o, list the schemas and their $id. The schemas describe framework and
    inspection files and every document the commands write with --format json.

    \b
    Examples:
      ratings schemas
      ratings schemas framework
      ratings schemas -o schemas
    """
    from ..io.jsonio import to_json_text
    from ..io.schemas import load_schema, schema_names, schema_path
    from ..io.writing import make_folder, shown, write_text
    from .common import declare_inputs

    if folder is None:
        if len(names) > 1:
            raise click.UsageError("name one schema to print, or give -o DIR to write several")
        if names:
            click.echo(to_json_text(load_schema(names[0])), nl=False)
        else:
            for name in schema_names():
                click.echo(f"{name:<20} {load_schema(name)['$id']}")
        return
    chosen = names or schema_names()
    # The bundled files are this command's inputs: `-o` naming their own folder must not rewrite them.
    declare_inputs(*(schema_path(name) for name in schema_names()))
    make_folder(folder)
    for name in chosen:
        target = folder / f"{name}.schema.json"
        write_text(target, to_json_text(load_schema(name)))
        click.echo(f"wrote {shown(target)}")
