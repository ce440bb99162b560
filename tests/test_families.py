"""The inspectorate's other framework families as data: NPS divisions, PDUs, approved premises and youth justice.

Each new version validates, says what it assumes wherever it is shown, can be compared with its
neighbours, has a synthetic example that rates, and is found by its family's name. The NPS files
share their domains one and two with the CRC file of the same round, word for word, and a test
keeps them so: a correction to one is made to both.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from ratings_engine.api import Engine
from ratings_engine.cli import cli
from ratings_engine.reports.result import result_document

from support import EXAMPLES, FRAMEWORKS

NEW_VERSIONS = ("hmip-nps@2018", "hmip-nps@2019", "hmip-pdu@2021", "hmip-pdu@2023", "hmip-ap@2025", "hmip-youth@2021",
                "hmip-youth@2025", "hmip-region@2023")
EXAMPLE_FILES = {"hmip-nps@2019": "synthetic-nps-2019.json", "hmip-pdu@2021": "synthetic-pdu-2021.json",
                 "hmip-pdu@2023": "synthetic-pdu-2023.json", "hmip-ap@2025": "synthetic-ap-2025.json",
                 "hmip-youth@2021": "synthetic-youth-2022.json", "hmip-youth@2025": "synthetic-youth-2025.json",
                 "hmip-region@2023": "synthetic-region-2024.json"}
POOLED_FILES = ("synthetic-region-2024/pdu-east.json", "synthetic-region-2024/pdu-west.json")
GENERATOR = EXAMPLES / "generate_synthetic_families.py"


def _document(ref: str) -> dict:
    family, version = ref.split("@")
    return json.loads((FRAMEWORKS / family / f"{version}.json").read_text("utf-8"))


def _sources(node, path=""):
    """Every (pointer, source) in a framework document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("source", "effective_source") and isinstance(value, dict):
                yield f"{path}/{key}", value
            elif key == "source" and isinstance(value, list):
                for index, entry in enumerate(value):
                    yield f"{path}/{key}/{index}", entry
            else:
                yield from _sources(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _sources(value, f"{path}/{index}")


@pytest.mark.parametrize("ref", NEW_VERSIONS)
def test_every_new_version_validates_with_a_window(ref, runner):
    """Each file is a valid framework, provisional, with effective dates and a source for them."""
    family, version = ref.split("@")
    result = runner.invoke(cli, ["validate", str(FRAMEWORKS / family / f"{version}.json")])
    assert result.exit_code == 0 and result.stdout.endswith("valid framework\n"), result.stdout
    document = _document(ref)
    assert document["status"] == "provisional"
    assert document["effective_from"] and document["effective_source"]["basis"] in ("assumed", "inferred")
    assert document["caveats"]


@pytest.mark.parametrize("ref", NEW_VERSIONS)
def test_every_part_has_a_source_and_assumed_numbers_say_so(ref):
    """Domains, standards, key questions, samples and rules cite a source; the banding and overall bands are assumed."""
    document = _document(ref)
    for domain in document["domains"]:
        assert "source" in domain
        for standard in domain["standards"]:
            assert "source" in standard, standard["id"]
            for question in standard["key_questions"]:
                assert "source" in question or "source" in standard, question["id"]
    for part in (*document["samples"], *document["sub_samples"], document["ratings"]):
        assert "source" in part
    assert document["banding"]["source"]["basis"] == "assumed"
    overall = document["overall"]["source"]
    assert any(s.get("basis") == "assumed" for s in (overall if isinstance(overall, list) else [overall]))
    for pointer, source in _sources(document):
        if source.get("basis") in ("inferred", "assumed"):
            assert source["evidence"], pointer
        if "document" in source:
            assert source["document"] in {d["id"] for d in document["provenance"]["documents"]}, pointer


@pytest.mark.parametrize("ref", NEW_VERSIONS)
@pytest.mark.parametrize("format_name", ["text", "markdown", "html"])
def test_show_marks_the_assumptions(ref, format_name, runner):
    """`ratings frameworks show` renders each version with its provisional notice and each assumption marked."""
    result = runner.invoke(cli, ["frameworks", "show", ref, "--format", format_name])
    assert result.exit_code == 0, result.stderr
    assert "provisional" in result.stdout
    assert "Assumed" in result.stdout
    assert "assumed" in result.stdout  # the caveats, in every format


@pytest.mark.parametrize("old, new", [("hmip-nps@2018", "hmip-nps@2019"), ("hmip-pdu@2021", "hmip-pdu@2023"),
                                      ("hmip-crc@2018", "hmip-nps@2018"), ("hmip-crc@2019", "hmip-nps@2019"),
                                      ("hmip-youth@2018", "hmip-youth@2021"), ("hmip-youth@2021", "hmip-youth@2025"),
                                      ("hmip-pdu@2023", "hmip-region@2023")])
def test_diff_between_neighbours(old, new, runner):
    """`ratings diff` compares adjacent versions of a family, and the CRC and NPS files of one round."""
    result = runner.invoke(cli, ["diff", old, new, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)
    assert changes["summary"]["total"] > 0
    text = runner.invoke(cli, ["diff", old, new]).stdout
    assert text.startswith(f"Changes from {old} (")


def test_crc_to_nps_changes_only_domain_three(runner):
    """Between the CRC and NPS files of round two, only domain three's standards differ."""
    changes = json.loads(runner.invoke(cli, ["diff", "hmip-crc@2019", "hmip-nps@2019", "--format", "json"]).stdout)
    assert [s["id"] for s in changes["standards"]["added"]] == ["3.1", "3.2"]
    assert [s["id"] for s in changes["standards"]["removed"]] == ["4.1", "4.2"]
    assert not [q for q in changes["key_questions"]["removed"] if not q["id"].startswith("4.")]


def test_pdu_rounds_differ_as_the_record_says(runner):
    """From 2023 a PDU has three organisational standards (no information and facilities) and four case standards."""
    changes = json.loads(runner.invoke(cli, ["diff", "hmip-pdu@2021", "hmip-pdu@2023", "--format", "json"]).stdout)
    assert [s["id"] for s in changes["standards"]["removed"]] == ["1.4", "2.5"]
    counts = {ref: sum(len(d["standards"]) for d in _document(ref)["domains"]) for ref in ("hmip-pdu@2021", "hmip-pdu@2023")}
    assert counts == {"hmip-pdu@2021": 9, "hmip-pdu@2023": 7}
    assert [_document(ref)["overall"]["bands"][-1]["to"] for ref in counts] == [27, 21]


@pytest.mark.parametrize("round_", ["2018", "2019"])
def test_nps_shares_the_crc_rounds_wording(round_):
    """Domains one and two, the scale, the banding's bands and the case-supervision sample and rules are identical."""
    crc, nps = _document(f"hmip-crc@{round_}"), _document(f"hmip-nps@{round_}")
    assert nps["domains"][:2] == crc["domains"][:2]
    assert nps["ratings"]["scale"] == crc["ratings"]["scale"]
    assert {k: v for k, v in nps["banding"].items() if k != "source"} == {k: v for k, v in crc["banding"].items() if k != "source"}
    assert [s for s in nps["samples"] if s["id"] == "case-supervision"] == [s for s in crc["samples"] if s["id"] == "case-supervision"]
    assert nps["sub_samples"] == crc["sub_samples"]
    assert nps["overall"]["bands"] == crc["overall"]["bands"]
    assert {k: v for k, v in nps["discretion"].items() if k not in ("source", "standards")} == \
        {k: v for k, v in crc["discretion"].items() if k not in ("source", "standards")}


@pytest.mark.parametrize("ref", sorted(EXAMPLE_FILES))
def test_each_example_rates_under_its_version(ref):
    """Each synthetic example evaluates under its provisional version, which every result says."""
    evaluation = Engine().evaluate_file(EXAMPLES / EXAMPLE_FILES[ref])
    result = result_document(evaluation)
    assert f"{result['framework']['id']}@{result['framework']['version']}" == ref
    assert any("provisional" in w["message"] for w in result["warnings"])
    document = _document(ref)
    standards = [s["id"] for d in document["domains"] for s in d["standards"]]
    assert [s["id"] for s in result["standards"]] == standards
    if result["overall"].get("from") == "areas":
        assert result["overall"]["score"] == sum(a["score"] for a in result["areas"])
    else:
        assert result["overall"]["score"] == sum(s["score"] for s in result["standards"] if s.get("counts_towards_overall", True))


def test_examples_are_reproducible(tmp_path):
    """The generator with its default seed rewrites every example byte for byte."""
    subprocess.run([sys.executable, str(GENERATOR), "--into", str(tmp_path)], check=True, capture_output=True)
    for name in (*EXAMPLE_FILES.values(), *POOLED_FILES):
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes(), name


def test_the_pdu_family_is_found_by_name(runner, write_json):
    """`--framework hmip-pdu` picks the PDU version in force on the fieldwork date."""
    for name, version in (("synthetic-pdu-2021.json", "2021"), ("synthetic-pdu-2023.json", "2023")):
        document = json.loads((EXAMPLES / name).read_text("utf-8"))
        del document["framework"]
        result = runner.invoke(cli, ["evaluate", str(write_json(name, document)), "--framework", "hmip-pdu", "--format", "json"])
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["framework"]["version"] == version


def test_windows_follow_one_another():
    """The CRC and NPS versions end the day before probation was unified, and the PDU versions take over."""
    assert _document("hmip-crc@2019")["effective_to"] == _document("hmip-nps@2019")["effective_to"] == "2021-06-25"
    assert _document("hmip-pdu@2021")["effective_from"] == "2021-06-26"
    assert _document("hmip-pdu@2021")["effective_to"] == "2023-09-30"
    assert _document("hmip-pdu@2023")["effective_from"] == "2023-10-01"


def test_frameworks_lists_every_family(runner):
    """`ratings frameworks` lists every installed family with each version's status and window."""
    listed = runner.invoke(cli, ["frameworks"]).stdout
    for line in ("hmip-ap@2025         provisional    2025-07-01 to now",
                 "hmip-crc@2019        published      2019-07-01 to 2021-06-25",
                 "hmip-nps@2018        provisional    2018-06-01 to 2019-06-30",
                 "hmip-nps@2019        provisional    2019-07-01 to 2021-06-25",
                 "hmip-pdu@2021        provisional    2021-06-26 to 2023-09-30",
                 "hmip-pdu@2023        provisional    2023-10-01 to 2025-09-30",
                 "hmip-youth@2018      provisional    2018-06-01 to 2021-06-30",
                 "hmip-youth@2021      provisional    2021-07-01 to 2025-03-31",
                 "hmip-youth@2025      provisional    2025-04-01 to now",
                 "hmip-region@2023     provisional    2023-10-01 to 2025-09-30"):
        assert line in listed


def test_youth_2021_adds_resettlement_rated_separately(runner):
    """Youth 2021 is youth 2018 plus standard 4.1, rated and shown but (an assumption) not counted: the overall is still 0-36."""
    changes = json.loads(runner.invoke(cli, ["diff", "hmip-youth@2018", "hmip-youth@2021", "--format", "json"]).stdout)
    assert [s["id"] for s in changes["standards"]["added"]] == ["4.1"]
    assert not changes["standards"]["removed"]
    document = _document("hmip-youth@2021")
    resettlement = document["domains"][3]["standards"][0]
    assert resettlement["counts_towards_overall"] is False
    assert any(s.get("basis") == "assumed" and "lead" in s["evidence"] for s in resettlement["source"])
    assert document["overall"]["bands"][-1]["to"] == 36
    result = result_document(Engine().evaluate_file(EXAMPLES / "synthetic-youth-2022.json"))
    assert result["overall"]["not_counted"] == ["4.1"]
    shown = runner.invoke(cli, ["frameworks", "show", "hmip-youth@2021"]).stdout
    assert "Not counted towards the overall rating" in shown


@pytest.mark.parametrize("ref", ["hmip-youth@2018", "hmip-youth@2021"])
def test_a_small_youth_service_gets_no_overall_rating(ref, write_json):
    """A small service leaves its three domains unrated (stated) and gets no overall rating (inferred)."""
    document = _document(ref)
    assert [bool(d.get("may_go_unrated")) for d in document["domains"][:3]] == [True, True, True]
    assert all("domains are not rated" in d["may_go_unrated"]["source"]["section"] for d in document["domains"][:3])
    assert document["overall"]["when_unrated"] == "no-overall-rating"
    assert document["overall"]["source"][1]["basis"] == "inferred"
    example = json.loads((EXAMPLES / "synthetic-youth-2022.json").read_text("utf-8"))
    example["framework"] = ref
    if ref == "hmip-youth@2018":
        example["fieldwork_start"] = "2019-09-09"
        example["judgements"].pop("4.1")
    small = [s["id"] for d in document["domains"][:3] for s in d["standards"]]
    example["not_rated"] = {sid: {"reason": "a small service: its domains are not rated"} for sid in small}
    for sid in small:
        example["judgements"].pop(sid, None)
    example["samples"] = {}
    result = result_document(Engine().evaluate_file(write_json("small.json", example)))
    assert result["overall"].get("rating") is None
    assert result["overall"]["when_unrated"]["rule"] == "no-overall-rating"


def test_youth_2025_rates_two_areas_and_the_overall_from_them(runner):
    """From spring 2025: one combined children's standard, a victims standard, two areas and an overall made from them."""
    document = _document("hmip-youth@2025")
    assert [a["title"] for a in document["areas"]] == ["Work with children", "Work with victims"]
    assert document["overall"]["from"] == "areas"
    assert [s["title"] for s in document["domains"][1]["standards"]] == ["Work with children", "Work with victims"]
    assert "minimum 14" in document["samples"][0]["source"][0]["section"]
    assert "minimum 9" in document["samples"][1]["source"]["section"]
    for area in document["areas"]:
        assert area["source"][1]["basis"] == "assumed"
    changes = json.loads(runner.invoke(cli, ["diff", "hmip-youth@2021", "hmip-youth@2025", "--format", "json"]).stdout)
    assert {s["id"] for s in changes["standards"]["removed"]} >= {"2.3", "2.4", "3.1", "4.1"}
    result = result_document(Engine().evaluate_file(EXAMPLES / "synthetic-youth-2025.json"))
    assert [a["id"] for a in result["areas"]] == ["children", "victims"]
    assert result["overall"]["max"] == 6
    shown = runner.invoke(cli, ["frameworks", "show", "hmip-youth@2025"]).stdout
    assert "Work with victims" in shown and "Assumed" in shown


def test_a_missing_judgement_under_areas_is_a_located_problem(runner, write_json):
    """A standard with a problem has no result, and the areas are not rated from it: the problem is reported, not a crash."""
    document = json.loads((EXAMPLES / "synthetic-youth-2025.json").read_text("utf-8"))
    document["judgements"] = {}
    result = runner.invoke(cli, ["evaluate", str(write_json("empty.json", document))])
    assert result.exit_code == 1
    assert "/judgements/1.1:" in result.stderr and "[missing-judgement]" in result.stderr
    assert "internal error" not in result.stderr


def test_the_region_rates_four_standards_from_its_pdus_pooled_cases(runner):
    """Desistance, public protection, resettlement and court work count both PDUs' cases; unpaid work and victim work their own."""
    document = _document("hmip-region@2023")
    samples = {s["id"]: s for s in document["samples"]}
    assert samples["pdu-cases"]["pooled"] is True and not samples["unpaid-work"].get("pooled")
    on = {s["id"]: s["sample"] for s in document["domains"][1]["standards"]}
    assert on == {"2.1": "pdu-cases", "2.2": "pdu-cases", "2.3": "pdu-cases", "2.4": "unpaid-work",
                  "2.5": "pdu-cases", "2.6": "victim-contact"}
    region = json.loads((EXAMPLES / "synthetic-region-2024.json").read_text("utf-8"))
    named = [entry["file"] for entry in region["pooled_from"]]
    assert named == list(POOLED_FILES)
    for entry in region["pooled_from"]:
        assert hashlib.sha256((EXAMPLES / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    pooled_cases = sum(len(json.loads((EXAMPLES / name).read_text("utf-8"))["samples"]["pdu-cases"]["cases"]) for name in POOLED_FILES)
    result = json.loads(runner.invoke(cli, ["evaluate", str(EXAMPLES / "synthetic-region-2024.json"), "--format", "json"]).stdout)
    assert [p["file"] for p in result["input"]["pooled_from"]] == named
    questions = {q["id"]: q for s in result["standards"] for q in s["key_questions"]}
    assert questions["2.1.1"]["of"] == pooled_cases == 85
    assert questions["2.4.1"]["of"] == 30 and questions["2.6.1"]["of"] == 20
