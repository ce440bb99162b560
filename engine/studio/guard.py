"""The studio's defences, applied to every request before any page sees it.

- The Host header must name this machine's loopback address when the studio listens only there, so
  a web page elsewhere cannot reach it through a name it rebinds to 127.0.0.1 (DNS rebinding).
- Listening on any other address, every request must carry the token printed at start: in the
  address's `?token=` once, then in a cookie the studio sets (as a notebook server does).
- Every request that changes anything (POST) must carry the form's CSRF token, which only pages
  of this studio hold, and, where the browser sends one, an Origin of this studio.
- Bodies larger than the upload limit are refused before they are read (Flask's MAX_CONTENT_LENGTH).
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, abort, redirect, request, session
from werkzeug.wrappers import Response

TOKEN_COOKIE = "ratings_studio_token"  # noqa: S105 - the cookie's name, not a secret
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class Guard:
    """What the studio accepts: the host it listens on, its port, and the token, if it needs one."""

    host: str
    port: int
    token: str | None = None

    @property
    def loopback_only(self) -> bool:
        return is_loopback(self.host)

    def host_allowed(self, header: str) -> bool:
        if not self.loopback_only:
            return True  # reached by any name on the network: the token stands guard instead
        if header.startswith("["):
            name, _, rest = header.partition("]")
            name, port = name + "]", rest[1:] if rest.startswith(":") else rest
        elif header.count(":") <= 1:
            name, _, port = header.partition(":")
        else:
            return False
        names = {*LOOPBACK, self.host.lower(), f"[{self.host.lower().strip('[]')}]"}  # and the loopback address it listens on
        return name.lower() in names and port in ("", str(self.port))


def is_loopback(host: str) -> bool:
    """Whether HOST is this machine's own address (localhost, 127.0.0.0/8, ::1), where no token is needed."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


def csrf_token() -> str:
    """This browser session's CSRF token, made on first use; every form of the studio carries it."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


def install(app: Flask, guard: Guard) -> None:
    @app.before_request
    def _defend() -> Response | None:
        if not guard.host_allowed(request.host):
            abort(400, description=f"this studio answers only to the address it printed (http://127.0.0.1:{guard.port}/), "
                                   f"not to {request.host!r}")
        if guard.token is not None:
            given = request.args.get("token")
            if given is not None and hmac.compare_digest(given.encode(), guard.token.encode()):
                response = redirect(request.path)
                response.set_cookie(TOKEN_COOKIE, guard.token, httponly=True, samesite="Strict")
                return response
            cookie = request.cookies.get(TOKEN_COOKIE, "")
            if not hmac.compare_digest(cookie.encode(), guard.token.encode()):
                abort(403, description="this studio needs its token: open the address it printed when it started "
                                       "(the one ending '?token=...')")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            origin = request.headers.get("Origin")
            if origin not in (None, "null") and urlsplit(origin).netloc != request.host:
                abort(403, description="this request came from another site, so the studio refuses it")
            sent = request.form.get("csrf", "") or request.headers.get("X-CSRF-Token", "")
            if not sent or "csrf" not in session or not hmac.compare_digest(sent.encode(), session["csrf"].encode()):
                abort(403, description="this form has expired or did not come from the studio (no valid CSRF token): "
                                       "reload the page and try again")
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        # Pages load nothing from elsewhere and run only the studio's own script.
        response.headers.setdefault("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                                    "frame-ancestors 'self'; form-action 'self'; base-uri 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response
