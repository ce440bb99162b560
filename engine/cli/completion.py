"""Shell completion of values: ID@VERSION from the frameworks search path, and a framework's standard ids.

Completion runs on each key press, before any command: nothing here may fail loudly, and nothing
reads more than each framework file's JSON.
"""

from __future__ import annotations

from typing import Any

import click


def _catalogue_of(ctx: click.Context) -> Any:
    """The frameworks catalogue as the command being completed would search it (its --frameworks-dir included)."""
    from ..model.catalogue import Catalogue, search_path
    from ..plugin_host.registry import load_registry

    # A group's --frameworks-dir (`ratings frameworks --frameworks-dir DIR show`) counts for its subcommands.
    dirs = [*(ctx.params.get("frameworks_dirs") or ()), *((ctx.parent.params.get("frameworks_dirs") or ()) if ctx.parent else ())]
    return Catalogue.discover(search_path(load_registry().framework_paths, dirs))


def complete_versions(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion of ID@VERSION: the versions on the frameworks search path."""
    from ..errors import RatingsError

    try:
        return [entry.ref for entry in _catalogue_of(ctx).entries if entry.ref.startswith(incomplete)]
    except (RatingsError, OSError):  # a malformed project file: nothing to offer, and no traceback in the shell
        return []


def complete_standards(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion of a standard's id: those of the framework the inspection names, else of every version found.

    Only the inspection's 'framework' is read, not its date: choosing by date means checking the
    whole file, too slow for a key press.
    """
    import json

    from ..errors import RatingsError
    from ..io.reading import read_text

    try:
        entries = _catalogue_of(ctx).entries
        named = _named_framework(ctx.params.get("framework_name") or ctx.params.get("inspection"))
        chosen = [e for e in entries if str(e.path) == named or e.ref == named] or entries
        ids: set[str] = set()
        for entry in chosen:
            framework = json.loads(read_text(entry.path))
            ids.update(s["id"] for domain in framework.get("domains", []) for s in domain.get("standards", []))
    except (RatingsError, OSError, ValueError, TypeError, KeyError):
        return []
    return sorted(i for i in ids if isinstance(i, str) and i.startswith(incomplete))


def _named_framework(name: Any) -> str | None:
    """The framework NAME names: itself if ID@VERSION or a framework file; an inspection file's 'framework'."""
    import json

    from ..errors import RatingsError
    from ..io.reading import read_text

    if name is None:
        return None
    name = str(name)
    if not name.endswith(".json"):
        return name
    try:
        document = json.loads(read_text(name))
    except (RatingsError, OSError, ValueError):
        return None
    if isinstance(document, dict) and "domains" in document:
        return name
    return document.get("framework") if isinstance(document, dict) else None
