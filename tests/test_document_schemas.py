"""Every document a command prints has a schema in schemas/, and `--format json` prints exactly what it says.

Each command is run on the bundled examples and frameworks with `--format json`, and its output is
validated against schemas/KIND.schema.json (KIND one of ratings_engine.DOCUMENTS); the schemas that
name another (a re-rating holds two results) are resolved among the repository's own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from ratings_engine.cli import cli
from ratings_engine.extension import DOCUMENTS

from support import EXAMPLES, FRAMEWORKS, ROOT

SCHEMAS = ROOT / "schemas"
SY_2019, SY_2020 = EXAMPLES / "south-yorkshire-crc-2019.json", EXAMPLES / "south-yorkshire-crc-2020.json"
SYNTHETIC = EXAMPLES / "synthetic-crc-2019.json"
SYNTHETIC_YOUTH = EXAMPLES / "synthetic-youth-2019.json"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))
FRAMEWORK_FILES = sorted(FRAMEWORKS.rglob("*.json"))
DOC_EXAMPLES = ROOT / "docs" / "examples"
DOC_FRAMEWORKS = sorted(path for path in DOC_EXAMPLES.glob("*.json") if "domains" in json.loads(path.read_text("utf-8")))
#: Each example inspection with the framework to rate it under (the PDU files are rated only as part
#: of the region that pools them).
DOC_INSPECTIONS = {
    "youth-overall-full-service.json": "youth-overall.framework.json",
    "youth-overall-small-service.json": "youth-overall.framework.json",
    "youth-areas-inspection.json": "youth-areas.framework.json",
    "example-dynamic-inspection.json": "example-dynamic-framework.json",
    "example-dynamic-totals.json": "example-dynamic-framework.json",
    "example-region-inspection.json": "example-region-framework.json",
    "published-ratings-only.json": None,  # None: the framework the file names
    "published-ratings-checked.json": None,
    "assumed-placeholder.json": None,
}
#: Example files that are not rated on their own: the PDU files a region pools, and a file that shows
#: the error a contradicting published overall gives.
NOT_RATED_ALONE = {"pdu-north.json", "pdu-south.json", "published-overall-contradicted.json"}


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))


def validator(document: str) -> Draft202012Validator:
    every = [json.loads(path.read_text("utf-8")) for path in sorted(SCHEMAS.glob("*.schema.json"))]
    registry = Registry().with_resources((item["$id"], Resource.from_contents(item)) for item in every)
    return Draft202012Validator(schema(document), registry=registry)


#: (document, arguments): each command with text output, on the bundled examples and frameworks.
RUNS = [
    *[("explanation", ["explain", str(path)]) for path in EXAMPLE_FILES],
    ("explanation", ["explain", str(SY_2020), "2.1", "4.2"]),
    ("comparison", ["compare", str(SY_2019), str(SY_2020)]),
    ("comparison", ["compare", str(SYNTHETIC), str(SY_2019)]),
    ("framework-diff", ["diff", "hmip-crc@2018", "hmip-crc@2019"]),
    ("framework-diff", ["diff", "hmip-crc@2019", "hmip-youth@2018"]),
    ("framework-diff", ["diff", "hmip-crc@2019", "hmip-crc@2019"]),
    ("rerating", ["evaluate", str(SY_2019), "--compare-with", "hmip-crc@2018"]),
    ("rerating", ["evaluate", str(SYNTHETIC_YOUTH), "--compare-with", "hmip-crc@2019"]),
    ("stability", ["stability", str(SYNTHETIC), "--resamples", "30"]),
    ("stability", ["stability", str(SYNTHETIC_YOUTH), "--resamples", "30"]),
    ("validation", ["validate", *map(str, EXAMPLE_FILES), *map(str, FRAMEWORK_FILES)]),
    ("validation", ["validate", str(ROOT / "tests" / "data" / "negative" / "inspections" / "count-negative.json")]),
    *[("framework-outline", ["frameworks", "show", str(path)]) for path in FRAMEWORK_FILES],
    ("framework-list", ["frameworks"]),
    ("framework-list", ["frameworks", "list"]),
    ("plugin-list", ["plugins"]),
    ("result", ["evaluate", str(SY_2020)]),
    ("impact", ["impact", "--baseline", "hmip-crc@2018", "--draft", "hmip-crc@2019", str(ROOT / "examples")]),
    ("impact", ["impact", "--baseline", "hmip-crc@2019", "--sweep", "bands.good=60:70:5", str(ROOT / "examples" / "corpus"),
                str(SYNTHETIC_YOUTH)]),
    # The small example files of docs/examples/, which use the constructs the bundled files do not.
    *[("framework-outline", ["frameworks", "show", str(path)]) for path in DOC_FRAMEWORKS],
    *[(document, [command, str(DOC_EXAMPLES / inspection), *(["--framework", str(DOC_EXAMPLES / framework)] if framework else [])])
      for inspection, framework in DOC_INSPECTIONS.items() for document, command in (("explanation", "explain"), ("result", "evaluate"))],
]


@pytest.mark.parametrize("document", sorted(set(DOCUMENTS)))
def test_each_document_has_a_valid_schema(document):
    """Each kind of document has schemas/KIND.schema.json, valid Draft 2020-12, with the project's $id."""
    found = schema(document)
    assert found["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert found["$id"] == f"urn:ratings-engine:schema:{document}"
    Draft202012Validator.check_schema(found)


def _objects(node, path="#"):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{path}/{index}")


@pytest.mark.parametrize("document", sorted(set(DOCUMENTS) - {"result"}))
def test_document_schemas_are_closed_and_described(document):
    """Every object with properties rejects others, and every property says what it is."""
    for path, node in _objects(schema(document)):
        if isinstance(node.get("properties"), dict) and not path.endswith("/properties"):
            assert node.get("additionalProperties") is False, f"{path} is not closed"
            for name, sub in node["properties"].items():
                assert "description" in sub, f"{path}/properties/{name} has no description"


@pytest.mark.parametrize("document, args", RUNS, ids=[" ".join(Path(a).name for a in args) for _, args in RUNS])
def test_json_output_fits_its_schema(runner, document, args):
    """`--format json` of the command prints a document its schema describes."""
    result = runner.invoke(cli, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    printed = json.loads(result.stdout)
    errors = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(document).iter_errors(printed)]
    assert errors == []


def test_replay_fits_its_schema_reproduced_or_not(runner, tmp_path):
    """A replay that reproduces the result and one that does not both fit the replay schema."""
    recorded = tmp_path / "recorded.json"
    assert runner.invoke(cli, ["evaluate", str(SY_2020), "-o", str(recorded)]).exit_code == 0
    for inspection, code in ((SY_2020, 0), (SY_2019, 1)):
        result = runner.invoke(cli, ["replay", str(recorded), str(inspection), "--format", "json"])
        assert result.exit_code == code
        printed = json.loads(result.stdout)
        assert printed["reproduced"] is (code == 0)
        assert list(validator("replay").iter_errors(printed)) == []


def test_a_schema_refuses_what_the_document_does_not_have(runner):
    """The schemas are closed: a field the engine never writes is refused, so they cannot drift from the code unnoticed."""
    printed = json.loads(runner.invoke(cli, ["diff", "hmip-crc@2018", "hmip-crc@2019", "--format", "json"]).stdout)
    printed["summary"]["surprise"] = 1
    assert [e.message for e in validator("framework-diff").iter_errors(printed)] == [
        "Additional properties are not allowed ('surprise' was unexpected)"]


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_the_built_in_plugins_give_every_document_text_and_json(registry, document):
    """Every kind of document can be read by a person (text) and by a machine (json) without any third-party plugin."""
    assert {"text", "json"} <= set(registry.formats_for(document))


def test_the_docs_name_every_schema():
    """README names every schema file in schemas/, so a reader finds the one for each command's JSON."""
    readme = (ROOT / "README.md").read_text("utf-8")
    missing = [path.name for path in sorted(SCHEMAS.glob("*.schema.json")) if path.name not in readme]
    assert missing == []


def test_the_explanation_schema_names_every_kind_of_reason():
    """A reason of a kind the schema does not list would make `explain --format json` break its own schema."""
    from ratings_engine.reports.reasons import KINDS

    kind = schema("explanation")["properties"]["standards"]["items"]["properties"]["reasons"]["items"]["properties"]["kind"]
    assert kind["enum"] == list(KINDS)


def test_every_example_inspection_of_the_docs_is_checked():
    """A new example file in docs/examples/ is either a framework or listed with the framework it is rated under."""
    examples = {path.name for path in DOC_EXAMPLES.glob("*.json")} - {path.name for path in DOC_FRAMEWORKS}
    assert examples == set(DOC_INSPECTIONS) | NOT_RATED_ALONE
