"""The draft editor's sections and fields: a framework document laid out as forms, in the policy's words.

A section is a few top-level parts of the framework (its bands, its samples, one domain...). Within
it every value is a field named by its JSON pointer, of the kind the schema gives, with the
schema's description as its help; lists can grow, shrink and be reordered; optional parts can be
added and removed. The engine's problems are then shown at the field their pointer names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from . import schema_nav
from .pointers import field_id

#: What policy staff call a framework's parts, where the key itself would not say it.
LABELS = {
    "at_least": "From (%)", "below": "Below (%)", "decide_on": "Decide on", "decimal_places": "Decimal places shown",
    "within_percentage_points": "Within percentage points of a band edge", "one_case_rule": "One-case rule",
    "max_bands": "At most this many bands", "rating_method": "Rating method", "sub_sample": "Sub-sample rule",
    "effective_from": "First fieldwork day (YYYY-MM-DD)", "effective_to": "Last fieldwork day (YYYY-MM-DD)",
    "effective_source": "Source of the dates", "from": "From score", "to": "To score", "id": "Id",
    "significance_level": "Significance level", "case_attributes": "Case attributes", "key_questions": "Key questions",
    "sub_samples": "Sub-sample rules", "when": "Which cases", "equals": "Equals", "in": "Is one of",
}
#: What one item of a list is called.
ITEMS = {
    "bands": "Band", "scale": "Rating", "domains": "Domain", "standards": "Standard", "key_questions": "Key question",
    "prompts": "Prompt", "samples": "Sample", "sub_samples": "Sub-sample rule", "case_attributes": "Case attribute",
    "documents": "Document", "notes": "Note", "caveats": "Caveat", "areas": "Area", "question_sets": "Question set",
    "source": "Source", "all": "Condition", "any": "Condition", "in": "Value", "values": "Value",
}
#: Fields whose words run to sentences: a text area, not a line.
_LONG = {"description", "statement", "text", "evidence", "section", "note", "title"}
#: Never edited in a section: the version's identity, its status (set by publishing) and the editor hint.
_FIXED = ("$schema", "id", "version", "status")

SECTIONS = (
    ("details", "Title, window and description", ("title", "description", "effective_from", "effective_to", "effective_source", "caveats")),
    ("bands", "Ratings and bands", ("ratings", "banding")),
    ("samples", "Samples and sub-samples", ("samples", "sub_samples", "question_sets")),
    ("discretion", "Discretion, comparison and sampling", ("discretion", "comparison", "sampling", "unrated_allowance")),
    ("overall", "Overall rating", ("overall", "areas")),
    ("provenance", "Sources and provenance", ("provenance",)),
)


@dataclass
class Node:
    """One field or one group of fields in a form, at POINTER."""

    pointer: str
    label: str
    help: str = ""
    kind: str = "group"  # group, list, string, number, integer, boolean, choice, true-false-or-text
    value: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)  # (value as sent, words shown)
    long: bool = False
    children: list[Node] = field(default_factory=list)
    item: str | None = None  # for a list: what one item is called
    in_list: bool = False  # an item of a list: may be moved and removed
    optional: bool = False  # a part the officer may remove
    addable: list[tuple[str, str]] = field(default_factory=list)  # optional parts not there yet: (key, label)
    required: bool = False

    @property
    def id(self) -> str:
        return field_id(self.pointer)


def sections(document: dict[str, Any]) -> list[tuple[str, str]]:
    """The editor's sections for DOCUMENT: (id, title), one per domain among them."""
    found = [(key, title) for key, title, _ in SECTIONS[:3]]
    for index, domain in enumerate(document.get("domains") or []):
        name = domain.get("title") if isinstance(domain, dict) else None
        found.append((f"domain-{index}", f"Domain {domain.get('id', index + 1) if isinstance(domain, dict) else index + 1}"
                                         + (f": {name}" if name else "")))
    found += [(key, title) for key, title, _ in SECTIONS[3:]]
    if _others(document):
        found.append(("other", "Other settings"))
    return found


def section_nodes(document: dict[str, Any], section: str) -> tuple[list[Node], list[tuple[str, str]]]:
    """The fields of SECTION, and the top-level parts it may add (key, label) that the draft lacks."""
    root = schema_nav.framework_schema()
    if section.startswith("domain-") and section[7:].isdigit():
        index = int(section[7:])
        domains = document.get("domains") or []
        if index >= len(domains):
            return [], []
        return [_node(["domains", index], domains[index], schema_nav.at(["domains", index], document), ITEMS["domains"],
                      in_list=False)], []
    keys = _others(document) if section == "other" else next((k for s, _, k in SECTIONS if s == section), ())
    offered = schema_nav.properties(root)
    required = schema_nav.required(root)
    nodes = [_node([key], document[key], offered.get(key, {}), label_of(key), optional=key not in required)
             for key in keys if key in document]
    addable = [(key, label_of(key)) for key in keys if key not in document and key in offered]
    return nodes, addable


def section_of(pointer: str, document: dict[str, Any]) -> str | None:
    """The section whose forms show POINTER."""
    top = pointer.split("/")[1] if pointer.startswith("/") else ""
    if top == "domains":
        index = pointer.split("/")[2] if pointer.count("/") >= 2 else ""
        return f"domain-{index}" if index.isdigit() else None
    for key, _, keys in SECTIONS:
        if top in keys:
            return key
    return "other" if top in _others(document) else None


def label_of(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").capitalize()


def _others(document: dict[str, Any]) -> list[str]:
    covered = {k for _, _, keys in SECTIONS for k in keys} | {"domains", *_FIXED}
    return [k for k in document if k not in covered]


def _node(parts: list, value: Any, schema: dict, label: str, *, in_list: bool = False, optional: bool = False) -> Node:
    pointer = errors.pointer(*parts)
    schema = schema_nav.resolve(schema)
    words = schema.get("description", "")
    if isinstance(value, dict):
        offered = schema_nav.properties(schema)
        required = schema_nav.required(schema)
        node = Node(pointer, label, words, in_list=in_list, optional=optional)
        for key, child in value.items():
            node.children.append(_node([*parts, key], child, schema_nav.child(schema, key, value), label_of(key),
                                       optional=key not in required))
        node.addable = [(key, label_of(key)) for key in offered if key not in value]
        return node
    if isinstance(value, list):
        key = parts[-1] if isinstance(parts[-1], str) else "items"
        item = ITEMS.get(key, "Item")
        node = Node(pointer, label, words, kind="list", item=item, in_list=in_list, optional=optional)
        for index, child in enumerate(value):
            node.children.append(_node([*parts, index], child, schema_nav.child(schema, index, value),
                                       _item_label(item, index, child), in_list=True))
        return node
    return _field(pointer, value, schema, label, in_list=in_list, optional=optional)


def _item_label(item: str, index: int, value: Any) -> str:
    if isinstance(value, dict):
        name = next((value[k] for k in ("label", "title", "id") if isinstance(value.get(k), str) and value[k]), None)
        if name is None and isinstance(value.get("rating"), str):
            name = value["rating"].replace("_", " ")
        return f"{item} {index + 1}" + (f": {name}" if name else "")
    return f"{item} {index + 1}"


def _field(pointer: str, value: Any, schema: dict, label: str, *, in_list: bool, optional: bool) -> Node:
    words = schema.get("description", "")
    kinds = schema_nav.types(schema)
    node = Node(pointer, label, words, in_list=in_list, optional=optional)
    if "enum" in schema:
        node.kind = "choice"
        node.options = [(json.dumps(v), str(v)) for v in schema["enum"]]
        node.value = json.dumps(value)
        if node.value not in [o[0] for o in node.options]:
            node.options.append((node.value, str(value)))
    elif isinstance(value, bool) and kinds <= {"boolean"}:
        node.kind, node.value = "boolean", "true" if value else "false"
        node.options = [("true", "Yes"), ("false", "No")]
    elif isinstance(value, bool) or {"boolean", "string"} <= kinds:
        node.kind, node.value = "true-false-or-text", json.dumps(value) if isinstance(value, bool) else str(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        node.kind = "integer" if "integer" in kinds and "number" not in kinds else "number"
        node.value = json.dumps(value)
    else:
        node.kind, node.value = "string", "" if value is None else str(value)
        key = pointer.rsplit("/", 1)[-1]
        node.long = key in _LONG or len(node.value) > 80
    return node
