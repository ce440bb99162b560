"""A studio over a folder of its own, and a test client that reads and fills its forms as a browser would."""

from __future__ import annotations

import html
import re
from pathlib import Path

from ratings_engine.plugin_host.registry import load_registry
from ratings_engine.studio.app import create_app
from ratings_engine.studio.guard import Guard
from ratings_engine.studio.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
PORT = 8765
HOST = {"Host": f"127.0.0.1:{PORT}"}


def studio_app(folder: Path, corpus: Path | None = CORPUS, host: str = "127.0.0.1", token: str | None = None):
    return create_app(Workspace(load_registry(), folder, corpus=corpus), Guard(host, PORT, token))


def form_fields(page: bytes, form_id: str | None = None) -> dict[str, str]:
    """The values a browser would send from the form (the one with FORM_ID, else the first with a CSRF field)."""
    text = page.decode("utf-8")
    forms = re.findall(r"<form\b([^>]*)>(.*?)</form>", text, re.S)
    chosen = next((body for attributes, body in forms if form_id is None and 'name="csrf"' in body
                   or form_id is not None and f'id="{form_id}"' in attributes), None)
    assert chosen is not None, f"no form {form_id or 'with a CSRF field'} on the page"
    data: dict[str, str] = {}
    for tag in re.findall(r"<input\b[^>]*>", chosen):
        name, value = re.search(r'name="([^"]*)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and 'type="file"' not in tag and 'type="checkbox"' not in tag and ('type="radio"' not in tag or "checked" in tag):
            data[html.unescape(name.group(1))] = html.unescape(value.group(1)) if value else ""
    for name, body in re.findall(r'<select\b[^>]*name="([^"]*)"[^>]*>(.*?)</select>', chosen, re.S):
        option = re.search(r'<option value="([^"]*)" selected', body) or re.search(r'<option value="([^"]*)"', body)
        if option:
            data[html.unescape(name)] = html.unescape(option.group(1))
    for name, body in re.findall(r'<textarea\b[^>]*name="([^"]*)"[^>]*>(.*?)</textarea>', chosen, re.S):
        data[html.unescape(name)] = html.unescape(body)
    return data


def errors_on(page: bytes) -> list[str]:
    return [html.unescape(e) for e in re.findall(r'<p class="error">(.*?)</p>', page.decode("utf-8"))]


def errors_at(page: bytes, field: str) -> list[str]:
    """The errors shown in the slot of the field FIELD (its HTML id)."""
    slot = re.search(rf'<div class="errors" id="{re.escape(field)}-errors"[^>]*>(.*?)</div>', page.decode("utf-8"), re.S)
    assert slot is not None, f"no field {field} on the page"
    return [html.unescape(e) for e in re.findall(r'<p class="error">(.*?)</p>', slot.group(1))]
