"""Calling a hook through pluggy, with every implementation behind the plugin door and every item credited.

The hook is called once, as ``manager.hook.NAME()``, so that ``tryfirst``, ``trylast`` and wrappers
(``wrapper=True``, and old-style ``hookwrapper=True``) mean what pluggy's documentation says. For
the length of that call each implementation runs through plugin_guard: a failing implementation is
recorded against its plugin and counts as having returned nothing, so the others still run; each
item an implementation returns is remembered as that plugin's, and an item a wrapper adds as the
wrapper's plugin's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import PluginError
from . import plugin_guard


def call_hook(manager: Any, hook_name: str, failures: list[str]) -> list[tuple[Any, Any]]:
    """(plugin info, item) for every item the hook's implementations return, in pluggy's calling order.

    Failures (an implementation that raised, or returned something other than a list) are appended
    to FAILURES, each naming its plugin.
    """
    hook = getattr(manager.hook, hook_name)
    credit: dict[int, Any] = {}
    kept: list[Any] = []  # holds every item returned, so that no id in CREDIT is reused while the call lasts
    originals = [(impl, impl.function) for impl in hook.get_hookimpls()]
    try:
        for impl, function in originals:
            info = manager.info(impl.plugin_name)
            shim = _wrapper if (impl.hookwrapper or getattr(impl, "wrapper", False)) else _implementation
            impl.function = shim(function, info, hook_name, failures, credit, kept)
        try:
            results = plugin_guard.call(f"the {hook_name} hook failed", hook)
        except PluginError as error:
            failures.append(str(error))
            return []
    finally:
        for impl, function in originals:
            impl.function = function
    found: list[tuple[Any, Any]] = []
    if not isinstance(results, list):
        failures.append(f"the {hook_name} hook returned {type(results).__name__}, not a list (a wrapper changed it); ignored")
        return found
    for items in results:
        if not isinstance(items, (list, tuple)):
            failures.append(f"the {hook_name} hook returned {plugin_guard.text_of(items)} among its lists (a wrapper changed it); ignored")
            continue
        for item in items:
            info = credit.get(id(item))
            found.append((info if info is not None else manager.info(None), item))
    return found


def _implementation(function: Callable, info: Any, hook_name: str, failures: list[str], credit: dict, kept: list) -> Callable:
    def guarded(*args: Any) -> list | None:
        try:
            items = plugin_guard.call(f"plugin {info.describe()} failed in {hook_name}", function, *args)
        except PluginError as error:
            failures.append(str(error))
            return None
        if items is None:
            return None
        if not isinstance(items, (list, tuple)):
            failures.append(f"plugin {info.describe()} returned {type(items).__name__} from {hook_name}, not a list; ignored")
            return None
        items = list(items)
        kept.append(items)
        for item in items:
            credit.setdefault(id(item), info)
        return items

    return guarded


def _wrapper(function: Callable, info: Any, hook_name: str, failures: list[str], credit: dict, kept: list) -> Callable:
    who = f"plugin {info.describe()} failed in its {hook_name} wrapper"

    def guarded(*args: Any):
        try:
            generator = plugin_guard.call(who, function, *args)
            first = plugin_guard.call(who, next, generator)
        except PluginError as error:
            failures.append(str(error))
            return (yield)  # this wrapper is left out: what the others return passes through unchanged
        received = yield first
        try:
            plugin_guard.call(who, generator.send, received, passes=(StopIteration,))
        except StopIteration as stop:
            result = stop.value
        except PluginError as error:
            failures.append(str(error))
            return received
        else:
            try:
                plugin_guard.call(who, generator.close)
            except PluginError:
                pass  # already reported below as a wrapper that does not end
            failures.append(f"plugin {info.describe()}'s {hook_name} wrapper yielded more than once; left out")
            return received
        if isinstance(result, list):
            kept.append(result)
            for items in result:
                for item in items if isinstance(items, (list, tuple)) else ():
                    credit.setdefault(id(item), info)
        return result

    return guarded
