"""The documentation agrees with the code: every hook is documented as hookspecs.py documents it, the
objects plugins use are described field by field, every runnable example runs, and the pre-commit
hook definition is well formed.

Conventions in docs/*.md: a fenced ```python block directly after a line `<!-- runnable -->` is
executed, each in a fresh namespace; in docs/plugins.md every hook has a section headed
`### ratings_<name>` and every object in extension.py that plugins use has a `### <Class>` section
with a table whose first column names each field in backquotes.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
import sys
import tomllib
from pathlib import Path

import pytest

from ratings_engine import extension, hookspecs

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PLUGINS_DOC = DOCS / "plugins.md"
HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"

HOOKS = sorted(name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("ratings_"))
OBJECTS = ["RatingMethod", "ModerationRule", "Description", "OutputFormat", "StandardContext", "Indicative",
           "ModerationContext", "ModerationOutcome", "KeyQuestionResult"]
RUNNABLE = "<!-- runnable -->"
# A fence opens with a language (```python) or, in the Sphinx pages, a MyST directive (```{toctree}).
FENCE = re.compile(r"^(`{3,})\s*(\{[\w-]+\}.*?|[\w+-]*)\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")


def normalise(text: str) -> str:
    """Text with every run of whitespace made one space, for comparing prose across line breaks."""
    return " ".join(text.split())


def code_blocks(path: Path) -> list[dict]:
    """Every fenced code block of a Markdown file: language, code, first line, and whether it is marked runnable."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks, index = [], 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        before = [line for line in lines[:index] if line.strip()]
        start = index + 1
        index = start
        while index < len(lines) and lines[index].strip() != opening.group(1):
            index += 1
        if index == len(lines):
            raise AssertionError(f"{path.name}:{start}: code block is not closed")
        blocks.append({"language": opening.group(2), "code": "\n".join(lines[start:index]) + "\n",
                       "line": start, "runnable": bool(before) and before[-1].strip() == RUNNABLE})
        index += 1
    return blocks


def sections(path: Path) -> dict[str, str]:
    """Each '#'..'###' heading (outside code blocks) and the text up to the next heading of the same or a higher level."""
    lines = path.read_text(encoding="utf-8").splitlines()
    headings, fence = [], None
    for number, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and line.strip() == fence:
            fence = None
        elif fence is None and (match := HEADING.match(line)):
            headings.append((number, len(match.group(1)), match.group(2)))
    found = {}
    for position, (number, level, title) in enumerate(headings):
        end = next((n for n, lv, _ in headings[position + 1:] if lv <= level), len(lines))
        if level <= 3:
            assert title not in found, f"{path.name}: two sections headed {title!r}"
            found[title] = "\n".join(lines[number + 1:end])
    return found


def hook_signature(name: str) -> str:
    """The hook's `def` line as written in hookspecs.py, without the colon: 'def NAME() -> RETURNS'."""
    source = inspect.getsource(getattr(hookspecs, name))
    match = re.search(r"^def\s+\w+\s*\(.*?\)\s*(?:->\s*[^:]+?)?\s*:", source, re.MULTILINE | re.DOTALL)
    assert match, f"no def line found for {name}"
    return normalise(match.group(0)[:-1])


def table_names(section: str) -> list[str]:
    """The names in the first column of the Markdown table rows of a section (`name` cells)."""
    return re.findall(r"^\|\s*`([A-Za-z_][A-Za-z0-9_]*)`\s*\|", section, re.MULTILINE)


def runnable_blocks() -> list:
    return [pytest.param(block["code"], id=f"{path.name}:{block['line']}")
            for path in sorted(DOCS.glob("*.md")) for block in code_blocks(path) if block["runnable"]]


def test_every_hook_has_a_section():
    """Every hookspec in ratings_engine.hookspecs has a '### ratings_<name>' section in docs/plugins.md."""
    documented = sections(PLUGINS_DOC)
    missing = [name for name in HOOKS if name not in documented]
    assert not missing, f"docs/plugins.md has no section for {missing}"


def test_no_section_for_a_hook_that_does_not_exist():
    """docs/plugins.md documents no 'ratings_...' hook that hookspecs.py does not define."""
    extra = [title for title in sections(PLUGINS_DOC) if title.startswith("ratings_") and title not in HOOKS]
    assert not extra, f"docs/plugins.md documents hooks that do not exist: {extra}"


@pytest.mark.parametrize("name", HOOKS)
def test_hook_section_quotes_the_docstring(name):
    """The hook's section contains its docstring, word for word (whitespace aside)."""
    doc = inspect.getdoc(getattr(hookspecs, name))
    assert doc, f"{name} has no docstring"
    assert normalise(doc) in normalise(sections(PLUGINS_DOC)[name]), \
        f"the section for {name} in docs/plugins.md does not quote its docstring from hookspecs.py"


@pytest.mark.parametrize("name", HOOKS)
def test_hook_section_gives_the_signature(name):
    """The hook's section shows its signature as hookspecs.py declares it."""
    assert hook_signature(name) in normalise(sections(PLUGINS_DOC)[name])


@pytest.mark.parametrize("name", HOOKS)
def test_hook_section_has_a_runnable_example(name):
    """Each hook's section has an example implementation that the test suite runs."""
    section = sections(PLUGINS_DOC)[name]
    assert re.search(re.escape(RUNNABLE) + r"\s*\n```python\n", section), f"no runnable example in the section for {name}"


@pytest.mark.parametrize("name", OBJECTS)
def test_object_fields_are_documented(name):
    """Each object plugins return or receive has a section listing every field, and nothing it does not have."""
    cls = getattr(extension, name)
    section = sections(PLUGINS_DOC).get(name)
    assert section is not None, f"docs/plugins.md has no '### {name}' section"
    listed = table_names(section)
    fields = [f.name for f in dataclasses.fields(cls)]
    assert [n for n in listed if n in fields] == fields, f"{name}: fields documented {listed}, in extension.py {fields}"
    unknown = [n for n in listed if n not in fields and not hasattr(cls, n)]
    assert not unknown, f"{name}: documented but not in extension.py: {unknown}"


def test_multi_line_python_blocks_are_runnable():
    """A Python block of more than one line in the docs is an example, so it must be marked runnable and run."""
    unmarked = [f"{path.name}:{block['line']}" for path in sorted(DOCS.glob("*.md")) for block in code_blocks(path)
                if block["language"] == "python" and not block["runnable"] and block["code"].strip().count("\n") > 0]
    assert not unmarked, f"Python examples not marked {RUNNABLE}: {unmarked}"


def test_runnable_marker_is_followed_by_a_python_block():
    """Every runnable marker is directly followed by a ```python block (so none is silently skipped)."""
    for path in sorted(DOCS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        markers = text.count(RUNNABLE)
        marked = sum(block["runnable"] and block["language"] == "python" for block in code_blocks(path))
        assert markers == marked, f"{path.name}: {markers} runnable markers but {marked} runnable Python blocks"


@pytest.mark.parametrize("code", runnable_blocks())
def test_runnable_example(code):
    """The example runs without error in a fresh namespace."""
    namespace = {"__name__": "docs_example"}
    exec(compile(code, "<docs example>", "exec"), namespace)  # noqa: S102 - the project's own documentation


def test_there_are_runnable_examples():
    """The runnable convention is in use (a broken marker would otherwise leave nothing to run)."""
    assert len([block for block in code_blocks(PLUGINS_DOC) if block["runnable"]]) >= len(HOOKS)


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_json_and_toml_blocks_parse(path):
    """Every ```json and ```toml block in the docs is valid as written."""
    for block in code_blocks(path):
        where = f"{path.name}:{block['line']}"
        if block["language"] == "json":
            try:
                json.loads(block["code"])
            except ValueError as error:
                pytest.fail(f"{where}: not valid JSON: {error}")
        elif block["language"] == "toml":
            try:
                tomllib.loads(block["code"])
            except tomllib.TOMLDecodeError as error:
                pytest.fail(f"{where}: not valid TOML: {error}")


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_docs_name_no_path_of_this_machine(path):
    """The docs hold no absolute path of the machine they were written on."""
    text = path.read_text(encoding="utf-8")
    for local in {str(ROOT), sys.prefix, str(Path.home())}:
        assert local not in text, f"{path.name} mentions {local}"


def parse_hook_list(text: str) -> list[dict]:
    """The small YAML subset .pre-commit-hooks.yaml uses: a list of flat mappings of strings and [flow, lists].

    Used where PyYAML is not installed; anything outside the subset is an error, not a guess.
    """
    hooks: list[dict] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        line = raw.rstrip()
        if line.startswith("- "):
            hooks.append({})
            line = "  " + line[2:]
        if not hooks or not line.startswith("  ") or line.startswith("   ") or " #" in line or "\t" in line:
            raise ValueError(f"line {number}: outside the subset this check reads: {raw!r}")
        key, separator, value = line.strip().partition(":")
        value = value.strip()
        if not separator or not value or not re.fullmatch(r"[a-z_]+", key) or key in hooks[-1]:
            raise ValueError(f"line {number}: not a 'key: value' pair: {raw!r}")
        if value.startswith("["):
            if not value.endswith("]"):
                raise ValueError(f"line {number}: unclosed list: {raw!r}")
            value = [item.strip() for item in value[1:-1].split(",") if item.strip()]
        elif value[0] in "'\"":
            if len(value) < 2 or value[-1] != value[0] or "\\" in value:
                raise ValueError(f"line {number}: a quoted value this check cannot read: {raw!r}")
            value = value[1:-1]
        elif value[0] in "{&*!|>%@`":
            raise ValueError(f"line {number}: YAML this check does not read: {raw!r}")
        hooks[-1][key] = value
    return hooks


def load_hooks_file() -> list[dict]:
    text = HOOKS_FILE.read_text(encoding="utf-8")
    try:
        import yaml
    except ImportError:
        return parse_hook_list(text)
    return yaml.safe_load(text)


def test_pre_commit_hooks_file_defines_ratings_validate():
    """.pre-commit-hooks.yaml parses and defines one hook, ratings-validate, running `ratings validate` on JSON files."""
    hooks = load_hooks_file()
    assert isinstance(hooks, list) and len(hooks) == 1, hooks
    [hook] = hooks
    expected = {"id": "ratings-validate", "name": "validate framework and inspection files",
                "entry": "ratings validate", "language": "python", "files": r"\.json$", "types": ["json"]}
    assert {key: hook.get(key) for key in expected} == expected
    assert set(hook) <= set(expected) | {"description", "require_serial", "minimum_pre_commit_version"}
    assert re.search(hook["files"], "frameworks/hmip-crc/2019.json") and not re.search(hook["files"], "notes.jsonl")


def test_pre_commit_entry_is_a_real_command():
    """The hook's entry, `ratings validate`, is the distribution's `ratings` script and its `validate` command."""
    from ratings_engine.cli import cli

    program, command = load_hooks_file()[0]["entry"].split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert program in scripts
    assert command in cli.commands


def test_pre_commit_doc_uses_the_hook_id():
    """docs/pre-commit.md configures the hook by the id .pre-commit-hooks.yaml defines."""
    text = (DOCS / "pre-commit.md").read_text(encoding="utf-8")
    assert f"- id: {load_hooks_file()[0]['id']}" in text


def toctree_entries(path: Path) -> list[str]:
    """The page names listed in the ```{toctree} blocks of a MyST page (options such as ':maxdepth: 2' left out)."""
    entries, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("```{toctree}"):
            inside = True
        elif inside and line.strip().startswith("```"):
            inside = False
        elif inside and line.strip() and not line.strip().startswith(":"):
            entries.append(line.strip())
    return entries


def test_every_page_is_in_the_toctree():
    """Every Markdown page in docs/ is reached from the index's table of contents, and every entry is a page."""
    pages = sorted(path.stem for path in DOCS.glob("*.md") if path.stem != "index")
    listed = toctree_entries(DOCS / "index.md")
    assert sorted(listed) == pages, f"docs/index.md lists {sorted(listed)}; docs/ has {pages}"


NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def test_built_in_plugins_listed_as_registered():
    """docs/plugins.md lists the built-in plugin modules exactly as pyproject.toml registers them, and counts them right."""
    registered = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]["ratings_engine"]
    section = sections(PLUGINS_DOC)["Built-in plugins are registered the same way"]
    [listing] = [block for block in code_blocks(PLUGINS_DOC)
                 if block["language"] == "toml" and block["code"].strip() in section]
    assert tomllib.loads(listing["code"])["project"]["entry-points"]["ratings_engine"] == registered
    count = re.search(r"is (\w+) modules in `plugins/`", normalise(section))
    assert count, "docs/plugins.md no longer says how many modules the built-in plugins are"
    assert count.group(1) == NUMBER_WORDS[len(registered)], \
        f"docs/plugins.md says {count.group(1)} modules; pyproject.toml registers {len(registered)}"


README = ROOT / "README.md"


def readme_command_rows() -> list[str]:
    """The first cells of the README's command-line table: '`ratings evaluate FILE ...`'."""
    text = README.read_text(encoding="utf-8")
    table = text.split("## The command line", 1)[1].strip().split("\n\n", 1)[0]
    return re.findall(r"^\|\s*(`ratings [^|]*?)\s*\|", table, re.MULTILINE)


def command_paths() -> list[str]:
    """Every command of `ratings` as typed: 'evaluate', 'frameworks new', ..."""
    from ratings_engine.cli import cli

    paths = []
    for name, command in sorted(cli.commands.items()):
        paths.append(name)
        paths.extend(f"{name} {sub}" for sub in sorted(getattr(command, "commands", {})))
    return paths


def test_readme_documents_every_command(runner):
    """Every command and sub-command of `ratings` has a row in the README's command table, and no row names a command that does not exist.

    `ratings frameworks` alone lists the versions, as `ratings frameworks list` does; the README
    documents the shorter form, so the two must print the same.
    """
    from ratings_engine.cli import cli

    rows = readme_command_rows()
    named = {match for row in rows for match in re.findall(r"`ratings ((?:[a-z]+)(?: [a-z]+)?)", row)}
    paths = command_paths()
    documented = {path for path in paths if path in named}
    assert runner.invoke(cli, ["frameworks"]).stdout == runner.invoke(cli, ["frameworks", "list"]).stdout
    documented |= {"frameworks list"} if "frameworks" in documented else set()
    missing = sorted(set(paths) - documented)
    assert not missing, f"commands with no row in the README's command table: {missing}"
    unknown = {name for name in named if name not in paths and name.split()[0] not in paths}
    assert not unknown, f"the README's command table names commands that do not exist: {unknown}"


def test_readme_names_every_built_in_output_format(registry):
    """The README's `ratings evaluate` row names exactly the output formats the built-in plugins provide."""
    [row] = [line for line in README.read_text(encoding="utf-8").splitlines()
             if line.startswith("| `ratings evaluate FILE [--framework") and "Formats:" in line]
    named = re.findall(r"`([a-z][a-z-]*)` \(", row.split("Formats:", 1)[1].split("With `-o`", 1)[0])
    assert sorted(named) == sorted(registry.output_formats), \
        f"the README names formats {sorted(named)}; the built-in plugins provide {sorted(registry.output_formats)}"


def format_help(command) -> str:
    """The help of COMMAND's --format, as --help shows it."""
    import click

    [option] = [param for param in command.params if param.name == "format_name"]
    assert option.metavar == "NAME"
    with click.Context(command):
        assert option.help in option.get_help_record(click.Context(command))[1].replace("\n", " ")
        return option.help


def test_format_help_names_every_built_in_output_format(registry):
    """`ratings evaluate --help` (and so the command reference) names every output format the built-in plugins provide."""
    from ratings_engine.cli import cli

    named = re.findall(r"[a-z][a-z-]*", format_help(cli.commands["evaluate"]).split(":", 1)[1].split(", or ", 1)[0])
    assert sorted(named) == sorted(registry.output_formats), \
        f"--format's help names {sorted(named)}; the built-in plugins provide {sorted(registry.output_formats)}"


def test_readme_table_of_formats_names_every_built_in_format_and_its_documents(registry):
    """The README's table of formats has a row for each built-in format naming the documents it renders, and no others."""
    from ratings_engine.extension import DOCUMENTS

    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| format | documents | what it gives |")
    table = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        name, documents = (cell.strip() for cell in line.strip("|").split("|")[:2])
        table[name.strip("`")] = set(DOCUMENTS) if documents == "every document" else set(re.findall(r"`([a-z-]+)`", documents))
    provided: dict[str, set[str]] = {}
    for document, formats in registry.document_formats.items():
        for name in formats:
            provided.setdefault(name, set()).add(document)
    assert table == provided


#: Each command with --format, and the kind of document it prints.
COMMAND_DOCUMENTS = [
    (["evaluate"], "result"), (["explain"], "explanation"), (["compare"], "comparison"), (["diff"], "framework-diff"),
    (["replay"], "replay"), (["stability"], "stability"), (["validate"], "validation"), (["frameworks"], "framework-list"),
    (["frameworks", "list"], "framework-list"), (["frameworks", "show"], "framework-outline"), (["plugins"], "plugin-list"),
    (["impact"], "impact"),
]


@pytest.mark.parametrize("path, document", COMMAND_DOCUMENTS, ids=[" ".join(path) for path, _ in COMMAND_DOCUMENTS])
def test_each_commands_format_help_names_its_built_in_formats(registry, path, document):
    """--format's help names exactly the formats registered for the command's document (read when the help is shown)."""
    from ratings_engine.cli import cli

    command = cli
    for name in path:
        command = command.commands[name]
    named = re.findall(r"[a-z][a-z-]*", format_help(command).split(":", 1)[1].split(", or ", 1)[0])
    assert sorted(named) == sorted(registry.formats_for(document))


def test_the_api_reference_documents_every_extension_type():
    """Every class a plugin receives or returns (ratings_engine.extension) is in docs/api.md's reference."""
    import inspect
    import re

    from ratings_engine import extension

    listed = re.search(r"automodule:: ratings_engine\.extension\n\s+:members: ([^\n]+)", (DOCS / "api.md").read_text("utf-8"))
    assert listed, "docs/api.md documents ratings_engine.extension with an explicit :members: list"
    documented = {name.strip() for name in listed.group(1).split(",")}
    defined = {name for name, value in vars(extension).items()
               if not name.startswith("_") and inspect.isclass(value) and value.__module__ == extension.__name__}
    assert defined <= documented, f"not in docs/api.md: {sorted(defined - documented)}"
