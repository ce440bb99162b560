"""Browsing: every installed family and version, one version's rules in words, and search across questions."""

from __future__ import annotations

from itertools import groupby

from flask import Flask, current_app, render_template, request

from ..errors import InvalidInputError
from ..reports.framework_doc import framework_outline
from .app import workspace_of

#: Search results shown at most, so that a one-letter search stays a page.
MOST_FOUND = 200


def register(app: Flask) -> None:
    @app.get("/")
    def index() -> str:
        workspace = workspace_of(current_app)
        entries = workspace.entries()
        families = [(family, list(versions)) for family, versions in groupby(entries, key=lambda e: e.id)]
        return render_template("index.html", families=families, writable=workspace.writable,
                               problems=workspace.engine().catalogue.problems)

    @app.get("/versions/<ref>")
    def version(ref: str) -> str:
        workspace = workspace_of(current_app)
        entry = workspace.entry(ref)
        try:
            framework = workspace.framework(ref)
        except InvalidInputError as error:
            return render_template("broken.html", entry=entry, problems=error.problems, writable=workspace.writable(entry))
        outline = framework_outline(framework, workspace.registry)
        return render_template("version.html", entry=entry, outline=outline, writable=workspace.writable(entry))

    @app.get("/search")
    def search() -> str:
        workspace = workspace_of(current_app)
        words = request.args.get("q", "").strip()
        found = []
        if words:
            wanted = words.casefold()
            engine = workspace.engine()  # one catalogue for the whole search, each version loaded once
            for entry in engine.catalogue.entries:
                try:
                    framework = workspace.framework(entry.ref, engine)
                except InvalidInputError:
                    continue  # a broken file is listed on the home page with its problems
                for standard in framework.standards:
                    for question in standard.key_questions:
                        texts = [("key question", question.id, question.text)]
                        texts += [("prompt", prompt.id, prompt.text) for prompt in question.prompts]
                        found += [(entry, standard, kind, ident, text) for kind, ident, text in texts if wanted in text.casefold()]
        return render_template("search.html", words=words, found=found[:MOST_FOUND], more=max(0, len(found) - MOST_FOUND))
