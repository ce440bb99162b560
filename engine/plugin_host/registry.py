"""The registry of what the loaded plugins provide: rating methods, moderation rules, output
formats and framework directories, each by name with the plugin that provided it.

The plugins are loaded by the manager (manager.get_plugin_manager); load_registry() does both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PluginError, RatingProblem
from ..extension import Description, ModerationRule, OutputFormat, RatingMethod
from . import plugin_guard
from .hook_calls import call_hook
from .manager import DISABLE_ENV, PluginInfo, RatingsPluginManager, get_plugin_manager


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
        return plugin_guard.call(f"{self.who(kind, name)} failed", function, *args, passes=(RatingProblem,),
                                 plugin=self.plugin_of(kind, name))

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
        messages = plugin_guard.call(f"{self.who(kind, item.name)}: its check failed", item.check, standard, framework,
                                     plugin=self.plugin_of(kind, item.name))
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
