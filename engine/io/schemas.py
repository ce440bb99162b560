"""JSON Schema checks: the first layer of validation, for the shape of a file.

Messages are rewritten from jsonschema's into words a policy officer can act on, each with the
JSON pointer of the place at fault.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import Problem, did_you_mean, pointer
from .bundled import bundled_path
from .compiled_schema import Check, NotCompilable, Undecided, compile_schema
from .reading import read_text

#: The schemas of the files people write: frameworks, inspections, and the result they are rated to.
SCHEMA_NAMES = ("framework", "inspection", "result")
_SUFFIX = ".schema.json"


@cache
def schema_names() -> tuple[str, ...]:
    """Every bundled schema's name, sorted: the inputs' and each document's the engine writes (KIND.schema.json)."""
    return tuple(sorted(path.name.removesuffix(_SUFFIX) for path in bundled_path("schemas").glob("*" + _SUFFIX)))


def schema_path(name: str) -> Path:
    """The bundled file of the schema called NAME."""
    if name not in schema_names():
        raise ValueError(f"no schema called {name!r}")
    return bundled_path("schemas") / f"{name}{_SUFFIX}"


@cache
def load_schema(name: str) -> dict:
    """The bundled schema called NAME (one of schema_names(): framework, inspection, result, impact, ...)."""
    return json.loads(read_text(schema_path(name)))


@cache
def _compiled(name: str) -> Check | None:
    try:
        return compile_schema(load_schema(name))
    except NotCompilable:
        return None  # jsonschema alone checks it: slower, never wrong


@cache
def _validator(name: str):
    # Imported here: jsonschema is slow to import and not every command needs it.
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    # Some document schemas refer to parts of others by their $id (an explanation's warnings are a
    # result's), so every bundled schema is known by its $id to the one checking.
    known = Registry().with_resources((load_schema(other)["$id"], Resource.from_contents(load_schema(other)))
                                      for other in schema_names())
    return Draft202012Validator(load_schema(name), format_checker=FormatChecker(), registry=known)


def schema_problems(document: Any, name: str, file: str | None) -> list[Problem]:
    """Every place where DOCUMENT does not fit the schema called NAME, in document order.

    A compiled check answers first; only a document it does not pass goes through jsonschema,
    which finds and words the problems (see compiled_schema).
    """
    check = _compiled(name)
    if check is not None:
        try:
            if check(document):
                return []
        except (Undecided, RecursionError):
            pass
    try:
        errors = sorted(_validator(name).iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    except RecursionError:
        return [Problem("too-deep", "the JSON is nested too deeply to check", file,
                        hint="no framework or inspection needs nesting this deep")]
    return [problem for error in errors for problem in _problems(error, file)]


def _closest_shape(error) -> list:
    """For a 'one of these shapes' failure, the errors of the shape the value was most likely meant to be.

    A shape the value plainly is not (it lacks that shape's required keys, or has keys foreign to
    it) loses to one whose only complaints are deeper inside.
    """
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    if not branches:
        return [error]

    def mismatch(errors: list) -> tuple[int, int]:
        shallow = sum(1 for e in errors if not e.relative_path and e.validator in ("required", "additionalProperties", "type"))
        return shallow, len(errors)

    best = min(sorted(branches), key=lambda branch: mismatch(branches[branch]))
    return [leaf for sub in branches[best] for leaf in _leaves(sub)]


def _leaves(error) -> list:
    if error.validator in ("oneOf", "anyOf") and error.context:
        return _closest_shape(error)
    return [error]


def _problems(error, file: str | None) -> list[Problem]:
    return [problem for leaf in _leaves(error) for problem in _describe(leaf, file)]


def _describe(error, file: str | None) -> list[Problem]:
    where = pointer(*error.absolute_path)
    hint = None
    validator = error.validator
    value = error.validator_value
    instance = error.instance
    if validator == "additionalProperties" and isinstance(instance, dict):
        # One problem per unexpected property, pointing at the property itself.
        allowed = sorted(error.schema.get("properties", {}))
        return [
            Problem("schema", f"unexpected property {name!r}", file, where + pointer(name),
                    hint=did_you_mean(name, allowed) or ("allowed properties are: " + ", ".join(allowed) if allowed else None))
            for name in sorted(set(instance) - set(allowed))
        ]
    if validator == "required":
        # jsonschema reports each missing property as its own error, naming it in the message.
        missing = [name for name in value if isinstance(instance, dict) and name not in instance
                   and error.message.startswith(repr(name))]
        message = f"missing required property {missing[0]!r}" if missing else error.message
    elif validator == "enum":
        message = f"{_show(instance)} is not one of the allowed values: {', '.join(_show(v) for v in value)}"
        hint = did_you_mean(str(instance), [str(v) for v in value])
    elif validator == "const":
        message = f"{_show(instance)} must be {_show(value)}"
    elif validator == "type":
        wanted = value if isinstance(value, str) else " or ".join(value)
        message = f"expected {_article(wanted)}, found {_json_type(instance)} {_show(instance)}"
    elif validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "at least", "maximum": "at most",
                 "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}[validator]
        message = f"{_show(instance)} is out of range: it must be {words} {value}"
    elif validator == "pattern":
        message = f"{_show(instance)} does not have the expected form"
        hint = f"it must match the pattern {value}"
    elif validator == "format":
        message = f"{_show(instance)} is not a valid {value}"
        if value == "date":
            hint = "write dates as YYYY-MM-DD"
    elif validator in ("minItems", "minLength"):
        message = "must not be empty" if value == 1 else f"needs at least {value} items"
    elif validator == "uniqueItems":
        message = "lists the same value more than once"
    else:
        message = error.message
    return [Problem("schema", message, file, where, hint=hint)]


def _show(value: Any) -> str:
    text = json.dumps(value, default=float, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)) or type(value).__name__ == "Decimal":
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _article(kind: str) -> str:
    return ("an " if kind[:1] in "aeiou" else "a ") + kind
