"""Applying a policy officer's edits to a draft: typed values at their places, and list and field actions.

The studio keeps the draft being edited in the page itself, as JSON (stateless between requests);
each form carries it back with the fields changed and the button pressed. Nothing here judges a
rule: the edited document goes to the engine's own checks (Workspace.check) like any framework file.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..errors import InvalidInputError
from ..io import json_numbers
from ..io.jsonio import parse_json
from . import schema_nav
from .pointers import BadPointer, get, parts_of

#: Free text a new item copied from its neighbour must not keep: the officer writes it afresh.
_FRESH_TEXT = ("text", "title", "statement", "label", "description", "note")

#: The prefix of a form field that edits the value at the pointer after it.
FIELD = "v:"
#: The prefix of a form field that says what kind of value the field at the pointer after it holds.
KIND = "k:"


@dataclass
class Edited:
    """A draft after a form's edits: the document, and what could not be read, by pointer, with the text typed."""

    document: dict[str, Any]
    unread: dict[str, tuple[str, str]] = field(default_factory=dict)  # pointer -> (text typed, what was expected)
    notice: str | None = None


def read_value(text: str, kind: str) -> Any:
    """TEXT from a field of KIND as the value the framework holds; ValueError saying what was expected.

    Numbers are read by the engine's JSON reader, so a number the studio accepts is one a framework
    file may hold, exactly as typed (67.5 stays 67.5, never a float's neighbour).
    """
    text = text.strip() if kind != "string" else text
    if kind == "string":
        return text.replace("\r\n", "\n")
    if kind == "boolean":
        if text in ("true", "false"):
            return text == "true"
        raise ValueError("expected yes or no")
    if kind in ("number", "integer"):
        what = "a whole number, for example 65" if kind == "integer" else "a number, for example 65 or 67.5"
        try:
            value = parse_json(text.encode("utf-8"), "the field")
        except InvalidInputError as error:
            problem = error.problems[0]
            detail = f" ({problem.message})" if "number" in problem.code else ""
            raise ValueError(f"expected {what}{detail}") from None
        if isinstance(value, bool) or not isinstance(value, int | Decimal) or (kind == "integer" and not isinstance(value, int)):
            raise ValueError(f"expected {what}")
        return plain_numbers(value)
    if kind == "choice":  # an enum: the JSON text of one of its values
        try:
            return plain_numbers(parse_json(text.encode("utf-8"), "the field"))
        except InvalidInputError:
            raise ValueError("expected one of the choices") from None
    if kind == "true-false-or-text":  # a value that may be true, false or words (a sub-sample condition's 'equals')
        return {"true": True, "false": False}.get(text, text)
    raise ValueError(f"unknown kind of field {kind!r}")


def plain_numbers(value: Any) -> Any:
    """VALUE, as the engine's reader gave it, with each Decimal as the float of the same digits, ready to write as JSON.

    ValueError where a number has more digits than a float keeps (the page says so at its field).
    """
    if isinstance(value, Decimal):
        return json_numbers.float_exactly(value)
    if isinstance(value, dict):
        return {key: plain_numbers(child) for key, child in value.items()}
    if isinstance(value, list):
        return [plain_numbers(child) for child in value]
    return value


def apply_fields(document: dict[str, Any], form: dict[str, str]) -> Edited:
    """DOCUMENT with every field of FORM ('v:POINTER', kind in 'k:POINTER') set; unreadable values left as they were."""
    edited = Edited(document)
    for name, text in form.items():
        if not name.startswith(FIELD):
            continue
        pointer = name[len(FIELD):]
        try:
            parts = parts_of(pointer, document)
            parent = get(document, parts[:-1]) if parts else None
        except (BadPointer, KeyError, IndexError, TypeError):
            continue  # a place the draft no longer has (an item removed in another field of the same form)
        if not parts or not isinstance(parent, (dict, list)):
            continue
        try:
            value = read_value(text, form.get(KIND + pointer, "string"))
        except ValueError as error:
            edited.unread[pointer] = (text, str(error))
            continue
        if isinstance(parent, list) and isinstance(parts[-1], int):
            parent[parts[-1]] = value
        elif isinstance(parent, dict) and isinstance(parts[-1], str):
            parent[parts[-1]] = value
    return edited


def act(document: dict[str, Any], action: str, form: dict[str, str]) -> str | None:
    """Carry out ACTION ('add:POINTER', 'remove:...', 'up:...', 'down:...', 'addprop:...', 'dropprop:...') on DOCUMENT.

    Returns a notice for the page (what was done), or None. A pointer the draft no longer has is a no-op.
    """
    verb, _, pointer = action.partition(":")
    try:
        parts = parts_of(pointer, document)
        target = get(document, parts)
    except (BadPointer, KeyError, IndexError, TypeError):
        return None
    if verb == "add" and isinstance(target, list):
        target.append(_new_item(document, parts, target))
        return "added an item at the end of the list: fill it in"
    if verb == "addprop" and isinstance(target, dict):
        name = form.get("prop:" + pointer, "")
        offered = schema_nav.properties(schema_nav.at(parts, document))
        if name in offered and name not in target:
            target[name] = schema_nav.skeleton(offered[name])
            return f"added {name.replace('_', ' ')}: fill it in"
        return None
    if not parts:
        return None
    parent, key = get(document, parts[:-1]), parts[-1]
    if verb == "remove" and isinstance(parent, list) and isinstance(key, int):
        del parent[key]
        return "removed the item"
    if verb == "dropprop" and isinstance(parent, dict) and isinstance(key, str):
        if key not in schema_nav.required(schema_nav.at(parts[:-1], document)):
            del parent[key]
            return f"removed {key.replace('_', ' ')}"
        return None
    if verb in ("up", "down") and isinstance(parent, list) and isinstance(key, int):
        other = key - 1 if verb == "up" else key + 1
        if 0 <= other < len(parent):
            parent[key], parent[other] = parent[other], parent[key]
            return f"moved the item {verb}"
    return None


def _new_item(document: dict[str, Any], parts: list, items: list) -> Any:
    """A new item for the list ITEMS: a copy of its last item made fresh (ids unique, texts empty), else the schema's skeleton."""
    if not items or not isinstance(items[-1], dict):
        return schema_nav.skeleton(schema_nav.child(schema_nav.at(parts, document), 0, items))
    used = set(_ids(document))
    return _fresh(copy.deepcopy(items[-1]), used)


def _fresh(value: Any, used: set[str]) -> Any:
    if isinstance(value, dict):
        value.pop("source", None)  # a new part has no source yet; the officer records one
        for key in list(value):
            if key == "id" and isinstance(value[key], str):
                value[key] = _next_id(value[key], used)
                used.add(value[key])
            elif key in _FRESH_TEXT and isinstance(value[key], str):
                value[key] = ""
            elif isinstance(value[key], list) and value[key] and isinstance(value[key][0], dict):
                value[key] = [_fresh(value[key][0], used)]  # one child to start from, not a copy of them all
            else:
                _fresh(value[key], used)
    return value


def _next_id(current: str, used: set[str]) -> str:
    """The id after CURRENT not yet USED: '2.1.3' -> '2.1.4', '2.1.1.a' -> '2.1.1.b', else 'x' -> 'x-2'."""
    candidate = current
    for _ in range(10_000):
        if (match := re.search(r"(\d+)$", candidate)) is not None:
            candidate = candidate[:match.start()] + str(int(match.group(1)) + 1)
        elif re.search(r"[a-y]$", candidate):
            candidate = candidate[:-1] + chr(ord(candidate[-1]) + 1)
        else:
            candidate = candidate + "-2"
        if candidate not in used:
            return candidate
    return current + "-new"


def _ids(value: Any):
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            yield value["id"]
        for child in value.values():
            yield from _ids(child)
    elif isinstance(value, list):
        for child in value:
            yield from _ids(child)
