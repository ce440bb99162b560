"""The plugin manager factory, and the registry of what the loaded plugins provide.

Nothing is loaded at import time: get_plugin_manager() builds a fresh manager each time, so tests
get a clean one and a broken third-party plugin is reported by name instead of stopping the engine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from .. import hookspecs
from ..errors import PluginError, RatingProblem, did_you_mean
from ..extension import Description, ModerationRule, OutputFormat, RatingMethod
from . import plugin_guard
from .hook_calls import call_hook
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


@dataclass(frozen=True)
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

    def call(self, kind: str, name: str, function: Any, *args: Any) -> Any:
        """Call FUNCTION, a method of the KIND named NAME that a plugin provides, through the plugin door.

        A RatingProblem is passed on (the inspection does not let it rate); anything else it raises is a
        PluginError naming the plugin.
        """
        try:
            return plugin_guard.call(f"{self.who(kind, name)} failed", function, *args, passes=(RatingProblem,))
        except PluginError as error:
            raise PluginError(str(error), plugin=self.plugin_of(kind, name)) from None

    def describe(self, kind: str, name: str, options: Mapping[str, Any]) -> Description:
        """The policy wording of the KIND ('rating method' or 'moderation rule') named NAME, used with OPTIONS."""
        from .wording import describe  # only the commands that word a rule need it

        return describe(self, kind, name, options)

    def plugin_of(self, kind: str, name: str) -> str | None:
        """The name of the plugin that provides the KIND named NAME, where a problem with it is placed."""
        info = self.provider(kind, name)
        return info.name if info else None

    def call_check(self, item: RatingMethod | ModerationRule, standard: Any, framework: Any) -> Sequence[str]:
        """Run a plugin's meaning check, turning a misbehaving check into a PluginError naming the plugin."""
        if item.check is None:
            return []
        kind = "rating method" if isinstance(item, RatingMethod) else "moderation rule"
        try:
            messages = plugin_guard.call(f"{self.who(kind, item.name)}: its check failed", item.check, standard, framework)
        except PluginError as error:
            raise PluginError(str(error), plugin=self.plugin_of(kind, item.name)) from None
        if messages is None:
            return []
        if not isinstance(messages, (list, tuple)) or not all(isinstance(m, str) for m in messages):
            raise PluginError(f"{self.who(kind, item.name)}: its check returned {type(messages).__name__}, not a list of messages",
                              plugin=self.plugin_of(kind, item.name))
        return messages

    def output_format(self, name: str) -> OutputFormat:
        """The output format NAME; a PluginError saying why none is loaded, naming RATINGS_DISABLE_PLUGINS where it is set."""
        if name in self.output_formats:
            return self.output_formats[name]
        raise PluginError(f"output format {name!r} is not available: {self.why_missing('output format')}")

    def why_missing(self, kind: str) -> str:
        """Why no loaded plugin provides a KIND of that name, in words: what was left out and by which setting."""
        offered = sorted(name for k, name in self.providers if k == kind)
        reason = f"no loaded plugin provides it (loaded: {', '.join(offered) or 'none'})"
        setting = os.environ.get(DISABLE_ENV, "").strip()
        if setting:
            reason += f"; {DISABLE_ENV}={setting} leaves plugins out"
        return reason

    def who(self, kind: str, name: str) -> str:
        """The KIND named NAME and the plugin that provides it, for a message."""
        info = self.provider(kind, name)
        return f"{kind} {name!r} from plugin {info.describe() if info else '?'}"


_KINDS: Sequence[tuple[str, str, type[Any], str]] = (
    ("rating method", "ratings_rating_methods", RatingMethod, "rating_methods"),
    ("moderation rule", "ratings_moderation_rules", ModerationRule, "moderation_rules"),
    ("output format", "ratings_output_formats", OutputFormat, "output_formats"),
)


def build_registry(manager: RatingsPluginManager) -> Registry:
    """Ask every plugin what it provides. Plugins called first win a name; built-ins are called last."""
    registry = Registry(failures=list(manager.failures))
    registry.plugins = [manager.info(name) for name, _ in sorted(manager.list_name_plugin())]
    for kind, hook_name, cls, attribute in _KINDS:
        table: dict[str, Any] = getattr(registry, attribute)
        for info, item in call_hook(manager, hook_name, registry.failures):
            if not isinstance(item, cls):
                registry.failures.append(f"plugin {info.describe()} returned something other than {cls.__name__} objects "
                                         f"from {hook_name} ({plugin_guard.text_of(item)}); ignored")
                continue
            if item.name in table:
                replacing = registry.providers[(kind, item.name)].describe()
                registry.overridden.append(f"{kind} {item.name!r} from {info.describe()} is replaced by the one from {replacing}")
                continue
            table[item.name] = item
            registry.providers[(kind, item.name)] = info
    for info, item in call_hook(manager, "ratings_framework_paths", registry.failures):
        if not isinstance(item, (str, os.PathLike)):
            registry.failures.append(f"plugin {info.describe()} returned {plugin_guard.text_of(item)} from ratings_framework_paths, "
                                     "not a directory path; ignored")
            continue
        registry.framework_paths.append(Path(item))
        registry.providers[("framework directory", str(item))] = info
    return registry


def load_registry(**kwargs: Any) -> Registry:
    """The registry of a fresh plugin manager (see get_plugin_manager for the arguments)."""
    return build_registry(get_plugin_manager(**kwargs))
