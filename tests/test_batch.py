"""Which files a batch rates, and where each result goes (engine/analysis/batch.py)."""

from __future__ import annotations

import os
from pathlib import Path

from ratings_engine.analysis.batch import Summary, inspection_files, output_path, output_paths, version_path


def touch(path: Path, text: str = "{}") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_a_folder_gives_its_json_files_sorted_without_results_or_hidden_files(tmp_path):
    for name in ["b.json", "a.json", "a.result.json", "c.result.json", ".a.result.json.1234abcd.tmp", ".hidden.json", "notes.txt"]:
        touch(tmp_path / "in" / name)
    (tmp_path / "in" / "folder.json").mkdir()
    found = inspection_files([tmp_path / "in"])
    assert [p.name for p in found.files] == ["a.json", "b.json"]
    assert found.results_left_out == {tmp_path / "in": 2}


def test_files_named_are_taken_as_given_once_each(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = touch(tmp_path / "in" / "a.json")
    os.link(first, tmp_path / "hard.json")
    (tmp_path / "link.json").symlink_to(first)
    named = [Path("in/a.json"), Path("./in/a.json"), Path("hard.json"), Path("link.json"), Path("in/../in/a.json"),
             Path("missing.json"), Path("missing.json")]
    found = inspection_files(named)
    assert found.files == [Path("in/a.json"), Path("missing.json")]  # a missing file is reported when rated, once


def test_explicit_result_files_are_taken(tmp_path):
    """Only a folder's result files are left out: a file named is what the user asked for."""
    named = touch(tmp_path / "odd.result.json")
    assert inspection_files([named]).files == [named]


def test_names_of_their_own_keep_todays_results(tmp_path):
    files = [tmp_path / "in" / "a.json", tmp_path / "in" / "b.json", tmp_path / "other" / "c.json"]
    assert output_paths(tmp_path / "out", files, ".json") == [tmp_path / "out" / "a.result.json", tmp_path / "out" / "b.result.json",
                                                             tmp_path / "out" / "c.result.json"]
    assert output_path(tmp_path / "out", files[0], ".csv") == tmp_path / "out" / "a.result.csv"


def test_the_same_name_in_different_folders_goes_to_subfolders_named_after_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = [Path("2020/insp.json"), Path("2019/insp.json"), Path("insp.json"), Path("deep/er/insp.json"), Path("other.json")]
    out = Path("out")
    assert output_paths(out, files, ".json") == [out / "2020" / "insp.result.json", out / "2019" / "insp.result.json",
                                                  out / "insp.result.json", out / "deep" / "er" / "insp.result.json",
                                                  out / "other.result.json"]


def test_names_that_differ_only_in_case_do_not_share_a_result(tmp_path):
    """Some file systems take INSP.json and insp.json as one name: their results do not."""
    files = [tmp_path / "a" / "INSP.json", tmp_path / "b" / "insp.json"]
    assert output_paths(tmp_path / "out", files, ".json") == [tmp_path / "out" / "a" / "INSP.result.json",
                                                             tmp_path / "out" / "b" / "insp.result.json"]


def test_the_same_name_in_one_folder_keeps_the_whole_names(tmp_path):
    files = [tmp_path / "in" / "insp.json", tmp_path / "in" / "insp.txt", tmp_path / "in" / "x.json"]
    assert output_paths(tmp_path / "out", files, ".json") == [tmp_path / "out" / "insp.json.result.json",
                                                             tmp_path / "out" / "insp.txt.result.json",
                                                             tmp_path / "out" / "x.result.json"]


def test_the_places_are_the_same_whatever_the_order(tmp_path):
    files = [tmp_path / "a" / "insp.json", tmp_path / "b" / "insp.json", tmp_path / "c.json"]
    forward = dict(zip(files, output_paths(tmp_path / "out", files, ".json"), strict=True))
    backward = dict(zip(files[::-1], output_paths(tmp_path / "out", files[::-1], ".json"), strict=True))
    assert forward == backward and len(set(forward.values())) == 3


def result(ref: str, standards: dict[str, str]) -> dict:
    """A result document cut to what a summary reads: STANDARDS' ratings under the version REF, each with no key questions."""
    identifier, version = ref.split("@")
    return {"provider": f"{identifier} provider", "fieldwork_start": "2020-01-06",
            "framework": {"id": identifier, "version": version, "status": "published", "sha256": "0" * 64},
            "standards": [{"id": sid, "rating": rating, "key_questions": []} for sid, rating in standards.items()],
            "overall": {"score": 3, "max": 6, "rating": "good", "rating_label": "Good"}}


def test_two_frameworks_standards_never_share_a_column():
    summary = Summary()
    summary.add(Path("crc.json"), result("hmip-crc@2019", {"1.1": "good", "4.2": "inadequate"}))
    summary.add(Path("yos.json"), result("hmip-youth@2021", {"1.1": "outstanding"}))
    assert summary.versions() == ["hmip-crc@2019", "hmip-youth@2021"]
    crc, youth = summary.standards_table("hmip-crc@2019"), summary.standards_table("hmip-youth@2021")
    assert crc.columns[4:] == ("1.1", "4.2", "score", "max_score", "rating") and [r[4] for r in crc.rows] == ["good"]
    assert youth.columns[4:] == ("1.1", "score", "max_score", "rating") and [r[4] for r in youth.rows] == ["outstanding"]
    assert [row[3] for row in summary.overview().rows] == ["hmip-crc@2019", "hmip-youth@2021"]
    assert [t.name for t in summary.tables()] == ["inspections", "hmip-crc@2019", "hmip-crc@2019 key questions", "hmip-youth@2021",
                                                  "hmip-youth@2021 key questions"]
    assert [path.name for path, _ in summary.csv_files(Path("out/summary.csv"))] == [
        "summary.csv", "summary-hmip-crc@2019.csv", "summary-hmip-crc@2019-key-questions.csv", "summary-hmip-youth@2021.csv",
        "summary-hmip-youth@2021-key-questions.csv"]


def test_a_version_s_file_name_keeps_only_safe_characters():
    assert version_path(Path("s/summary.csv"), "odd id/with:colon@1 0").name == "summary-odd_id_with_colon@1_0.csv"
