"""`ratings frameworks`: list versions, start a new one from an old one, show one as a document."""

from __future__ import annotations

import json
from datetime import date

from ratings_engine.cli import cli
from ratings_engine.model.catalogue import Catalogue, FrameworkEntry

from support import CRC_2019, SOUTH_YORKSHIRE_2020


def test_list_is_the_default(runner):
    """`ratings frameworks` and `ratings frameworks list` print the same list."""
    assert runner.invoke(cli, ["frameworks"]).stdout == runner.invoke(cli, ["frameworks", "list"]).stdout


def test_new_version_from_an_old_one(runner, tmp_path):
    """A new version is a draft copy with new identity and provenance; the rules and sources are kept."""
    result = runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into", str(tmp_path),
                                 "--effective-from", "2020-07-01"])
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "hmip-crc" / "2020.json"
    assert result.stdout.splitlines()[0] == f"wrote {path}: hmip-crc@2020 (draft), derived from hmip-crc@2019"
    draft = json.loads(path.read_text("utf-8"))
    original = json.loads(CRC_2019.read_text("utf-8"))
    assert (draft["id"], draft["version"], draft["status"], draft["effective_from"]) == ("hmip-crc", "2020", "draft", "2020-07-01")
    assert "effective_to" not in draft and "effective_source" not in draft
    assert draft["provenance"]["derived_from"] == "hmip-crc@2019"
    assert draft["provenance"]["notes"][0].startswith("Draft started from hmip-crc@2019 (its file's SHA-256 ")
    assert draft["provenance"]["documents"] == original["provenance"]["documents"]
    for key in ("ratings", "banding", "samples", "sub_samples", "domains", "discretion", "overall"):
        assert draft[key] == original[key]
    assert runner.invoke(cli, ["validate", str(path)]).exit_code == 0
    # It is found beside the installed versions, and the diff shows only what a draft changes.
    listed = runner.invoke(cli, ["frameworks", "--frameworks-dir", str(tmp_path)]).stdout
    assert "hmip-crc@2020        draft          2020-07-01 to now" in listed
    changes = json.loads(runner.invoke(cli, ["diff", "hmip-crc@2019", str(path), "--format", "json"]).stdout)
    assert [m["field"] for m in changes["metadata"]] == ["status", "effective_from", "effective_to"]


def test_new_never_overwrites(runner, tmp_path):
    """Neither an existing file nor an existing ID@VERSION is overwritten."""
    args = ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into", str(tmp_path)]
    assert runner.invoke(cli, args).exit_code == 0
    path = tmp_path / "hmip-crc" / "2020.json"
    path.write_text(path.read_text("utf-8").replace('"draft"', '"published"'), encoding="utf-8")
    before = path.read_bytes()
    again = runner.invoke(cli, args)
    assert again.exit_code == 1 and "already exists" in again.stderr and "never overwritten" in again.stderr
    assert path.read_bytes() == before
    clash = runner.invoke(cli, ["frameworks", "new", "hmip-crc@2019", "--from", "hmip-crc@2018", "--into", str(tmp_path / "x")])
    assert clash.exit_code == 1 and "hmip-crc@2019 already exists here" in clash.stderr and "[output-exists]" in clash.stderr


def test_new_default_folder_and_bad_names(runner, tmp_path, monkeypatch):
    """Without --into the draft goes to the first framework folder named (else ./frameworks); names are checked."""
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019"]).exit_code == 0
    assert (tmp_path / "frameworks" / "hmip-crc" / "2020.json").is_file()
    monkeypatch.setenv("RATINGS_FRAMEWORKS_PATH", str(tmp_path / "mine"))
    assert runner.invoke(cli, ["frameworks", "new", "hmip-crc@2021", "--from", "hmip-crc@2019"]).exit_code == 0
    assert (tmp_path / "mine" / "hmip-crc" / "2021.json").is_file()
    bad = runner.invoke(cli, ["frameworks", "new", "HMIP 2022", "--from", "hmip-crc@2019"])
    assert bad.exit_code == 1 and "is not ID@VERSION" in bad.stderr


def test_drafts_are_never_chosen_by_date(runner, tmp_path, write_json):
    """A draft starting before an inspection's fieldwork is not used unless named; the published version is."""
    runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into", str(tmp_path),
                        "--effective-from", "2019-08-01"])
    document = json.loads(SOUTH_YORKSHIRE_2020.read_text("utf-8"))
    document["framework"] = "hmip-crc"
    result = runner.invoke(cli, ["evaluate", str(write_json("i.json", document)), "--frameworks-dir", str(tmp_path)])
    assert "Rated under hmip-crc@2019 (published)" in result.stdout


def test_a_later_version_supersedes_an_open_window():
    """A published version with no end date gives way to a later version of its family once that starts."""
    entries = [FrameworkEntry("f", "1", None, status="published", effective_from=date(2019, 1, 1)),
               FrameworkEntry("f", "2", None, status="published", effective_from=date(2020, 1, 1)),
               FrameworkEntry("f", "3", None, status="draft", effective_from=date(2020, 6, 1))]
    catalogue = Catalogue(entries=entries)
    assert [e.version for e in catalogue.in_force(date(2019, 6, 1))] == ["1"]
    assert [e.version for e in catalogue.in_force(date(2020, 9, 1))] == ["2"]


def test_show_renders_each_format(runner, tmp_path):
    """`frameworks show` renders text, Markdown, HTML and JSON, to standard output or a file."""
    text = runner.invoke(cli, ["frameworks", "show", "hmip-crc@2019"])
    assert text.exit_code == 0 and text.stdout.startswith("HM Inspectorate of Probation")
    for fmt, marker in (("markdown", "# "), ("html", "<!DOCTYPE html>"), ("json", "{")):
        result = runner.invoke(cli, ["frameworks", "show", "hmip-crc@2018", "--format", fmt])
        assert result.exit_code == 0 and result.stdout.lstrip().startswith(marker), fmt
    out = tmp_path / "framework.html"
    assert runner.invoke(cli, ["frameworks", "show", "hmip-crc@2019", "--format", "html", "-o", str(out)]).exit_code == 0
    assert "2.1 Assessment" in out.read_text("utf-8")


def test_frameworks_lists_installed_versions(runner):
    """`ratings frameworks` lists each version with its status and window."""
    result = runner.invoke(cli, ["frameworks"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("hmip-ap@2025         provisional    2025-07-01 to now")
    assert lines[2].startswith("hmip-crc@2018        reconstructed  2018-06-01 to 2019-06-30")
    assert lines[4].startswith("hmip-crc@2019        published      2019-07-01 to 2021-06-25")


def test_frameworks_dir_conflict(runner, tmp_path):
    """Two files claiming the same ID@VERSION is an error naming both."""
    (tmp_path / "copy.json").write_bytes(CRC_2019.read_bytes().replace(b'"title": "HM', b'"title": "Copy of HM', 1))
    result = runner.invoke(cli, ["frameworks", "--frameworks-dir", str(tmp_path)])
    assert result.exit_code == 1
    from ratings_engine.io.bundled import bundled_path

    installed = bundled_path("frameworks") / "hmip-crc" / "2019.json"
    assert f"hmip-crc@2019 is claimed by more than one file: {tmp_path / 'copy.json'}, {installed}" in result.stderr


def test_new_points_schema_at_the_checkout_it_is_written_into(runner, tmp_path):
    """Inside a folder with schemas/framework.schema.json above it, $schema is the relative path to it, and the output says so."""
    assert runner.invoke(cli, ["schemas", "-o", str(tmp_path / "schemas")]).exit_code == 0
    result = runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into",
                                 str(tmp_path / "frameworks")])
    assert result.exit_code == 0, result.stderr
    draft = json.loads((tmp_path / "frameworks" / "hmip-crc" / "2020.json").read_text("utf-8"))
    assert draft["$schema"] == "../../schemas/framework.schema.json"
    assert (tmp_path / "frameworks" / "hmip-crc" / draft["$schema"]).resolve() == (tmp_path / "schemas" / "framework.schema.json")
    schema = tmp_path / "schemas" / "framework.schema.json"
    assert result.stdout.splitlines()[1] == f"$schema: ../../schemas/framework.schema.json, the path from the draft's folder to {schema}"


def test_new_deeper_in_a_checkout_finds_the_schema_further_up(runner, tmp_path):
    """The nearest schemas/ above the draft's folder is found, however deep the folder."""
    assert runner.invoke(cli, ["schemas", "framework", "-o", str(tmp_path / "schemas")]).exit_code == 0
    into = tmp_path / "teams" / "youth" / "drafts"
    assert runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into", str(into)]).exit_code == 0
    draft = json.loads((into / "hmip-crc" / "2020.json").read_text("utf-8"))
    assert draft["$schema"] == "../../../../schemas/framework.schema.json"


def test_new_outside_a_checkout_names_the_schema_by_its_id(runner, tmp_path):
    """With no schemas/framework.schema.json above the folder, $schema is the schema's stable $id, and the output says why."""
    result = runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    draft = json.loads((tmp_path / "hmip-crc" / "2020.json").read_text("utf-8"))
    assert draft["$schema"] == "urn:ratings-engine:schema:framework"
    line = result.stdout.splitlines()[1]
    assert line.startswith("$schema: urn:ratings-engine:schema:framework, the schema's $id, as no folder from ")
    assert "`ratings schemas -o DIR/schemas`" in line
    assert runner.invoke(cli, ["validate", str(tmp_path / "hmip-crc" / "2020.json")]).exit_code == 0


def test_new_keeps_the_source_notes_and_names_what_still_describes_it(runner, tmp_path):
    """The source version's provenance notes follow the new first note; the parts describing the old version are named."""
    result = runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into", str(tmp_path),
                                 "--effective-from", "2020-07-01"])
    assert result.exit_code == 0, result.stderr
    notes = json.loads((tmp_path / "hmip-crc" / "2020.json").read_text("utf-8"))["provenance"]["notes"]
    original = json.loads(CRC_2019.read_text("utf-8"))
    assert notes[0].startswith("Draft started from hmip-crc@2019 ")
    assert notes[1:] == original["provenance"]["notes"] and len(notes) > 1
    # The title and description are copied; the window is new (--effective-from) and the old one's source is dropped.
    assert result.stdout.splitlines()[2:] == ["still as in hmip-crc@2019: title, description"]


def test_new_from_a_version_with_a_window_source_and_caveats_names_them(runner, tmp_path):
    """Every part of the header that describes one version and is copied unchanged is named."""
    source = json.loads(CRC_2019.read_text("utf-8"))
    source.update(version="2019b", caveats=["Wording is a placeholder."], title="Round two")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "2019b.json").write_text(json.dumps(source), "utf-8")
    result = runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", str(tmp_path / "source" / "2019b.json"),
                                 "--into", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2] == "still as in hmip-crc@2019b: title, description, caveats"
