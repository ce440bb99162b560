"""The example third-party plugin package, installed from examples/plugin-package like any other distribution."""

from __future__ import annotations

import importlib.util
import json
import os
import re

import pytest

from ratings_engine.cli import cli

from support import EXAMPLES

PACKAGE = EXAMPLES / "plugin-package"
INSPECTION = PACKAGE / "examples" / "small-sample.json"

if importlib.util.find_spec("ratings_minimum_sample") is None:
    reason = "the example plugin package is not installed (pip install ./examples/plugin-package)"
    if os.environ.get("CI"):
        raise RuntimeError(reason + "; CI installs it, so this is a failure")  # pragma: no cover
    pytest.skip(reason, allow_module_level=True)


@pytest.fixture(autouse=True)
def third_party_plugins(monkeypatch):
    """These tests are about a third-party plugin: load it."""
    monkeypatch.delenv("RATINGS_DISABLE_PLUGINS")


def test_listed_with_its_distribution(runner):
    """`ratings plugins` lists the plugin by distribution, with the rating method and framework folder it adds."""
    result = runner.invoke(cli, ["plugins"])
    assert "ratings-minimum-sample:minimum_sample  (ratings-minimum-sample 1.0.0)" in result.stdout
    assert "    rating method lowest-key-question-with-minimum-sample" in result.stdout
    assert "small-samples@1" in runner.invoke(cli, ["frameworks"]).stdout


def test_a_framework_naming_it_evaluates_through_it(runner):
    """Under small-samples@1, standard 2.1 counts 7 cases for 2.1.2, fewer than its minimum of 10: not rated."""
    result = runner.invoke(cli, ["evaluate", str(INSPECTION), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assessment = document["standards"][1]
    assert (assessment["rating"], assessment["score"]) == (None, None)
    assert assessment["indicative_reason"] == "not rated: too few cases (2.1.2 counts 7, fewer than the 10 the framework sets)"
    plugin = {"name": "ratings-minimum-sample:minimum_sample", "distribution": "ratings-minimum-sample", "version": "1.0.0"}
    assert plugin in document["plugins"]


def test_it_changes_the_rating(runner, tmp_path, write_json):
    """The same inspection under the same framework with the built-in method is rated; with the plugin's, it is not."""
    framework = json.loads((PACKAGE / "src/ratings_minimum_sample/frameworks/small-samples/1.json").read_text("utf-8"))
    framework["version"] = "1-builtin"
    framework["domains"][1]["standards"][0]["rating_method"] = "lowest-key-question"
    del framework["domains"][1]["standards"][0]["rating_options"]
    builtin = write_json("frameworks/builtin.json", framework)
    result = runner.invoke(cli, ["evaluate", str(INSPECTION), "--framework", str(builtin), "--format", "json"])
    assert json.loads(result.stdout)["standards"][1]["rating"] == "good"
    inspection = json.loads(INSPECTION.read_text("utf-8"))
    for case in inspection["samples"]["cases"]["cases"]:
        case["attributes"]["harm_factors"] = True
        case["key_questions"].setdefault("2.1.2", "yes")
    result = runner.invoke(cli, ["evaluate", str(write_json("enough.json", inspection)), "--format", "json"])
    assert json.loads(result.stdout)["standards"][1]["rating"] == "outstanding"  # 12 cases: enough to rate


def test_its_settings_are_checked(runner, write_json):
    """A framework naming the method without a minimum is invalid, with the plugin's own words."""
    framework = json.loads((PACKAGE / "src/ratings_minimum_sample/frameworks/small-samples/1.json").read_text("utf-8"))
    del framework["domains"][1]["standards"][0]["rating_options"]
    result = runner.invoke(cli, ["validate", str(write_json("bad.json", framework))])
    assert result.exit_code == 1
    assert "rating_options must set minimum_cases to a whole number of at least 1 [rating-method-settings]" in result.stderr


def test_readme_shows_what_the_command_prints(runner, monkeypatch):
    """The README's `ratings evaluate` command, run from the repository's root, prints the output the README shows."""
    readme = (PACKAGE / "README.md").read_text("utf-8")
    [command] = re.findall(r"^ratings (evaluate \S+)", readme, re.MULTILINE)
    [shown] = re.findall(r"^```text\n(.*?)^```", readme, re.MULTILINE | re.DOTALL)
    monkeypatch.chdir(EXAMPLES.parent)
    result = runner.invoke(cli, command.split())
    assert result.exit_code == 0, result.stderr
    assert shown in result.stdout, f"the README shows:\n{shown}\nthe command prints:\n{result.stdout}"
