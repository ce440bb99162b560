"""Installed entry points are found exactly as importlib.metadata finds them, however the distributions are laid out."""

from __future__ import annotations

import sys
import zipfile
from importlib import metadata

import pytest

from ratings_engine.plugin_host import installed


def seen(entry_points):
    return [(ep.name, ep.value, ep.group, ep.dist.metadata["Name"], ep.dist.metadata["Version"]) for ep in entry_points]


def both(group):
    return seen(installed.entry_points(group)), seen(metadata.entry_points(group=group))


@pytest.mark.parametrize("group", ["ratings_engine", "console_scripts", "pytest11", "no-such-group"])
def test_the_installed_distributions_give_the_same_entry_points(group):
    fast, standard = both(group)
    assert fast == standard
    assert group != "ratings_engine" or fast


def distribution(folder, name, entry_points="", header=None, metadata_file="METADATA"):
    info = folder / name
    info.mkdir(parents=True)
    stem = name.rpartition(".")[0]
    dist, _, version = stem.partition("-")
    if header is not False:
        default = f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n\nA README.\nName: not this\n"
        (info / metadata_file).write_text(header or default, encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


PLUGIN = "[ratings_engine]\nacme = json\n"


def test_the_first_of_each_name_on_sys_path_is_kept(tmp_path, monkeypatch):
    distribution(tmp_path / "a", "Acme_Ratings-1.0.dist-info", PLUGIN)
    distribution(tmp_path / "b", "acme.ratings-2.0.dist-info", "[ratings_engine]\nother = os\n")
    distribution(tmp_path / "b", "beta-1.0.egg-info", "# a comment\n\n[ratings_engine]\n  spaced  =  os.path : join [extra]\n")
    (tmp_path / "b" / "gamma-1.0.egg-info").write_text("Name: gamma\n", encoding="utf-8")  # an old egg-info file
    monkeypatch.setattr(sys, "path", [str(tmp_path / "a"), str(tmp_path / "missing"), str(tmp_path / "b")])
    fast, standard = both("ratings_engine")
    assert fast == standard == [("acme", "json", "ratings_engine", "Acme_Ratings", "1.0"),
                                ("spaced", "os.path : join [extra]", "ratings_engine", "beta", "1.0")]
    import os.path

    assert installed.entry_points("ratings_engine")[1].load() is os.path.join


@pytest.mark.parametrize("header", [
    "Name: folded\n  name\nVersion: 1\n", "Metadata-Version: 2.1\r\nName:\tcrlf \r\nVersion: 3\r\n", "From someone\nName: x\n",
    "Name: early\nnot a header line\nVersion: 1\n", " Name: indented\n", "", False,
])
def test_metadata_the_email_parser_reads_its_own_way_is_read_alike(tmp_path, monkeypatch, header):
    distribution(tmp_path, "odd-1.0.dist-info", PLUGIN, header)
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    fast, standard = both("ratings_engine")
    assert fast == standard


def test_a_distribution_named_only_in_its_metadata_is_left_to_importlib(tmp_path, monkeypatch):
    distribution(tmp_path, "-1.0.dist-info", PLUGIN, "Name: nameless\nVersion: 1\n")
    distribution(tmp_path, "Upper-1.0.DIST-INFO", PLUGIN, "Name: Upper\nVersion: 1\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    with pytest.raises(installed.Unusual):
        installed._found("ratings_engine")
    fast, standard = both("ratings_engine")
    assert fast == standard


def test_a_zip_file_on_sys_path_is_left_to_importlib(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", PLUGIN)
    monkeypatch.setattr(sys, "path", [str(archive)])
    fast, standard = both("ratings_engine")
    assert fast == standard == [("acme", "json", "ratings_engine", "zipped", "1.0")]
