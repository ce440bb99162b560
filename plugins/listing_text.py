"""The lists the `ratings` command prints as plain text: what `ratings validate` found in each file,
the framework versions found (`ratings frameworks`) and the loaded plugins (`ratings plugins`).

Each renderer only lays out its document (schemas/validation.schema.json, framework-list and
plugin-list); the built-in 'text' formats (text_formats) import this module when they render.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ratings_engine.io.safe_text import printable_data


def _lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def render_validation_text(validation: Sequence[Mapping[str, Any]]) -> str:
    """One line per file: valid, or invalid with how many problems (each problem itself goes to standard error)."""
    validation = printable_data(validation)  # a file's name cannot drive the terminal
    lines = []
    for entry in validation:
        count = len(entry["problems"])
        lines.append(f"{entry['file']}: valid {entry['kind']}" if entry["valid"]
                     else f"{entry['file']}: invalid {entry['kind']}, {count} problem{'s' if count != 1 else ''}")
    return _lines(lines)


def render_framework_list_text(listing: Mapping[str, Any]) -> str:
    """Each version on two lines: its reference, status, effective dates and title, then its file."""
    listing = printable_data(listing)  # titles and paths come from files
    lines = []
    for entry in listing["frameworks"]:
        window = f"{entry['effective_from'] or '?'} to {entry['effective_to'] or 'now'}"
        lines.append(f"{entry['ref']:<20} {entry['status']:<14} {window:<26} {entry['title']}")
        lines.append(f"{'':<20} {entry['path']}")
    return _lines(lines or ["no framework versions found"])


def render_plugin_list_text(listing: Mapping[str, Any]) -> str:
    """Each plugin with where it comes from, what it provides indented beneath it, then the names replaced."""
    listing = printable_data(listing)  # a plugin's own words are shown, never obeyed by the terminal
    lines = []
    for plugin in listing["plugins"]:
        if plugin["distribution"]:
            origin = f"{plugin['distribution']} {plugin['version']}"
        elif plugin["local"]:
            origin = "given with --plugin" + (f", SHA-256 {plugin['sha256']}" if plugin["sha256"] else "")
        else:
            origin = "registered directly"
        lines.append(f"{plugin['name']}  ({origin})")
        for item in plugin["provides"]:
            described = f": {item['description']}" if item["description"] else ""
            lines.append(f"    {item['kind']} {item['name']}{described}")
    lines += [f"note: {line}" for line in listing["overridden"]]
    return _lines(lines)
