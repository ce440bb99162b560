"""What VS Code shows while a framework file is edited, asked of VS Code's own JSON language service.

tests/editor/language_service.mjs runs the npm package vscode-json-languageservice (which VS Code's
JSON support is built on) under Node over a file, and prints its hover and completion answers.
Install it with `npm install --no-save --no-package-lock axe-core@4 vscode-json-languageservice@5` at
the top of the repository (node_modules/, which git ignores; axe-core is named too, for the studio's
browser tests, as npm removes a --no-save package a later install leaves out). Without Node or the package these tests skip,
saying why; in CI (CI=true), which installs the package (.ci/run), they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ratings_engine.cli import cli
from ratings_engine.io.schemas import load_schema

from support import CRC_2019

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "editor" / "language_service.mjs"
PACKAGE = ROOT / "node_modules" / "vscode-json-languageservice"
SCHEMA = ROOT / "schemas" / "framework.schema.json"


def _unavailable(reason: str):
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason}; CI installs it (.ci/run), so this is a failure", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def node() -> str:
    """Node, with the language service installed at the top of the repository."""
    found = shutil.which("node")
    if found is None:
        _unavailable("node is not on PATH")
    if not (PACKAGE / "package.json").is_file():
        _unavailable(f"the npm package vscode-json-languageservice is not installed in {ROOT / 'node_modules'} "
                     "(npm install --no-save --no-package-lock axe-core@4 vscode-json-languageservice@5)")
    return found


@pytest.fixture
def ask(node, tmp_path):
    """ask(FILE, queries, ids=False): the language service's answers about FILE, as the script prints them."""

    def ask(document: Path, queries: list[dict], ids: bool = False) -> dict:
        request = tmp_path / "request.json"
        request.write_text(json.dumps({"document": str(document), "ids": str(ROOT / "schemas") if ids else None,
                                       "queries": queries}), "utf-8")
        done = subprocess.run([node, str(SCRIPT), str(request)], capture_output=True, text=True, cwd=ROOT, check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return ask


def _value_offset(text: str, key: str, value: str) -> int:
    """The offset of a character inside VALUE, the string value of the first KEY in TEXT."""
    return text.index(f'"{key}": "{value}"') + len(f'"{key}": "') + 1


def test_hover_on_an_enum_value_shows_that_values_own_words(ask):
    """Hovering over the "published" of status shows what 'published' means, read from the schema $schema names."""
    text = CRC_2019.read_text("utf-8")
    answers = ask(CRC_2019, [{"hover": _value_offset(text, "status", "published")}])
    own = load_schema("framework")["properties"]["status"]["markdownEnumDescriptions"][0]
    assert answers["loaded"] == [SCHEMA.as_uri()]  # the relative "$schema" was followed to the repository's schema
    assert answers["diagnostics"] == []
    assert answers["answers"][0].endswith(f"`published`: {own}")
    assert "Work in progress" not in answers["answers"][0]  # the other values' words are theirs alone


def test_completion_of_an_enum_value_explains_each_value_by_itself(ask):
    """Each value offered for status carries its own description, not the whole property's."""
    text = CRC_2019.read_text("utf-8")
    (offered,) = ask(CRC_2019, [{"complete": _value_offset(text, "status", "published")}])["answers"]
    schema = load_schema("framework")["properties"]["status"]
    assert {item["label"]: item["documentation"] for item in offered} == {
        f'"{value}"': words for value, words in zip(schema["enum"], schema["enumDescriptions"], strict=True)}


def test_completion_of_a_new_band_offers_the_skeleton(ask, tmp_path):
    """A new item at the start of banding.bands is offered as the "New band" skeleton, every required field in it."""
    text = CRC_2019.read_text("utf-8")
    opening = text.index('"bands": [') + len('"bands": [')
    folder = tmp_path / "frameworks" / "hmip-crc"
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    draft = folder / "new-band.json"
    draft.write_text(text[:opening] + "\n      " + text[opening:], "utf-8")
    (offered,) = ask(draft, [{"complete": opening + len("\n      ")}])["answers"]
    snippet = next(item for item in offered if item["label"] == "New band")
    assert snippet["documentation"] == "A band of percentages and the rating it gives"
    body = json.loads(snippet["insertText"].rstrip(",").replace("\t", "  "))
    required = load_schema("framework")["$defs"]["banding"]["properties"]["bands"]["items"]["required"]
    assert set(required) <= set(body)


def test_a_draft_written_into_a_project_with_schemas_keeps_hover(ask, runner, tmp_path):
    """`ratings schemas -o` then `frameworks new --into` elsewhere: $schema's relative path is read from that project."""
    project = tmp_path / "project"
    assert runner.invoke(cli, ["schemas", "-o", str(project / "schemas")]).exit_code == 0
    made = runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into", str(project / "frameworks")])
    assert made.exit_code == 0, made.stderr
    draft = project / "frameworks" / "hmip-crc" / "2020.json"
    text = draft.read_text("utf-8")
    answers = ask(draft, [{"hover": _value_offset(text, "status", "draft")}])
    assert answers["loaded"] == [(project / "schemas" / "framework.schema.json").as_uri()]
    assert answers["diagnostics"] == []
    assert "Work in progress" in answers["answers"][0]


def test_a_draft_outside_any_checkout_resolves_by_the_schemas_id(ask, runner, tmp_path):
    """A draft written where no schemas/ is above names the schema by its $id: a tool given the schemas by $id hovers.

    Given nothing else, the service cannot load a urn:, as VS Code cannot: the docs say what to do then.
    """
    made = runner.invoke(cli, ["frameworks", "new", "hmip-crc@2020", "--from", "hmip-crc@2019", "--into", str(tmp_path)])
    assert made.exit_code == 0, made.stderr
    draft = tmp_path / "hmip-crc" / "2020.json"
    text = draft.read_text("utf-8")
    assert json.loads(text)["$schema"] == load_schema("framework")["$id"]
    query = [{"hover": _value_offset(text, "status", "draft")}]
    known = ask(draft, query, ids=True)
    assert known["diagnostics"] == [] and known["loaded"] == []
    assert "Work in progress" in known["answers"][0]
    unknown = ask(draft, query)
    assert not unknown["answers"][0]  # no hover at all
    assert any("urn:ratings-engine:schema:framework" in message for message in unknown["diagnostics"])
