"""A rating method's or moderation rule's own policy wording, asked for through the plugin door.

The engine has no words of its own for any rule a plugin provides, built-in or not: it asks the
rule's describe function, and where there is none (a plugin written before describe existed) words
it from the rule's name and description, so a third-party rule is never described worse than the
engine could manage.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..errors import PluginError
from ..extension import Description
from . import plugin_guard

#: What the engine calls the key question a rating method reports as driving the rating, where the
#: method's own wording gives it no name.
DRIVING = "driving key question"

_KINDS = {"rating method": "rating_methods", "moderation rule": "moderation_rules"}


def describe(registry: Any, kind: str, name: str, options: Mapping[str, Any]) -> Description:
    """How the KIND named NAME works for a standard that gives it OPTIONS, in words.

    A describe function that fails or returns something other than a Description or a string is a
    PluginError naming its plugin. A name no loaded plugin provides is named as written.
    """
    item = getattr(registry, _KINDS[kind]).get(name)
    if item is None:
        return _unknown(kind, name)
    if item.describe is None:
        return _from_description(kind, name, item.description)
    words = registry.call(kind, name, item.describe, MappingProxyType(dict(options)))
    if isinstance(words, str):
        return Description(summary=words)
    if not isinstance(words, Description):
        raise PluginError(f"{registry.who(kind, name)}: its describe returned {plugin_guard.text_of(words)}, "
                          "not a Description or a string", plugin=registry.plugin_of(kind, name))
    return words


def driving(words: Description) -> str:
    """The name, read after "its" or "the", of the key question that drives a rating reached as WORDS say."""
    return words.driving_key_question or DRIVING


def _unknown(kind: str, name: str) -> Description:
    if kind == "rating method":
        return Description(summary=f"the rating method '{name}'")
    return Description(summary=f"the rule '{name}'", sentence=f"The indicative rating is moderated by the rule '{name}'.")


def _from_description(kind: str, name: str, description: str) -> Description:
    if kind == "rating method":
        return Description(summary=f"the rating method '{name}': {description}")
    return Description(summary=f"the rule '{name}'",
                       sentence=f"The indicative rating is moderated by the rule '{name}': {description}")
