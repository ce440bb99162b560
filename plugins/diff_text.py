"""A framework diff (see ratings_engine.model.diff.diff_frameworks) as a plain-text briefing a policy officer can paste:
a heading, any status caveats, a summary in brief, then one section per kind of change.
"""

from __future__ import annotations

from ratings_engine.io.safe_text import printable_data
from ratings_engine.model.diff import METADATA, PARENTS, PARTS, quote
from ratings_engine.model.framework import STATUS_NOTES


def render_diff_text(diff: dict) -> str:
    """The diff as a plain-text briefing: a heading, any status caveats, then one section per kind of change."""
    diff = printable_data(diff)  # text from the files cannot start a line or drive the terminal
    ref = {side: f"{diff[side]['id']}@{diff[side]['version']}" for side in ("from", "to")}
    lines = [f"Changes from {ref['from']} ({diff['from']['status']}) to {ref['to']} ({diff['to']['status']})"]
    lines += [f"{ref[side]} is {diff[side]['status']}: {STATUS_NOTES[diff[side]['status']]}."
              for side in ("from", "to") if diff[side]["status"] in STATUS_NOTES]
    summary = diff["summary"]
    if not summary["total"]:
        return "\n".join(lines + ["", "No changes: the standards, key questions, prompts, rules and details are the same."]) + "\n"
    brief = [f"{noun}s: " + ", ".join(f"{n} {'changed' if kind == 'reworded' else kind}" for kind, n in summary[part].items() if n)
             for part, noun in PARTS if any(summary[part].values())]
    brief += [f"{summary['rules']} rule change{'s' * (summary['rules'] != 1)}"] * bool(summary["rules"])
    brief += [f"{summary['metadata']} detail{'s' * (summary['metadata'] != 1)} changed"] * bool(summary["metadata"])
    if summary.get("sources"):  # only where a part rests on several sources
        brief.append(f"the sources of {summary['sources']} part{'s' * (summary['sources'] != 1)} changed")
    lines += ["", "In brief: " + "; ".join(brief) + "."]
    sections = {
        "Standards": _part_lines(diff, "domains", "domain") + _part_lines(diff, "standards", "standard"),
        "Key questions": _part_lines(diff, "key_questions", "key question"),
        "Prompts": _prompt_lines(diff),
        "Rules": [f"- {rule['change'][0].upper()}{rule['change'][1:]}" for rule in diff["rules"]],
        "Details": [f"- {METADATA[m['field']]}: was {quote(m['from'])}, now {quote(m['to'])}" for m in diff["metadata"]],
    }
    if "sources" in diff:  # only where a part rests on several sources
        sections["Sources"] = [line for change in diff["sources"] for line in _source_lines(change)]
    for title, items in sections.items():
        lines += ["", title] + (items or ["No changes."])
    return "\n".join(lines) + "\n"


def _source_lines(change: dict) -> list[str]:
    """A part whose several sources changed: every source it cited, then every one it cites now."""
    lines = [f"- {change['part'][0].upper()}{change['part'][1:]}:"]
    for side, words in (("from", "was"), ("to", "now")):
        entries = change[side]
        if entries is None:
            lines.append(f"  - {words}: no source")
        for entry in entries or ():
            cited = f"{entry['document']}, {entry['section']}" if entry.get("document") else entry["section"]
            basis = entry.get("basis", "stated")
            lines.append(f"  - {words}: {cited} ({basis}{': ' + entry['evidence'] if entry.get('evidence') else ''})")
    return lines


def _part_lines(diff: dict, part: str, noun: str, indent: str = "- ") -> list[str]:
    lines = []
    for verb, key in (("Added", "added"), ("Removed", "removed")):
        for e in diff[part][key]:
            where = {"standard": f" '{e.get('title')}' (domain {e.get('domain')})", "key question": f" ({e.get('standard_title')})"}
            text = e.get("statement") or e.get("text") or e["title"]
            notes = (["qualitative evidence, not counted"] if e.get("evidence") == "qualitative" else []) + \
                    ([f"only cases in the sub-sample '{e['sub_sample']}'"] if e.get("sub_sample") else [])
            lines.append(f"{indent}{verb} {noun} {e['id']}{where.get(noun, '')}: {quote(text)}"
                         + (f" ({'; '.join(notes)})" if notes else ""))
    for e in diff[part]["reworded"]:
        if e["field"] in PARENTS:
            lines.append(f"{indent}Moved {noun} {e['id']} from {PARENTS[e['field']]} {e['from']} to {PARENTS[e['field']]} {e['to']}")
        else:
            field = "" if e["field"] == "text" else f" {e['field']}"
            lines.append(f"{indent}Reworded {noun} {e['id']}{field}: was {quote(e['from'])}, now {quote(e['to'])}")
    return lines


def _prompt_lines(diff: dict) -> list[str]:
    """Prompt changes; when there are many, grouped under the key question they belong to (now)."""
    prompts = diff["prompts"]
    if sum(len(entries) for entries in prompts.values()) <= 8:
        return _part_lines(diff, "prompts", "prompt")
    groups: dict[str, dict] = {}
    for kind, entries in prompts.items():
        for e in entries:
            # A reworded entry names no key question: a moved prompt goes under its new one, others under
            # their id's stem ('2.1.1.a' belongs to 2.1.1, as the schema numbers prompts).
            owner = e.get("key_question") or (e["to"] if e["field"] == "key_question" else e["id"].rpartition(".")[0])
            groups.setdefault(owner, {"added": [], "removed": [], "reworded": []})[kind].append(e)
    lines = []
    for owner, group in groups.items():
        lines += [f"- Key question {owner}:"] + _part_lines({"prompts": group}, "prompts", "prompt", "  - ")
    return lines
