"""Drafting: start a draft from any version, edit it in forms checked as the officer types, compare, save, publish.

The draft being edited travels in the page (the form field 'working', its JSON) with the SHA-256 of
the file as it was opened ('base'). Saving writes the file only if it still has that hash; otherwise
the officer sees what changed on disk against their own draft, and loses nothing.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, Response, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from ..errors import InvalidInputError, Problem, RatingsError
from ..io.jsonio import parse_json, to_json_text
from ..io.writing import shown
from ..model.diff import diff_frameworks
from ..model.framework import Framework
from ..reports.render import render_document
from . import fields
from .app import workspace_of
from .editing import Edited, act, apply_fields, plain_numbers
from .impact_view import impact_view
from .pointers import field_id
from .workspace import Workspace

#: What 'publish' may set a draft's status to: anything but draft, each with what it promises.
PUBLISHED = (("published", "Published: the inspectorate's stated rules"),
             ("reconstructed", "Reconstructed: rules inferred from published evidence"),
             ("provisional", "Provisional: rules resting on stated assumptions"))


def register(app: Flask) -> None:
    app.add_url_rule("/drafts", "start", start, methods=["POST"])
    app.add_url_rule("/drafts/<ref>/edit", "edit", edit, methods=["GET"])
    app.add_url_rule("/drafts/<ref>/edit", "change", change, methods=["POST"])
    app.add_url_rule("/drafts/<ref>/check", "check", check, methods=["POST"])
    app.add_url_rule("/drafts/<ref>/publish", "publish", publish, methods=["POST"])
    app.add_url_rule("/drafts/<ref>/download", "download", download, methods=["POST"])


def start() -> WerkzeugResponse | tuple[str, int]:
    workspace = workspace_of(current_app)
    source, target = request.form.get("source", ""), request.form.get("target", "").strip()
    effective_from = request.form.get("effective_from", "").strip() or None
    try:
        workspace.start_draft(source, target, effective_from)
    except InvalidInputError as error:
        return _start_again(workspace, source, target, effective_from, [p.message for p in error.problems])
    except RatingsError as error:
        return _start_again(workspace, source, target, effective_from, [str(error)])
    return redirect(url_for("edit", ref=target, saved="started"))


def edit(ref: str) -> str | tuple[str, int]:
    workspace = workspace_of(current_app)
    opened = workspace.open(ref)
    if not opened.editable:
        return render_template("read_only.html", entry=opened.entry), 409
    notice = {"started": f"Draft {ref} started. Edit it section by section; nothing is written until you save.",
              "saved": "Saved. The file is a valid framework file."}.get(request.args.get("saved", ""))
    section = request.args.get("section", "details")
    return _editor(workspace, ref, Edited(opened.document, notice=notice), opened.sha256, section)


def change(ref: str) -> Any:
    workspace = workspace_of(current_app)
    workspace.entry(ref)  # an unknown version is refused before its form is read
    edited, base = _edited(ref)
    action = request.form.get("action", "check")
    section = request.form.get("section", "details")
    if action.startswith("section:"):
        section = action.partition(":")[2]
    elif action == "save":
        return _save(workspace, ref, edited, base, section)
    elif action == "compare":
        return _compare(workspace, ref, edited.document, base)
    elif action == "publish":
        return _publish_form(workspace, ref, edited, base)
    elif action != "check":
        edited.notice = act(edited.document, action, request.form.to_dict())
    return _editor(workspace, ref, edited, base, section)


def check(ref: str) -> Response:
    workspace = workspace_of(current_app)
    edited, _ = _edited(ref)
    problems = _problems(workspace, ref, edited)
    return Response(json.dumps({"problems": [_shown(p, edited.document) for p in problems]}), mimetype="application/json")


def publish(ref: str) -> Any:
    workspace = workspace_of(current_app)
    edited, base = _edited(ref)
    status = request.form.get("status", "")
    if status not in [s for s, _ in PUBLISHED] or request.form.get("confirm") != "yes":
        return _publish_form(workspace, ref, edited, base, ["choose a status and tick the confirmation to publish"])
    edited.document["status"] = status
    for key in ("effective_from", "effective_to"):
        value = request.form.get(key, "").strip()
        if value:
            edited.document[key] = value
        else:
            edited.document.pop(key, None)
    return _save(workspace, ref, edited, base, "details", published=True)


def download(ref: str) -> Response:
    edited, _ = _edited(ref)
    name = f"{edited.document.get('id', 'draft')}-{edited.document.get('version', '')}.json"
    return Response(to_json_text(edited.document), mimetype="application/json",
                    headers={"Content-Disposition": f"attachment; filename=\"{_safe_name(name)}\""})


def _edited(ref: str) -> tuple[Edited, str]:
    """The draft the form carried, with its fields applied; and the hash of the file it was opened from."""
    text = request.form.get("working", "")
    try:
        document = plain_numbers(parse_json(text.encode("utf-8"), f"the draft of {ref} in the page"))
    except (InvalidInputError, ValueError):
        document = None
    if not isinstance(document, dict):
        from werkzeug.exceptions import BadRequest

        raise BadRequest("the page did not carry the draft: open the draft again from the studio")
    return apply_fields(document, request.form.to_dict()), request.form.get("base", "")


def _problems(workspace: Workspace, ref: str, edited: Edited) -> list[Problem]:
    problems = [Problem("studio-field", f"{text!r}: {expected}", None, pointer) for pointer, (text, expected) in edited.unread.items()]
    return problems + workspace.check(edited.document, shown(workspace.entry(ref).path))[1]


def _shown(problem: Problem, document: dict[str, Any]) -> dict[str, Any]:
    """A problem as the page shows it: its words, the field it concerns, and the section that field is in."""
    words = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return {"code": problem.code, "pointer": problem.pointer, "words": words, "field": field_id(problem.pointer),
            "section": fields.section_of(problem.pointer, document)}


def _editor(workspace: Workspace, ref: str, edited: Edited, base: str, section: str, problems: list[Problem] | None = None,
            status: int = 200) -> tuple[str, int]:
    document = edited.document
    sections = fields.sections(document)
    if section not in [s for s, _ in sections]:
        section = "details"
    nodes, addable = fields.section_nodes(document, section)
    found = _problems(workspace, ref, edited) if problems is None else problems
    shown_problems = [_shown(p, document) for p in found]
    at = _placed(shown_problems, nodes)
    return render_template("edit.html", ref=ref, document=document, working=json.dumps(document, ensure_ascii=False),
                           base=base, section=section, sections=sections, nodes=nodes, addable=addable,
                           problems=shown_problems, at=at, entered={p: t for p, (t, _) in edited.unread.items()},
                           notice=edited.notice), status


def _placed(problems: list[dict], nodes: list[fields.Node]) -> dict[str, list[str]]:
    """Each problem's words under the field or group of this section nearest to its pointer."""
    shown_here: set[str] = set()

    def walk(node: fields.Node) -> None:
        shown_here.add(node.pointer)
        for child in node.children:
            walk(child)

    for node in nodes:
        walk(node)
    at: dict[str, list[str]] = {}
    for problem in problems:
        pointer = problem["pointer"]
        while pointer and pointer not in shown_here:
            pointer = pointer.rsplit("/", 1)[0]
        if pointer:
            at.setdefault(pointer, []).append(problem["words"])
            problem["field"] = field_id(pointer)
    return at


def _save(workspace: Workspace, ref: str, edited: Edited, base: str, section: str, published: bool = False) -> Any:
    if edited.unread:
        edited.notice = "Not saved: some fields could not be read (shown below)."
        return _editor(workspace, ref, edited, base, section, status=422)
    try:
        stale = workspace.save(ref, edited.document, base)
    except InvalidInputError as error:
        edited.notice = "Not saved: fix the problems shown, then save again."
        return _editor(workspace, ref, edited, base, section, problems=error.problems, status=422)
    if stale is not None:
        changes = _changes(workspace, stale.document, edited.document, ref)
        return render_template("stale.html", ref=ref, changes=changes, stale=stale,
                               working=json.dumps(edited.document, ensure_ascii=False), section=section), 409
    if published:  # no longer a draft: its page is the version's own
        return redirect(url_for("version", ref=ref))
    return redirect(url_for("edit", ref=ref, section=section, saved="saved"))


def _changes(workspace: Workspace, before: Any, after: dict[str, Any], ref: str) -> str:
    """The briefing of what differs from BEFORE to AFTER, as `ratings diff` words it; or why it cannot be given."""
    old, problems_old = workspace.check(before, f"{ref} on disk")
    new, problems_new = workspace.check(after, f"{ref} in this page")
    if old is None or new is None:
        return "The differences cannot be listed, because one side has problems: " + "; ".join(
            p.message for p in (problems_old or problems_new)[:5])
    return _briefing(workspace, old, new)


def _briefing(workspace: Workspace, old: Framework, new: Framework) -> str:
    text = render_document(workspace.registry, "framework-diff", "text", diff_frameworks(old, new, workspace.registry.describe))
    return text if isinstance(text, str) else text.decode("utf-8")


def _compare(workspace: Workspace, ref: str, document: dict[str, Any], base: str) -> tuple[str, int]:
    draft, problems = workspace.check(document, shown(workspace.entry(ref).path))
    origin = _origin(document)
    briefing, impact, note = None, None, None
    if draft is None:
        note = "The draft has problems, so it cannot be compared yet: " + "; ".join(p.message for p in problems[:5])
    elif not origin:
        note = "This draft does not say which version it came from (provenance, derived_from), so there is nothing to compare with."
    else:
        try:
            before = workspace.framework(origin)
        except (InvalidInputError, LookupError, RatingsError) as error:
            note = f"{origin}, the version this draft came from, cannot be loaded: {error}"
        else:
            briefing = _briefing(workspace, before, draft)
            impact = impact_view(current_app, workspace, origin, draft, request.form)
    return render_template("compare.html", ref=ref, origin=origin, briefing=briefing, impact=impact, note=note,
                           working=json.dumps(document, ensure_ascii=False), base=base,
                           section=request.form.get("section", "details")), 200


def _publish_form(workspace: Workspace, ref: str, edited: Edited, base: str, errors: list[str] | None = None) -> tuple[str, int]:
    document = edited.document
    draft, problems = workspace.check(document, shown(workspace.entry(ref).path))
    origin = _origin(document)
    briefing = None
    if draft is not None and origin:
        try:
            briefing = _briefing(workspace, workspace.framework(origin), draft)
        except (InvalidInputError, LookupError, RatingsError):
            briefing = None
    return render_template("publish.html", ref=ref, document=document, problems=problems, briefing=briefing, origin=origin,
                           statuses=PUBLISHED, errors=errors or [], working=json.dumps(document, ensure_ascii=False),
                           base=base), 422 if errors else 200


def _start_again(workspace: Workspace, source: str, target: str, effective_from: str | None, errors: list[str]) -> tuple[str, int]:
    return render_template("start.html", source=source, target=target, effective_from=effective_from or "", errors=errors,
                           refs=[e.ref for e in workspace.entries()]), 422


def _origin(document: dict[str, Any]) -> str | None:
    """The version DOCUMENT says it was derived from (provenance.derived_from), if it says."""
    provenance = document.get("provenance")
    return provenance.get("derived_from") if isinstance(provenance, dict) else None


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_.@" else "-" for c in name)
