"""The tests follow the layout: each module of engine/ and plugins/ with behaviour has a test module named after it.

A module `engine/<layer>/<name>.py` (or `engine/<name>.py`, `plugins/<name>.py`) is tested in
`tests/test_<name>.py`. The command line is tested per command: `ratings <command>` in
`tests/test_cli_<command>.py`, and the `ratings` command as a whole in `tests/test_cli.py`. The
exceptions are listed below, each with the reason; a new module or command with no test module, and
an exception that is no longer needed, fail here.
"""

from __future__ import annotations

from pathlib import Path

from ratings_engine.cli import cli

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

#: Modules with no behaviour of their own to test.
NO_BEHAVIOUR = {
    # Each package's __init__ says what belongs there (test_layers.py checks that it does, and stays light);
    # the public names of ratings_engine itself are tested in test_public_api.py.
    "engine/__init__.py", "engine/analysis/__init__.py", "engine/io/__init__.py", "engine/model/__init__.py",
    "engine/plugin_host/__init__.py", "engine/rating/__init__.py", "engine/reports/__init__.py", "engine/sheets/__init__.py",
    "engine/studio/__init__.py",
    "plugins/__init__.py",
    # `python -m ratings_engine`: it only calls the command line's main (test_cli_evaluate.py runs batches through it).
    "engine/__main__.py",
    # The hook specifications: signatures and docstrings only; test_plugins.py checks each hook has a test.
    "engine/hookspecs.py",
    # The records of an evaluation, built by evaluate and read by the result document.
    "engine/rating/evaluation.py",
}

#: Modules whose tests are, for a stated reason, in a test module of another name.
TESTED_IN = {
    # The plugin author's contract and the plugin host are tested together, through the hooks a plugin implements.
    "engine/extension.py": "test_plugins.py",
    "engine/plugin_host/hook_calls.py": "test_plugins.py",
    "engine/plugin_host/manager.py": "test_plugins.py",
    "engine/plugin_host/plugin_loading.py": "test_plugins.py",
    "engine/plugin_host/registry.py": "test_plugins.py",
    # Where the bundled schemas and frameworks are: the schemas' tests read them from there.
    "engine/io/bundled.py": "test_schemas.py",
    "plugins/bundled_frameworks.py": "test_plugins.py",
    # The register of a run's inputs exists for one promise, tested command by command.
    "engine/io/inputs.py": "test_outputs_never_inputs.py",
    # A band sweep's sharing of a standard's result, tested with the sweep memo whose keys it reads.
    "engine/rating/standard_reuse.py": "test_sweep_memo.py",
    # The words of the problems counting finds in a case, tested with the counting that finds them.
    "engine/rating/case_problems.py": "test_counting.py",
    # Loading a framework file, tested with the files it loads.
    "engine/model/load.py": "test_framework.py",
    # The project file names folders of the frameworks search path: tested with the catalogue that searches them.
    "engine/model/project.py": "test_catalogue.py",
    # What `ratings validate` finds in a file, tested through the command, file kind by file kind.
    "engine/analysis/file_check.py": "test_cli_validate.py",
    # A new draft version, made by `ratings frameworks new`.
    "engine/model/drafts.py": "test_cli_frameworks.py",
    # The record an evaluation keeps; its lenient runs are those of re-rating.
    "engine/rating/run.py": "test_rerate.py",
    # The bands of the framework document, in its words.
    "engine/reports/framework_doc_bands.py": "test_framework_doc.py",
    # The report formats share their goldens (tests/golden/reports/) and their tests.
    "plugins/csv_format.py": "test_report_formats.py",
    "plugins/markdown_format.py": "test_report_formats.py",
    "plugins/markdown_prompts.py": "test_report_formats.py",
    "plugins/markdown_words.py": "test_report_formats.py",
    "plugins/output_formats.py": "test_report_formats.py",
    # The layouts of the framework document, tested through the formats that register them.
    "plugins/framework_text.py": "test_framework_formats.py",
    "plugins/framework_html.py": "test_framework_formats.py",
    # The ratings panel's steps and the standards rated without figures, tested through evaluation.
    "engine/rating/panel.py": "test_moderation.py",
    "engine/rating/without_figures.py": "test_overall.py",
    # The reasons behind the overall rating, tested with the overall rules and published outcomes they word.
    "engine/reports/overall_reasons.py": "test_overall.py",
    # Reading a workbook's cells, placing them, and taking the engine's problems back to them: tested through the import.
    "engine/sheets/cells.py": "test_importing.py",
    "engine/sheets/cases.py": "test_importing.py",
    "engine/sheets/records.py": "test_importing.py",
    "engine/sheets/places.py": "test_importing.py",
    "engine/sheets/origins.py": "test_importing.py",
    # A standard's section of the html page, read from the page.
    "plugins/html_standards.py": "test_html_format.py",
    # The one door from a document to a format plugin, which every command's --format goes through.
    "engine/reports/render.py": "test_format_plugins.py",
    # The studio is a web application: its parts are tested through its pages, as a browser uses them
    # (test_studio.py through Flask's test client, test_studio_browser.py in Chromium).
    **{f"engine/studio/{name}.py": "test_studio.py" for name in (
        "app", "browse", "drafting", "editing", "evaluating", "fields", "guard", "pointers", "schema_nav", "workspace")},
}

#: Commands whose tests are in the test module of the one analysis they run, named as the command is.
COMMAND_TESTED_IN = {
    "studio": "test_studio.py",
    "replay": "test_replay.py",
    "stability": "test_stability.py",
}


def modules() -> list[str]:
    """Every module of engine/ and plugins/ but the command line's, which is tested per command."""
    found = sorted(path.relative_to(ROOT).as_posix() for folder in ("engine", "plugins") for path in (ROOT / folder).rglob("*.py"))
    return [module for module in found if not module.startswith("engine/cli/")]


def test_every_module_with_behaviour_has_its_test_module():
    missing = [f"{module}: tests/test_{Path(module).stem}.py" for module in modules()
               if module not in NO_BEHAVIOUR | set(TESTED_IN) and not (TESTS / f"test_{Path(module).stem}.py").is_file()]
    assert not missing, "modules with no test module named after them:\n" + "\n".join(missing)


def test_every_command_has_its_test_module():
    missing = [f"ratings {name}: tests/{COMMAND_TESTED_IN.get(name, f'test_cli_{name}.py')}" for name in sorted(cli.commands)
               if not (TESTS / COMMAND_TESTED_IN.get(name, f"test_cli_{name}.py")).is_file()]
    assert (TESTS / "test_cli.py").is_file() and not missing, "commands with no test module:\n" + "\n".join(missing)


def test_the_exceptions_are_still_needed():
    """An exception for a module that is gone, or that now has its own test module, is taken off the lists."""
    present = set(modules())
    gone = sorted((NO_BEHAVIOUR | set(TESTED_IN)) - present)
    named = sorted(module for module in TESTED_IN if (TESTS / f"test_{Path(module).stem}.py").is_file())
    elsewhere = sorted(f"{module}: {test}" for module, test in TESTED_IN.items() if not (TESTS / test).is_file())
    assert not gone and not named and not elsewhere, f"no longer there: {gone}; tested under their own name: {named}; " \
        f"test module missing: {elsewhere}"
    assert set(COMMAND_TESTED_IN) <= set(cli.commands)
    assert not [name for name in COMMAND_TESTED_IN if (TESTS / f"test_cli_{name}.py").is_file()]


def test_the_rules_catch_a_module_without_tests(tmp_path, monkeypatch):
    """The check is not vacuous: a module with no test module, listed nowhere, is named."""
    import test_test_layout as layout

    monkeypatch.setattr(layout, "modules", lambda: ["engine/model/new_rules.py", "engine/model/conditions.py"])
    try:
        layout.test_every_module_with_behaviour_has_its_test_module()
    except AssertionError as failure:
        assert "engine/model/new_rules.py: tests/test_new_rules.py" in str(failure)
        assert "conditions" not in str(failure)
    else:
        raise AssertionError("a module without tests was not caught")
