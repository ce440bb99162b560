"""JSON pointers (RFC 6901) for the studio's forms: every field is named by the place it edits."""

from __future__ import annotations

from typing import Any

from ..errors import tokens


class BadPointer(ValueError):
    """A pointer that names no place in the document; the message says which."""


def parts_of(pointer: str, document: Any) -> list[str | int]:
    """The keys and indexes POINTER names in DOCUMENT ('' is the whole document)."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise BadPointer(f"{pointer!r} is not a JSON pointer")
    parts: list[str | int] = []
    value = document
    for key in tokens(pointer):
        if isinstance(value, list):
            if not key.isdigit() or int(key) >= len(value) or (key != "0" and key.startswith("0")):
                raise BadPointer(f"{pointer} names no place in the framework")
            parts.append(int(key))
            value = value[int(key)]
        elif isinstance(value, dict):
            parts.append(key)
            value = value.get(key)
        else:
            raise BadPointer(f"{pointer} names no place in the framework")
    return parts



def get(document: Any, parts: list[str | int]) -> Any:
    value = document
    for part in parts:
        value = value[part]
    return value


def field_id(pointer: str) -> str:
    """An HTML id for the field at POINTER: letters and digits kept, anything else as '-' and its hex code.

    One pointer, one id, and no two pointers share one ('/a_b' and '/a/b' differ).
    """
    return "f" + "".join(c if c.isascii() and c.isalnum() else f"-{ord(c):x}-" for c in pointer)
