"""Plugins: built-ins load through entry points, third parties add behaviour frameworks can name, and
misbehaving plugins are reported by name."""

from __future__ import annotations

import inspect
import json
import re
import signal
import subprocess
import sys
import tomllib
import types
from importlib import metadata
from pathlib import Path

import pytest

from ratings_engine import hookspecs
from ratings_engine.cli import cli
from ratings_engine.errors import InvalidInputError, PluginError
from ratings_engine.extension import Indicative, ModerationOutcome, ModerationRule, OutputFormat, RatingMethod
from ratings_engine.hookspecs import hookimpl
from ratings_engine.model.load import framework_from_bytes
from ratings_engine.plugin_host import manager as manager_module
from ratings_engine.plugin_host import plugin_guard
from ratings_engine.plugin_host.registry import build_registry, get_plugin_manager, load_registry
from ratings_engine.rating.evaluate import evaluate
from ratings_engine.reports.result import result_document

from support import cases_inspection, minimal_framework

HOOKS = sorted(name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("ratings_"))


class HighestKeyQuestion:
    """A throwaway plugin: rates a standard by its highest key question."""

    @hookimpl
    def ratings_rating_methods(self):
        def rate(context):
            best = max(context.key_questions, key=lambda kq: kq.percent)
            return Indicative(best.rating, f"highest key question {best.id}", best.id)

        return [RatingMethod("highest-key-question", "The band of the highest key question.", rate)]


def framework_naming(registry, method="highest-key-question", change=None):
    document = minimal_framework()
    document["domains"][1]["standards"][0]["rating_method"] = method
    if change:
        change(document)
    return framework_from_bytes(json.dumps(document).encode(), "mini.json", registry)


def plugin_registry(*plugins):
    return build_registry(get_plugin_manager(plugins=[(type(p).__name__, p) for p in plugins]))


def test_builtins_are_registered_through_entry_points():
    """The built-in plugins come from the ratings_engine entry-point group, like a third party's."""
    ours = {ep.name for ep in metadata.entry_points(group="ratings_engine") if ep.dist and ep.dist.name == "ratings-engine"}
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))["project"]
    declared = set(project["entry-points"]["ratings_engine"])
    assert ours == declared and {"rating_methods", "moderation", "output_formats", "bundled_frameworks"} <= ours
    manager = get_plugin_manager()
    builtins = {name for name, info in manager.origins.items() if info.distribution == "ratings-engine"}
    assert builtins == ours


def test_hook_ratings_rating_methods_a_plugin_method_named_by_a_framework():
    """A third-party rating method is used when a framework names it, and the result credits its plugin."""
    registry = plugin_registry(HighestKeyQuestion())
    framework = framework_naming(registry)
    answers = [("yes", "no", True), ("yes", "no", True), ("yes", "no", True)]
    result = result_document(evaluate(framework, cases_inspection(answers), registry))
    assessment = result["standards"][1]
    assert (assessment["rating"], assessment["driving_key_question"]) == ("outstanding", "2.1.1")
    assert "HighestKeyQuestion" in [p["name"] for p in result["plugins"]]


def test_unknown_rating_method(registry):
    """A framework naming a rating method no plugin provides is invalid, with the installed ones listed."""
    with pytest.raises(InvalidInputError) as raised:
        framework_naming(registry, method="weighted-average")
    [problem] = raised.value.problems
    assert (problem.code, problem.pointer) == ("unknown-rating-method", "/domains/1/standards/0/rating_method")
    assert problem.hint == "installed: lead-inspector-judgement, lowest-key-question"


def test_hook_ratings_moderation_rules_a_plugin_rule_named_by_a_framework():
    """A third-party moderation rule can be named by a framework and moves the rating as it decides."""
    class AlwaysLower:
        @hookimpl
        def ratings_moderation_rules(self):
            def moderate(context):
                lower = context.framework.rating_at(max(0, context.indicative.rank - 1))
                return ModerationOutcome(lower.id, "lowered by the test rule", proposed=-1, ratified=True, rationale="x")

            return [ModerationRule("always-lower", "Lowers every rating one band.", moderate)]

    registry = plugin_registry(AlwaysLower())

    def add_rule(document):
        document["domains"][1]["standards"][0]["moderation"] = {"rule": "always-lower"}

    framework = framework_naming(registry, method="lowest-key-question", change=add_rule)
    result = result_document(evaluate(framework, cases_inspection([("yes", "yes", True)]), registry))
    assert (result["standards"][1]["indicative_rating"], result["standards"][1]["rating"]) == ("outstanding", "good")


def test_hook_ratings_output_formats_a_plugin_format_from_the_cli(runner, monkeypatch):
    """A third-party output format is offered by `ratings evaluate --format`."""
    class Shout:
        @hookimpl
        def ratings_output_formats(self):
            return [OutputFormat("shout", "Overall rating in capitals.", lambda r: r["overall"]["rating_label"].upper() + "\n")]

    monkeypatch.setattr("ratings_engine.api.load_registry", lambda: plugin_registry(Shout()))
    from support import SOUTH_YORKSHIRE_2020

    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "shout"])
    assert (result.exit_code, result.stdout) == (0, "GOOD\n")


def test_hook_ratings_framework_paths_a_plugin_directory(runner, monkeypatch, tmp_path):
    """Framework files in a directory a plugin registers are listed and can be used."""
    document = minimal_framework()
    (tmp_path / "mini.json").write_text(json.dumps(document), encoding="utf-8")

    class Directory:
        @hookimpl
        def ratings_framework_paths(self):
            return [tmp_path]

    monkeypatch.setattr("ratings_engine.api.load_registry", lambda: plugin_registry(Directory()))
    result = runner.invoke(cli, ["frameworks"])
    assert result.exit_code == 0
    assert "mini@1" in result.stdout and "hmip-crc@2019" in result.stdout


def test_plugin_overrides_builtin_of_the_same_name():
    """An installed plugin providing a built-in's name wins, because built-ins are called last."""
    class Replacement:
        @hookimpl
        def ratings_output_formats(self):
            return [OutputFormat("text", "Replacement text.", lambda r: "replaced\n")]

    registry = plugin_registry(Replacement())
    assert registry.output_formats["text"].description == "Replacement text."
    assert registry.provider("output format", "text").name == "Replacement"
    assert any("replaced by the one from Replacement" in line for line in registry.overridden)


def test_failing_hook_is_reported_by_name_and_others_still_work():
    """A plugin whose hook raises is named in the registry's failures; the built-ins still load."""
    class Broken:
        @hookimpl
        def ratings_rating_methods(self):
            raise RuntimeError("boom")

    registry = plugin_registry(Broken())
    assert registry.failures == ["plugin Broken failed in ratings_rating_methods: RuntimeError: boom"]
    assert "lowest-key-question" in registry.rating_methods


def test_wrong_return_type_is_reported():
    """A plugin returning something other than the right objects is ignored and reported."""
    class Wrong:
        @hookimpl
        def ratings_rating_methods(self):
            return ["not a method"]

    registry = plugin_registry(Wrong())
    assert "returned something other than RatingMethod objects" in registry.failures[0]


def test_rating_method_that_crashes_names_its_plugin():
    """A rating method that raises while rating stops the evaluation with a message naming the plugin."""
    class Crashing:
        @hookimpl
        def ratings_rating_methods(self):
            return [RatingMethod("crashing", "Fails.", lambda context: 1 / 0)]

    registry = plugin_registry(Crashing())
    framework = framework_naming(registry, method="crashing")
    with pytest.raises(PluginError, match=r"rating method 'crashing' from plugin Crashing failed: ZeroDivisionError"):
        evaluate(framework, cases_inspection([("yes", "yes", True)]), registry)


def test_rating_off_the_scale_is_refused():
    """A rating method returning a rating that is not on the framework's scale is caught."""
    class OffScale:
        @hookimpl
        def ratings_rating_methods(self):
            return [RatingMethod("off-scale", "Says 'excellent'.", lambda context: Indicative("excellent", "made up"))]

    registry = plugin_registry(OffScale())
    framework = framework_naming(registry, method="off-scale")
    with pytest.raises(PluginError, match="not an Indicative with a rating on the scale"):
        evaluate(framework, cases_inspection([("yes", "yes", True)]), registry)


class _FakeEntryPoint:
    """An entry point of a third-party distribution, as importlib.metadata finds one."""

    def __init__(self, name, dist, load):
        self.name, self.value, self._load = name, f"{dist}_plugin", load
        self.dist = types.SimpleNamespace(name=dist, version="9.9", metadata={"Name": dist, "Version": "9.9"})

    def load(self):
        return self._load()


def _ours():
    return [ep for ep in metadata.entry_points(group="ratings_engine") if ep.dist.name == "ratings-engine"]


def test_broken_entry_point_is_reported_by_name(monkeypatch):
    """A third-party entry point that fails to import is reported by name; the rest load."""
    def fail():
        raise ImportError("no module named nowhere")

    monkeypatch.delenv("RATINGS_DISABLE_PLUGINS")
    real = _ours()
    monkeypatch.setattr(manager_module, "entry_points", lambda group: real + [_FakeEntryPoint("broken", "acme-ratings", fail)])
    manager = get_plugin_manager()
    assert manager.failures == [
        "plugin 'acme-ratings:broken' (acme-ratings_plugin) could not be loaded: ImportError: no module named nowhere"]
    assert "rating_methods" in manager.origins


def test_third_party_plugins_can_be_disabled(monkeypatch):
    """RATINGS_DISABLE_PLUGINS=1 loads only the engine's own plugins."""
    monkeypatch.delenv("RATINGS_DISABLE_PLUGINS")
    real = _ours()
    extra = _FakeEntryPoint("extra", "acme-ratings", lambda: HighestKeyQuestion())
    monkeypatch.setattr(manager_module, "entry_points", lambda group: real + [extra])
    assert "acme-ratings:extra" in get_plugin_manager().origins
    monkeypatch.setenv("RATINGS_DISABLE_PLUGINS", "1")
    assert "acme-ratings:extra" not in get_plugin_manager().origins


@pytest.mark.parametrize("name", HOOKS)
def test_hookspec_is_documented(name):
    """Every hook says when it is called, what it returns, and what None means."""
    doc = inspect.getdoc(getattr(hookspecs, name)) or ""
    assert "Called" in doc and "Returns" in doc and "``None``" in doc, name


@pytest.mark.parametrize("name", HOOKS)
def test_hookspec_has_a_test(name):
    """Every hook has a test of its own in this module, named after it."""
    tests = [n for n in globals() if n.startswith(f"test_hook_{name}")]
    assert tests, f"no test_hook_{name}_... test"


class TooFewCases:
    """A throwaway plugin: a standard with fewer than 3 cases counted is not rated."""

    @hookimpl
    def ratings_rating_methods(self):
        def rate(context):
            smallest = min(kq.of for kq in context.key_questions)
            if smallest < 3:
                return Indicative(None, f"not rated: only {smallest} cases")
            return Indicative("good", "enough cases")

        return [RatingMethod("minimum-cases", "Not rated below 3 cases.", rate)]


def test_a_standard_may_be_left_not_rated():
    """A rating method may leave a standard not rated: it scores nothing and the overall rating is withheld."""
    registry = plugin_registry(TooFewCases())
    framework = framework_naming(registry, method="minimum-cases")
    result = result_document(evaluate(framework, cases_inspection([("yes", "yes", True), ("yes", "no", True)]), registry))
    standard = result["standards"][1]
    assert (standard["rating"], standard["rating_label"], standard["score"]) == (None, "Not rated", None)
    assert standard["indicative_reason"] == "not rated: only 2 cases"
    assert result["overall"] == {"score": 2, "max": 3, "rating": None, "rating_label": "Not rated", "band": None}
    assert [w["code"] for w in result["warnings"]] == ["overall-not-rated"]
    from ratings_engine.io.schemas import schema_problems
    assert schema_problems(result, "result", "result") == []
    from ratings_engine.plugins.output_formats import render_text
    text = render_text(result)
    assert "2.1 Assessment ............................ Not rated\n" in text
    assert "Overall: Not rated, score 2/3\n" in text
    # Discretion on a standard that is not rated is a problem, not silently dropped.
    document = cases_inspection([("yes", "yes", True)], discretion={"2.1": {"rating": "good", "rationale": "x"}})
    with pytest.raises(InvalidInputError) as raised:
        evaluate(framework, document, registry)
    assert [(p.code, p.pointer) for p in raised.value.problems] == [("not-rated", "/discretion/2.1")]


LOCAL_PLUGIN = '''
from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl


@hookimpl
def ratings_output_formats():
    return [OutputFormat("score", "Just the overall score.", lambda result: f"{result['overall']['score']}\\n")]
'''


def test_local_plugin_module_for_one_run(runner, tmp_path, monkeypatch):
    """--plugin loads a plugin module for one run, from a .py file or by module name."""
    from support import SOUTH_YORKSHIRE_2020

    (tmp_path / "score_format.py").write_text(LOCAL_PLUGIN, encoding="utf-8")
    result = runner.invoke(cli, ["--plugin", str(tmp_path / "score_format.py"), "evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "score"])
    assert (result.exit_code, result.stdout) == (0, "20\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["--plugin", "score_format", "plugins"])
    assert result.exit_code == 0 and "    output format score" in result.stdout
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "score"])
    assert result.exit_code == 2  # gone again without --plugin


def test_local_plugin_that_fails_to_load(runner):
    """A --plugin module that cannot be imported is left out with a warning naming it and the cause; the command runs."""
    result = runner.invoke(cli, ["--plugin", "no_such_ratings_plugin", "plugins"])
    assert result.exit_code == 0
    assert "warning: plugin module 'no_such_ratings_plugin' could not be loaded: ModuleNotFoundError" in result.stderr
    assert "rating_methods  (ratings-engine" in result.stdout


def test_plugins_disabled_by_name(monkeypatch):
    """RATINGS_DISABLE_PLUGINS may name plugins or distributions to leave out, and 'all' leaves out every third party."""
    real = _ours()
    extra = _FakeEntryPoint("extra", "acme-ratings", lambda: HighestKeyQuestion())
    monkeypatch.setattr(manager_module, "entry_points", lambda group: real + [extra])
    monkeypatch.setenv("RATINGS_DISABLE_PLUGINS", "acme-ratings")
    assert "acme-ratings:extra" not in get_plugin_manager().origins
    monkeypatch.setenv("RATINGS_DISABLE_PLUGINS", "output_formats, extra")
    origins = get_plugin_manager().origins
    assert "output_formats" not in origins and "acme-ratings:extra" not in origins and "rating_methods" in origins
    monkeypatch.setenv("RATINGS_DISABLE_PLUGINS", "all")
    assert "acme-ratings:extra" not in get_plugin_manager().origins


def test_plugin_cannot_mutate_what_it_is_given():
    """Plugins get read-only views: an attempt to change the framework or the inspection is caught and named."""
    class Meddler:
        @hookimpl
        def ratings_rating_methods(self):
            def rate(context):
                context.framework.document["status"] = "published"  # a frozen mapping refuses this
                return Indicative("good", "meddled")

            def rate_judgement(context):
                context.judgement["rating"] = "outstanding"
                return Indicative("good", "meddled")

            return [RatingMethod("meddling", "Tries to change the framework.", rate),
                    RatingMethod("meddling-judgement", "Tries to change the judgement.", rate_judgement, takes_judgement=True)]

    registry = plugin_registry(Meddler())
    framework = framework_naming(registry, method="meddling")
    with pytest.raises(PluginError, match=r"rating method 'meddling' from plugin Meddler failed: TypeError"):
        evaluate(framework, cases_inspection([("yes", "yes", True)]), registry)
    document = minimal_framework()
    document["domains"][0]["standards"][0]["rating_method"] = "meddling-judgement"
    framework = framework_from_bytes(json.dumps(document).encode(), "mini.json", registry)
    with pytest.raises(PluginError, match=r"rating method 'meddling-judgement' from plugin Meddler failed: TypeError"):
        evaluate(framework, cases_inspection([("yes", "yes", True)]), registry)


def test_a_failing_plugin_writes_no_partial_result(runner, tmp_path, monkeypatch):
    """When a plugin fails, the command exits 1 naming it, and no output file is left behind."""
    class Crashing:
        @hookimpl
        def ratings_output_formats(self):
            return [OutputFormat("crash", "Fails half way.", lambda result: result["no such key"], (".crash",))]

    monkeypatch.setattr("ratings_engine.api.load_registry", lambda: plugin_registry(Crashing()))
    from support import SOUTH_YORKSHIRE_2020

    out = tmp_path / "result.crash"
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(out)])
    assert result.exit_code == 1 and "output format 'crash' from plugin Crashing failed: KeyError" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- The plugin door: every load and every call of plugin code goes through plugin_guard. ---------------


def _module(name, **hooks):
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, function)
    return module


def test_a_misspelt_hook_leaves_the_plugin_out_with_its_name():
    """A hook name that does not exist is not a traceback: the plugin is left out, named, with the likely hook."""
    @hookimpl
    def ratings_rating_method():
        return []

    manager = get_plugin_manager(plugins=[("typo", _module("typo", ratings_rating_method=ratings_rating_method))])
    assert manager.failures == ["plugin typo is left out: it implements 'ratings_rating_method', which is not a hook "
                                "of ratings-engine (did you mean ratings_rating_methods?)"]
    assert not manager.has_plugin("typo") and manager.has_plugin("rating_methods")


def test_a_hook_asking_for_arguments_it_is_not_given_leaves_the_plugin_out():
    """A wrong signature is reported in words, not as pluggy's validation error."""
    @hookimpl
    def ratings_rating_methods(config):
        return []

    manager = get_plugin_manager(plugins=[("greedy", _module("greedy", ratings_rating_methods=ratings_rating_methods))])
    assert manager.failures == ["plugin greedy is left out: its ratings_rating_methods asks for config, but the hook gives no arguments"]
    assert "lowest-key-question" in build_registry(manager).rating_methods


def test_registering_a_plugin_twice_is_a_no_op():
    """The same object, or the same name, registered again changes nothing and reports nothing."""
    plugin = HighestKeyQuestion()
    registry = build_registry(get_plugin_manager(plugins=[("high", plugin), ("high", HighestKeyQuestion()), ("again", plugin)]))
    assert registry.failures == [] and registry.overridden == []
    assert [p.name for p in registry.plugins].count("high") == 1 and "again" not in [p.name for p in registry.plugins]


def test_an_installed_plugin_also_given_with_plugin_is_registered_once(runner, tmp_path, monkeypatch):
    """--plugin naming the module an installed plugin's entry point loads is the same plugin: no clash, no traceback."""
    (tmp_path / "score_format.py").write_text(LOCAL_PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("RATINGS_DISABLE_PLUGINS")
    import importlib

    real = _ours()
    installed = _FakeEntryPoint("score", "acme-ratings", lambda: importlib.import_module("score_format"))
    monkeypatch.setattr(manager_module, "entry_points", lambda group: real + [installed])
    result = runner.invoke(cli, ["--plugin", "score_format", "--plugin", "score_format", "plugins"])
    assert result.exit_code == 0, result.output
    assert "acme-ratings:score  (acme-ratings 9.9)" in result.stdout and "score_format  (" not in result.stdout
    assert "warning" not in result.stderr and "note:" not in result.stdout


def test_the_same_file_given_twice_with_plugin_is_loaded_once(runner, tmp_path):
    """Two spellings of one plugin file load it once: one import, one registration."""
    plugin = tmp_path / "counted.py"
    plugin.write_text(LOCAL_PLUGIN + "\nimport sys\nprint('imported', file=sys.stderr)\n", encoding="utf-8")
    result = runner.invoke(cli, ["--plugin", str(plugin), "--plugin", str(tmp_path / "." / "counted.py"), "plugins"])
    assert result.exit_code == 0 and result.stderr.count("imported") == 1
    assert result.stdout.count("output format score") == 1 and "note:" not in result.stdout


@pytest.mark.parametrize("body, cause", [
    ("import sys\nsys.exit(0)\n", "it called sys.exit(0)"),
    ("import sys\nsys.exit(3)\n", "it called sys.exit(3)"),
    ("raise BaseException('deep')\n", "BaseException: deep"),
    ("raise KeyboardInterrupt\n", "it raised KeyboardInterrupt, although Ctrl-C was not pressed"),
])
def test_a_plugin_that_exits_or_raises_at_import_is_left_out(runner, tmp_path, body, cause):
    """sys.exit, BaseException or KeyboardInterrupt at import: a warning naming the plugin; validate still validates."""
    (tmp_path / "rude.py").write_text(body, encoding="utf-8")
    from support import SOUTH_YORKSHIRE_2020

    result = runner.invoke(cli, ["--plugin", str(tmp_path / "rude.py"), "validate", str(SOUTH_YORKSHIRE_2020)])
    assert result.exit_code == 0 and result.stdout.endswith("valid inspection\n"), result.output
    assert f"warning: plugin module '{tmp_path / 'rude.py'}' could not be loaded: {cause}; left out" in result.stderr


def test_sys_exit_or_keyboard_interrupt_in_a_rating_method_is_the_plugins_failure(monkeypatch):
    """Plugin code raising SystemExit or KeyboardInterrupt (no Ctrl-C pressed) is a PluginError naming the plugin."""
    monkeypatch.setattr(plugin_guard, "_watching", True)
    monkeypatch.setattr(plugin_guard, "_interrupted", False)

    def leaves(context):
        sys.exit(3)

    def interrupts(context):
        raise KeyboardInterrupt

    class Rude:
        @hookimpl
        def ratings_rating_methods(self):
            return [RatingMethod("leaves", "Exits.", leaves), RatingMethod("interrupts", "Interrupts.", interrupts)]

    registry = plugin_registry(Rude())
    for name, cause in (("leaves", "it called sys.exit(3)"), ("interrupts", "it raised KeyboardInterrupt")):
        framework = framework_naming(registry, method=name)
        with pytest.raises(PluginError, match=re.escape(f"rating method '{name}' from plugin Rude failed: {cause}")):
            evaluate(framework, cases_inspection([("yes", "yes", True)]), registry)


def test_what_a_plugin_prints_goes_to_standard_error(runner, tmp_path):
    """A plugin printing at import, in a hook and in a rating method leaves --format json output valid JSON."""
    (tmp_path / "chatty.py").write_text(
        "print('loading')\n"
        "from ratings_engine.hookspecs import hookimpl\n"
        "from ratings_engine.extension import RatingMethod\n"
        "from ratings_engine.plugins.rating_methods import lowest_key_question\n"
        "def rate(context):\n    print('rating', context.standard.id)\n    return lowest_key_question(context)\n"
        "@hookimpl\ndef ratings_rating_methods():\n    print('hooked')\n"
        "    return [RatingMethod('lowest-key-question', 'Chatty.', rate, bands_only=True)]\n", encoding="utf-8")
    from support import SOUTH_YORKSHIRE_2020

    result = runner.invoke(cli, ["--plugin", str(tmp_path / "chatty.py"), "evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["overall"]["rating"] == "good"
    assert "loading" in result.stderr and "hooked" in result.stderr and "rating 2.1" in result.stderr


def test_a_wrapper_hook_works_as_pluggy_says():
    """wrapper=True receives the others' lists and may change them; what it adds is credited to its plugin."""
    class Curator:
        @hookimpl(wrapper=True)
        def ratings_output_formats(self):
            lists = yield
            kept = [[f for f in items if f.name != "csv"] for items in lists]
            return kept + [[OutputFormat("curated", "Added by the wrapper.", lambda r: "curated\n")]]

    registry = plugin_registry(Curator())
    assert registry.failures == []
    assert "csv" not in registry.output_formats and "text" in registry.output_formats
    assert registry.provider("output format", "curated").name == "Curator"
    assert registry.provider("output format", "text").name == "output_formats"


def test_an_old_style_hookwrapper_and_tryfirst():
    """hookwrapper=True may replace the result; tryfirst makes a plugin's name win over a later-registered one."""
    class Old:
        @hookimpl(hookwrapper=True)
        def ratings_moderation_rules(self):
            outcome = yield
            outcome.force_result([])

    class First:
        @hookimpl(tryfirst=True)
        def ratings_output_formats(self):
            return [OutputFormat("one", "First.", lambda r: "first\n")]

    class Later:
        @hookimpl
        def ratings_output_formats(self):
            return [OutputFormat("one", "Later.", lambda r: "later\n")]

    registry = plugin_registry(Old(), First(), Later())
    assert registry.moderation_rules == {} and registry.failures == []
    assert registry.output_formats["one"].description == "First."


def test_a_failing_wrapper_is_named_and_left_out():
    """A wrapper that raises after the others ran is reported by its plugin; their lists are used unchanged."""
    class Breaks:
        @hookimpl(wrapper=True)
        def ratings_output_formats(self):
            yield
            raise RuntimeError("teardown")

    registry = plugin_registry(Breaks())
    assert registry.failures == ["plugin Breaks failed in its ratings_output_formats wrapper: RuntimeError: teardown"]
    assert "text" in registry.output_formats


CRASHES_OUTSIDE_EVALUATE = (
    "from ratings_engine.hookspecs import hookimpl\n"
    "from ratings_engine.extension import RatingMethod\n"
    "from ratings_engine.plugins.rating_methods import lowest_key_question\n"
    "def rate(context):\n"
    "    if not context.judgement_pointer:\n        raise RuntimeError('only in evaluate')\n"
    "    return lowest_key_question(context)\n"
    "@hookimpl\ndef ratings_rating_methods():\n"
    "    return [RatingMethod('lowest-key-question', 'Crashes.', rate, bands_only=True)]\n")


@pytest.mark.parametrize("command", [["explain"], ["stability", "--resamples", "20"]])
def test_a_crashing_rating_method_is_named_in_explain_and_stability(runner, tmp_path, command):
    """explain and stability call rating methods through the same door as evaluate."""
    (tmp_path / "crashy.py").write_text(CRASHES_OUTSIDE_EVALUATE, encoding="utf-8")
    synthetic = Path(__file__).parent.parent / "examples" / "synthetic-crc-2019.json"
    result = runner.invoke(cli, ["--plugin", str(tmp_path / "crashy.py"), command[0], str(synthetic), *command[1:]])
    assert result.exit_code == 1, result.output
    crashed = f"rating method 'lowest-key-question' from plugin '{tmp_path / 'crashy.py'}' failed: RuntimeError: only in evaluate"
    assert crashed in result.stderr


def test_a_plugin_without_hooks_is_in_the_provenance_and_replay_sees_it(runner, tmp_path):
    """A --plugin module that only changes the engine at import is named in ratings plugins, the result and replay."""
    (tmp_path / "patch.py").write_text("import ratings_engine.rating.discretion  # it could change anything from here\n", encoding="utf-8")
    from support import SOUTH_YORKSHIRE_2020

    listed = runner.invoke(cli, ["--plugin", str(tmp_path / "patch.py"), "plugins"])
    assert f"{tmp_path / 'patch.py'}  (given with --plugin, SHA-256 " in listed.stdout
    out = tmp_path / "with.json"
    args = ["--plugin", str(tmp_path / "patch.py"), "evaluate", str(SOUTH_YORKSHIRE_2020), "-o", str(out)]
    assert runner.invoke(cli, args).exit_code == 0
    entry = next(p for p in json.loads(out.read_text("utf-8"))["plugins"] if p["name"] == str(tmp_path / "patch.py"))
    assert entry["distribution"] is None and len(entry["sha256"]) == 64
    replayed = runner.invoke(cli, ["replay", str(out), str(SOUTH_YORKSHIRE_2020)])
    assert replayed.exit_code == 1
    assert f"- plugins differ: recorded but not loaded now: {tmp_path / 'patch.py'} (SHA-256 {entry['sha256']})" in replayed.stdout
    again = runner.invoke(cli, ["--plugin", str(tmp_path / "patch.py"), "replay", str(out), str(SOUTH_YORKSHIRE_2020)])
    assert again.exit_code == 0 and ": reproduced (" in again.stdout


def test_no_output_format_left(runner, monkeypatch):
    """With the output formats plugin disabled, evaluate says which format is missing and which setting removed it."""
    from support import SOUTH_YORKSHIRE_2020

    monkeypatch.setenv("RATINGS_DISABLE_PLUGINS", "output_formats")
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020)])
    assert result.exit_code == 2
    assert "output format 'text', the default here, is not available" in result.stderr
    assert "RATINGS_DISABLE_PLUGINS=output_formats" in result.stderr
    result = runner.invoke(cli, ["evaluate", str(SOUTH_YORKSHIRE_2020), "--format", "json"])
    assert result.exit_code == 2 and "RATINGS_DISABLE_PLUGINS=output_formats" in result.stderr
    with pytest.raises(PluginError, match="'text' is not available: no loaded plugin provides it"):
        load_registry().output_format("text")


def test_a_real_ctrl_c_stops_the_command_with_exit_130(tmp_path):
    """SIGINT to a long `ratings stability` ends it with exit code 130 and no traceback."""
    synthetic = Path(__file__).parent.parent / "examples" / "synthetic-crc-2019.json"
    process = subprocess.Popen([sys.executable, "-m", "ratings_engine", "stability", str(synthetic), "--resamples", "1000000"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    import time

    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert b"Traceback" not in err
    assert process.returncode == 130, err.decode()
