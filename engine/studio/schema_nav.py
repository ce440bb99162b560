"""The framework schema as the studio's forms read it: what a place in a framework holds, and its words.

The schema (schemas/framework.schema.json) is the one description of a framework file: the forms take
each field's kind, its choices and its help text from it, so a field the schema gains appears in
the studio with no change here.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from ..io.schemas import load_schema


@cache
def framework_schema() -> dict:
    return load_schema("framework")


def resolve(node: Any) -> dict:
    """NODE with its $ref followed (the framework schema's refs are all '#/$defs/NAME')."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = {**framework_schema()["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node if isinstance(node, dict) else {}


def _alternatives(node: dict) -> list[dict]:
    return [resolve(n) for n in node.get("oneOf", node.get("anyOf", []))]


def child(node: dict, key: str | int, value: Any = None) -> dict:
    """The schema of KEY (a property name, or an index) within NODE; VALUE, the parent's value, picks among alternatives."""
    node = resolve(node)
    if isinstance(key, int):
        if "items" in node:
            return resolve(node["items"])
        for alternative in _alternatives(node):
            if "items" in alternative and (value is None or isinstance(value, list)):
                return resolve(alternative["items"])
        return {}
    if key in node.get("properties", {}):
        return resolve(node["properties"][key])
    for alternative in _alternatives(node):
        if key in alternative.get("properties", {}):
            return resolve(alternative["properties"][key])
    extra = node.get("additionalProperties")
    return resolve(extra) if isinstance(extra, dict) else {}


def at(parts: list[str | int], document: Any) -> dict:
    """The schema of the place PARTS (keys and indexes from the root) within DOCUMENT."""
    node = framework_schema()
    value = document
    for part in parts:
        node = child(node, part, value)
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            value = None
    return node


def properties(node: dict) -> dict[str, dict]:
    """Every property NODE may have (across its alternatives), resolved."""
    node = resolve(node)
    found = {k: resolve(v) for k, v in node.get("properties", {}).items()}
    for alternative in _alternatives(node):
        for key, value in alternative.get("properties", {}).items():
            found.setdefault(key, resolve(value))
    return found


def required(node: dict) -> set[str]:
    node = resolve(node)
    return set(node.get("required", ()))


def types(node: dict) -> set[str]:
    node = resolve(node)
    kind = node.get("type")
    found = set(kind) if isinstance(kind, list) else {kind} if kind else set()
    for alternative in _alternatives(node):
        found |= types(alternative)
    return found


def skeleton(node: dict) -> Any:
    """A new value for NODE that a policy officer fills in: its default, else the least of its kind."""
    node = resolve(node)
    if "default" in node:
        return copy.deepcopy(node["default"])
    if "enum" in node:
        return node["enum"][0]
    if "const" in node:
        return node["const"]
    kinds = types(node)
    if "object" in kinds or "properties" in node:
        return {key: skeleton(value) for key, value in properties(node).items() if key in required(node)}
    if "array" in kinds:
        return []
    if "string" in kinds:
        return ""
    if "boolean" in kinds:
        return False
    if "integer" in kinds or "number" in kinds:
        return node.get("minimum", 0)
    alternatives = _alternatives(node)
    return skeleton(alternatives[0]) if alternatives else ""
