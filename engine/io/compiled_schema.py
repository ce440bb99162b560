"""A fast yes-or-no check of a document against a JSON Schema, for the happy path.

jsonschema walks the schema keyword by keyword for every value, building the error objects it may
need; for an inspection of 100,000 cases that was most of an evaluation. Here a schema is compiled
once into nested functions that only answer "valid or not". jsonschema still words every problem:
a document this check does not pass is handed to it, so messages are the same either way.

The answers are exact, not approximate: True only where jsonschema finds no error, False only where
it finds one. Where this module cannot be sure (a value of a kind JSON never produces, say), it raises
Undecided and the caller asks jsonschema. A schema using a keyword not implemented here is refused
with NotCompilable, never half-checked. Each keyword below mirrors jsonschema's Draft 2020-12
behaviour: types as its type checker decides them, equality as its `equal` does (1 is not true),
`pattern` as `re.search`, the `date` format as its format checker.

The module is longer than the house's 300 lines because it is a table: one short compiler per
keyword, each to be read beside jsonschema's own. Split, the keywords would lose the one place where
a reader checks that every supported keyword is implemented and none half-checked.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

Check = Callable[[Any], bool]


class NotCompilable(ValueError):
    """The schema uses something this module does not implement; validate with jsonschema."""


class Undecided(Exception):
    """This value cannot be judged exactly here; validate with jsonschema."""


#: Keywords that never affect validity: the standard annotations, and the ones VS Code's JSON language
#: service reads for hover and completion (the schemas carry them for people editing framework files).
_ANNOTATIONS = frozenset({"title", "description", "examples", "$comment", "default", "deprecated", "readOnly", "writeOnly",
                          "markdownDescription", "enumDescriptions", "markdownEnumDescriptions", "defaultSnippets"})
_SUPPORTED = frozenset({
    "type", "enum", "const", "$ref", "properties", "required", "additionalProperties", "items", "minItems",
    "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "oneOf", "anyOf", "allOf", "not", "if", "then", "else",
})
_DEFS = "#/$defs/"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def compile_schema(schema: dict) -> Check:
    """A function answering whether a document is valid against SCHEMA (a Draft 2020-12 schema).

    Its $refs must point into the schema's own $defs. Raises NotCompilable otherwise, or for any
    keyword outside those listed above.
    """
    if isinstance(schema, bool):
        return _Compiler({}).compile(schema)
    if not isinstance(schema, dict):
        raise NotCompilable("the schema is not an object")
    root = {key: value for key, value in schema.items() if key not in ("$schema", "$id", "$defs")}
    return _Compiler(schema.get("$defs", {})).compile(root)


# ---------------------------------------------------------------------------------------------
# Types and equality, as jsonschema's Draft 2020-12 validator decides them

def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, numbers.Number)


_TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": _is_number,
    "integer": lambda value: not isinstance(value, bool) and (
        isinstance(value, int) or isinstance(value, float) and value.is_integer()),
}


#: The types whose test is an isinstance of one Python type (numbers are not: true is not a number).
_EXACT: dict[str, type] = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _exact_types(schema: Any) -> tuple[type, ...] | None:
    """The Python types of a schema that only says 'of one of these types' (object, array, string, boolean, null)."""
    if not isinstance(schema, dict) or set(schema) - _ANNOTATIONS != {"type"}:
        return None
    names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    if not names or not all(isinstance(name, str) and name in _EXACT for name in names):
        return None
    return tuple(_EXACT[name] for name in names)


def _equal(value: Any, member: Any) -> bool:
    """jsonschema's equality for a scalar MEMBER of an enum or const."""
    if isinstance(value, str) or isinstance(member, str):
        return value == member
    if isinstance(value, (dict, list)):
        raise Undecided("a container compared with an enum member")
    if isinstance(value, bool) or isinstance(member, bool):
        return value is member
    return value == member


def _scalar(member: Any) -> bool:
    return member is None or isinstance(member, (str, bool, int, float))


# ---------------------------------------------------------------------------------------------
# The compiler

class _Compiler:
    def __init__(self, defs: dict):
        if not isinstance(defs, dict):
            raise NotCompilable("$defs is not an object")
        self.defs = defs
        self.compiled: dict[str, Check] = {}

    def ref(self, ref: Any) -> Check:
        if not isinstance(ref, str) or not ref.startswith(_DEFS) or "/" in ref[len(_DEFS):] or "~" in ref:
            raise NotCompilable(f"$ref {ref!r} does not name one of the schema's own $defs")
        name = ref[len(_DEFS):]
        if name not in self.defs:
            raise NotCompilable(f"$ref {ref!r} names no definition")
        if name not in self.compiled:
            # A definition that refers to itself reaches this cell before it is filled.
            cell: list[Check] = []
            self.compiled[name] = lambda value: cell[0](value)
            cell.append(self.compile(self.defs[name]))
            self.compiled[name] = cell[0]
        return self.compiled[name]

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise NotCompilable(f"a schema must be an object or a boolean, not {schema!r}")
        unknown = set(schema) - _SUPPORTED - _ANNOTATIONS
        if unknown:
            raise NotCompilable(f"keyword(s) not implemented here: {', '.join(sorted(unknown))}")
        # A check of an object's (or a string's) contents can test its type too, in the same call.
        of_type = _EXACT.get(schema["type"]) if isinstance(schema.get("type"), str) else None
        object_check, string_check = self._object(schema, of_type is dict), self._string(schema, of_type is str)
        fused = object_check is not None if of_type is dict else string_check is not None if of_type is str else False
        checks = [check for check in (
            None if fused else self._type(schema), object_check, self._array(schema), string_check,
            self._number(schema), self._values(schema), self._applicators(schema),
        ) if check is not None]
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        return _all(checks)

    def _type(self, schema: dict) -> Check | None:
        if "type" not in schema:
            return None
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not names or any(name not in _TYPES for name in names):
            raise NotCompilable(f"unknown type {schema['type']!r}")
        if len(names) == 1:
            return _TYPES[names[0]]
        if all(name in _EXACT for name in names):
            exact = tuple(_EXACT[name] for name in names)
            return lambda value: isinstance(value, exact)
        tests = [_TYPES[name] for name in names]
        return lambda value: any(test(value) for test in tests)

    def _object(self, schema: dict, typed: bool = False) -> Check | None:
        """The check of an object's properties; TYPED, it also fails a value that is not an object."""
        if not {"properties", "required", "additionalProperties"} & set(schema):
            return None
        properties = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        required = frozenset(schema.get("required", ()))
        extra = schema.get("additionalProperties", True)
        members = _string_enum(self, extra)
        if not properties and members is not None:
            # The common case of a map of answers: every value one of a few strings.
            def check_answers(value: Any) -> bool:
                if not isinstance(value, dict):
                    return not typed
                if required and not value.keys() >= required:
                    return False
                try:
                    return members.issuperset(value.values())
                except TypeError:  # an unhashable value: an object or array, never one of the strings
                    return False
            return check_answers
        kinds = _exact_types(extra)
        if not properties and not required and kinds is not None:
            # A map whose values need only be of some types (a case's attributes): the values' exact
            # types looked at together; any other (a subclass, never made by JSON) each by isinstance.
            exact = frozenset(kinds)

            def check_kinds(value: Any) -> bool:
                if not isinstance(value, dict):
                    return not typed
                return set(map(type, value.values())) <= exact or all(isinstance(item, kinds) for item in value.values())
            return check_kinds
        extra_check = None if extra is True else self.compile(extra)
        closed = extra is False

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return not typed
            if required and not value.keys() >= required:
                return False
            for key, item in value.items():
                sub = properties.get(key)
                if sub is not None:
                    if not sub(item):
                        return False
                elif closed:
                    return False
                elif extra_check is not None and not extra_check(item):
                    return False
            return True
        return check

    def _array(self, schema: dict) -> Check | None:
        items = self.compile(schema["items"]) if "items" in schema else None
        least, most = schema.get("minItems", 0), schema.get("maxItems")
        unique = schema.get("uniqueItems", False)
        if items is None and not least and most is None and not unique:
            return None

        def check(value: Any) -> bool:
            if not isinstance(value, list):
                return True
            if len(value) < least or most is not None and len(value) > most:
                return False
            if unique and not _unique(value):
                return False
            if items is not None:
                for item in value:
                    if not items(item):
                        return False
            return True
        return check

    def _string(self, schema: dict, typed: bool = False) -> Check | None:
        """The check of a string's length, pattern and format; TYPED, it also fails a value that is not a string."""
        least, most = schema.get("minLength", 0), schema.get("maxLength")
        pattern = re.compile(schema["pattern"]) if "pattern" in schema else None
        form = schema.get("format")
        if form is not None and form != "date":
            raise NotCompilable(f"format {form!r} is not implemented here")
        if not least and most is None and pattern is None and form is None:
            return None

        def check(value: Any) -> bool:
            if not isinstance(value, str):
                return not typed
            if len(value) < least or most is not None and len(value) > most:
                return False
            if pattern is not None and pattern.search(value) is None:
                return False
            return form is None or _is_date(value)
        return check

    def _number(self, schema: dict) -> Check | None:
        # Each written as jsonschema's failing comparison, negated, so that NaN behaves the same.
        bounds = [(schema[word], fails) for word, fails in (
            ("minimum", lambda v, b: v < b), ("maximum", lambda v, b: v > b),
            ("exclusiveMinimum", lambda v, b: v <= b), ("exclusiveMaximum", lambda v, b: v >= b),
        ) if word in schema]
        if not bounds:
            return None
        return lambda value: not _is_number(value) or not any(fails(value, bound) for bound, fails in bounds)

    def _values(self, schema: dict) -> Check | None:
        checks = []
        if "const" in schema:
            checks.append(_enum([schema["const"]]))
        if "enum" in schema:
            checks.append(_enum(schema["enum"]))
        return _all(checks) if checks else None

    def _applicators(self, schema: dict) -> Check | None:
        checks = []
        for word in ("allOf", "anyOf", "oneOf"):
            if word in schema:
                subs = [self.compile(sub) for sub in schema[word]]
                checks.append({"allOf": _all, "anyOf": _any, "oneOf": _one}[word](subs))
        if "not" in schema:
            negated = self.compile(schema["not"])
            checks.append(lambda value: not negated(value))
        if "if" in schema:
            condition = self.compile(schema["if"])
            then = self.compile(schema.get("then", True))
            otherwise = self.compile(schema.get("else", True))
            checks.append(lambda value: then(value) if condition(value) else otherwise(value))
        return _all(checks) if checks else None


def _string_enum(compiler: _Compiler, schema: Any) -> frozenset | None:
    """The strings of a schema that only says 'one of these strings' (perhaps through a $ref)."""
    while isinstance(schema, dict) and set(schema) - _ANNOTATIONS == {"$ref"}:
        ref = schema["$ref"]
        compiler.ref(ref)  # refuses a $ref that cannot be followed
        schema = compiler.defs[ref[len(_DEFS):]]
    if not isinstance(schema, dict) or set(schema) - _ANNOTATIONS != {"enum"}:
        return None
    members = schema["enum"]
    if isinstance(members, list) and members and all(isinstance(m, str) for m in members):
        return frozenset(members)
    return None


def _enum(members: Any) -> Check:
    if not isinstance(members, list) or not all(_scalar(m) for m in members):
        raise NotCompilable("enum and const are implemented for strings, numbers, booleans and null only")
    strings = frozenset(m for m in members if isinstance(m, str))
    others = [m for m in members if not isinstance(m, str)]

    def check(value: Any) -> bool:
        if isinstance(value, str):
            return value in strings
        return any(_equal(value, member) for member in others)
    return check


def _unique(items: list) -> bool:
    if all(isinstance(item, str) for item in items):
        return len(set(items)) == len(items)
    # A few scalars of mixed kinds (a number where an id belongs): compared pairwise, as jsonschema does.
    if len(items) <= 100 and all(item is None or isinstance(item, (str, bool, int, float, Decimal)) for item in items):
        return not any(_equal(item, other) for index, item in enumerate(items) for other in items[index + 1:])
    raise Undecided("uniqueItems over values other than strings and a few scalars")


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def check(value: Any) -> bool:
        for each in checks:
            if not each(value):
                return False
        return True
    return check


def _any(checks: list[Check]) -> Check:
    return lambda value: any(each(value) for each in checks)


def _one(checks: list[Check]) -> Check:
    return lambda value: sum(1 for each in checks if each(value)) == 1
