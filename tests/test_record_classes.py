"""A record behaves as the frozen dataclass it stands for: the same class, made the same way, compared side by side."""

from __future__ import annotations

import copy
import dataclasses
import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import pytest

from ratings_engine.record_classes import record


def classes(make):
    @make
    class Entry:
        id: str
        label: str
        score: int = 0
        values: tuple[str, ...] = ()
        document: Mapping[str, Any] = field(repr=False, compare=False, default_factory=lambda: MappingProxyType({}))

    @make
    class One:
        x: int

    @make
    class Empty:
        pass

    return Entry, One, Empty


DATACLASS = classes(dataclass(frozen=True))
RECORD = classes(record)
MUTABLE_DATACLASS = classes(dataclass)
MUTABLE_RECORD = classes(record(frozen=False))

CALLS = [
    ("Entry", ("a", "b"), {}), ("Entry", ("a",), {}), ("Entry", (), {}), ("Entry", ("a", "b", 1, (), {}, 5), {}),
    ("Entry", ("a",), {"id": "x"}), ("Entry", ("a", "b"), {"z": 1}), ("Entry", (), {"id": "a", "label": "b", "score": 2}),
    ("Entry", (1, 2, 3, 4), {}), ("Entry", ("a", "b", 1, 2, 3, 4, 5), {}),
    ("One", (), {}), ("One", (1, 2), {}), ("One", (), {"y": 1}), ("Empty", (), {}), ("Empty", (1,), {}),
]


def outcome(function, *args, **kwargs):
    try:
        return "returned", repr(function(*args, **kwargs))
    except Exception as error:  # noqa: BLE001  # the exception itself is the outcome compared
        return type(error).__name__, str(error)


def by_name(made):
    return {cls.__name__: cls for cls in made}


@pytest.mark.parametrize(("name", "args", "kwargs"), CALLS)
def test_construction_and_its_errors_read_alike(name, args, kwargs):
    assert outcome(by_name(RECORD)[name], *args, **kwargs) == outcome(by_name(DATACLASS)[name], *args, **kwargs)
    assert outcome(by_name(MUTABLE_RECORD)[name], *args, **kwargs) == outcome(by_name(MUTABLE_DATACLASS)[name], *args, **kwargs)


def behaviour(made):
    entry, one, empty = made
    a, b = entry("a", "b", 3, ("x",)), entry("a", "b", 3, ("x",), {1: 2})
    return [
        a == b, a != b, hash(a) == hash(b), hash(a), hash(one(1)), hash(empty()), one(1) == one(1), one(1) == 1,
        empty() == empty(), repr(a), repr(empty()),
        outcome(setattr, a, "id", 1), outcome(setattr, a, "other", 1), outcome(delattr, a, "id"),
        repr(dataclasses.replace(a, score=9)), [f.name for f in dataclasses.fields(a)], dataclasses.asdict(one(1)),
        dataclasses.is_dataclass(entry), repr(entry.__dataclass_params__), entry.__match_args__,
        str(inspect.signature(entry)), one.__doc__, repr(copy.deepcopy(one(2))), repr(copy.copy(a)),
        entry.__init__.__annotations__, entry.__init__.__qualname__, entry.__eq__.__qualname__,
        entry.values, hasattr(entry, "document"),
    ]


def test_instances_behave_alike():
    assert behaviour(RECORD) == behaviour(DATACLASS)


def changeable(made):
    entry, one, empty = made
    a = entry("a", "b")
    a.score = 4
    del a.values
    return [repr(a), entry.__hash__, a == entry("a", "b", 4), repr(entry.__dataclass_params__), one.__doc__,
            outcome(hash, one(1)), repr(dataclasses.replace(one(1), x=2)), str(inspect.signature(entry))]


def test_changeable_records_behave_alike():
    assert changeable(MUTABLE_RECORD) == changeable(MUTABLE_DATACLASS)


def test_a_method_it_would_make_is_not_written_by_hand():
    with pytest.raises(TypeError, match="makes its own"):
        @record
        class Shown:
            x: int

            def __repr__(self) -> str:
                return "x"


def test_a_field_it_cannot_make_is_refused():
    with pytest.raises(TypeError, match="plain, positional"):
        @record
        class Keyword:
            x: int = field(kw_only=True)
