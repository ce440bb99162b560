"""ratings-engine: inspection ratings from versioned standards frameworks.

The layers, each depending only on those before it:
schema -> load and check -> immutable model -> evaluate -> result -> render -> CLI.

In the folder, lowest first: io/ (bytes in and out, JSON, schemas), model/ (loading and checking a
framework, and the immutable model), plugin_host/ (finding and calling plugins), rating/
(evaluating an inspection), reports/ (the result and framework documents), analysis/ (comparing,
re-rating, explaining, replaying, batches), then the Engine (api), then sheets/ (inspectors'
workbooks, made from a framework and read back through the Engine), then studio/ (the framework
studio, a web application over the Engine), then cli/ (the `ratings` command). At the top: the
Engine (api), errors and their codes, the plugin contract (hookspecs, extension), and the fixtures
for plugin authors' tests (testing). tests/test_layers.py keeps the order.

The public API is the names in __all__, imported from here: `from ratings_engine import Engine`.
"""

__version__ = "0.1.0"

#: Each public name and the module that defines it.
_PUBLIC = {
    "Engine": "api",
    "hookimpl": "hookspecs",
    "Check": "extension",
    "KeyQuestionResult": "extension",
    "StandardContext": "extension",
    "Indicative": "extension",
    "Description": "extension",
    "Describe": "extension",
    "RatingMethod": "extension",
    "ModerationContext": "extension",
    "ModerationOutcome": "extension",
    "ModerationRule": "extension",
    "OutputFormat": "extension",
    # The kinds of document an OutputFormat renders, each with what it is.
    "DOCUMENTS": "extension",
    "Problem": "errors",
    "RatingProblem": "errors",
    "RatingsError": "errors",
    "InvalidInputError": "errors",
    "PluginError": "errors",
    # Builds the JSON pointer a plugin's RatingProblem gives for the place at fault.
    "pointer": "errors",
    # The reasons for a standard's rating, from the result document, for a format to lay out.
    "Reason": "reports.reasons",
    "reasons": "reports.reasons",
    "overall_reasons": "reports.overall_reasons",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str):
    # Imported on first use (PEP 562): `ratings evaluate` and `import ratings_engine.x` then load only
    # the modules they need, and the command starts as fast as before.
    if name in _PUBLIC:
        import types  # for the annotation below; always loaded already

        where = _PUBLIC[name]
        module: types.ModuleType
        if where == "api":
            from . import api as module
        elif where == "hookspecs":
            from . import hookspecs as module
        elif where == "extension":
            from . import extension as module
        elif where == "reports.reasons":
            from .reports import reasons as module
        elif where == "reports.overall_reasons":
            from .reports import overall_reasons as module
        else:
            from . import errors as module
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
