"""The hooks a plugin can implement: the one reference for plugin developers.

A plugin is a module or object with functions marked ``@hookimpl`` (``from ratings_engine.hookspecs
import hookimpl``), registered through the ``ratings_engine`` entry-point group of its
distribution. Built-in behaviour is provided the same way, by the modules in ``plugins/``, whose
implementations are ``trylast`` so that an installed plugin providing the same name wins.

Every hook here is called once when the engine starts a command, with no arguments, and returns a
list. Returning ``None`` (or not implementing the hook) means the plugin provides nothing of that
kind.

How hooks are called. Each hook is called through pluggy, once, as ``manager.hook.NAME()``, so
``tryfirst``, ``trylast`` and wrappers (``@hookimpl(wrapper=True)``, and the older
``hookwrapper=True``) mean what pluggy's documentation says: a wrapper receives the list of lists
the other implementations returned and may change it. For the length of the call every
implementation (wrappers too) runs behind the plugin door (``ratings_engine.plugin_host.plugin_guard``): one
that raises, calls ``sys.exit`` or returns something other than a list is reported by the name of
its plugin and counts as having returned nothing, so the others still run; whatever it prints goes
to standard error. Each item is credited to the plugin that returned it, or to the wrapper's plugin
for an item a wrapper adds.

How plugins are registered. One at a time, each behind the same door: a plugin that cannot be
imported, that implements a hook not listed here (``ratings_rating_method`` for
``ratings_rating_methods``) or asks a hook for arguments it does not give is left out, with a
warning naming it and its distribution; the others load. Registering a plugin that is already
registered (the same object, or the same name: an installed plugin also given with ``--plugin``, a
module given twice) does nothing.
"""

from __future__ import annotations

from pathlib import Path

import pluggy

from .extension import ModerationRule, OutputFormat, RatingMethod

PROJECT = "ratings_engine"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def ratings_rating_methods() -> list[RatingMethod] | None:
    """Provide rating methods that a framework's standards can name in ``rating_method``.

    Called when the engine starts a command, before any framework is loaded.
    Returns a list of :class:`~ratings_engine.extension.RatingMethod`. A method whose name another
    plugin also provides replaces it if this plugin is called first (built-ins are called last).
    ``None`` means this plugin provides no rating methods.

    A method describes itself: its ``describe``, called with a standard's ``rating_options``,
    returns a :class:`~ratings_engine.extension.Description` of how the indicative rating is
    reached, which ``ratings frameworks show``, ``ratings diff``, ``ratings explain`` and
    professional discretion's reasons use; the engine has no words of its own for any method.
    """


@hookspec
def ratings_moderation_rules() -> list[ModerationRule] | None:
    """Provide moderation rules that a framework's standards can name in ``moderation.rule``.

    Called when the engine starts a command, before any framework is loaded.
    Returns a list of :class:`~ratings_engine.extension.ModerationRule`; a name provided twice is
    resolved as for rating methods. ``None`` means this plugin provides no moderation rules.

    A rule describes itself as a rating method does: its ``describe``, called with a standard's
    moderation ``options``, says what may be moderated, by how much, on what evidence and whether
    the ratings panel must ratify it.
    """


@hookspec
def ratings_output_formats() -> list[OutputFormat] | None:
    """Provide output formats for any command's ``--format`` and output file extensions.

    Called when the engine starts a command.
    Returns a list of :class:`~ratings_engine.extension.OutputFormat`, each naming in ``document``
    the kind of document it renders (one of ``extension.DOCUMENTS``: ``result`` for ``ratings
    evaluate``, the default; ``framework-diff`` for ``ratings diff``, ``explanation`` for ``ratings
    explain``, and so on). A name provided twice for the same kind of document is resolved as for
    rating methods, so a plugin can replace the built-in ``text`` of one kind and leave the others.
    ``None`` means this plugin provides no output formats.
    """


@hookspec
def ratings_framework_paths() -> list[Path] | None:
    """Provide directories in which the engine looks for framework files (``*.json``, searched recursively).

    Called when the engine lists or looks up framework versions.
    Returns a list of directory paths. ``None`` means this plugin provides no framework directories.
    """
