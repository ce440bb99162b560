"""A deterministic fuzzer of hostile and broken input for the `ratings` command line.

Mutants are made from the shipped examples (examples/*.json) and frameworks (frameworks/**/*.json)
by one mutation each, written to a temporary file and run through the real CLI in-process with
click's CliRunner:

    inspections  ratings evaluate FILE --format json            (and ratings validate FILE)
    frameworks   ratings validate FILE
                 ratings evaluate INSPECTION --framework FILE --format json
                 (INSPECTION: the example rated under that framework version; for hmip-crc@2019,
                 examples/south-yorkshire-crc-2020.json)

Each mutant's outcome is one of

    valid        exit 0; for evaluate, stdout is JSON that fits schemas/result.schema.json
    rejected     exit 1 and every stderr line is a located problem ("FILE[:LINE[:COL]]: /POINTER: ... [code]")
    traceback    an exception other than SystemExit escaped the command, or 'Traceback' was printed
    hang         a command ran longer than HANG_SECONDS (10) on the mutant, and was stopped
    unlocated    exit 1, but a stderr line that is neither (or nothing on stderr at all)
    usage        exit 2
    other        any other exit code
    wrong-answer a command succeeded but its answer is wrong: the result does not fit its schema, is not
                 byte-identical when the evaluation is run again, breaks an arithmetic invariant (the
                 overall score is the sum of the standards' scores; 0 <= yes <= of; the exact percentage
                 is yes/of; the band holds the exact percentage; the shown percentage is the exact one
                 rounded as the framework says; a rating's score is the scale's), or `validate` and
                 `evaluate` disagree about the same file; for text from data (control-text) and extreme
                 numbers, a format other than JSON fails, or lets a control character, HTML (Markdown) or a
                 line forged from the data through; for output-onto-input, naming the file being read as
                 the output (by path, ./ or ../ spelling, symlink or hard link) is not refused, or changes it

The kinds of hostile input besides broken structure: number-extreme (numbers no rating needs, such as
1e-999999999 or 200,000 digits), syntax-slip (a trailing comma, a comment, curly quotes and the other
mistakes of hand editing), encoding (the file saved as UTF-16 or UTF-32, or with a UTF-8 BOM), control-text
(escapes, line breaks, bidi overrides and markup in names and titles) and output-onto-input.

A mutant's outcome is the worst of its commands' outcomes (worst first: traceback, hang, unlocated, other,
wrong-answer, usage, rejected, valid). Every mutant has its own seed, "SEED:INDEX", so any one can be
made again, and the outcome does not depend on --jobs:

    python tests/fuzzing.py --mutants 20000 --seed 1 [--jobs 2] [--kinds retype,truncate] [--files examples/x.json,...]
    python tests/fuzzing.py --replay 1:4711 --kind number-huge --keep /tmp/mutant

The oversized mutation writes a 5 MB string (--oversized-mb to change it), not 50 MB, and is drawn
a tenth as often as the other kinds. The 360 KB synthetic CRC inspection is drawn a twentieth as often
as the other files: it takes ten times as long to rate. As in the test suite, only the engine's own
plugins are loaded (RATINGS_DISABLE_PLUGINS=all) unless --with-plugins is given.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = ROOT / "examples"
FRAMEWORKS_DIR = ROOT / "frameworks"
#: The inspection that framework mutants of hmip-crc@2019 are evaluated with.
SOUTH_YORKSHIRE_2020 = EXAMPLES_DIR / "south-yorkshire-crc-2020.json"

OUTCOMES = ("valid", "rejected", "traceback", "hang", "unlocated", "usage", "other", "wrong-answer")
#: Outcomes that are engine defects; the script exits non-zero if it sees any of them.
FAILURES = ("traceback", "hang", "unlocated", "other", "wrong-answer")
_SEVERITY = {name: rank for rank, name in enumerate(
    ("traceback", "hang", "unlocated", "other", "wrong-answer", "usage", "rejected", "valid"))}

#: The size of the string the 'oversized' mutation writes, in bytes.
OVERSIZED_BYTES = 5 * 1024 * 1024


# --------------------------------------------------------------------------------------------- bases

@dataclass(frozen=True)
class Base:
    """A shipped file that mutants are made from."""

    path: Path
    role: str  # "inspection" or "framework"
    raw: bytes
    companion: Path | None  # for a framework: the inspection evaluated under it
    weight: float

    @property
    def name(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    def document(self) -> Any:
        """A fresh copy of the parsed document, to mutate."""
        return json.loads(self.raw)


@cache
def bases() -> tuple[Base, ...]:
    """The shipped examples and frameworks. A large file is drawn a twentieth as often: it takes ten times as long to rate."""
    examples = sorted(EXAMPLES_DIR.glob("*.json"))
    framework_of = {path: json.loads(path.read_bytes()).get("framework") for path in examples}
    found = []
    for path in examples:
        raw = path.read_bytes()
        found.append(Base(path, "inspection", raw, None, 0.05 if len(raw) > 100_000 else 1.0))
    for path in sorted(FRAMEWORKS_DIR.glob("**/*.json")):
        raw = path.read_bytes()
        document = json.loads(raw)
        ref = f"{document.get('id')}@{document.get('version')}"
        rated = sorted((p for p in examples if framework_of[p] == ref), key=lambda p: p.stat().st_size)
        companion = SOUTH_YORKSHIRE_2020 if ref == "hmip-crc@2019" else (rated[0] if rated else SOUTH_YORKSHIRE_2020)
        found.append(Base(path, "framework", raw, companion, 1.0))
    return tuple(found)


# ----------------------------------------------------------------------------------- document helpers

Path_ = tuple  # a path into a document: keys and indexes


def _nodes(document: Any) -> list[tuple[Path_, Any]]:
    """Every value in DOCUMENT with its path, root first, in document order, without recursion."""
    out = []
    stack = [((), document)]
    while stack:
        path, value = stack.pop()
        out.append((path, value))
        if isinstance(value, dict):
            stack.extend(reversed([(path + (key,), item) for key, item in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([(path + (index,), item) for index, item in enumerate(value)]))
    return out


def _get(document: Any, path: Path_) -> Any:
    for part in path:
        document = document[part]
    return document


def _set(document: Any, path: Path_, value: Any) -> None:
    _get(document, path[:-1])[path[-1]] = value


def _rename(parent: dict, old: str, new: str) -> None:
    """Rename a key of PARENT, keeping its place in the order."""
    items = [(new if key == old else key, value) for key, value in parent.items()]
    parent.clear()
    parent.update(items)


def pointer(path: Path_) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "list" if isinstance(value, list) else "object"


def _pick_node(rng: Random, nodes: list[tuple[Path_, Any]]) -> tuple[Path_, Any]:
    """A node, drawn first by depth and then within it, so that top-level fields are not drowned by the leaves."""
    by_depth: dict[int, list] = {}
    for node in nodes:
        by_depth.setdefault(len(node[0]), []).append(node)
    depth = rng.choice(sorted(by_depth))
    return rng.choice(by_depth[depth])


class _Text:
    """Serialising a document with raw JSON text spliced in where sentinels stand (NaN, duplicate keys, deep nesting)."""

    def __init__(self) -> None:
        self.raw: dict[str, str] = {}

    def token(self, text: str) -> str:
        """A sentinel string to put in the document; it is written as TEXT, verbatim."""
        sentinel = f"\x00fuzz{len(self.raw)}\x00"
        self.raw[json.dumps(sentinel)] = text
        return sentinel

    def dump(self, document: Any) -> bytes:
        text = json.dumps(document, indent=2, ensure_ascii=False)
        for quoted, replacement in self.raw.items():
            assert quoted in text, quoted
            text = text.replace(quoted, replacement)
        return text.encode("utf-8", errors="surrogatepass")


# ------------------------------------------------------------------------------------------ mutations

@dataclass(frozen=True)
class Mutant:
    kind: str
    base: Base
    seed: str
    data: bytes
    note: str
    files: str = ""  # the files it could have been made from, if not all (for replaying it)


Mutation = Callable[[Random, Base], "tuple[bytes, str] | None"]


@dataclass(frozen=True)
class Kind:
    name: str
    mutate: Mutation
    roles: tuple[str, ...] = ("inspection", "framework")
    weight: float = 1.0
    #: Whether a base can take this mutation at all (so that drawing a base never loops).
    applies: Callable[[Base], bool] = lambda base: True


def _structural(change: Callable[[Random, Any, _Text], str | None]) -> Mutation:
    def mutate(rng: Random, base: Base) -> tuple[bytes, str] | None:
        document = base.document()
        text = _Text()
        note = change(rng, document, text)
        if note is None:
            return None
        return text.dump(document), note
    return mutate


def _members(document: Any) -> list[tuple[Path_, str]]:
    return [(path, key) for path, value in _nodes(document) if isinstance(value, dict) for key in value]


def _delete_field(rng: Random, document: Any, text: _Text) -> str | None:
    # Drawn by depth, then a member of an object at that depth.
    path = _pick_node(rng, [(p + (k,), None) for p, k in _members(document)])[0]
    parent, key = path[:-1], path[-1]
    del _get(document, parent)[key]
    return f"deleted {pointer(path)}"


def _vocabulary(document: Any) -> list[str]:
    return sorted({key for _, key in _members(document)})


def _duplicate_field(rng: Random, document: Any, text: _Text) -> str | None:
    path = _pick_node(rng, [(p + (k,), None) for p, k in _members(document)])[0]
    parent = _get(document, path[:-1])
    key = path[-1]
    others = [name for name in _vocabulary(document) if name not in parent]
    choices = [key + "_copy", key.upper() if key.upper() != key else key + "2", ""] + rng.sample(others, min(3, len(others)))
    new = rng.choice([c for c in choices if c not in parent] or [key + "_copy2"])
    parent[new] = json.loads(json.dumps(parent[key]))
    return f"copied {pointer(path)} to {pointer(path[:-1] + (new,))}"


def _retyped(rng: Random, value: Any) -> tuple[Any, str]:
    wanted = rng.choice([t for t in ("string", "number", "list", "object", "null", "bool") if t != _json_type(value)])
    if wanted == "string":
        new = (str(value) if isinstance(value, (int, float)) and not isinstance(value, bool)
               else rng.choice(["", "x", "yes", json.dumps(value)[:40]]))
    elif wanted == "number":
        if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
            new = json.loads(value)
        else:
            new = rng.choice([0, 1, -1, 2.5, len(value) if isinstance(value, (str, list, dict)) else 7])
    elif wanted == "list":
        new = rng.choice([[], [value]])
    elif wanted == "object":
        new = rng.choice([{}, {"value": value}])
    elif wanted == "null":
        new = None
    else:
        new = rng.choice([True, False])
    return new, wanted


def _retype(rng: Random, document: Any, text: _Text) -> str | None:
    path, value = _pick_node(rng, _nodes(document)[1:])
    new, wanted = _retyped(rng, value)
    _set(document, path, new)
    return f"{pointer(path)}: {_json_type(value)} -> {wanted} {json.dumps(new)[:40]}"


def _number_leaves(document: Any) -> list[tuple[Path_, Any]]:
    return [(p, v) for p, v in _nodes(document) if p and _json_type(v) == "number"]


def _number_mutation(tokens: Callable[[Random, Any], str]) -> Callable:
    def change(rng: Random, document: Any, text: _Text) -> str | None:
        numbers = _number_leaves(document)
        if numbers and rng.random() < 0.85:
            path, value = rng.choice(numbers)
        else:
            path, value = _pick_node(rng, _nodes(document)[1:])
        token = tokens(rng, value)
        _set(document, path, text.token(token))
        return f"{pointer(path)}: {json.dumps(value)[:40]} -> {token[:40]}{'...' if len(token) > 40 else ''}"
    return change


def _negative(rng: Random, value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value != 0:
        return json.dumps(-abs(value))
    return rng.choice(["-1", "-0", "-0.0", "-100"])


_HUGE = ["1e308", "-1e308", "1e309", "1E+400", "1e-400", str(10**30), str(-10**30), str(2**63), str(2**64),
         "1" + "0" * 4299, "9" * 5000]


def _huge(rng: Random, value: Any) -> str:
    return rng.choice(_HUGE)


def _fractional(rng: Random, value: Any) -> str:
    base = value if isinstance(value, (int, float)) and not isinstance(value, bool) else 1
    return rng.choice([repr(base + 0.5), repr(base + 0.1), repr(base + 1e-9), f"{int(base)}.0", f"{int(base)}e0", "0.5"])


def _counts(document: Any) -> list[tuple[Path_, dict]]:
    return [(p, v) for p, v in _nodes(document)
            if isinstance(v, dict) and isinstance(v.get("yes"), int) and isinstance(v.get("of"), int)]


def _yes_greater_than_of(rng: Random, document: Any, text: _Text) -> str | None:
    path, count = rng.choice(_counts(document))
    count["yes"] = count["of"] + rng.choice([1, 2, count["of"]])
    return f"{pointer(path)}: yes {count['yes']} of {count['of']}"


def _of_zero(rng: Random, document: Any, text: _Text) -> str | None:
    path, count = rng.choice(_counts(document))
    count["of"] = 0
    count["yes"] = rng.choice([0, count["yes"]])
    return f"{pointer(path)}: yes {count['yes']} of 0"


def _huge_counts(rng: Random, document: Any, text: _Text) -> str | None:
    """Counts as large as Python reads (up to 4300 digits), consistent with each other, so that they pass the checks."""
    path, count = rng.choice(_counts(document))
    digits = rng.choice([30, 300, 4299, 4299])
    of = 10 ** digits + 1
    yes = rng.choice([10 ** digits, of, of // 2, 1])
    count["of"], count["yes"] = text.token(str(of)), text.token(str(yes))
    sample = _get(document, path[:-2])
    size = "absent"
    if "size" in sample:  # the size must be at least 'of': drop it, or make it 'of'
        if rng.random() < 0.5:
            del sample["size"]
            size = "deleted"
        else:
            sample["size"] = text.token(str(of))
            size = "= of"
    shown = str(yes) if yes < 100 else f"{str(yes)[:6]}...({len(str(yes))} digits)"
    return f"{pointer(path)}: yes {shown} of 10**{digits} + 1; size {size}"


def _case_lists(document: Any) -> list[tuple[Path_, list]]:
    return [(p, v) for p, v in _nodes(document)
            if p and p[-1] == "cases" and isinstance(v, list) and sum(isinstance(c, dict) and "id" in c for c in v) >= 2]


def _duplicate_case_id(rng: Random, document: Any, text: _Text) -> str | None:
    path, cases = rng.choice(_case_lists(document))
    first, second = rng.sample([i for i, c in enumerate(cases) if isinstance(c, dict) and "id" in c], 2)
    cases[second]["id"] = cases[first]["id"]
    return f"{pointer(path + (second, 'id'))} = {pointer(path + (first, 'id'))} ({cases[first]['id']!r})"


def _id_lists(document: Any) -> list[tuple[Path_, list]]:
    return [(p, v) for p, v in _nodes(document)
            if isinstance(v, list) and sum(isinstance(i, dict) and isinstance(i.get("id"), str) for i in v) >= 2]


def _duplicate_framework_id(rng: Random, document: Any, text: _Text) -> str | None:
    path, items = rng.choice(_id_lists(document))
    first, second = rng.sample([i for i, item in enumerate(items) if isinstance(item, dict) and isinstance(item.get("id"), str)], 2)
    items[second]["id"] = items[first]["id"]
    return f"{pointer(path + (second, 'id'))} = {pointer(path + (first, 'id'))} ({items[first]['id']!r})"


def _duplicate_json_key(rng: Random, document: Any, text: _Text) -> str | None:
    objects = [(p, v) for p, v in _nodes(document) if isinstance(v, dict) and v]
    path, value = _pick_node(rng, objects)
    key = rng.choice(list(value))
    same = rng.random() < 0.5
    copy = json.loads(json.dumps(value[key])) if same else _retyped(rng, value[key])[0]
    sentinel = text.token(json.dumps(key, ensure_ascii=False))
    value[sentinel] = copy
    return f"{pointer(path + (key,))} written twice ({'same value' if same else 'another value'})"


#: Where an inspection names things by id: (path pattern, what); '*' matches any key, '#' any index.
_INSPECTION_KEYED = [
    (("samples", "*"), "sample"), (("samples", "*", "results", "*"), "key question"),
    (("samples", "*", "prompts", "*"), "prompt"), (("judgements", "*"), "standard"), (("moderation", "*"), "standard"),
    (("discretion", "*"), "standard"), (("samples", "*", "cases", "#", "key_questions", "*"), "key question"),
    (("samples", "*", "cases", "#", "prompts", "*"), "prompt"), (("samples", "*", "cases", "#", "attributes", "*"), "attribute"),
]
_INSPECTION_VALUES = [
    (("judgements", "*", "rating"), ["excellent", "Good", "GOOD", "requires improvement", "none"]),
    (("discretion", "*", "rating"), ["excellent", "Good", "inadequate!", "none"]),
    (("framework",), ["hmip-crc@2099", "hmip-crc@2018", "hmip-youth@2018", "hmip-crc", "no-such-family", "hmip-youth", "small-samples@1"]),
    (("samples", "*", "cases", "#", "attributes", "*"), ["unknown", "maybe", "community "]),
]
#: Framework fields that refer to an id defined elsewhere in the file.
_FRAMEWORK_REFERENCES = {"rating", "sample", "sub_sample", "rating_method", "rule", "attribute", "document"}


def _matches(path: Path_, pattern: tuple) -> bool:
    return len(path) == len(pattern) and all(
        want == "*" and isinstance(part, str) or want == "#" and isinstance(part, int) or want == part
        for part, want in zip(path, pattern, strict=True))


def _unknown_name(rng: Random, name: str) -> str:
    return rng.choice(["9.9.9", name + ".9", name + "x", "no-such-" + name, name.upper() if name.upper() != name else name + "-2",
                       name.strip() + " ", "unknown"])


def _unknown_id(rng: Random, document: Any, text: _Text) -> str | None:
    nodes = _nodes(document)
    if "domains" in document:  # a framework: change a reference, or rename a defined id (which the inspection uses)
        places = [(p, v) for p, v in nodes if p and isinstance(v, str) and (
            p[-1] in _FRAMEWORK_REFERENCES or p[-1] == "id" or len(p) == 3 and p[:2] == ("discretion", "standards"))]
        path, value = rng.choice(places)
        new = _unknown_name(rng, value)
        _set(document, path, new)
        return f"{pointer(path)}: {value!r} -> {new!r}"
    keyed = [(p, "key") for p, _ in nodes if any(_matches(p, pattern) for pattern, _ in _INSPECTION_KEYED)]
    valued = [(p, choices) for p, v in nodes for pattern, choices in _INSPECTION_VALUES if _matches(p, pattern) and isinstance(v, str)]
    path, choices = rng.choice(keyed + valued)
    if choices == "key":
        new = _unknown_name(rng, path[-1])
        if new in _get(document, path[:-1]):
            new += "-unknown"
        _rename(_get(document, path[:-1]), path[-1], new)
        return f"renamed {pointer(path)} to {new!r}"
    value = _get(document, path)
    new = rng.choice([c for c in choices if c != value])
    _set(document, path, new)
    return f"{pointer(path)}: {value!r} -> {new!r}"


_BAD_BYTES = [b"\xff", b"\xfe", b"\x80", b"\xc3", b"\xe9", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80"]


def _non_utf8(rng: Random, base: Base) -> tuple[bytes, str]:
    raw = base.raw
    bad = rng.choice(_BAD_BYTES)
    roll = rng.random()
    if roll < 0.05:
        at = 0
        bad = rng.choice([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb"])  # a UTF-16 byte-order mark, or half a UTF-8 one
    elif roll < 0.55:
        quotes = [i for i in range(len(raw)) if raw[i:i + 1] == b'"']
        at = rng.choice(quotes) + 1  # inside a string (or just after one)
    else:
        at = rng.randrange(len(raw) + 1)
    return raw[:at] + bad + raw[at:], f"inserted {bad!r} at byte {at}"


def _truncate(rng: Random, base: Base) -> tuple[bytes, str]:
    at = rng.randrange(len(base.raw))
    return base.raw[:at], f"cut at byte {at} of {len(base.raw)}"


_DEPTHS = [5000, 5000, 5000, 100_000, 1000, 200, 66, 65, 64, 63, 60, 40, 20]


def _deep_nesting(rng: Random, document: Any, text: _Text) -> str | None:
    path, value = _pick_node(rng, _nodes(document)[1:])
    depth = rng.choice(_DEPTHS)
    shape = rng.choice(["list", "object", "mixed"])
    if shape == "list":
        token = "[" * depth + "]" * depth
    elif shape == "object":
        token = '{"a":' * depth + "1" + "}" * depth
    else:
        token = '[{"a":' * (depth // 2) + "[]" + "}]" * (depth // 2)
    _set(document, path, text.token(token))
    return f"{pointer(path)}: {depth} nested {shape}s"


def _oversized(rng: Random, document: Any, text: _Text) -> str | None:
    field_name = "description" if "domains" in document else "notes"
    filler = rng.choice(["x", "é", "Lorem ipsum dolor sit amet. ", "\u2014\u00a0"])
    size = OVERSIZED_BYTES // len(filler.encode("utf-8"))
    document[field_name] = filler * size
    return f"/{field_name}: a {OVERSIZED_BYTES / 1048576:g} MB string of {filler!r}"


_BAD_STRINGS = ["", " ", "\u0000", "\t\n", "\u202e", "\U0001f600" * 3, "a" * 100_000, "\\", "'; DROP TABLE", "../../etc/passwd",
                "1.1", "null", "\ufeff", "\u00e9\u0301"]
_BAD_STRING_TEXT = ['"\\ud800"', '"\\udc00\\ud800"', '"x\\ud83d"', '"\\u0000"']


def _bad_string(rng: Random, document: Any, text: _Text) -> str | None:
    if rng.random() < 0.3:  # a key rather than a value
        path = _pick_node(rng, [(p + (k,), None) for p, k in _members(document)])[0]
        parent = _get(document, path[:-1])
        if rng.random() < 0.3:
            new = text.token(rng.choice(_BAD_STRING_TEXT))
            shown = text.raw[json.dumps(new)]
        else:
            new = rng.choice(_BAD_STRINGS)
            shown = json.dumps(new)[:40]
        if new in parent:
            return None
        _rename(parent, path[-1], new)
        return f"renamed {pointer(path)} to {shown}"
    strings = [(p, v) for p, v in _nodes(document) if p and isinstance(v, str)]
    path, value = _pick_node(rng, strings)
    if rng.random() < 0.3:
        token = rng.choice(_BAD_STRING_TEXT)
        _set(document, path, text.token(token))
        return f"{pointer(path)}: {json.dumps(value)[:40]} -> {token}"
    new = rng.choice(_BAD_STRINGS)
    _set(document, path, new)
    return f"{pointer(path)}: {json.dumps(value)[:40]} -> {json.dumps(new)[:40]}"


_DATE_KEYS = {"fieldwork_start", "effective_from", "effective_to", "published"}
_BAD_DATES = ["2019-02-30", "2019-13-01", "0000-01-01", "9999-12-31", "2019-1-1", "20191125", "2019-11-25T00:00:00",
              "", "1900-01-01", "2019-11-25 ", "\u0662\u0660\u0661\u0669-\u0661\u0661-\u0662\u0665", "2100-02-29", "2000-02-29",
              "2019-W48-1", "25/11/2019"]


def _dates(document: Any) -> list[tuple[Path_, Any]]:
    return [(p, v) for p, v in _nodes(document) if p and p[-1] in _DATE_KEYS and isinstance(v, str)]


def _bad_date(rng: Random, document: Any, text: _Text) -> str | None:
    path, value = rng.choice(_dates(document))
    new = rng.choice([d for d in _BAD_DATES if d != value])
    _set(document, path, new)
    return f"{pointer(path)}: {value!r} -> {new!r}"


def _empty_container(rng: Random, document: Any, text: _Text) -> str | None:
    containers = [(p, v) for p, v in _nodes(document) if p and isinstance(v, (list, dict)) and v]
    path, value = _pick_node(rng, containers)
    new = rng.choice([[], {}]) if rng.random() < 0.2 else type(value)()
    _set(document, path, new)
    return f"{pointer(path)}: emptied ({json.dumps(new)})"


# ------------------------------------------------------- hostile input: numbers, slips, encodings, text

#: Numbers no rating needs, each of which once hung the exact arithmetic or crashed an output format.
_EXTREME = ["1e-999999999", "1E-5000", "1e999999999", "-1e-400000", "1e+2147483648", "9" * 200_000, "0." + "1" * 200_000,
            "1" + "0" * 100, "12345678901234567890123456789012345.5", "1.000000000000000000000000000000000001", "5e-324",
            "0e99999999", "-0.0e-0"]


def _extreme(rng: Random, value: Any) -> str:
    return rng.choice(_EXTREME)


_STRING_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def _syntax_slip(rng: Random, base: Base) -> tuple[bytes, str] | None:
    """One of the mistakes people make when they edit JSON by hand (a trailing comma, a comment, curly quotes...)."""
    text = base.raw.decode("utf-8")
    slip = rng.choice(["trailing-comma", "line-comment", "block-comment", "curly-quotes", "single-quotes", "missing-comma",
                       "unquoted-key", "python-words", "trailing-text", "empty", "missing-close"])
    if slip == "trailing-comma":
        at = rng.choice([m.start() for m in re.finditer(r"(?<=[^\s,\[{])\s*\n\s*[}\]]", text)])
        return (text[:at] + "," + text[at:]).encode(), f"{slip} at offset {at}"
    if slip == "line-comment":
        at = rng.choice([m.end() for m in re.finditer(r",\n", text)])
        return (text[:at] + rng.choice(["  // checked by the panel\n", "  # draft\n"]) + text[at:]).encode(), f"{slip} at offset {at}"
    if slip == "block-comment":
        at = rng.choice([m.end() for m in re.finditer(r",", text)])
        return (text[:at] + " /* to check */" + text[at:]).encode(), f"{slip} at offset {at}"
    strings = list(_STRING_TOKEN.finditer(text))
    if slip in ("curly-quotes", "single-quotes"):
        token = rng.choice(strings)
        left, right = ("\u201c", "\u201d") if slip == "curly-quotes" else ("'", "'")
        if slip == "curly-quotes" and rng.random() < 0.3:
            left, right = "\u2018", "\u2019"
        replaced = left + token.group()[1:-1] + right
        return (text[:token.start()] + replaced + text[token.end():]).encode(), f"{slip} around {token.group()[:30]}"
    if slip == "missing-comma":
        at = rng.choice([m.start() for m in re.finditer(r",\n", text)])
        return (text[:at] + text[at + 1:]).encode(), f"{slip} at offset {at}"
    if slip == "unquoted-key":
        keys = [m for m in re.finditer(r'"([A-Za-z_]\w*)":', text)]
        key = rng.choice(keys)
        return (text[:key.start()] + key.group(1) + ":" + text[key.end():]).encode(), f"{slip} {key.group(1)}"
    if slip == "python-words":
        words = [m for m in re.finditer(r"\b(true|false|null)\b", text)]
        if not words:
            return None
        word = rng.choice(words)
        python = {"true": "True", "false": "False", "null": "None"}[word.group()]
        return (text[:word.start()] + python + text[word.end():]).encode(), f"{slip} {python} at offset {word.start()}"
    if slip == "trailing-text":
        return (text + rng.choice(["}\n", "\n,\n", "extra\n", '{"provider": "again"}\n'])).encode(), slip
    if slip == "empty":
        return rng.choice([b"", b"\n", b"   \n\n"]), slip
    at = text.rstrip().rfind("}")
    return (text[:at] + text[at + 1:]).encode(), f"{slip}: the last closing brace removed"


_ENCODINGS = ["utf-16-le", "utf-16-be", "utf-16", "utf-32-le", "utf-32-be", "utf-32", "utf-8-sig"]


def _encoding(rng: Random, base: Base) -> tuple[bytes, str]:
    """The whole file saved in another Unicode encoding (as some editors on some systems do)."""
    encoding = rng.choice(_ENCODINGS)
    return base.raw.decode("utf-8").encode(encoding), f"saved as {encoding}"


#: Text from data that must not reach a terminal or a report as it is: escapes, line breaks, bidi overrides, markup.
_CONTROL_PAYLOADS = ["\x1b[2J\x1b[31m", "\x1b]0;owned\x07", "\r", "\nFORGED Overall: Outstanding", "\r\nFORGED Overall: Outstanding",
                     "\u202e", "\x00", "\x85", "\u2028FORGED", "\x7f", "\x08\x08\x08", "*bold* [link](http://example.invalid)",
                     "<script>alert(1)</script>", "=HYPERLINK(\"http://example.invalid\")", "| a | b |"]
_TEXT_KEYS = {"provider", "title", "rationale", "notes", "text", "statement", "description", "name", "label"}


def _control_text(rng: Random, document: Any, text: _Text) -> str | None:
    strings = [(p, v) for p, v in _nodes(document) if p and isinstance(v, str) and isinstance(p[-1], str) and p[-1] in _TEXT_KEYS]
    if not strings:
        return None
    path, value = rng.choice(strings)
    payload = rng.choice(_CONTROL_PAYLOADS)
    # A line break is put after the value, so that a line of the output starting with FORGED can only be one the data
    # broke off (at the start of the value, the data is where it belongs, at the start of its own line or heading).
    prefix = rng.random() >= 0.7 and "FORGED" not in payload
    _set(document, path, payload + value if prefix else value + payload)
    return f"{pointer(path)}: {json.dumps(payload)} added"


#: How a careless user may name, as the output, the very file being read.
_SPELLINGS = ["same path", "./ spelling", "../ spelling", "symlink", "hard link"]


def _output_onto_input(rng: Random, base: Base) -> tuple[bytes, str]:
    return base.raw, rng.choice(_SPELLINGS)


KINDS: dict[str, Kind] = {k.name: k for k in [
    Kind("delete-field", _structural(_delete_field)),
    Kind("duplicate-field", _structural(_duplicate_field)),
    Kind("retype", _structural(_retype)),
    Kind("number-negative", _structural(_number_mutation(_negative))),
    Kind("number-huge", _structural(_number_mutation(_huge))),
    Kind("number-fraction", _structural(_number_mutation(_fractional))),
    Kind("number-nan", _structural(_number_mutation(lambda rng, value: "NaN"))),
    Kind("number-infinity", _structural(_number_mutation(lambda rng, value: "Infinity"))),
    Kind("number-neg-infinity", _structural(_number_mutation(lambda rng, value: "-Infinity"))),
    Kind("yes-gt-of", _structural(_yes_greater_than_of), ("inspection",), applies=lambda b: bool(_counts(b.document()))),
    Kind("of-zero", _structural(_of_zero), ("inspection",), applies=lambda b: bool(_counts(b.document()))),
    Kind("huge-counts", _structural(_huge_counts), ("inspection",), applies=lambda b: bool(_counts(b.document()))),
    Kind("duplicate-case-id", _structural(_duplicate_case_id), ("inspection",), applies=lambda b: bool(_case_lists(b.document()))),
    Kind("duplicate-framework-id", _structural(_duplicate_framework_id), ("framework",)),
    Kind("duplicate-json-key", _structural(_duplicate_json_key)),
    Kind("unknown-id", _structural(_unknown_id)),
    Kind("non-utf8", _non_utf8),
    Kind("truncate", _truncate),
    Kind("deep-nesting", _structural(_deep_nesting)),
    Kind("oversized", _structural(_oversized), weight=0.1),
    Kind("bad-string", _structural(_bad_string)),
    Kind("bad-date", _structural(_bad_date), applies=lambda b: bool(_dates(b.document()))),
    Kind("empty-container", _structural(_empty_container)),
    Kind("number-extreme", _structural(_number_mutation(_extreme))),
    Kind("syntax-slip", _syntax_slip),
    Kind("encoding", _encoding),
    Kind("control-text", _structural(_control_text), applies=lambda b: any(
        p and isinstance(p[-1], str) and p[-1] in _TEXT_KEYS and isinstance(v, str) for p, v in _nodes(b.document()))),
    Kind("output-onto-input", _output_onto_input, weight=0.5),
]}


@cache
def _candidates(kind: str, files: frozenset | None = None) -> tuple[tuple[Base, ...], tuple[float, ...]]:
    chosen = [b for b in bases() if b.role in KINDS[kind].roles and KINDS[kind].applies(b) and (not files or b.name in files)]
    if not chosen:
        raise ValueError(f"no file among {sorted(files or ())} can take a {kind} mutation")
    return tuple(chosen), tuple(b.weight for b in chosen)


def choose_kind(seed: int, index: int, kinds: Iterable[str] | None = None) -> str:
    names = sorted(kinds) if kinds else sorted(KINDS)
    return Random(f"{seed}:{index}").choices(names, weights=[KINDS[n].weight for n in names])[0]


def make_mutant(seed: int | str, index: int | None = None, kind: str | None = None, files: Iterable[str] | None = None) -> Mutant:
    """Mutant INDEX of SEED (or SEED given as 'SEED:INDEX'), made from one of FILES (names as in Base.name; default
    all); the same arguments always make the same bytes."""
    if index is None:
        seed, index = str(seed).split(":")
    seed, index = int(seed), int(index)
    kind = kind or choose_kind(seed, index)
    rng = Random(f"{seed}:{index}:{kind}")
    candidates, weights = _candidates(kind, frozenset(files) if files else None)
    for _ in range(50):
        base = rng.choices(candidates, weights=weights)[0]
        made = KINDS[kind].mutate(rng, base)
        if made is not None:
            return Mutant(kind, base, f"{seed}:{index}", made[0], made[1], ",".join(sorted(files or ())))
    raise RuntimeError(f"could not make a {kind} mutant for {seed}:{index}")


# ------------------------------------------------------------------------------------------- checking

@dataclass
class Outcome:
    """What one mutant did."""

    kind: str
    base: str
    seed: str
    note: str
    outcome: str
    detail: str = ""
    codes: tuple[str, ...] = ()
    #: Problem lines with no line number (located by file and pointer only).
    unplaced: tuple[str, ...] = ()
    seconds: float = 0.0
    files: str = ""


@dataclass
class _Run:
    outcome: str
    detail: str
    codes: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    framework_problems: bool = False
    stdout: bytes = b""


_runner = None


#: A command that takes longer than this on one mutant is a hang.
HANG_SECONDS = 10.0


class _Hang(BaseException):
    """Raised by the watchdog's alarm inside a command that has run too long."""


@dataclass
class _HangResult:
    """What a hung command is reported as."""

    args: list[str]
    seconds: float
    exit_code: int = -1
    stdout: str = ""
    stderr: str = ""
    stdout_bytes: bytes = b""
    exception: BaseException | None = None


def _invoke(args: list[str]):
    """Run the CLI in-process on ARGS; a run longer than HANG_SECONDS is stopped and reported as a hang."""
    global _runner
    import signal
    import threading

    from click.testing import CliRunner

    from ratings_engine.cli import cli

    if _runner is None:
        _runner = CliRunner()
    watchdog = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    started = time.perf_counter()
    if watchdog:
        def alarm(signum, frame):
            raise _Hang()
        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        result = _runner.invoke(cli, args, catch_exceptions=True)
    except _Hang:
        return _HangResult(args, time.perf_counter() - started)
    finally:
        if watchdog:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    seconds = time.perf_counter() - started
    if isinstance(result.exception, _Hang) or seconds > HANG_SECONDS:
        return _HangResult(args, seconds)
    return result


_LOCATION = re.compile(r"(?::(\d+)(?::(\d+))?)?: /")
_CODE = re.compile(r" \[([A-Za-z0-9][\w.-]*)\]$")


def _located(line: str, files: list[str]) -> tuple[str, bool] | None:
    """(code, has a line number) if LINE is a located problem in one of FILES."""
    for path in files:
        if line.startswith(path):
            where = _LOCATION.match(line, len(path))
            code = _CODE.search(line)
            if where and code:
                return code.group(1), where.group(1) is not None
    return None


def _exception_text(result) -> str:
    exc = result.exception
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return "".join(lines[-12:]).rstrip()


def _classify(result, files: list[str]) -> _Run:
    if isinstance(result, _HangResult):
        return _Run("hang", f"ratings {' '.join(result.args)} ran for {result.seconds:.1f} s")
    out, err = result.stdout, result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return _Run("traceback", _exception_text(result))
    if "Traceback" in out or "Traceback" in err:
        return _Run("traceback", (err or out)[-1500:])
    code = result.exit_code
    if code == 0:
        return _Run("valid", "", stdout=result.stdout_bytes)
    if code == 2:
        return _Run("usage", err.strip()[:300])
    if code != 1:
        return _Run("other", f"exit code {code}: {err.strip()[:300]}")
    # Lines as a terminal or grep sees them: split at newlines only (str.splitlines would also split at \x1c, \x85, \u2028...).
    lines = [line.rstrip("\r") for line in err.split("\n") if line.strip()]
    if not lines:
        return _Run("unlocated", "exit code 1 with nothing on standard error")
    run = _Run("rejected", "")
    for line in lines:
        found = _located(line, files)
        if found is None:
            return _Run("unlocated", line[:500])
        run.codes.append(found[0])
        if not found[1]:
            run.unplaced.append(line[:300])
        if len(files) > 1 and line.startswith(files[-1]):
            run.framework_problems = True
    return run


# The invariants of a result document ----------------------------------------------------------------

def _fraction(value: Any) -> Fraction:
    return Fraction(str(value)) if not isinstance(value, Fraction) else value


def _rounded(exact: Fraction, places: int, rounding: str) -> Fraction | None:
    scale = Fraction(10) ** places
    if rounding == "half-up":
        return Fraction(math.floor(exact * scale + Fraction(1, 2))) / scale
    if rounding == "half-even":
        return Fraction(round(exact * scale)) / scale
    return None


def _band_for(bands: list[dict], exact: Fraction) -> dict | None:
    for band in bands:
        if _fraction(band["at_least"]) <= exact and ("below" not in band or exact < _fraction(band["below"])):
            return band
    return None


@cache
def _shipped_frameworks() -> dict[str, bytes]:
    import hashlib

    return {hashlib.sha256(p.read_bytes()).hexdigest(): p.read_bytes() for p in FRAMEWORKS_DIR.glob("**/*.json")}


def result_problems(stdout: bytes, framework_raw: bytes | None = None) -> list[str]:
    """What is wrong with a result document: its schema, and its arithmetic against the framework it names."""
    from ratings_engine.io.schemas import schema_problems

    try:
        document = json.loads(stdout, parse_float=Decimal)
    except ValueError as error:
        return [f"stdout is not JSON: {error}"]
    problems = [str(p) for p in schema_problems(document, "result", "x")]
    if problems:
        return problems
    raw = framework_raw if framework_raw is not None else _shipped_frameworks().get(document["framework"]["sha256"])
    framework = json.loads(raw, parse_float=Decimal) if raw is not None else None
    scores = {r["id"]: r["score"] for r in framework["ratings"]["scale"]} if framework else {}
    bands = framework["banding"]["bands"] if framework else []
    display = framework["banding"]["display"] if framework else None

    def counts(item: dict, where: str) -> None:
        yes, of = item.get("yes"), item.get("of")
        if yes is not None and of is not None:
            if not 0 <= yes <= of or of == 0:
                problems.append(f"{where}: yes {yes} of {of}")
                return
            exact = _fraction(item["percent_exact"]) if item.get("percent_exact") is not None else None
            if exact is not None and exact != Fraction(100 * yes, of):
                problems.append(f"{where}: percent_exact {item['percent_exact']} is not 100 * {yes}/{of}")
        if display and item.get("percent_exact") is not None and item.get("percent") is not None:
            shown = _rounded(_fraction(item["percent_exact"]), display["decimal_places"], display["rounding"])
            if shown is not None and shown != _fraction(item["percent"]):
                problems.append(f"{where}: percent {item['percent']} is not {item['percent_exact']} rounded ({shown})")

    total = 0
    for s, standard in enumerate(document["standards"]):
        if standard["score"] is not None and standard.get("counts_towards_overall", True):
            total += standard["score"] * standard.get("weight", 1)
        if scores and standard["rating"] is not None and scores.get(standard["rating"]) != standard["score"]:
            problems.append(f"/standards/{s}: rating {standard['rating']} scores {scores.get(standard['rating'])}, not {standard['score']}")
        for q, question in enumerate(standard["key_questions"]):
            where = f"/standards/{s}/key_questions/{q} ({question['id']})"
            counts(question, where)
            if bands and question.get("percent_exact") is not None:
                band = _band_for(bands, _fraction(question["percent_exact"]))
                if band is None or band["id"] != question["band"]:
                    problems.append(f"{where}: {question['percent_exact']}% is in band {band and band['id']}, not {question['band']}")
    for p, prompt in enumerate(document.get("prompts") or []):
        counts(prompt, f"/prompts/{p} ({prompt['id']})")
    overall = document["overall"]
    if overall.get("from") == "areas":
        total = sum(area["score"] for area in document.get("areas") or [] if area.get("score") is not None)
    if overall["score"] != total:
        problems.append(f"/overall/score is {overall['score']}, but the standards' scores add up to {total}")
    band = overall.get("band")
    if band is not None and not band["from"] <= overall["score"] <= band["to"]:
        problems.append(f"/overall: score {overall['score']} is outside its band {band['from']}-{band['to']}")
    if framework and overall.get("rating") is not None:
        expected = [b["rating"] for b in framework["overall"]["bands"] if b["from"] <= overall["score"] <= b["to"]]
        if expected != [overall["rating"]]:
            problems.append(f"/overall/rating is {overall['rating']}, but the bands give {expected} for {overall['score']}")
    return problems


def _worst(*runs: str) -> str:
    return min(runs, key=lambda name: _SEVERITY[name])


def check(mutant: Mutant, workdir: Path, index: int = 0) -> Outcome:
    """Run MUTANT through the CLI and say what happened."""
    started = time.perf_counter()
    path = Path(workdir) / f"{mutant.kind}-{index}.json"
    path.write_bytes(mutant.data)
    try:
        if mutant.base.role == "inspection":
            outcome = _check_inspection(mutant, str(path))
        else:
            outcome = _check_framework(mutant, str(path))
        if outcome.outcome == "valid" and mutant.kind in ("control-text", "number-extreme"):
            outcome = _check_formats(mutant, str(path), outcome)
        if mutant.kind == "output-onto-input" and outcome.outcome not in FAILURES:
            outcome = _check_output_onto_input(mutant, path, outcome)
    finally:
        for leftover in Path(workdir).iterdir():
            if leftover.is_symlink() or leftover.is_file():
                leftover.unlink()
    outcome.seconds = time.perf_counter() - started
    return outcome


def _evaluate_args(mutant: Mutant, path: str) -> tuple[list[str], list[str]]:
    """The arguments that rate MUTANT (written at PATH), and the files its problems may be located in."""
    if mutant.base.role == "inspection":
        return ["evaluate", path], [path]
    companion = str(mutant.base.companion)
    return ["evaluate", companion, "--framework", path], [companion, path]


#: Characters that must never reach a report or a terminal from data: C0 controls but tab and line feed,
#: DEL, C1 controls, and the line and paragraph separators and bidi overrides that reorder or break a line.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_TEXT_FORMATS = ("text", "markdown", "csv", "csv-standards", "html")
#: The start of an HTML tag in Markdown that no backslash escapes.
_RAW_TAG = re.compile(r"(?<!\\)<[A-Za-z/!?]")


def _check_formats(mutant: Mutant, path: str, outcome: Outcome) -> Outcome:
    """Every format renders the mutant; none lets a control character or a forged line through."""
    args, files = _evaluate_args(mutant, path)
    for name in _TEXT_FORMATS:
        result = _invoke([*args, "--format", name])
        run = _classify(result, files)
        if run.outcome != "valid":
            return replace(outcome, outcome="wrong-answer" if run.outcome in ("rejected", "usage") else run.outcome,
                           detail=f"--format json rated it, but --format {name} gave {run.outcome}: {run.detail}")
        text = result.stdout.replace("\r\n", "\n") if name.startswith("csv") else result.stdout
        unsafe = _UNSAFE.search(text)
        if unsafe:
            return replace(outcome, outcome="wrong-answer",
                           detail=f"--format {name} let {unsafe.group()!r} through: "
                                  f"...{text[max(0, unsafe.start() - 40):unsafe.end() + 20]!r}")
        if any(line.lstrip("> #*|").startswith("FORGED") for line in text.splitlines()):
            return replace(outcome, outcome="wrong-answer", detail=f"--format {name} starts a line with text from the data (a forged line)")
        tag = _RAW_TAG.search(text) if name == "markdown" else None
        if tag:  # a backslash before "<" makes it text in Markdown; a bare one starts an HTML tag
            return replace(outcome, outcome="wrong-answer",
                           detail="--format markdown passes HTML from the data through unescaped: "
                                  f"...{text[max(0, tag.start() - 40):tag.end() + 20]!r}")
    return outcome


def _check_output_onto_input(mutant: Mutant, path: Path, outcome: Outcome) -> Outcome:
    """Naming the file being read as the output, by any spelling, is refused and changes nothing."""
    spelled = {
        "same path": path,
        "./ spelling": path.parent / "." / path.name,
        "../ spelling": path.parent / ".." / path.parent.name / path.name,
        "symlink": path.parent / f"link-{path.name}",
        "hard link": path.parent / f"hard-{path.name}",
    }[mutant.note]
    if mutant.note == "symlink":
        spelled.symlink_to(path)
    elif mutant.note == "hard link":
        os.link(path, spelled)
    args, files = _evaluate_args(mutant, str(path))
    result = _invoke([*args, "--format", "json", "-o", str(spelled)])
    run = _classify(result, [*files, str(spelled)])
    if run.outcome in FAILURES:
        return replace(outcome, outcome=run.outcome, detail=run.detail)
    changed = path.read_bytes() != mutant.data or (mutant.note == "symlink" and not spelled.is_symlink())
    if result.exit_code == 0 or changed:
        return replace(outcome, outcome="wrong-answer",
                       detail=f"-o {mutant.note} of the input: exit {result.exit_code}, input {'changed' if changed else 'unchanged'}")
    return replace(outcome, outcome="rejected", codes=outcome.codes + tuple(run.codes))


def _outcome(mutant: Mutant, name: str, detail: str, runs: list[_Run]) -> Outcome:
    return Outcome(mutant.kind, mutant.base.name, mutant.seed, mutant.note, name, detail,
                   tuple(c for r in runs for c in r.codes), tuple(u for r in runs for u in r.unplaced),
                   files=mutant.files)


def _check_inspection(mutant: Mutant, path: str) -> Outcome:
    evaluate = ["evaluate", path, "--format", "json"]
    first = _classify(_invoke(evaluate), [path])
    validate = _classify(_invoke(["validate", path]), [path])
    runs = [first, validate]
    name, detail = _worst(first.outcome, validate.outcome), first.detail or validate.detail
    if name in FAILURES or name == "usage":
        return _outcome(mutant, name, detail, runs)
    if (first.outcome == "valid") != (validate.outcome == "valid"):
        return _outcome(mutant, "wrong-answer",
                        f"evaluate was {first.outcome} but validate was {validate.outcome}: {(first.codes or validate.codes)[:3]}", runs)
    if first.outcome == "valid":
        problems = result_problems(first.stdout)
        if problems:
            return _outcome(mutant, "wrong-answer", "; ".join(problems[:5]), runs)
        for again in range(2):
            result = _invoke(evaluate)
            if result.exit_code != 0 or result.stdout_bytes != first.stdout:
                rerun = _classify(result, [path])
                return _outcome(mutant, "wrong-answer" if rerun.outcome in ("valid", "rejected") else rerun.outcome,
                                f"evaluating again (run {again + 2}) gave different output: exit {result.exit_code} {rerun.detail}", runs)
    return _outcome(mutant, name, detail, runs)


def _check_framework(mutant: Mutant, path: str) -> Outcome:
    validate = _classify(_invoke(["validate", path]), [path])
    inspection = str(mutant.base.companion)
    evaluate = _classify(_invoke(["evaluate", inspection, "--framework", path, "--format", "json"]), [inspection, path])
    runs = [validate, evaluate]
    name = _worst(validate.outcome, evaluate.outcome)
    detail = next((r.detail for r in runs if r.outcome == name), "")
    if name in FAILURES or name == "usage":
        return _outcome(mutant, name, detail, runs)
    if validate.outcome == "rejected" and evaluate.outcome == "valid":
        return _outcome(mutant, "wrong-answer", f"validate rejects the framework ({validate.codes[:3]}) but evaluate rates under it", runs)
    if validate.outcome == "valid" and evaluate.framework_problems:
        return _outcome(mutant, "wrong-answer",
                        f"validate accepts the framework but evaluate finds problems in it ({evaluate.codes[:3]})", runs)
    if evaluate.outcome == "valid":
        problems = result_problems(evaluate.stdout, mutant.data)
        if problems:
            return _outcome(mutant, "wrong-answer", "; ".join(problems[:5]), runs)
    return _outcome(mutant, name, detail, runs)


# ---------------------------------------------------------------------------------------------- runs

class Tally(Counter):
    """Outcome -> how many mutants had it; with the same per kind, the failures, and what the rejections said."""

    def __init__(self) -> None:
        super().__init__()
        self.by_kind: dict[str, Counter] = {}
        self.failures: list[Outcome] = []
        self.codes: dict[str, Counter] = {}
        self.unplaced: dict[str, Counter] = {}
        self.slowest: list[Outcome] = []
        self.tried = 0
        self.seconds = 0.0

    def add(self, outcome: Outcome) -> None:
        self.tried += 1
        self[outcome.outcome] += 1
        self.by_kind.setdefault(outcome.kind, Counter())[outcome.outcome] += 1
        self.codes.setdefault(outcome.kind, Counter()).update(outcome.codes)
        for line in outcome.unplaced:
            self.unplaced.setdefault(outcome.kind, Counter())[_CODE.search(line).group(1)] += 1
        if outcome.outcome in FAILURES:
            self.failures.append(outcome)
        self.slowest = sorted([*self.slowest, outcome], key=lambda o: -o.seconds)[:5]


def _check_many(seed: int, indexes: list[int], kinds: frozenset | None, files: frozenset | None = None) -> list[Outcome]:
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="ratings-fuzz-") as workdir:
        for index in indexes:
            mutant = make_mutant(seed, index, choose_kind(seed, index, kinds), files)
            try:
                outcomes.append(check(mutant, Path(workdir), index))
            except Exception:  # noqa: BLE001 -- a fault of the fuzzer itself, not of the engine: report it as such
                outcomes.append(Outcome(mutant.kind, mutant.base.name, mutant.seed, mutant.note, "other",
                                        "FUZZER ERROR\n" + traceback.format_exc(), files=mutant.files))
    return outcomes


def run(seed: int, count: int, kinds: set | None = None, *, files: set | None = None, jobs: int = 1,
        progress: bool = False) -> Tally:
    """Make COUNT mutants from SEED (of the given KINDS, or all; from the given FILES, or all) and check each.

    Returns the tally of outcomes: a Counter of outcome names, with more detail in its attributes.
    """
    unknown = set(kinds or ()) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown mutation kinds: {', '.join(sorted(unknown))}")
    unknown = set(files or ()) - {b.name for b in bases()}
    if unknown:
        raise ValueError(f"not shipped examples or frameworks: {', '.join(sorted(unknown))}")
    kinds = frozenset(kinds) if kinds else None
    files = frozenset(files) if files else None
    if files:  # only the kinds that some of these files can take
        takes = {kind for kind in (kinds or KINDS) if any(b.name in files for b in _candidates(kind)[0])}
        if kinds and takes != kinds:
            raise ValueError(f"none of the files can take a {', '.join(sorted(kinds - takes))} mutation")
        kinds = frozenset(takes)
    started = time.perf_counter()
    tally = Tally()
    chunk = 50
    batches = [list(range(start, min(start + chunk, count))) for start in range(0, count, chunk)]
    if jobs <= 1:
        results = (_check_many(seed, batch, kinds, files) for batch in batches)
        pool = None
    else:
        import multiprocessing

        bases()  # read once, before the workers fork
        pool = multiprocessing.get_context("fork").Pool(jobs)
        results = pool.imap(_check_batch, [(seed, batch, kinds, files) for batch in batches])
    try:
        for outcomes in results:
            for outcome in outcomes:
                tally.add(outcome)
            if progress and tally.tried % 1000 < chunk:
                bad = sum(tally[name] for name in FAILURES)
                print(f"  {tally.tried}/{count} mutants, {bad} failing, {time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    tally.seconds = time.perf_counter() - started
    return tally


def _check_batch(arguments: tuple) -> list[Outcome]:
    return _check_many(*arguments)


def table(tally: Tally) -> str:
    width = max([len(k) for k in tally.by_kind] + [len("mutation kind"), len("all")])
    head = f"{'mutation kind':<{width}}  " + "  ".join(f"{o:>9}" for o in OUTCOMES) + f"  {'total':>6}"
    lines = [head, "-" * len(head)]
    for kind in sorted(tally.by_kind):
        row = tally.by_kind[kind]
        lines.append(f"{kind:<{width}}  " + "  ".join(f"{row[o]:>9}" for o in OUTCOMES) + f"  {sum(row.values()):>6}")
    lines.append("-" * len(head))
    lines.append(f"{'all':<{width}}  " + "  ".join(f"{tally[o]:>9}" for o in OUTCOMES) + f"  {tally.tried:>6}")
    return "\n".join(lines)


def replay_command(outcome: Outcome | Mutant) -> str:
    files = f" --files {outcome.files}" if outcome.files else ""
    return f"python tests/fuzzing.py --replay {outcome.seed} --kind {outcome.kind}{files} --keep /tmp/mutant"


def _report(tally: Tally, show: int, verbose: bool) -> None:
    print(f"mutants tried: {tally.tried}")
    print(table(tally))
    print(f"elapsed: {tally.seconds:.1f}s ({tally.seconds / max(tally.tried, 1) * 1000:.0f} ms a mutant)")
    if verbose:
        print("\nproblem codes reported, per kind:")
        for kind in sorted(tally.codes):
            print(f"  {kind}: " + ", ".join(f"{c} {n}" for c, n in tally.codes[kind].most_common()))
        if tally.unplaced:
            print("\nproblems reported without a line number, per kind (located by file and pointer only):")
            for kind in sorted(tally.unplaced):
                print(f"  {kind}: " + ", ".join(f"{c} {n}" for c, n in tally.unplaced[kind].most_common()))
        print("\nslowest mutants:")
        for o in tally.slowest:
            print(f"  {o.seconds:6.2f}s  {o.kind} {o.seed} {o.base}: {o.note}")
    if tally.failures:
        signatures: dict[tuple, list[Outcome]] = {}
        for o in tally.failures:  # one example of each distinct failure: kind, outcome and, for a traceback, the exception
            last = o.detail.strip().splitlines()[-1][:80] if o.outcome == "traceback" and o.detail.strip() else ""
            signatures.setdefault((o.kind, o.outcome, re.sub(r"\d+", "N", last)), []).append(o)
        print(f"\n{len(tally.failures)} failing mutants, {len(signatures)} distinct failures; the first of each "
              f"(at most {show}):")
        for _, examples in list(signatures.items())[:show]:
            o = examples[0]
            print(f"\n* {o.outcome}: kind {o.kind}, file {o.base}, seed {o.seed}\n  mutation: {o.note}\n  reproduce: {replay_command(o)}")
            print(f"  {len(examples)} like this; seeds {', '.join(e.seed for e in examples[:8])}{' ...' if len(examples) > 8 else ''}")
            print("  " + o.detail.strip().replace("\n", "\n  "))


def _replay(seed: str, kind: str | None, keep: str | None, files: set | None = None) -> int:
    seed_number, index = (int(part) for part in seed.split(":"))
    mutant = make_mutant(seed_number, index, kind or choose_kind(seed_number, index), files)
    print(f"kind {mutant.kind}, file {mutant.base.name}, seed {mutant.seed}\nmutation: {mutant.note}")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        target = Path(keep) / f"{mutant.kind}.json"
        target.write_bytes(mutant.data)
        if mutant.base.role == "inspection":
            print(f"written to {target}\n  ratings evaluate {target} --format json")
        else:
            print(f"written to {target}\n  ratings validate {target}\n"
                  f"  ratings evaluate {mutant.base.companion} --framework {target} --format json")
    with tempfile.TemporaryDirectory(prefix="ratings-fuzz-") as workdir:
        outcome = check(mutant, Path(workdir))
    print(f"outcome: {outcome.outcome} ({outcome.seconds:.2f}s)")
    if outcome.detail:
        print(outcome.detail)
    return 1 if outcome.outcome in FAILURES else 0


def main(argv: list[str] | None = None) -> int:
    global OVERSIZED_BYTES
    parser = argparse.ArgumentParser(description="Fuzz the ratings CLI with mutants of the shipped examples and frameworks.")
    parser.add_argument("--mutants", type=int, default=20000, help="how many mutants to try (default 20000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", help=f"comma-separated mutation kinds (default all): {', '.join(sorted(KINDS))}")
    parser.add_argument("--files", help="comma-separated files to mutate, as named in the report (default all shipped "
                                        "examples and frameworks)")
    parser.add_argument("--jobs", type=int, default=min(os.cpu_count() or 1, 4),
                        help="worker processes (default: the CPUs, at most 4; the outcome does not depend on it)")
    parser.add_argument("--show", type=int, default=8, help="how many distinct failing examples to print")
    parser.add_argument("--oversized-mb", type=float, default=OVERSIZED_BYTES / 1048576, help="size of the 'oversized' string (default 5)")
    parser.add_argument("--replay", metavar="SEED:INDEX", help="make and check one mutant again")
    parser.add_argument("--kind", help="with --replay: its mutation kind (as printed)")
    parser.add_argument("--keep", metavar="DIR", help="with --replay: also write the mutant into DIR")
    parser.add_argument("--with-plugins", action="store_true",
                        help="load the installed third-party plugins (by default, as in the test suite, only the engine's own)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only the table and the failures")
    args = parser.parse_args(argv)
    if not args.with_plugins:
        os.environ["RATINGS_DISABLE_PLUGINS"] = "all"
    OVERSIZED_BYTES = int(args.oversized_mb * 1048576)
    files = set(args.files.split(",")) if args.files else None
    if args.replay:
        return _replay(args.replay, args.kind, args.keep, files)
    kinds = set(args.kinds.split(",")) if args.kinds else None
    tally = run(args.seed, args.mutants, kinds, files=files, jobs=args.jobs, progress=not args.quiet)
    _report(tally, args.show, not args.quiet)
    return 1 if any(tally[name] for name in FAILURES) else 0


if __name__ == "__main__":
    sys.exit(main())
