"""The frameworks search path: identical copies are one version, differing ones are named, bad files stop nothing."""

from __future__ import annotations

import json
import os

import pytest

from ratings_engine.cli import cli
from ratings_engine.errors import FrameworkNotFoundError
from ratings_engine.model.catalogue import Catalogue, project_folders, search_path

from support import CRC_2019, FRAMEWORKS


def copy(folder, name="hmip-crc/2019.json", raw=None):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(CRC_2019.read_bytes() if raw is None else raw)
    return path


def test_identical_copies_are_one_version_and_the_first_is_used(tmp_path):
    mine = copy(tmp_path / "mine")
    catalogue = Catalogue.discover([tmp_path / "mine", FRAMEWORKS])
    assert [e.ref for e in catalogue.entries].count("hmip-crc@2019") == 1
    assert catalogue.find("hmip-crc@2019").path == mine
    assert catalogue.copies == {"hmip-crc@2019": [mine, FRAMEWORKS / "hmip-crc" / "2019.json"]}
    assert catalogue.conflicts == {} and catalogue.problems == []


def test_the_same_file_reached_twice_is_neither_a_copy_nor_a_conflict(tmp_path):
    (tmp_path / "linked").symlink_to(FRAMEWORKS)
    os.link(CRC_2019, tmp_path / "hard.json")
    catalogue = Catalogue.discover([tmp_path, FRAMEWORKS])
    assert catalogue.copies == {} and catalogue.conflicts == {}
    assert catalogue.find("hmip-crc@2019").path in (tmp_path / "hard.json", tmp_path / "linked" / "hmip-crc" / "2019.json")


def test_differing_copies_are_named_and_used_by_neither_name_nor_date(tmp_path):
    edited = copy(tmp_path, raw=CRC_2019.read_bytes().replace(b'"title": "HM', b'"title": "Edited HM', 1))
    catalogue = Catalogue.discover([tmp_path, FRAMEWORKS])
    with pytest.raises(FrameworkNotFoundError) as caught:
        catalogue.find("hmip-crc@2019")
    message = str(caught.value)
    assert message.startswith(f"hmip-crc@2019 is claimed by more than one file: {edited}, {CRC_2019}; their contents differ")
    assert "name its file with --framework FILE" in message
    assert not {"remove", "delete", "renumber"} & set(message.lower().split())


def test_a_draft_claiming_a_published_version_is_asked_to_take_its_own(tmp_path):
    draft = copy(tmp_path, raw=CRC_2019.read_bytes().replace(b'"status": "published"', b'"status": "draft"', 1))
    message = Catalogue.discover([tmp_path, FRAMEWORKS]).conflict_message("hmip-crc@2019")
    assert f"{draft} is a draft: give it a version of its own (its 'version' and its file name)" in message
    assert "--framework" not in message


def test_files_that_cannot_be_read_are_problems_of_the_path_and_stop_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("RATINGS_MAX_FILE_MB", "1")
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "huge.json").write_bytes(b" " * (2 * 1024 * 1024))
    (tmp_path / "broken.json").write_text('{"id": "x",\n "version" "1"}', encoding="utf-8")
    (tmp_path / "utf16.json").write_bytes('{"id": "x"}'.encode("utf-16"))
    (tmp_path / "inspection.json").write_text('{"samples": {}}', encoding="utf-8")  # not a framework: skipped quietly
    catalogue = Catalogue.discover([tmp_path, FRAMEWORKS])
    assert {(p.file, p.code) for p in catalogue.problems} == {
        (str(tmp_path / "broken.json"), "json-syntax"), (str(tmp_path / "huge.json"), "too-large"),
        (str(tmp_path / "pipe.json"), "not-a-file"), (str(tmp_path / "utf16.json"), "encoding"),
        (str(tmp_path / "zero.json"), "not-a-file")}
    assert [p.line for p in catalogue.problems if p.code == "json-syntax"] == [2]
    assert catalogue.find("hmip-crc@2019").path == CRC_2019
    with pytest.raises(FrameworkNotFoundError, match=r"5 file\(s\) or folder\(s\) on the frameworks search path could not be read"):
        catalogue.find("hmip-crc@2030")


def test_folders_that_are_missing_or_not_folders_are_problems(tmp_path):
    (tmp_path / "file.json").write_text("{}")
    catalogue = Catalogue.discover([tmp_path / "nowhere", tmp_path / "file.json", FRAMEWORKS])
    assert [(p.file, p.code) for p in catalogue.problems] == [(str(tmp_path / "nowhere"), "unreadable"),
                                                              (str(tmp_path / "file.json"), "not-a-folder")]
    assert "hmip-crc@2019" in [e.ref for e in catalogue.entries]


def test_a_link_back_to_a_parent_folder_ends(tmp_path):
    copy(tmp_path / "mine")
    (tmp_path / "mine" / "hmip-crc" / "up").symlink_to(tmp_path / "mine")
    catalogue = Catalogue.discover([tmp_path / "mine"])
    assert [e.ref for e in catalogue.entries] == ["hmip-crc@2019"] and catalogue.problems == []


def test_entries_carry_the_files_digest():
    import hashlib

    entry = Catalogue.discover([FRAMEWORKS]).find("hmip-crc@2019")
    assert entry.sha256 == hashlib.sha256(CRC_2019.read_bytes()).hexdigest()


def _draft(folder):
    """A copy of hmip-crc@2019 as hmip-crc@2021 in FOLDER/hmip-crc/2021.json."""
    document = json.loads(CRC_2019.read_text("utf-8"))
    document["version"] = "2021"
    (folder / "hmip-crc").mkdir(parents=True)
    (folder / "hmip-crc" / "2021.json").write_text(json.dumps(document), "utf-8")


def test_a_project_file_names_the_framework_folders_relative_to_itself(runner, tmp_path, monkeypatch):
    """ratings.toml in a parent of the working directory puts its folders on the search path, after the environment's."""
    _draft(tmp_path / "shared")
    (tmp_path / "team" / "work").mkdir(parents=True)
    (tmp_path / "team" / "ratings.toml").write_text('frameworks = ["frameworks", "../shared"]\n', "utf-8")
    monkeypatch.chdir(tmp_path / "team" / "work")
    assert project_folders() == [tmp_path / "team" / "frameworks", tmp_path / "team" / "../shared"]
    monkeypatch.setenv("RATINGS_FRAMEWORKS_PATH", str(tmp_path / "env"))
    assert search_path([FRAMEWORKS], [tmp_path / "cli"]) == [
        tmp_path / "cli", tmp_path / "env", *project_folders(), FRAMEWORKS]
    shown = runner.invoke(cli, ["frameworks", "show", "hmip-crc@2021"])
    assert shown.exit_code == 0, shown.stderr
    assert "hmip-crc@2021 (status: " in shown.stdout


def test_a_pyproject_without_a_ratings_table_does_not_stop_the_search(tmp_path, monkeypatch):
    (tmp_path / "ratings.toml").write_text('frameworks = ["outer"]\n', "utf-8")
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "pyproject.toml").write_text('[project]\nname = "other"\n', "utf-8")
    monkeypatch.chdir(tmp_path / "inner")
    assert project_folders() == [tmp_path / "outer"]
    # With a [tool.ratings] table, the pyproject.toml is the project file, and the search stops there.
    (tmp_path / "inner" / "pyproject.toml").write_text('[tool.ratings]\nframeworks = ["mine"]\n', "utf-8")
    assert project_folders() == [tmp_path / "inner" / "mine"]


@pytest.mark.parametrize("name, text, pointer, words", [
    ("ratings.toml", 'frameworks = "frameworks"\n', "/frameworks", "'frameworks' must be a list of folder paths"),
    ("ratings.toml", 'frameworks = [\n', "/", "this is not valid TOML"),
    ("ratings.toml", 'framework = ["frameworks"]\n', "/framework", "'framework' must be left out: the only setting is 'frameworks'"),
    ("pyproject.toml", '[tool]\nratings = 3\n', "/tool/ratings", "'tool.ratings' must be a table of settings"),
])
def test_a_malformed_project_file_is_a_located_problem(runner, tmp_path, monkeypatch, name, text, pointer, words):
    (tmp_path / name).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["frameworks", "show", "hmip-crc@2019"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / name}: {pointer}: {words}")
    assert result.stderr.rstrip().endswith("[project-file]")
    assert "Traceback" not in result.output + result.stderr


def test_a_version_not_found_says_where_framework_files_are_looked_for(runner, tmp_path, monkeypatch):
    """A draft written into ./frameworks, which is not searched, is pointed to; with no such folder, the ways are named."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["frameworks", "show", "hmip-crc@2021"])
    assert result.exit_code == 1
    assert "--frameworks-dir DIR, RATINGS_FRAMEWORKS_PATH, or frameworks = [\"DIR\"] in a ratings.toml" in result.stderr
    _draft(tmp_path / "frameworks")
    result = runner.invoke(cli, ["frameworks", "show", "hmip-crc@2021"])
    assert "./frameworks is not on the frameworks search path: add it with --frameworks-dir frameworks" in result.stderr
    assert runner.invoke(cli, ["frameworks", "show", "hmip-crc@2021", "--frameworks-dir", "frameworks"]).exit_code == 0
