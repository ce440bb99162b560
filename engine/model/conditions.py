"""Declarative conditions on a case's attributes, used by sub-sample rules.

A condition is data, never code: {'attribute': A, 'equals': V}, {'attribute': A, 'in': [V...]},
or {'all': [...]}, {'any': [...]}, {'not': {...}}.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class MissingAttribute(LookupError):
    """The case does not record an attribute the condition needs."""

    def __init__(self, attribute: str):
        super().__init__(attribute)
        self.attribute = attribute


def attribute_tests(condition: Mapping[str, Any], path: tuple = ()) -> Iterator[tuple[tuple, str, list, list[str]]]:
    """Each attribute test in CONDITION: (path to the test, attribute, values tested, each value's pointer below the test)."""
    if "attribute" in condition:
        if "equals" in condition:
            yield path, condition["attribute"], [condition["equals"]], ["/equals"]
        else:
            values = list(condition["in"])
            yield path, condition["attribute"], values, [f"/in/{i}" for i in range(len(values))]
    elif "not" in condition:
        yield from attribute_tests(condition["not"], path + ("not",))
    else:
        key = "all" if "all" in condition else "any"
        for index, part in enumerate(condition[key]):
            yield from attribute_tests(part, path + (key, index))


def holds(condition: Mapping[str, Any], attributes: Mapping[str, Any]) -> bool:
    """Whether a case with ATTRIBUTES meets CONDITION; raises MissingAttribute if it cannot tell."""
    if "attribute" in condition:
        name = condition["attribute"]
        if name not in attributes:
            raise MissingAttribute(name)
        value = attributes[name]
        if "equals" in condition:
            return _same(value, condition["equals"])
        return any(_same(value, allowed) for allowed in condition["in"])
    if "not" in condition:
        return not holds(condition["not"], attributes)
    if "all" in condition:
        return all([holds(part, attributes) for part in condition["all"]])
    return any([holds(part, attributes) for part in condition["any"]])


def _same(a: Any, b: Any) -> bool:
    # true must not equal 1, nor false 0.
    return type(a) is type(b) and a == b


def describe(condition: Mapping[str, Any]) -> str:
    """The condition in words, for example 'harm_factors is true'."""
    if "attribute" in condition:
        if "equals" in condition:
            return f"{condition['attribute']} is {_word(condition['equals'])}"
        return f"{condition['attribute']} is one of " + ", ".join(_word(v) for v in condition["in"])
    if "not" in condition:
        return f"not ({describe(condition['not'])})"
    key = "all" if "all" in condition else "any"
    joiner = " and " if key == "all" else " or "
    return joiner.join(f"({describe(part)})" for part in condition[key])


def _word(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)
