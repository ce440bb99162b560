"""The pytest plugin for plugin authors (ratings_engine.testing), used as a plugin author would use it."""

from __future__ import annotations

import pytest

from ratings_engine.errors import InvalidInputError
from ratings_engine.extension import Indicative, RatingMethod
from ratings_engine.hookspecs import hookimpl


class Strictest:
    """A plugin under test: every standard it rates is Inadequate unless every case is 'yes'."""

    @hookimpl
    def ratings_rating_methods(self):
        def rate(context):
            perfect = all(kq.yes == kq.of for kq in context.key_questions)
            return Indicative("outstanding" if perfect else "inadequate", "all or nothing")

        return [RatingMethod("all-or-nothing", "Outstanding only if every case is sufficient.", rate)]


def uses_strictest(document):
    document["domains"][1]["standards"][0]["rating_method"] = "all-or-nothing"


def test_fixtures_are_loaded_by_the_entry_point(request):
    """pytest loads ratings_engine.testing through its pytest11 entry point, so the fixtures exist everywhere."""
    assert request.config.pluginmanager.has_plugin("ratings_engine")
    for name in ("ratings_plugin_manager", "ratings_framework_builder", "ratings_inspection_builder", "ratings_evaluate"):
        assert request.getfixturevalue(name) is not None


def test_plugin_manager_is_fresh(ratings_plugin_manager):
    """Each test gets its own manager, with the built-in plugins registered."""
    assert "rating_methods" in ratings_plugin_manager.origins
    ratings_plugin_manager.register(Strictest(), name="strictest")
    assert ratings_plugin_manager.has_plugin("strictest")


def test_evaluate_through_a_plugin(ratings_framework_builder, ratings_inspection_builder, ratings_evaluate):
    """A plugin author builds a framework naming their method, an inspection, and evaluates through the plugin."""
    plugin = Strictest()
    framework = ratings_framework_builder(uses_strictest, plugins=[plugin])
    perfect = ratings_inspection_builder.cases([("yes", "yes", True), ("yes", None, False)])
    flawed = ratings_inspection_builder.cases([("yes", "yes", True), ("yes", "no", True)])
    assert ratings_evaluate(framework, perfect, plugins=[plugin])["standards"][1]["rating"] == "outstanding"
    assert ratings_evaluate(framework, flawed, plugins=[plugin])["standards"][1]["rating"] == "inadequate"


def test_framework_builder_checks_like_loading_a_file(ratings_framework_builder):
    """Without the plugin registered, a framework naming its method is refused, as a framework file would be."""
    with pytest.raises(InvalidInputError) as raised:
        ratings_framework_builder(uses_strictest)
    assert raised.value.problems[0].code == "unknown-rating-method"


def test_inspection_builder_totals(ratings_framework_builder, ratings_inspection_builder, ratings_evaluate):
    """Totals may be counts or published percentages."""
    result = ratings_evaluate(ratings_framework_builder(), ratings_inspection_builder.totals((13, 20), 81))
    assert [kq["percent"] for kq in result["standards"][1]["key_questions"]] == [65, 81]
    assert result["standards"][1]["rating"] == "good"


@pytest.fixture
def installed_strictest(monkeypatch):
    """Strictest as a module installed by the distribution acme-strictest (an entry point of the engine's group),
    with RATINGS_DISABLE_PLUGINS unset, as in a plugin author's environment. Listed first among a test's fixtures,
    so that the others are made with it installed."""
    import types
    from importlib.metadata import entry_points

    from ratings_engine.plugin_host import manager as manager_module

    plugin = types.ModuleType("strictest_plugin")
    plugin.ratings_rating_methods = Strictest().ratings_rating_methods
    ours = [ep for ep in entry_points(group="ratings_engine") if ep.dist.name == "ratings-engine"]

    class Installed:
        name, value = "strictest", "strictest_plugin"
        dist = types.SimpleNamespace(name="acme-strictest", version="1.0", metadata={"Name": "acme-strictest", "Version": "1.0"})

        def load(self):
            return plugin

    monkeypatch.delenv("RATINGS_DISABLE_PLUGINS")
    monkeypatch.setattr(manager_module, "entry_points", lambda group: ours + [Installed()])
    return plugin


def test_fixtures_leave_installed_plugins_out_by_default(installed_strictest, ratings_plugin_manager, ratings_framework_builder,
                                                         ratings_inspection_builder, ratings_evaluate):
    """An installed plugin the test does not pass is not loaded: its rating method is unknown, and no result names it."""
    assert "rating_methods" in ratings_plugin_manager.origins
    assert not ratings_plugin_manager.has_plugin("acme-strictest:strictest")
    with pytest.raises(InvalidInputError, match="all-or-nothing"):
        ratings_framework_builder(uses_strictest)
    result = ratings_evaluate(ratings_framework_builder(), ratings_inspection_builder.cases([("yes", "yes", True)]))
    assert not [p for p in result["plugins"] if "strictest" in p["name"]]
    # Passed by the test, it is registered under its own name, not as installed.
    framework = ratings_framework_builder(uses_strictest, plugins=[installed_strictest])
    result = ratings_evaluate(framework, ratings_inspection_builder.cases([("yes", "no", True)]), plugins=[installed_strictest])
    assert result["standards"][1]["rating"] == "inadequate"
    assert [p["name"] for p in result["plugins"] if "strictest" in p["name"]] == ["strictest_plugin"]


@pytest.mark.ratings_installed_plugins
def test_the_marker_brings_in_the_installed_plugins(installed_strictest, ratings_plugin_manager, ratings_framework_builder,
                                                    ratings_inspection_builder, ratings_evaluate):
    assert ratings_plugin_manager.has_plugin("acme-strictest:strictest")
    result = ratings_evaluate(ratings_framework_builder(uses_strictest), ratings_inspection_builder.cases([("yes", "yes", True)]))
    assert result["standards"][1]["rating"] == "outstanding"
    assert [p["name"] for p in result["plugins"] if "strictest" in p["name"]] == ["acme-strictest:strictest"]


def test_the_ini_option_brings_them_in_for_every_test_and_the_marker_can_say_no(installed_strictest, request, monkeypatch):
    """ratings_installed_plugins = true in a project's pytest settings; @pytest.mark.ratings_installed_plugins(False) overrides it."""
    asked = request.config.getini

    monkeypatch.setattr(request.config, "getini", lambda name: True if name == "ratings_installed_plugins" else asked(name))
    assert request.getfixturevalue("ratings_plugin_manager").has_plugin("acme-strictest:strictest")
    request.node.add_marker(pytest.mark.ratings_installed_plugins(False))
    from ratings_engine.testing import _manager, _with_installed

    assert _with_installed(request) is False and not _manager(False).has_plugin("acme-strictest:strictest")


def test_the_marker_and_the_ini_option_are_registered(request):
    assert request.config.getini("ratings_installed_plugins") is False
    assert any(line.startswith("ratings_installed_plugins(on=True):") for line in request.config.getini("markers"))


@pytest.mark.ratings_installed_plugins
def test_framework_builder_with_a_plugin_that_is_also_installed(installed_strictest, ratings_framework_builder,
                                                                  ratings_inspection_builder, ratings_evaluate):
    """plugins=[p] where p is installed too (the usual case in a plugin's own tests) uses it once, without a clash."""
    plugin = installed_strictest
    framework = ratings_framework_builder(uses_strictest, plugins=[plugin])
    result = ratings_evaluate(framework, ratings_inspection_builder.cases([("yes", "yes", True)]), plugins=[plugin])
    assert result["standards"][1]["rating"] == "outstanding"
    assert [p["name"] for p in result["plugins"]].count("acme-strictest:strictest") == 1
    assert "strictest_plugin" not in [p["name"] for p in result["plugins"]]


def test_a_plugin_under_test_that_the_engine_refuses_fails_loudly(ratings_framework_builder):
    """A plugin under test with a misspelt hook is not quietly left out: the builder says why it was refused."""
    from ratings_engine.errors import PluginError

    class Misspelt:
        @hookimpl
        def ratings_rating_method(self):
            return []

    with pytest.raises(PluginError, match="it implements 'ratings_rating_method', which is not a hook of ratings-engine"):
        ratings_framework_builder(uses_strictest, plugins=[Misspelt()])
