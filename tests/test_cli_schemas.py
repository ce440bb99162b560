"""`ratings schemas`: the bundled JSON Schemas printed, listed, or written to a folder for an editor."""

from __future__ import annotations

import json
from pathlib import Path

from ratings_engine.cli import cli
from ratings_engine.io.schemas import schema_names

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY_SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))


def test_every_schema_of_the_repository_is_bundled():
    """The command knows every schema in schemas/, inputs and documents alike."""
    assert set(schema_names()) == {path.name.removesuffix(".schema.json") for path in REPOSITORY_SCHEMAS}


def test_name_prints_that_schema_byte_for_byte(runner):
    """`ratings schemas framework` prints the file an editor would read from schemas/, exactly."""
    result = runner.invoke(cli, ["schemas", "framework"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (ROOT / "schemas" / "framework.schema.json").read_text("utf-8")


def test_without_arguments_lists_each_schema_and_its_id(runner):
    """The listing names each schema and its stable $id, the same urn: scheme for all."""
    result = runner.invoke(cli, ["schemas"])
    assert result.exit_code == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()]
    assert [name for name, _ in rows] == list(schema_names())
    assert all(identifier == f"urn:ratings-engine:schema:{name}" for name, identifier in rows)


def test_output_dir_writes_every_schema(runner, tmp_path):
    """-o DIR writes every schema, creating DIR, each the same as the repository's, and says what it wrote."""
    folder = tmp_path / "project" / "schemas"
    result = runner.invoke(cli, ["schemas", "-o", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [p.name for p in REPOSITORY_SCHEMAS]
    for path in REPOSITORY_SCHEMAS:
        assert (folder / path.name).read_bytes() == path.read_bytes()
    assert result.stdout.splitlines() == [f"wrote {folder / name}.schema.json" for name in schema_names()]


def test_output_dir_with_names_writes_those_and_refreshes_them(runner, tmp_path):
    """Named schemas alone are written; a stale copy from an older release is replaced."""
    (tmp_path / "impact.schema.json").write_text("{}", "utf-8")
    result = runner.invoke(cli, ["schemas", "impact", "result", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["impact.schema.json", "result.schema.json"]
    assert json.loads((tmp_path / "impact.schema.json").read_text("utf-8"))["$id"] == "urn:ratings-engine:schema:impact"


def test_never_writes_over_the_bundled_schemas(runner):
    """-o naming the folder the schemas are read from is refused: inputs are never written over.

    That folder is the installed package's (the repository's schemas/ only in an editable install).
    """
    from importlib.resources import files

    bundled = Path(str(files("ratings_engine.schemas")))
    schemas = sorted(bundled.glob("*.schema.json"))
    before = {path: path.read_bytes() for path in schemas}
    result = runner.invoke(cli, ["schemas", "framework", "-o", str(bundled)])
    assert result.exit_code == 1
    assert "[output-is-input]" in result.stderr
    assert {path: path.read_bytes() for path in schemas} == before


def test_unknown_name_and_several_to_standard_output_are_usage_errors(runner, tmp_path):
    """A misspelt name is refused with a suggestion; two names need a folder."""
    misspelt = runner.invoke(cli, ["schemas", "framwork", "-o", str(tmp_path)])
    assert misspelt.exit_code == 2 and "did you mean framework?" in misspelt.stderr
    assert list(tmp_path.iterdir()) == []
    several = runner.invoke(cli, ["schemas", "framework", "inspection"])
    assert several.exit_code == 2 and "give -o DIR" in several.stderr
