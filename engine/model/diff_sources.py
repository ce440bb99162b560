"""Where the parts of two framework versions come from, for a diff: the parts that rest on several sources.

A diff leaves a part's single source out (it says where a rule comes from, not what it is). A part that
rests on several sources, each with its own basis and evidence, is another matter: a policy officer
reviewing a new version needs to see every source it now cites and every one it no longer does. So
where either version gives a part a list of sources and the two differ, the diff lists them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: What a list of parts is called, by the key that holds it; the part is named with its id after this.
LIST_NAMES = {"domains": "domain", "standards": "standard", "key_questions": "key question", "prompts": "prompt",
              "bands": "band", "samples": "sample", "sub_samples": "sub-sample rule", "scale": "rating"}
SOURCE_KEYS = {"source": "", "effective_source": " (effective dates)"}


def source_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The parts whose several sources changed from OLD to NEW (framework documents as plain JSON), in
    the new version's order, then those only the old one has: each with every source on either side."""
    before, after = parts_and_sources(old), parts_and_sources(new)
    names = [*after, *(name for name in before if name not in after)]
    return [{"part": name, "from": _listed(before.get(name)), "to": _listed(after.get(name))}
            for name in names
            if before.get(name) != after.get(name) and any(isinstance(side.get(name), list) for side in (before, after))]


def parts_and_sources(document: Mapping[str, Any]) -> dict[str, Any]:
    """Every part of DOCUMENT that names a source, by a name a reader knows ('standard 2.1', 'banding'), with it."""
    found: dict[str, Any] = {}

    def walk(value: Any, name: str) -> None:
        if isinstance(value, Mapping):
            for key, suffix in SOURCE_KEYS.items():
                if key in value:
                    found[(name or "framework") + suffix] = value[key]
            for key, item in value.items():
                if key in SOURCE_KEYS or key == "provenance":
                    continue
                if isinstance(item, list):
                    for element in item:
                        has_id = isinstance(element, Mapping) and "id" in element
                        walk(element, f"{LIST_NAMES.get(key, key)} {element['id']}" if has_id else name)
                else:
                    walk(item, f"{name} {key}".strip())

    walk(document, "")
    return found


def _listed(source: Any) -> list[Any] | None:
    if source is None:
        return None
    return list(source) if isinstance(source, list) else [source]
