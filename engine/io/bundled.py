"""Where the schemas and frameworks that ship with the engine are, installed or in a source tree."""

from __future__ import annotations

from pathlib import Path

# This module sits in the io sub-package; the bundled folders belong to the package above it.
_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_path(name: str) -> Path:
    """The bundled folder NAME ('schemas' or 'frameworks').

    An installed distribution carries it inside the package; a source checkout (or an editable
    install of one) keeps it beside the engine folder.
    """
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled {name} folder is missing from this installation")
