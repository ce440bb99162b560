"""Frozen records: the classes @dataclass(frozen=True) makes, without compiling code for each one.

dataclasses writes a class's __init__, __repr__, __eq__, __hash__, __setattr__ and __delattr__ as
source text and compiles each when the class is created: about half a millisecond a class, and the
model and the results have dozens, so every run of the command line paid for them before it read
a file. @record makes the same methods as shared functions over the class's fields instead.

A record is still a dataclass: dataclasses.fields, replace, asdict and is_dataclass work on it,
its parameters say frozen, and its instances compare, hash, print and refuse assignment exactly as
a frozen dataclass's do (FrozenInstanceError). @record(frozen=False) stands for a plain @dataclass
in the same way. Type checkers read @record as a dataclass (PEP 681); documentation tools read its
__init__'s signature and annotations as dataclasses write them.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError
from operator import attrgetter
from reprlib import recursive_repr
from types import FunctionType
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)


class _Factory:
    """Where a field's default is made by a factory: the signature shows '<factory>', as dataclasses does."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


_MADE = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: T | None = None, /, *, frozen: bool = True) -> Any:
    """Make CLS a frozen dataclass, as @dataclass(frozen=True) would; @record(frozen=False): as @dataclass would."""
    if cls is None:
        return lambda cls: _make(cls, frozen)
    return _make(cls, frozen)


def _make(cls: Any, frozen: bool) -> Any:
    undocumented = cls.__doc__ is None
    if any(name in vars(cls) for name in _MADE):
        raise TypeError(f"{cls.__qualname__}: a record makes its own {', '.join(_MADE)}")
    cls = dataclasses.dataclass(cls, init=False, repr=False, eq=False)  # the fields, defaults and __match_args__
    fields = dataclasses.fields(cls)
    if len(fields) != len(cls.__dataclass_fields__) or any(f.kw_only or not f.init for f in fields):
        raise TypeError(f"{cls.__qualname__}: a record's fields are all plain, positional and set by __init__")
    _method(cls, "__init__", _init(cls, fields))
    _method(cls, "__repr__", _repr(f.name for f in fields if f.repr))
    _method(cls, "__eq__", _eq(_values(f.name for f in fields if f.compare)))
    params = cls.__dataclass_params__
    params.init = params.repr = params.eq = True
    if frozen:
        _method(cls, "__hash__", _hash(_values(f.name for f in fields if (f.compare if f.hash is None else f.hash))))
        names = frozenset(f.name for f in fields)
        _method(cls, "__setattr__", _setattr(cls, names))
        _method(cls, "__delattr__", _delattr(cls, names))
        params.frozen = True
    else:
        cls.__hash__ = None  # equal by value, and changeable: not hashable
    if undocumented:  # dataclasses' own docstring for a class without one: its name and signature
        cls.__doc__ = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
    return cls


def _method(cls: type, name: str, function: Callable) -> None:
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, function)


def _values(names: Any) -> Callable[[Any], tuple]:
    """The tuple of an instance's values of NAMES, as dataclasses compares and hashes them."""
    names = tuple(names)
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda instance: (one(instance),)
    return lambda instance: ()


def _init(cls: type, fields: tuple[dataclasses.Field, ...]) -> Callable:
    """An __init__ taking the fields in order, each by position or by name, with its default."""
    names = tuple(f.name for f in fields)
    count = len(names)
    post_init = hasattr(cls, "__post_init__")
    bind = _binder(f"{cls.__qualname__}.__init__", fields)  # the function runs with its class's module as globals

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Straight into the instance's dictionary, in the fields' order: what object.__setattr__ does for
        # each field, since a record has no slots and no descriptor of a field's name, in one call.
        self.__dict__.update(bind(args, kwargs) if kwargs or len(args) != count else zip(names, args, strict=True))
        if post_init:
            self.__post_init__()

    # In the class's module, so that annotations written there resolve (typing.get_type_hints, Sphinx).
    module = inspect.getmodule(cls)
    function = FunctionType(__init__.__code__, vars(module) if module else {}, "__init__", None, __init__.__closure__)
    function.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
    parameters = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    parameters += [inspect.Parameter(f.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=f.type,
                                     default=_default(f, inspect.Parameter.empty)) for f in fields]
    function.__signature__ = inspect.Signature(parameters, return_annotation=None)  # type: ignore[attr-defined]
    return function


def _default(field: dataclasses.Field, none: Any) -> Any:
    if field.default is not MISSING:
        return field.default
    return _FACTORY if field.default_factory is not MISSING else none


def _binder(qualname: str, fields: tuple[dataclasses.Field, ...]) -> Callable[[tuple, dict], dict]:
    """Each field's value from a call's arguments, in the fields' order: quickly where the call is right, else as _bind says."""
    names = tuple(f.name for f in fields)
    count = len(names)
    known = frozenset(names)
    # By the number of fields given by position: those given so (which no name may repeat), and
    # those without a default that must then be given by name.
    before = [frozenset(names[:given]) for given in range(count + 1)]
    still_required = [frozenset(f.name for f in fields[given:] if f.default is MISSING and f.default_factory is MISSING)
                      for given in range(count + 1)]
    defaults = {f.name: None if f.default is MISSING else f.default for f in fields}  # in order; factories below
    factories = tuple((index, f.name, f.default_factory) for index, f in enumerate(fields) if f.default_factory is not MISSING)

    def bind(args: tuple, kwargs: dict) -> dict:
        given = len(args)
        if given > count or not (still_required[given] <= kwargs.keys() <= known) or not kwargs.keys().isdisjoint(before[given]):
            return dict(zip(names, _bind(qualname, fields, args, kwargs), strict=True))  # raises, as Python would
        values = defaults.copy()
        values.update(zip(names, args, strict=False))  # the first GIVEN fields
        values.update(kwargs)
        for index, name, factory in factories:
            if index >= given and name not in kwargs:
                values[name] = factory()
        return values

    return bind


def _bind(qualname: str, fields: tuple[dataclasses.Field, ...], args: tuple, kwargs: dict) -> list:
    """The value of each field, from ARGS, KWARGS and the defaults; a TypeError worded as Python words it."""
    names = [f.name for f in fields]
    for name in kwargs:  # checked in the order Python checks a call's arguments
        if name not in names:
            raise TypeError(f"{qualname}() got an unexpected keyword argument {name!r}")
        if names.index(name) < len(args):
            raise TypeError(f"{qualname}() got multiple values for argument {name!r}")
    if len(args) > len(fields):
        required = sum(_default(f, MISSING) is MISSING for f in fields) + 1
        takes = f"from {required} to {len(fields) + 1}" if required <= len(fields) else str(required)
        plural = "" if takes == "1" else "s"
        raise TypeError(f"{qualname}() takes {takes} positional argument{plural} but {len(args) + 1} were given")
    values = list(args)
    missing = []
    for field in fields[len(args):]:
        if field.name in kwargs:
            values.append(kwargs[field.name])
        elif field.default is not MISSING:
            values.append(field.default)
        elif field.default_factory is not MISSING:
            values.append(field.default_factory())
        else:
            missing.append(repr(field.name))
    if missing:
        listed = missing[0] if len(missing) == 1 else (", ".join(missing[:-1]) + ("," if len(missing) > 2 else "")
                                                       + " and " + missing[-1])
        raise TypeError(f"{qualname}() missing {len(missing)} required positional argument"
                        f"{'s' if len(missing) > 1 else ''}: {listed}")
    return values


def _repr(names: Any) -> Callable:
    shown = [(name, attrgetter(name)) for name in names]

    @recursive_repr()
    def __repr__(self) -> str:
        return self.__class__.__qualname__ + "(" + ", ".join(f"{name}={value(self)!r}" for name, value in shown) + ")"

    return __repr__


def _eq(values: Callable[[Any], tuple]) -> Callable:
    def __eq__(self, other: object) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(values: Callable[[Any], tuple]) -> Callable:
    def __hash__(self) -> int:
        return hash(values(self))

    return __hash__


def _setattr(cls: Any, names: frozenset[str]) -> Callable:
    def __setattr__(self, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    return __setattr__


def _delattr(cls: Any, names: frozenset[str]) -> Callable:
    def __delattr__(self, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __delattr__


def changed(instance: Any, **changes: Any) -> Any:
    """INSTANCE with CHANGES to some of its fields, as dataclasses.replace gives it, for the engine's hot paths.

    replace() looks up the class's fields and calls __init__ again on every call; a record without
    a __post_init__ has nothing to check, so a copy of its values with the changes is the same record.
    """
    cls = type(instance)
    if hasattr(cls, "__post_init__") or not changes.keys() <= cls.__dataclass_fields__.keys():
        return dataclasses.replace(instance, **changes)
    made = object.__new__(cls)
    made.__dict__.update(instance.__dict__)
    made.__dict__.update(changes)
    return made
