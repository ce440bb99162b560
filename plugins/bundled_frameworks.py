"""The framework versions that ship with the engine."""

from __future__ import annotations

from ratings_engine.io.bundled import bundled_path
from ratings_engine.hookspecs import hookimpl


@hookimpl(trylast=True)
def ratings_framework_paths():
    return [bundled_path("frameworks")]
