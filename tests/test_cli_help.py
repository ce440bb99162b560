"""`ratings --help` and each command's help read as a person at a terminal expects.

The list of commands fits 80 columns without a description cut short, and every command's help
ends with examples on the bundled files that are real invocations: each parses as the command line
would parse it, names files that exist, and those that only read (no -o, no folder written, nothing
slow) run and succeed.
"""

from __future__ import annotations

import glob
import shlex

import click
import pytest

from ratings_engine.cli import cli

from support import ROOT


def command_paths() -> list[tuple[str, ...]]:
    paths = []
    for name, command in sorted(cli.commands.items()):
        paths.append((name,))
        paths.extend((name, sub) for sub in sorted(getattr(command, "commands", {})))
    return paths


def examples(runner, path: tuple[str, ...]) -> list[list[str]]:
    """The example invocations in PATH's help (a subcommand's may be in its group's), each as its arguments."""
    found = []
    for words in (path, path[:1]):
        shown = runner.invoke(cli, [*words, "--help"], terminal_width=200).stdout
        lines = shown.split("Examples:\n", 1)[1].split("\n\n", 1)[0].splitlines() if "Examples:\n" in shown else []
        found += [shlex.split(line)[1:] for line in lines if line.strip().startswith(f"ratings {' '.join(path)}")]
    return found


def unparsed(context: click.Context) -> list[str]:
    """The words a group leaves for its subcommand (click keeps the subcommand's name apart)."""
    return [*getattr(context, "_protected_args", []), *context.args]


def test_no_command_description_is_cut_at_80_columns(runner):
    for words in [(), *[(name,) for name, command in cli.commands.items() if isinstance(command, click.Group)]]:
        shown = runner.invoke(cli, [*words, "--help"], terminal_width=80).stdout
        listed = shown.split("Commands:\n", 1)[1]
        assert "..." not in listed, listed
        assert all(len(line) <= 80 for line in listed.splitlines())


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_examples_that_parse_and_name_real_files(runner, monkeypatch, path):
    monkeypatch.chdir(ROOT)
    found = examples(runner, path)
    assert found, f"ratings {' '.join(path)} --help shows no example"
    for args in found:
        context = cli.make_context("ratings", list(args), resilient_parsing=False)
        with context:
            while isinstance(context.command, click.Group) and unparsed(context):
                name, command, rest = context.command.resolve_command(context, unparsed(context))
                context = command.make_context(name, rest, parent=context)
        for word in args:
            if word.startswith(("examples/", "frameworks/")):
                assert glob.glob(word), f"{word}: no such file in the example {' '.join(args)}"


WRITES_OR_SLOW = {"-o", "--output-dir", "--into", "studio", "impact", "stability", "replay", "template", "import"}


@pytest.mark.parametrize("path", [p for p in command_paths() if not WRITES_OR_SLOW & set(p)], ids=" ".join)
def test_the_examples_that_only_read_run(runner, monkeypatch, path):
    monkeypatch.chdir(ROOT)
    for args in examples(runner, path):
        if WRITES_OR_SLOW & set(args):
            continue
        result = runner.invoke(cli, [word for pattern in args for word in (sorted(glob.glob(pattern)) or [pattern])])
        assert result.exit_code == 0, (args, result.stderr)
