"""The studio's web application: Flask, with the pages in browse.py, drafting.py and evaluating.py.

create_app() builds it over a Workspace; engine/cli/studio.py serves it. Every page is rendered on
the server from templates/ and works without JavaScript; static/studio.js only adds checking as the
officer types. Every asset is served from the package, so the studio works offline.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Any

from flask import Flask, Response, render_template
from werkzeug.exceptions import HTTPException

from .. import __version__
from .guard import Guard, csrf_token, install
from .workspace import NotFound, Workspace

#: The largest upload or form the studio reads, in bytes: an inspection of tens of thousands of cases fits.
UPLOAD_LIMIT = 16 * 1024 * 1024


class Rendered:
    """Pages rendered by an output format (a report, an impact page), kept a short while for an <iframe> to load.

    They are whole HTML documents with their own inline styles and no scripts: served at their own
    address under a policy that runs no script, rather than inlined into a studio page.
    """

    def __init__(self, keep: int = 32):
        self._pages: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        self._keep = keep

    def add(self, html: str) -> str:
        key = secrets.token_urlsafe(12)
        with self._lock:
            self._pages[key] = html
            while len(self._pages) > self._keep:
                self._pages.popitem(last=False)
        return key

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._pages.get(key)


def create_app(workspace: Workspace, guard: Guard) -> Flask:
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(SECRET_KEY=secrets.token_bytes(32), MAX_CONTENT_LENGTH=UPLOAD_LIMIT, MAX_FORM_MEMORY_SIZE=UPLOAD_LIMIT,
                      SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_HTTPONLY=True, TEMPLATES_AUTO_RELOAD=False)
    app.extensions["ratings_workspace"] = workspace
    app.extensions["ratings_rendered"] = Rendered()
    install(app, guard)

    @app.context_processor
    def _everywhere() -> dict[str, Any]:
        return {"csrf_token": csrf_token, "engine_version": __version__, "folder": str(workspace.folder),
                "corpus": None if workspace.corpus is None else str(workspace.corpus)}

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[str, int]:
        words = {400: "Bad request", 403: "Refused", 404: "Not found", 405: "Not allowed", 413: "Too large"}
        description = error.description
        if error.code == 413:
            description = f"the upload is larger than the studio accepts ({UPLOAD_LIMIT // (1024 * 1024)} MB)"
        return render_template("error.html", title=words.get(error.code or 500, "Error"), message=description), error.code or 500

    @app.errorhandler(Exception)
    def _internal_error(error: Exception) -> tuple[str, int]:
        # A bug, not the officer's doing: one line in the studio's log and a page that says so, no traceback.
        import os
        import sys

        if os.environ.get("RATINGS_DEBUG"):
            raise error
        print(f"internal error in the studio: {type(error).__name__}: {error} (set RATINGS_DEBUG=1 to see where)", file=sys.stderr)
        return render_template("error.html", title="Internal error", message="Something went wrong inside the studio; "
                               "nothing was written. The studio's log has one line about it."), 500

    @app.errorhandler(NotFound)
    def _not_found(error: NotFound) -> tuple[str, int]:
        return render_template("error.html", title="Not found", message=str(error)), 404

    @app.get("/rendered/<key>")
    def rendered(key: str) -> Response:
        html = app.extensions["ratings_rendered"].get(key)
        if html is None:
            raise NotFound("this page has expired: show it again from the studio")
        response = Response(html, mimetype="text/html")
        response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
        return response

    from . import browse, drafting, evaluating

    browse.register(app)
    drafting.register(app)
    evaluating.register(app)
    return app


def workspace_of(app: Flask) -> Workspace:
    return app.extensions["ratings_workspace"]


def keep_rendered(app: Flask, html: str) -> str:
    """Keep HTML for an <iframe>; the address it is served at."""
    return f"/rendered/{app.extensions['ratings_rendered'].add(html)}"
