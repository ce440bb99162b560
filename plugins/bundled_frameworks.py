"""The framework versions that ship with the engine."""

from __future__ import annotations

from ratings_engine.hookspecs import hookimpl
from ratings_engine.io.bundled import bundled_path


@hookimpl(trylast=True)
def ratings_framework_paths():
    return [bundled_path("frameworks")]
