"""The plugin manager factory, and the registry of what the loaded plugins provide.

Nothing is loaded at import time: get_plugin_manager() builds a fresh manager each time, so tests
get a clean one and a broken third-party plugin is reported by name instead of stopping the engine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import pluggy

from . import hookspecs
from .entry_points import entry_points
from .errors import PluginError
from .extension import ModerationRule, OutputFormat, RatingMethod

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


@dataclass(frozen=True)
class PluginInfo:
    """Which plugin, from which distribution, at which version."""

    name: str
    distribution: str | None = None
    version: str | None = None

    @property
    def builtin(self) -> bool:
        return self.distribution == BUILTIN_DISTRIBUTION

    def describe(self) -> str:
        if self.distribution:
            return f"{self.name} ({self.distribution} {self.version})"
        return self.name

    def to_dict(self) -> dict:
        return {"name": self.name, "distribution": self.distribution, "version": self.version}


class RatingsPluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers where each plugin came from and which failed to load."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.origins: dict[str, PluginInfo] = {}
        self.failures: list[str] = []

    def register_plugin(self, plugin: object, name: str, distribution: str | None = None, version: str | None = None) -> None:
        """Register PLUGIN under NAME, remembering its distribution for results' provenance."""
        self.register(plugin, name=name)
        self.origins[name] = PluginInfo(name, distribution, version)

    def load_entry_points(self, *, third_party: bool = True, skip: frozenset[str] = frozenset()) -> None:
        """Load every plugin of the entry-point group, one at a time, in order of distribution and name.

        Third-party plugins are left out unless THIRD_PARTY; any plugin whose name, entry-point name or
        distribution is in SKIP is left out too.
        """
        found = sorted(entry_points(hookspecs.PROJECT), key=lambda ep: (ep.distribution, ep.name))
        for ep in found:
            distribution = ep.distribution
            if not third_party and distribution != BUILTIN_DISTRIBUTION:
                continue
            name = ep.name if distribution == BUILTIN_DISTRIBUTION else f"{distribution}:{ep.name}"
            if skip & {name, ep.name, distribution}:
                continue
            try:
                plugin = ep.load()
                self.register_plugin(plugin, name, distribution, ep.version)
            except Exception as error:  # a broken plugin must not stop the others
                self.failures.append(f"plugin {name!r} ({ep.value}) could not be loaded: {type(error).__name__}: {error}")


def get_plugin_manager(*, load_entry_points: bool = True, plugins: Iterable[tuple[str, object]] = ()) -> RatingsPluginManager:
    """A fresh plugin manager with the built-in and installed plugins, plus any PLUGINS given as (name, plugin).

    RATINGS_DISABLE_PLUGINS=all (or 1) skips every third-party plugin; a comma-separated list of
    plugin, entry-point or distribution names skips those.
    """
    manager = RatingsPluginManager()
    if load_entry_points:
        all_off, skip = disabled_plugins()
        manager.load_entry_points(third_party=not all_off, skip=skip)
    for name, plugin in plugins:
        manager.register_plugin(plugin, name)
    manager.check_pending()
    return manager


@dataclass
class Registry:
    """Everything the loaded plugins provide, by name, with the plugin that provided each."""

    rating_methods: dict[str, RatingMethod] = field(default_factory=dict)
    moderation_rules: dict[str, ModerationRule] = field(default_factory=dict)
    output_formats: dict[str, OutputFormat] = field(default_factory=dict)
    framework_paths: list[Path] = field(default_factory=list)
    providers: dict[tuple[str, str], PluginInfo] = field(default_factory=dict)
    overridden: list[str] = field(default_factory=list)
    plugins: list[PluginInfo] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def provider(self, kind: str, name: str) -> PluginInfo | None:
        return self.providers.get((kind, name))

    def call_check(self, item: RatingMethod | ModerationRule, standard: Any, framework: Any) -> Sequence[str]:
        """Run a plugin's meaning check, turning a misbehaving check into a PluginError naming the plugin."""
        if item.check is None:
            return []
        kind = "rating method" if isinstance(item, RatingMethod) else "moderation rule"
        try:
            messages = item.check(standard, framework)
        except Exception as error:
            raise PluginError(f"{self._who(kind, item.name)}: its check failed: {type(error).__name__}: {error}") from None
        if messages is None:
            return []
        if not isinstance(messages, (list, tuple)) or not all(isinstance(m, str) for m in messages):
            raise PluginError(f"{self._who(kind, item.name)}: its check returned {type(messages).__name__}, not a list of messages")
        return messages

    def _who(self, kind: str, name: str) -> str:
        info = self.provider(kind, name)
        return f"{kind} {name!r} from plugin {info.describe() if info else '?'}"


_KINDS: Sequence[tuple[str, str, type, str]] = (
    ("rating method", "ratings_rating_methods", RatingMethod, "rating_methods"),
    ("moderation rule", "ratings_moderation_rules", ModerationRule, "moderation_rules"),
    ("output format", "ratings_output_formats", OutputFormat, "output_formats"),
)


def build_registry(manager: RatingsPluginManager) -> Registry:
    """Ask every plugin what it provides. Plugins called first win a name; built-ins are called last."""
    registry = Registry(failures=list(manager.failures))
    registry.plugins = [manager.origins.get(name, PluginInfo(name)) for name, _ in sorted(manager.list_name_plugin())]
    for kind, hook_name, cls, attribute in _KINDS:
        table: dict[str, Any] = getattr(registry, attribute)
        for info, items in _call_each(manager, hook_name, registry):
            if not all(isinstance(item, cls) for item in items):
                registry.failures.append(f"plugin {info.describe()} returned something other than {cls.__name__} objects from {hook_name}; ignored")
                continue
            for item in items:
                if item.name in table:
                    registry.overridden.append(f"{kind} {item.name!r} from {info.describe()} is replaced by the one from {registry.providers[(kind, item.name)].describe()}")
                    continue
                table[item.name] = item
                registry.providers[(kind, item.name)] = info
    for info, items in _call_each(manager, "ratings_framework_paths", registry):
        for item in items:
            registry.framework_paths.append(Path(item))
            registry.providers[("framework directory", str(item))] = info
    return registry


def _call_each(manager: RatingsPluginManager, hook_name: str, registry: Registry) -> Iterable[tuple[PluginInfo, list]]:
    # Each implementation is called on its own so that a failure is attributed to its plugin.
    hook = getattr(manager.hook, hook_name)
    for impl in reversed(hook.get_hookimpls()):
        info = manager.origins.get(impl.plugin_name, PluginInfo(impl.plugin_name))
        try:
            items = impl.function()
        except Exception as error:
            registry.failures.append(f"plugin {info.describe()} failed in {hook_name}: {type(error).__name__}: {error}")
            continue
        if items is None:
            continue
        if not isinstance(items, (list, tuple)):
            registry.failures.append(f"plugin {info.describe()} returned {type(items).__name__} from {hook_name}, not a list; ignored")
            continue
        yield info, list(items)


def load_plugin_module(spec: str) -> tuple[str, object]:
    """Import a local plugin for one run: a module name importable from here, or a path to a .py file."""
    import importlib
    import importlib.util
    import sys

    try:
        if spec.endswith(".py"):
            path = Path(spec)
            module_spec = importlib.util.spec_from_file_location(f"ratings_local_plugin_{path.stem}", path)
            if module_spec is None or not path.is_file():
                raise FileNotFoundError(f"no such file: {spec}")
            module = importlib.util.module_from_spec(module_spec)
            module_spec.loader.exec_module(module)
        else:
            # A local module is looked for in the current directory too, for this import only.
            sys.path.insert(0, os.getcwd())
            try:
                module = importlib.import_module(spec)
            finally:
                sys.path.remove(os.getcwd())
    except Exception as error:
        raise PluginError(f"plugin module {spec!r} could not be loaded: {type(error).__name__}: {error}") from None
    return spec, module


def load_registry(**kwargs: Any) -> Registry:
    """The registry of a fresh plugin manager (see get_plugin_manager for the arguments)."""
    return build_registry(get_plugin_manager(**kwargs))
