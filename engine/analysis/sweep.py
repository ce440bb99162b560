"""A sweep: one numeric parameter of a framework version set to each of a range of values.

`ratings impact --sweep bands.good=55:75:1` rates the inspections under the draft with Good starting
at 55%, 56%, ... 75%. The parameter is named in the policy's terms or as a JSON pointer:

- `bands.ID`: where a band starts, in percent; ID is the band's id, or the rating of the one band
  rated so. The band below it ends there too, so the bands still cover 0 to 100.
- `overall.RATING`: the lowest overall score rated RATING; the band below ends one point lower.
- `discretion.within`: how many percentage points from a band boundary discretion may be exercised.
- `weight.STANDARD`: how many times a standard's score counts towards the overall score.
- `/a/json/pointer`: any number in the framework file.

Each value makes a variant of the framework, checked like any framework file, so a value that
leaves it meaningless (Good starting above Outstanding) is refused with the reason, naming the value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import InvalidInputError, RatingsError, hint_for, tokens
from ..io import json_numbers
from ..model.framework import Framework, thaw
from ..model.load import framework_from_bytes

#: More values than this is a typing slip (55:75:0.001), not an analysis anyone reads.
MAX_VALUES = 1001

#: Where a parameter only decides bands, margins or weights: the counts do not change, so each
#: inspection's cases are counted once and only banded and rated anew at each value.
_RATED_NOT_COUNTED = ("/banding/", "/overall/", "/discretion/")

SYNTAX = "PARAMETER=START:STOP[:STEP], for example bands.good=55:75:1"


class SweepError(RatingsError):
    """A --sweep that cannot be carried out: its syntax, its parameter, or a value the framework refuses.

    A mistake in what was asked, like a bad option: the command line reports it as a usage error.
    """


@dataclass(frozen=True)
class Sweep:
    """A parameter, where it is in the framework file, what it means, and the values to try."""

    parameter: str
    pointer: str
    meaning: str
    values: tuple[Decimal, ...]
    #: The parameter's value in the framework swept (the draft).
    draft_value: Decimal
    #: Numbers moved with it so the framework stays whole: (pointer, offset from the value).
    linked: tuple[tuple[str, Decimal], ...] = ()

    @property
    def recounts(self) -> bool:
        """Whether the parameter may change what is counted (anything but bands, margins and weights)."""
        return not (self.pointer.startswith(_RATED_NOT_COUNTED) or self.pointer.endswith("/weight"))


def parse(text: str) -> tuple[str, tuple[Decimal, ...]]:
    """PARAMETER and its values from PARAMETER=START:STOP[:STEP] (STOP included) or PARAMETER=VALUE."""
    parameter, equals, spec = text.partition("=")
    if not equals or not parameter.strip() or not spec.strip():
        raise SweepError(f"--sweep {text!r}: expected {SYNTAX}")
    try:
        parts = [Decimal(part.strip()) for part in spec.split(":")]
    except InvalidOperation:
        raise SweepError(f"--sweep {text!r}: START, STOP and STEP must be numbers ({SYNTAX})") from None
    if len(parts) > 3 or not all(part.is_finite() for part in parts):
        raise SweepError(f"--sweep {text!r}: expected {SYNTAX}")
    start, stop, step = (parts + [parts[0], Decimal(1)])[:3] if len(parts) == 1 else (parts + [Decimal(1)])[:3]
    if step <= 0:
        raise SweepError(f"--sweep {text!r}: STEP must be more than 0")
    if stop < start:
        raise SweepError(f"--sweep {text!r}: STOP ({stop}) is below START ({start})")
    count = int((stop - start) / step) + 1
    if count > MAX_VALUES:
        raise SweepError(f"--sweep {text!r} gives {count} values; at most {MAX_VALUES}: take a larger STEP")
    return parameter.strip(), tuple(start + index * step for index in range(count))


def resolve(text: str, framework: Framework) -> Sweep:
    """The sweep --sweep TEXT asks for over FRAMEWORK; a SweepError saying what is wrong otherwise."""
    parameter, values = parse(text)
    pointer, meaning, linked = _locate(parameter, framework)
    current = current_value(framework, pointer)
    if current is None:
        raise SweepError(f"--sweep {parameter}: {framework.ref} has no number at {pointer}")
    if pointer.startswith("/overall/bands/") or pointer.endswith("/weight"):
        fractional = [v for v in values if v != v.to_integral_value()]
        if fractional:
            raise SweepError(f"--sweep {parameter}: scores and weights are whole numbers, not {fractional[0]}")
    return Sweep(parameter, pointer, meaning, values, current, linked)


def current_value(framework: Framework, pointer: str) -> Decimal | None:
    """The number at POINTER in FRAMEWORK's file; a standard's weight, unwritten, is 1."""
    value = value_at(framework.document, pointer)
    parent = pointer.rsplit("/", 1)[0]
    if value is None and pointer.endswith("/weight") and "/standards/" in parent and _lookup(framework.document, parent)[0]:
        return Decimal(1)
    return value


def baseline_value(parameter: str, framework: Framework) -> Decimal | None:
    """The value of a sweep's PARAMETER in FRAMEWORK (the baseline), or None where it has no such parameter."""
    try:
        pointer = _locate(parameter, framework)[0]
    except SweepError:
        return None
    return current_value(framework, pointer)


def value_at(document: Any, pointer: str) -> Decimal | None:
    """The number at POINTER in DOCUMENT, exactly; None where there is none."""
    found, node = _lookup(document, pointer)
    if not found or isinstance(node, bool) or not isinstance(node, (int, float, Decimal)):
        return None
    return Decimal(str(node))


def _lookup(document: Any, pointer: str) -> tuple[bool, Any]:
    node = document
    for token in tokens(pointer):
        if isinstance(node, (list, tuple)) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, Mapping) and token in node:
            node = node[token]
        else:
            return False, None
    return True, node


def _locate(parameter: str, framework: Framework) -> tuple[str, str, tuple[tuple[str, Decimal], ...]]:
    """The pointer of PARAMETER in FRAMEWORK's file, what it means, and the numbers linked to it."""
    if parameter.startswith("/"):
        return parameter, f"the number at {parameter} in the framework file", ()
    kind, _, name = parameter.partition(".")
    if kind == "bands" and name:
        return _band(name, framework)
    if kind == "overall" and name:
        return _overall(name, framework)
    if kind == "discretion" and name in ("within", "within_percentage_points"):
        if framework.discretion is None:
            raise SweepError(f"--sweep {parameter}: {framework.ref} has no professional discretion")
        return "/discretion/within_percentage_points", "how near a band boundary (in percentage points) discretion may be exercised", ()
    if kind == "weight" and name:
        return _weight(name, framework)
    raise SweepError(f"--sweep {parameter}: not a parameter; name bands.BAND, overall.RATING, discretion.within, "
                     "weight.STANDARD or a JSON pointer such as /banding/bands/2/at_least")


def _band(name: str, framework: Framework) -> tuple[str, str, tuple[tuple[str, Decimal], ...]]:
    bands = framework.banding.bands
    by_id = [i for i, band in enumerate(bands) if band.id == name]
    by_rating = [i for i, band in enumerate(bands) if band.rating == name]
    found = by_id or by_rating
    if len(found) != 1:
        known = [band.id for band in bands] + sorted({band.rating for band in bands})
        why = (f"more than one band is rated {name!r}: name one by its id" if found
               else hint_for(name, known) or f"bands: {', '.join(known)}")
        raise SweepError(f"--sweep bands.{name}: not one band of {framework.ref} ({why})")
    index = found[0]
    if index == 0:
        raise SweepError(f"--sweep bands.{name}: the lowest band always starts at 0")
    band = bands[index]
    meaning = f"the percentage where {framework.label(band.rating)} ({band.label}) starts"
    return f"/banding/bands/{index}/at_least", meaning, ((f"/banding/bands/{index - 1}/below", Decimal(0)),)


def _overall(name: str, framework: Framework) -> tuple[str, str, tuple[tuple[str, Decimal], ...]]:
    found = [i for i, band in enumerate(framework.overall_bands) if band.rating == name]
    if len(found) != 1 or found[0] == 0:
        ratings = [band.rating for band in framework.overall_bands[1:]]
        raise SweepError(f"--sweep overall.{name}: not an overall band of {framework.ref} that can move "
                         f"({hint_for(name, ratings) or 'those that can: ' + ', '.join(ratings)})")
    index = found[0]
    meaning = f"the lowest overall score rated {framework.label(name)}"
    return f"/overall/bands/{index}/from", meaning, ((f"/overall/bands/{index - 1}/to", Decimal(-1)),)


def _weight(name: str, framework: Framework) -> tuple[str, str, tuple[tuple[str, Decimal], ...]]:
    for d, domain in enumerate(framework.document["domains"]):
        for s, standard in enumerate(domain["standards"]):
            if standard["id"] == name:
                return f"/domains/{d}/standards/{s}/weight", f"the weight of standard {name} in the overall score", ()
    raise SweepError(f"--sweep weight.{name}: {framework.ref} has no standard {name!r} "
                     f"({hint_for(name, [s.id for s in framework.standards]) or 'see ratings frameworks show'})")


def variants(sweep: Sweep, framework: Framework, registry: Any) -> list[Framework]:
    """FRAMEWORK with the parameter at each value, each checked as a framework file is."""
    found = []
    for value in sweep.values:
        document = thaw(framework.document)
        _set(document, sweep.pointer, value)
        for pointer, offset in sweep.linked:
            _set(document, pointer, value + offset)
        # On one line: no message of a sweep quotes a line of it, and the indented writer is not C-speed.
        raw = json.dumps(document, ensure_ascii=False, default=_number).encode()
        label = f"{framework.path or framework.ref} with {sweep.parameter}={value}"
        try:
            found.append(framework_from_bytes(raw, label, registry))
        except InvalidInputError as error:
            first = error.problems[0]
            raise SweepError(f"--sweep {sweep.parameter}={value} leaves {framework.ref} unusable: "
                             f"{first.pointer}: {first.message}") from None
    return found


def _number(value: Any) -> int | float:
    """A number the framework was read with (exactly, as a Decimal) as JSON writes it: the same digits."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{type(value).__name__} is not JSON")
    return _plain(value)


def _plain(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    try:
        return json_numbers.float_exactly(value)  # a float that would change its digits would change the framework
    except ValueError:
        raise SweepError(f"{value} has more digits than a sweep can set exactly") from None


def _set(document: Any, pointer: str, value: Decimal) -> None:
    *path, last = tokens(pointer)
    node = document
    for token in path:
        node = node[int(token)] if isinstance(node, list) else node[token]
    number = _plain(value)
    if isinstance(node, list):
        node[int(last)] = number
    else:
        node[last] = number
