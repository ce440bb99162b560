"""Evaluating: an inspection from the corpus or uploaded, rated under any version, shown as the HTML report."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request

from ..errors import InvalidInputError, PluginError, Problem, RatingsError
from ..rating.inspection import inspection_from_bytes
from ..reports.render import render_document
from ..reports.result import result_document
from .app import keep_rendered, workspace_of


def register(app: Flask) -> None:
    @app.get("/evaluate")
    def evaluate_form() -> str:
        workspace = workspace_of(current_app)
        return render_template("evaluate.html", refs=[e.ref for e in workspace.entries()], names=workspace.inspections(),
                               chosen=request.args.get("version", ""), picked="", problems=[], message=None, page=None)

    @app.post("/evaluate")
    def evaluate() -> tuple[str, int]:
        workspace = workspace_of(current_app)
        ref, picked = request.form.get("version", ""), request.form.get("inspection", "")
        upload = request.files.get("upload")
        workspace.entry(ref)  # only a version the studio lists: never a path from the form or from the inspection
        engine = workspace.engine()
        problems: list[Problem] = []
        message, page = None, None
        try:
            if upload is not None and upload.filename:
                name = f"uploaded {upload.filename}"
                try:
                    raw = upload.read()
                finally:
                    upload.close()  # a large upload is spooled to a temporary file: let it go now
                if upload.filename.lower().endswith(".xlsx"):
                    document, raw = _from_workbook(engine, raw, name, ref)
                else:
                    document = inspection_from_bytes(raw, name)
                if document.get("pooled_from"):
                    raise InvalidInputError([Problem("pooled-upload", "an uploaded inspection cannot pool other files: "
                                                     "put it and the files it pools in the corpus, and pick it there",
                                                     name, "/pooled_from")])
                evaluation = engine.evaluate_loaded(document, raw, name, ref, allow_out_of_window=True)
            elif picked:
                evaluation = engine.evaluate_file(workspace.inspection(picked), ref, allow_out_of_window=True)
            else:
                message, evaluation = "Pick an inspection from the corpus, or upload one.", None
            if evaluation is not None:
                html = render_document(workspace.registry, "result", "html", result_document(evaluation))
                page = keep_rendered(current_app, html if isinstance(html, str) else html.decode("utf-8"))
        except InvalidInputError as error:
            problems = error.problems
        except (PluginError, RatingsError) as error:
            message = str(error)
        return render_template("evaluate.html", refs=[e.ref for e in workspace.entries()], names=workspace.inspections(),
                               chosen=ref, picked=picked, problems=problems, message=message, page=page), \
            422 if problems or message else 200


def _from_workbook(engine, raw: bytes, name: str, ref: str) -> tuple[dict, bytes]:
    """The inspection in an uploaded workbook (one made by `ratings template`), read as `ratings import` reads it.

    The workbook reader reads files, so the upload is put in a private temporary folder for it;
    problems name the upload, not that folder.
    """
    import dataclasses
    import tempfile
    from pathlib import Path

    from ..io.jsonio import to_json_text
    from ..io.reading import refuse_if_too_large
    from ..sheets.importing import import_files

    refuse_if_too_large(raw, name)
    with tempfile.TemporaryDirectory(prefix="ratings-studio-") as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(raw)
        try:
            imported = import_files(engine, [path], ref)
        except InvalidInputError as error:
            raise InvalidInputError([dataclasses.replace(p, file=(p.file or "").replace(str(path), name) or name)
                                     for p in error.problems]) from None
    return imported.document, to_json_text(imported.document).encode("utf-8")
