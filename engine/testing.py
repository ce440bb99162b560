"""Test helpers for plugin authors: a pytest plugin, loaded automatically where ratings-engine is installed.

Fixtures (all prefixed ``ratings_`` so they never clash with a project's own):

``ratings_plugin_manager``
    A fresh plugin manager with the built-in plugins (and the installed ones, where a test asks: see below).
``ratings_framework_builder``
    Builds checked frameworks from the minimal framework (or any document), changed as you say.
``ratings_inspection_builder``
    Builds inspections of the minimal framework, case by case or as totals.
``ratings_evaluate``
    Evaluates an inspection under a framework with extra plugins registered, returning the result document.

For example, to test a rating method your plugin provides::

    def test_my_method(ratings_framework_builder, ratings_inspection_builder, ratings_evaluate):
        framework = ratings_framework_builder(lambda d: d["domains"][1]["standards"][0].update(rating_method="mine"),
                                              plugins=[my_plugin])
        inspection = ratings_inspection_builder.cases([("yes", "yes", True), ("no", None, False)])
        result = ratings_evaluate(framework, inspection, plugins=[my_plugin])
        assert result["standards"][1]["rating"] == "good"

The fixtures are isolated: they use the engine's built-in plugins and the ones a test passes
(``plugins=[...]``), never the other plugins installed in the environment, so that a test means the
same wherever it runs. A test that needs the installed plugins too asks with a marker, and a whole
project with an ini option (``ratings_installed_plugins = true`` under ``[tool.pytest.ini_options]``
or in pytest.ini); ``RATINGS_DISABLE_PLUGINS`` then applies as it does to a command::

    @pytest.mark.ratings_installed_plugins
    def test_with_what_is_installed(ratings_plugin_manager): ...

    @pytest.mark.ratings_installed_plugins(False)   # isolated again, in a project that opts in
    def test_on_its_own(ratings_plugin_manager): ...

Nothing here is imported by the engine itself.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from typing import Any

import pytest

BANDS = [
    {"id": "minority", "label": "Minority", "at_least": 0, "below": 50, "rating": "inadequate"},
    {"id": "too-few", "label": "Too few", "at_least": 50, "below": 65, "rating": "requires_improvement"},
    {"id": "reasonable-majority", "label": "Reasonable majority", "at_least": 65, "below": 80, "rating": "good"},
    {"id": "large-majority", "label": "Large majority", "at_least": 80, "rating": "outstanding"},
]


def minimal_framework() -> dict[str, Any]:
    """A small but complete framework: one judgement-rated standard and one case-sample standard.

    Standard 2.1 is judged on the 'cases' sample: 2.1.1 applies to every case, 2.1.2 only to cases
    with harm factors. Two standards scoring 0-3 give a maximum of 6.
    """
    return {
        "id": "mini",
        "version": "1",
        "title": "A minimal test framework",
        "status": "published",
        "effective_from": "2020-01-01",
        "provenance": {"documents": [{"id": "tests", "title": "Test fixtures", "publisher": "ratings-engine"}]},
        "ratings": {"scale": [
            {"id": "inadequate", "label": "Inadequate", "score": 0},
            {"id": "requires_improvement", "label": "Requires improvement", "score": 1},
            {"id": "good", "label": "Good", "score": 2},
            {"id": "outstanding", "label": "Outstanding", "score": 3},
        ]},
        "banding": {"decide_on": "exact", "display": {"decimal_places": 0, "rounding": "half-up"}, "bands": copy.deepcopy(BANDS)},
        "samples": [{"id": "cases", "label": "Cases", "case_attributes": [
            {"id": "harm_factors", "type": "boolean", "description": "Harm factors were identified."}]}],
        "sub_samples": [{"id": "harm", "description": "where harm factors were identified",
                         "when": {"attribute": "harm_factors", "equals": True}}],
        "domains": [
            {"id": "1", "title": "Organisational delivery", "standards": [
                {"id": "1.1", "title": "Leadership", "statement": "Leadership is good.", "rating_method": "lead-inspector-judgement",
                 "key_questions": [{"id": "1.1.1", "text": "Is there a vision?", "evidence": "qualitative"}]}]},
            {"id": "2", "title": "Case supervision", "standards": [
                {"id": "2.1", "title": "Assessment", "statement": "Assessment is good.", "rating_method": "lowest-key-question",
                 "sample": "cases", "key_questions": [
                     {"id": "2.1.1", "text": "Does assessment engage?", "evidence": "case-sample",
                      "prompts": [{"id": "2.1.1.a", "text": "Is motivation analysed?"}]},
                     {"id": "2.1.2", "text": "Does assessment keep people safe?", "evidence": "case-sample", "sub_sample": "harm"}]}]},
        ],
        "discretion": {"standards": ["2.1"], "within_percentage_points": 5, "one_case_rule": True, "max_bands": 1},
        "overall": {"method": "sum-of-scores", "bands": [
            {"from": 0, "to": 1, "rating": "inadequate"}, {"from": 2, "to": 3, "rating": "requires_improvement"},
            {"from": 4, "to": 5, "rating": "good"}, {"from": 6, "to": 6, "rating": "outstanding"}]},
    }




class InspectionBuilder:
    """Inspections of the minimal framework (see minimal_framework)."""

    def cases(self, answers: Iterable[tuple[str, str | None, bool]], **extra: Any) -> dict[str, Any]:
        """One case per (answer to 2.1.1, answer to 2.1.2 or None, harm_factors)."""
        cases = []
        for index, (first, second, harm) in enumerate(answers):
            key_questions = {"2.1.1": first}
            if second is not None:
                key_questions["2.1.2"] = second
            cases.append({"id": f"C{index + 1}", "attributes": {"harm_factors": harm}, "key_questions": key_questions})
        return self._inspection({"cases": {"cases": cases}}, extra)

    def totals(self, first: tuple[int, int] | float, second: tuple[int, int] | float, **extra: Any) -> dict[str, Any]:
        """Totals for 2.1.1 and 2.1.2: (yes, of) pairs, or published percentages."""
        def result(value: tuple[int, int] | float) -> dict[str, Any]:
            return {"percent": value} if isinstance(value, (int, float)) else {"yes": value[0], "of": value[1]}

        return self._inspection({"cases": {"results": {"2.1.1": result(first), "2.1.2": result(second)}}}, extra)

    @staticmethod
    def _inspection(samples: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
        document = {
            "provider": "Test provider",
            "fieldwork_start": "2020-06-01",
            "framework": "mini@1",
            "judgements": {"1.1": {"rating": "good", "rationale": "Test."}},
            "samples": samples,
        }
        document.update(extra)
        return document


#: The marker, and the ini option, that give a test's fixtures the installed plugins as well as the built-in ones.
INSTALLED_PLUGINS = "ratings_installed_plugins"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(INSTALLED_PLUGINS, type="bool", default=False,
                  help="ratings-engine's fixtures load every installed ratings plugin too, not only the built-in ones")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{INSTALLED_PLUGINS}(on=True): ratings-engine's fixtures load every installed "
                                       "ratings plugin too, not only the built-in ones (False: only those, whatever the ini says)")


def _with_installed(request: pytest.FixtureRequest) -> bool:
    """Whether the test asks for the installed plugins: its marker (or its class's or module's), else the ini option."""
    marker = request.node.get_closest_marker(INSTALLED_PLUGINS)
    if marker is not None:
        return bool(marker.args[0]) if marker.args else True
    return bool(request.config.getini(INSTALLED_PLUGINS))


def _manager(installed: bool, plugins: Iterable[tuple[str, object]] = ()):
    """A fresh plugin manager: the built-in plugins, the installed ones if INSTALLED, then PLUGINS as (name, plugin).

    Isolated is the default because a plugin author's environment often holds other plugins (or an
    installed copy of the plugin under test), and a fixture that loaded them would let them change
    the result: a test would pass or fail by what else happens to be installed.
    """
    from .plugin_host.manager import RatingsPluginManager
    from .plugin_host.registry import get_plugin_manager

    if installed:
        return get_plugin_manager(plugins=plugins)  # RATINGS_DISABLE_PLUGINS applies, as to a command
    manager = RatingsPluginManager()
    manager.load_entry_points(third_party=False)
    for name, plugin in plugins:
        manager.register_plugin(plugin, name)
    return manager


def _registry(plugins: Iterable[object] = (), installed: bool = False):
    """The registry with PLUGINS registered too (see _manager); with the installed plugins, one of PLUGINS that is
    installed is used as installed, not registered twice.

    A plugin under test that the engine refuses (a misspelt hook, a hook with the wrong arguments)
    fails the test with the engine's reason, rather than leaving it out quietly as a command would.
    """
    from .errors import PluginError
    from .plugin_host.registry import build_registry

    named = [(getattr(p, "__name__", None) or type(p).__name__, p) for p in plugins]
    manager = _manager(installed, named)
    refused = [manager.left_out[name] for name, _ in named if name in manager.left_out]
    if refused:
        raise PluginError("; ".join(refused))
    return build_registry(manager)


@pytest.fixture
def ratings_plugin_manager(request: pytest.FixtureRequest):
    """A fresh plugin manager with the built-in plugins, and the installed ones where the test asks (see the module docstring)."""
    return _manager(_with_installed(request))


@pytest.fixture
def ratings_framework_builder(request: pytest.FixtureRequest) -> Callable[..., Any]:
    """Build a checked Framework: ``build(change=None, document=None, plugins=())``.

    Starts from minimal_framework() (or DOCUMENT), applies CHANGE (a function given the document to
    edit in place), and checks it with the built-in plugins plus PLUGINS (and the installed plugins where
    the test asks: see the module docstring). Raises InvalidInputError
    listing every problem, as loading a framework file would.
    """
    from .model.load import framework_from_bytes

    installed = _with_installed(request)

    def build(change: Callable[[dict], None] | None = None, document: dict | None = None, plugins: Iterable[object] = ()):
        document = copy.deepcopy(document) if document is not None else minimal_framework()
        if change is not None:
            change(document)
        return framework_from_bytes(json.dumps(document).encode(), f"{document['id']}.json", _registry(plugins, installed))

    return build


@pytest.fixture
def ratings_inspection_builder() -> InspectionBuilder:
    """Build inspections of the minimal framework: ``.cases([...])`` or ``.totals(first, second)``."""
    return InspectionBuilder()


@pytest.fixture
def ratings_evaluate(request: pytest.FixtureRequest) -> Callable[..., dict[str, Any]]:
    """Evaluate: ``evaluate(framework, inspection, plugins=())`` returns the result document, rated with the
    built-in plugins plus PLUGINS (and the installed plugins where the test asks)."""
    from .rating.evaluate import evaluate
    from .reports.result import result_document

    installed = _with_installed(request)

    def run(framework, inspection: dict[str, Any], plugins: Iterable[object] = ()) -> dict[str, Any]:
        return result_document(evaluate(framework, inspection, _registry(plugins, installed)))

    return run
