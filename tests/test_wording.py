"""Rating methods and moderation rules describe themselves; the engine never restates a plugin's rules.

A third-party rating method with its own wording is described in `ratings frameworks show`,
`ratings diff` and `ratings explain` exactly as a built-in one is, and the engine's own code holds
no wording or settings of the built-in plugins.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ratings_engine.analysis.explain import explain
from ratings_engine.cli import cli
from ratings_engine.errors import PluginError
from ratings_engine.extension import Description, Indicative, ModerationRule, RatingMethod
from ratings_engine.hookspecs import hookimpl
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.framework_doc import framework_outline

from support import ROOT, cases_inspection, minimal_framework

ENGINE = ROOT / "engine"

#: What the engine's code must not hold: the built-in plugins' names, their settings and their wording,
#: and the inspectorate's own name. Each is (pattern, what it is).
BUILT_INS = (
    (r"lowest-key-question", "the built-in rating method's name"),
    (r"lead-inspector-judgement", "the built-in judgement method's name"),
    (r"qualitative-evidence", "the built-in moderation rule's name"),
    (r"requires_ratification", "a setting of the built-in moderation rule"),
    (r"options(?:\.get\(|\[)\s*[\"'](?:max_bands|key_question)[\"']", "a setting of the built-in moderation rule, read from the options"),
    (r"five_point_rule", "the inspectorate's five percentage points, as a name"),
    (r"lowest key question", "the built-in rating method's wording"),
    (r"HM Inspectorate", "the inspectorate's name"),
)

#: Places where a match is not the engine knowing a built-in, each with the reason.
ALLOWED = {
    # The minimal framework plugin authors' tests build on is a framework document: data, like frameworks/.
    ("testing.py", "lowest-key-question"), ("testing.py", "lead-inspector-judgement"),
    # The plugin contract's docstring, showing what a driving key question's name looks like.
    ("extension.py", "lowest key question"),
    # A docstring citing where the significance test's wording comes from.
    ("analysis/compare.py", "HM Inspectorate"),
}


def test_the_engine_holds_no_wording_or_settings_of_the_built_in_plugins():
    """Greps every .py file under engine/ (code, docstrings and comments alike) for each pattern in
    BUILT_INS: the names lowest-key-question, lead-inspector-judgement and qualitative-evidence; the
    moderation setting requires_ratification, and max_bands and key_question read from a standard's options
    (discretion's own max_bands and a key question's id are the engine's, and stay);
    five_point_rule; the wording "lowest key question"; and "HM Inspectorate". frameworks/ and
    plugins/ are not searched: they are where such words belong. Each match allowed is listed in
    ALLOWED with its reason.
    """
    found = []
    for path in sorted(ENGINE.rglob("*.py")):
        relative = path.relative_to(ENGINE).as_posix()
        text = path.read_text("utf-8")
        for pattern, what in BUILT_INS:
            if (relative, pattern) in ALLOWED:
                continue
            for match in re.finditer(pattern, text, re.IGNORECASE):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"engine/{relative}:{line}: {match.group(0)!r} ({what})")
    assert not found, "the engine restates a built-in plugin:\n" + "\n".join(found)


def test_every_allowance_is_still_needed():
    """An allowance that no longer matches anything is removed, so the list stays a true account."""
    for relative, pattern in ALLOWED:
        assert re.search(pattern, (ENGINE / relative).read_text("utf-8"), re.IGNORECASE), (relative, pattern)


PLUGIN = '''
from ratings_engine import Description, Indicative, RatingMethod, hookimpl


def rate(context):
    best = max(context.key_questions, key=lambda kq: kq.percent)
    return Indicative(best.rating, f"highest key question {best.id}", best.id)


def describe(options):
    ties = options.get("ties", "first")
    return Description(summary="rated by its strongest key question", settings=(f"ties go to the {ties}",),
                       worded=frozenset({"ties"}), driving_key_question="strongest key question")


@hookimpl
def ratings_rating_methods():
    return [RatingMethod("highest-key-question", "The band of the highest key question.", rate, describe=describe)]
'''


@pytest.fixture
def third_party(tmp_path: Path, write_json) -> dict[str, Path]:
    """A plugin module providing a described rating method, a framework naming it, the same framework with the
    built-in method, and an inspection of it."""
    (tmp_path / "strongest.py").write_text(PLUGIN, encoding="utf-8")
    built_in = minimal_framework()
    theirs = minimal_framework()
    theirs["version"] = "2"
    theirs["domains"][1]["standards"][0].update(rating_method="highest-key-question", rating_options={"ties": "last"})
    return {
        "plugin": tmp_path / "strongest.py",
        "built_in": write_json("mini-1.json", built_in),
        "theirs": write_json("mini-2.json", theirs),
        "inspection": write_json("inspection.json", cases_inspection(
            [("yes", "yes", True), ("yes", "no", True), ("no", None, False), ("yes", None, False)], framework="mini@2")),
    }


def run(runner, third_party, *arguments: str) -> str:
    result = runner.invoke(cli, ["--plugin", str(third_party["plugin"]), *arguments])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_frameworks_show_uses_a_third_party_methods_own_words(runner, third_party):
    """The document reads the method as its plugin words it, its settings too, and discretion names its key question."""
    text = run(runner, third_party, "frameworks", "show", str(third_party["theirs"]))
    assert "rated by its strongest key question (settings: ties go to the last)" in text
    assert "where the strongest key question is within 5 percentage points of a band boundary" in text
    outline = json.loads(run(runner, third_party, "frameworks", "show", str(third_party["theirs"]), "--format", "json"))
    words = outline["domains"][1]["standards"][0]["rating_method_words"]
    assert words == "rated by its strongest key question (settings: ties go to the last)"


def test_diff_words_both_methods_as_their_plugins_do(runner, third_party):
    """Against the version with the built-in method, the change names both methods in their own words."""
    text = run(runner, third_party, "diff", str(third_party["built_in"]), str(third_party["theirs"]))
    assert ("Assessment (2.1): rating method is now 'highest-key-question' with {\"ties\": \"last\"}, rated by its "
            "strongest key question (was 'lowest-key-question', rated by its lowest key question)") in text


def test_explain_names_the_driving_key_question_as_the_method_does(runner, third_party, tmp_path):
    """Explain and professional discretion's reasons call the driving key question what the method calls it."""
    text = run(runner, third_party, "explain", str(third_party["inspection"]), "--framework", str(third_party["theirs"]))
    assert "comes from its strongest key question, 2.1.1 'Does assessment engage?'" in text
    assert "the strongest key question, 2.1.1 at 75%" in text
    assert "lowest key question" not in text


def test_a_method_without_describe_is_worded_from_its_description(ratings_framework_builder):
    """A plugin written before describe existed is named with its description, never left unexplained."""
    method = RatingMethod("highest-key-question", "The band of the highest key question.",
                          lambda context: Indicative(context.key_questions[0].rating, "first", context.key_questions[0].id))
    plugin = _provider(method)
    framework = ratings_framework_builder(
        lambda d: d["domains"][1]["standards"][0].update(rating_method="highest-key-question"), plugins=[plugin])
    registry = _registry_with(plugin)
    words = framework_outline(framework, registry)["domains"][1]["standards"][0]["rating_method_words"]
    assert words == "the rating method 'highest-key-question': The band of the highest key question."
    result = evaluate(framework, cases_inspection([("yes", "no", True), ("no", "yes", True)]), registry)
    assert "the driving key question, 2.1.1 at 50%" in result.standards[1].eligibility.explanation
    sentences = explain(result, registry)["standards"][1]["sentences"]
    assert any("comes from its driving key question, 2.1.1" in sentence for sentence in sentences)


def test_a_method_reporting_no_driving_key_question_is_eligible_only_by_the_one_case_rule(ratings_framework_builder):
    """With no driving key question, nearness to a boundary is not tested, and the reason says so."""
    method = RatingMethod("panel-view", "The ratings panel's view.",
                          lambda context: Indicative("good", "the panel's view"))
    plugin = _provider(method)
    framework = ratings_framework_builder(lambda d: d["domains"][1]["standards"][0].update(rating_method="panel-view"),
                                          plugins=[plugin])
    result = evaluate(framework, cases_inspection([("yes", "no", True), ("no", "yes", True)]), _registry_with(plugin))
    eligibility = result.standards[1].eligibility
    assert eligibility.near_boundaries == () and eligibility.eligible is False
    assert eligibility.explanation == (
        "not eligible: the rating method 'panel-view' reports no key question that drives the rating, so nearness to a "
        "band boundary is not tested; no single case judged differently would change the rating")


def test_a_failing_describe_is_a_located_plugin_failure(runner, tmp_path, write_json):
    """A describe that raises is reported as the plugin's failure, by name, with exit 1 and no traceback."""
    (tmp_path / "broken.py").write_text(PLUGIN.replace("    ties = options", "    1 / 0\n    ties = options"), encoding="utf-8")
    document = minimal_framework()
    document["domains"][1]["standards"][0]["rating_method"] = "highest-key-question"
    path = write_json("mini.json", document)
    result = runner.invoke(cli, ["--plugin", str(tmp_path / "broken.py"), "frameworks", "show", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "rating method 'highest-key-question' from plugin" in result.stderr and "failed" in result.stderr
    assert "ZeroDivisionError" in result.stderr and "[plugin-failed]" in result.stderr


def test_a_describe_returning_something_else_is_the_plugins_fault(registry):
    """Only a Description (or a string, taken as its summary) is wording."""
    rule = ModerationRule("odd", "An odd rule.", lambda context: None, describe=lambda options: 42)
    plain = ModerationRule("plain", "A plain rule.", lambda context: None, describe=lambda options: "a plain rule")
    registry.moderation_rules.update(odd=rule, plain=plain)
    with pytest.raises(PluginError, match="its describe returned 42, not a Description or a string"):
        registry.describe("moderation rule", "odd", {})
    assert registry.describe("moderation rule", "plain", {}) == Description(summary="a plain rule")


def _provider(method: RatingMethod):
    class Provider:
        @hookimpl
        def ratings_rating_methods(self):
            return [method]

    return Provider()


def _registry_with(plugin):
    from ratings_engine.plugin_host.registry import build_registry, get_plugin_manager

    return build_registry(get_plugin_manager(plugins=[("provider", plugin)]))
