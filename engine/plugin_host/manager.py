"""The plugin manager factory: the built-in and installed plugins, each loaded under guard.

Nothing is loaded at import time: get_plugin_manager() builds a fresh manager each time, so tests
get a clean one and a broken third-party plugin is reported by name instead of stopping the engine.
What the loaded plugins provide is gathered by the registry (registry.build_registry).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from .. import hookspecs
from ..errors import PluginError, did_you_mean
from ..record_classes import record
from . import plugin_guard
from .plugin_loading import arguments, import_local

BUILTIN_DISTRIBUTION = "ratings-engine"

#: 'all' (or 1) loads only the engine's own plugins, for example to rule out a third-party plugin;
#: otherwise a comma-separated list of plugin or distribution names not to load.
DISABLE_ENV = "RATINGS_DISABLE_PLUGINS"
_ALL = {"1", "all", "true", "yes"}


def disabled_plugins() -> tuple[bool, frozenset[str]]:
    """From RATINGS_DISABLE_PLUGINS: whether every third-party plugin is off, and which names are."""
    value = os.environ.get(DISABLE_ENV, "").strip()
    if value.lower() in _ALL:
        return True, frozenset()
    return False, frozenset(name.strip() for name in value.split(",") if name.strip())


@record
class PluginInfo:
    """Which plugin, from which distribution, at which version."""

    name: str
    distribution: str | None = None
    version: str | None = None
    #: The SHA-256 of a plugin module's file, for one given with --plugin, so that results record which code it was.
    sha256: str | None = None
    #: True for a module given with --plugin.
    local: bool = False

    @property
    def builtin(self) -> bool:
        return self.distribution == BUILTIN_DISTRIBUTION

    def describe(self) -> str:
        if self.distribution:
            return f"{self.name} ({self.distribution} {self.version})"
        return repr(self.name) if self.local else self.name

    def to_dict(self) -> dict:
        entry = {"name": self.name, "distribution": self.distribution, "version": self.version}
        if self.sha256 is not None:
            entry["sha256"] = self.sha256
        return entry


def entry_points(group: str) -> list[Any]:
    """Every installed entry point of GROUP, each with the distribution (``ep.dist``) that declares it."""
    # Imported here rather than at the top: importing it brings in the email package, which only
    # finding plugins needs, so `import ratings_engine` and `ratings --help` stay fast.
    from importlib.metadata import entry_points as installed

    return list(installed(group=group))


def _name_and_version(dist: Any) -> tuple[str, str | None]:
    """A distribution's name and version, from one reading of its metadata."""
    if dist is None:
        return "", None
    metadata = dist.metadata
    return metadata["Name"] or "", metadata["Version"]


_ALREADY = "already registered"


class RatingsPluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers where each plugin came from and which failed to load.

    Every plugin is imported and registered through plugin_guard, one at a time: a plugin that cannot
    be imported, that pluggy refuses (a hook with the wrong arguments) or that implements a hook
    that does not exist is left out, and a line in ``failures`` names it and its distribution. A
    plugin already registered (the same object, or the same name) is not registered again.
    """

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.origins: dict[str, PluginInfo] = {}
        self.failures: list[str] = []
        #: Why each plugin that was found but refused is left out, by the name it was to have.
        self.left_out: dict[str, str] = {}
        self._local_files: dict[Path, object] = {}
        self._refused: dict[int, object] = {}  # by id, holding each object so that its id is not reused
        self._tried: set[str] = set()

    def parse_hookimpl_opts(self, plugin: object, name: str) -> Any:
        """As pluggy parses it, a module's attribute NAME skipped at once unless it is a routine marked as a hook.

        pluggy looks at every attribute of a plugin (getattr_static, then the marker); a plugin module
        holds dozens (its imports, its helpers) and every command loads every plugin, so a plain value
        or an unmarked function of a module is passed over here, and only marked routines go on to
        pluggy's own parsing, which says the same of them as before.
        """
        if isinstance(plugin, ModuleType):
            member = vars(plugin).get(name)
            if not (callable(member) and hasattr(member, f"{self.project_name}_impl")):
                return None
        return super().parse_hookimpl_opts(plugin, name)

    def info(self, name: str | None) -> PluginInfo:
        """Where the plugin registered as NAME came from."""
        return self.origins.get(name or "", PluginInfo(name or "?"))

    def register_plugin(self, plugin: object, name: str, distribution: str | None = None, version: str | None = None,
                        *, sha256: str | None = None, local: bool = False) -> bool:
        """Register PLUGIN under NAME, remembering its distribution for results' provenance; False if it is left out."""
        info = PluginInfo(name, distribution, version, sha256, local)
        if self.has_plugin(name) or id(plugin) in self._refused:
            return False  # already there (or already refused), from an entry point or an earlier --plugin: once is enough
        try:
            refused = plugin_guard.call(f"plugin {info.describe()} could not be registered", self._register_checked, plugin, name)
        except PluginError as error:
            refused = f"{error}; left out"
        else:
            if refused is _ALREADY:
                return False
            refused = refused and f"plugin {info.describe()} is left out: {refused}"
        if refused:
            self.failures.append(refused)
            self.left_out[name] = refused
            self._refused[id(plugin)] = plugin
            return False
        self.origins[name] = info
        return True

    def _register_checked(self, plugin: object, name: str) -> str | None:
        """Register PLUGIN, or say in words why not: a hook that does not exist, or one with arguments it will not get.

        Returns _ALREADY for a plugin registered under another name (comparing plugins may run their code).
        """
        if self.is_registered(plugin):
            return _ALREADY
        known = [n for n in vars(hookspecs) if n.startswith("ratings_")]
        reasons = []
        for attribute in dir(plugin):
            options = self.parse_hookimpl_opts(plugin, attribute)
            if options is None:
                continue
            hook_name = options.get("specname") or attribute
            hook = getattr(self.hook, hook_name, None)
            if hook is None or not hook.has_spec():
                if not options.get("optionalhook"):
                    close = did_you_mean(hook_name, known)
                    reasons.append(f"it implements {hook_name!r}, which is not a hook of ratings-engine" + (f" ({close})" if close else ""))
                continue
            extra = [arg for arg in arguments(getattr(plugin, attribute)) if arg not in hook.spec.argnames]
            if extra:
                given = ", ".join(hook.spec.argnames) or "no arguments"
                reasons.append(f"its {hook_name} asks for {', '.join(extra)}, but the hook gives {given}")
        if reasons:
            return "; ".join(reasons)
        try:
            self.register(plugin, name=name)
        except (pluggy.PluginValidationError, ValueError) as error:
            return plugin_guard.text_of(error, str)
        return None

    def load_entry_points(self, *, third_party: bool = True, skip: frozenset[str] = frozenset()) -> None:
        """Load every plugin of the entry-point group, one at a time, in order of distribution and name.

        Third-party plugins are left out unless THIRD_PARTY; any plugin whose name, entry-point name or
        distribution is in SKIP is left out too.
        """
        # dist.name and dist.version each parse the whole METADATA file (a README included) again, and
        # a distribution's entry points share one dist object, so each is read once.
        read: dict[int, tuple[str, str | None]] = {}
        found = []
        for ep in entry_points(hookspecs.PROJECT):
            if id(ep.dist) not in read:
                read[id(ep.dist)] = _name_and_version(ep.dist)
            found.append((*read[id(ep.dist)], ep))
        found.sort(key=lambda item: (item[0], item[2].name))
        for distribution, version, ep in found:
            if not third_party and distribution != BUILTIN_DISTRIBUTION:
                continue
            name = ep.name if distribution == BUILTIN_DISTRIBUTION else f"{distribution}:{ep.name}"
            if skip & {name, ep.name, distribution}:
                continue
            try:
                plugin = plugin_guard.call(f"plugin {name!r} ({ep.value}) could not be loaded", ep.load)
            except PluginError as error:  # a broken plugin must not stop the others
                self.failures.append(str(error))
                continue
            self.register_plugin(plugin, name, distribution, version)

    def load_local(self, spec: str) -> None:
        """Import and register a plugin module given with --plugin: a module name, or a path to a .py file."""
        key = str(Path(spec).resolve()) if spec.endswith(".py") else spec
        if key in self._tried:
            return  # the same module given twice: loaded (or reported) once
        self._tried.add(key)
        try:
            module, digest = plugin_guard.call(f"plugin module {spec!r} could not be loaded", import_local, spec, self._local_files)
        except PluginError as error:
            self.failures.append(f"{error}; left out")
            return
        self.register_plugin(module, spec, sha256=digest, local=True)


def get_plugin_manager(*, load_entry_points: bool = True, plugins: Iterable[tuple[str, object]] = (),
                       modules: Iterable[str] = ()) -> RatingsPluginManager:
    """A fresh plugin manager with the built-in and installed plugins, the plugin MODULES given with --plugin,
    and any PLUGINS given as (name, plugin).

    RATINGS_DISABLE_PLUGINS=all (or 1) skips every third-party plugin; a comma-separated list of
    plugin, entry-point or distribution names skips those. Nothing a plugin does stops the others
    from loading: see RatingsPluginManager.
    """
    manager = RatingsPluginManager()
    if load_entry_points:
        all_off, skip = disabled_plugins()
        manager.load_entry_points(third_party=not all_off, skip=skip)
    for spec in modules:
        manager.load_local(spec)
    for name, plugin in plugins:
        manager.register_plugin(plugin, name)
    return manager
