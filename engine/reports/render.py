"""Rendering a document in a named output format: the one door from a document to a format plugin.

The command line (engine/cli/common.py) and the studio both render here, so a format that fails, or
returns something other than it promises, is reported the same way: a PluginError naming its plugin.
"""

from __future__ import annotations

from typing import Any

from ..errors import PluginError
from ..plugin_host.registry import Registry, format_kind


def render_document(registry: Registry, document: str, name: str, value: Any) -> str | bytes:
    """VALUE, a DOCUMENT (result, framework-diff, impact...), rendered by the output format NAME.

    Text, or bytes for a binary format. An unknown NAME raises what registry.output_format raises.
    """
    kind = format_kind(document)
    fmt = registry.output_format(name, document)
    text = registry.call(kind, name, fmt.render, value)
    promised = bytes if fmt.binary else str
    if not isinstance(text, promised):
        what = "bytes" if fmt.binary else "text"
        raise PluginError(f"{registry.who(kind, name)} returned {type(text).__name__}, not {what}",
                          plugin=registry.plugin_of(kind, name))
    return text
