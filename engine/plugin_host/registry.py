"""The registry of what the loaded plugins provide: rating methods, moderation rules, output
formats (per kind of document) and framework directories, each by name with the plugin that provided it.

The plugins are loaded by the manager (manager.get_plugin_manager); load_registry() does both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

from ..errors import PluginError, RatingProblem
from ..extension import DOCUMENTS, Description, ModerationRule, OutputFormat, RatingMethod
from ..record_classes import record
from . import plugin_guard
from .hook_calls import call_hook
from .manager import DISABLE_ENV, PluginInfo, RatingsPluginManager, get_plugin_manager


@record(frozen=False)
class Registry:
    """Everything the loaded plugins provide, by name, with the plugin that provided each.

    Output formats are kept per kind of document (formats_for; extension.DOCUMENTS), so a plugin can
    replace the 'text' of one kind and leave the others; output_formats holds those of results.
    """

    rating_methods: dict[str, RatingMethod] = field(default_factory=dict)
    moderation_rules: dict[str, ModerationRule] = field(default_factory=dict)
    #: The formats of result documents (`ratings evaluate`); formats_for(kind) gives those of any kind.
    output_formats: dict[str, OutputFormat] = field(default_factory=dict)
    document_formats: dict[str, dict[str, OutputFormat]] = field(default_factory=dict)
    framework_paths: list[Path] = field(default_factory=list)
    providers: dict[tuple[str, str], PluginInfo] = field(default_factory=dict)
    overridden: list[str] = field(default_factory=list)
    plugins: list[PluginInfo] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # One table per kind of document; the result formats are the very table output_formats names.
        self.document_formats["result"] = self.output_formats
        for document in DOCUMENTS:
            self.document_formats.setdefault(document, {})

    def formats_for(self, document: str) -> dict[str, OutputFormat]:
        """The output formats of the kind of document DOCUMENT (one of extension.DOCUMENTS), by name."""
        if document not in self.document_formats:
            raise ValueError(f"no kind of document called {document!r} (known: {', '.join(DOCUMENTS)})")
        return self.document_formats[document]

    def provider(self, kind: str, name: str) -> PluginInfo | None:
        return self.providers.get((kind, name))

    def call(self, kind: str, name: str, function: Any, *args: Any) -> Any:
        """Call FUNCTION, a method of the KIND named NAME that a plugin provides, through the plugin door.

        A RatingProblem is passed on (the inspection does not let it rate); anything else it raises is a
        PluginError naming the plugin.
        """
        return plugin_guard.call_named(lambda: (f"{self.who(kind, name)} failed", self.plugin_of(kind, name)),
                                       function, *args, passes=(RatingProblem,))

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

    def output_format(self, name: str, document: str = "result") -> OutputFormat:
        """The output format NAME of DOCUMENT; a PluginError saying why none is loaded, naming RATINGS_DISABLE_PLUGINS where it is set."""
        formats = self.formats_for(document)
        if name in formats:
            return formats[name]
        raise PluginError(f"{format_kind(document)} {name!r} is not available: {self.why_missing(format_kind(document))}")

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


def format_kind(document: str) -> str:
    """What an output format of DOCUMENT is called in messages and in the providers' table.

    A result's format is plainly an 'output format', as it always was; any other names its document
    ('framework-diff output format'), so that a plugin can replace a built-in 'text' for one kind only.
    """
    return "output format" if document == "result" else f"{document} output format"


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
        for info, item in call_hook(manager, hook_name, registry.failures):
            if not isinstance(item, cls):
                registry.failures.append(f"plugin {info.describe()} returned something other than {cls.__name__} objects "
                                         f"from {hook_name} ({plugin_guard.text_of(item)}); ignored")
                continue
            table: dict[str, Any] = getattr(registry, attribute)
            named = kind
            if isinstance(item, OutputFormat):
                if not isinstance(item.document, str) or item.document not in registry.document_formats:
                    registry.failures.append(f"plugin {info.describe()} returned output format {item.name!r} for "
                                             f"{plugin_guard.text_of(item.document)}, not a kind of document "
                                             f"({', '.join(DOCUMENTS)}); ignored")
                    continue
                named, table = format_kind(item.document), registry.document_formats[item.document]
            _add(registry, table, named, item, info)
    for info, item in call_hook(manager, "ratings_framework_paths", registry.failures):
        if not isinstance(item, (str, os.PathLike)):
            registry.failures.append(f"plugin {info.describe()} returned {plugin_guard.text_of(item)} from ratings_framework_paths, "
                                     "not a directory path; ignored")
            continue
        registry.framework_paths.append(Path(item))
        registry.providers[("framework directory", str(item))] = info
    return registry


def _add(registry: Registry, table: dict[str, Any], kind: str, item: Any, info: PluginInfo) -> None:
    """Put ITEM in TABLE under its name unless a plugin called earlier has that KIND and name already."""
    if item.name in table:
        replacing = registry.providers[(kind, item.name)].describe()
        registry.overridden.append(f"{kind} {item.name!r} from {info.describe()} is replaced by the one from {replacing}")
        return
    table[item.name] = item
    registry.providers[(kind, item.name)] = info


def plugin_list(registry: Registry) -> dict[str, Any]:
    """The loaded plugins and what each provides, as plain JSON (schemas/plugin-list.schema.json).

    This is the document `ratings plugins` renders: each plugin with its origin, then what it
    provides by kind and name (an output format's kind names its document unless that is a result),
    and the names one plugin provides in place of another's.
    """
    tables: dict[str, Mapping[str, Any]] = {"rating method": registry.rating_methods, "moderation rule": registry.moderation_rules}
    tables.update({format_kind(document): formats for document, formats in registry.document_formats.items()})
    provided: dict[str, list[dict[str, Any]]] = {}
    for (kind, name), info in sorted(registry.providers.items()):
        item = tables.get(kind, {}).get(name)
        description = item.description if item is not None and item.description else None
        provided.setdefault(info.name, []).append({"kind": kind, "name": name, "description": description})
    return {
        "plugin_list_format": 1,
        "plugins": [{"name": info.name, "distribution": info.distribution, "version": info.version, "local": info.local,
                     "sha256": info.sha256, "provides": provided.get(info.name, [])} for info in registry.plugins],
        "overridden": list(registry.overridden),
    }


def load_registry(**kwargs: Any) -> Registry:
    """The registry of a fresh plugin manager (see get_plugin_manager for the arguments)."""
    return build_registry(get_plugin_manager(**kwargs))
