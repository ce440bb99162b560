"""The one door through which plugin code runs: importing a plugin, its hooks, and the objects they return.

Plugins are trusted code, run with the command's own rights: this is not a sandbox. What the door
promises is honest reporting. While plugin code runs, anything it prints goes to standard error, so
that a result written to standard output (``--format json``) stays what it claims to be. Anything
it raises, including ``SystemExit`` (``sys.exit``) and any other ``BaseException``, becomes a
PluginError naming the plugin, which the command line reports with exit code 1; a
``RatingProblem`` from a rating method or moderation rule is passed on, because it is a problem in
the inspection. A ``KeyboardInterrupt`` is passed on only when the person at the terminal pressed
Ctrl-C: the command line watches for the signal (watch_interrupts), so a plugin that raises
``KeyboardInterrupt`` itself cannot pass for one. Where nothing watches (the engine used as a
library), every ``KeyboardInterrupt`` is passed on, as Python would.

Output a plugin writes around Python's ``sys.stdout`` (to file descriptor 1 directly, or to
``sys.__stdout__``), and a plugin that ends the process itself (``os._exit``), are beyond any door.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from ..errors import PluginError

_watching = False
_interrupted = False


def watch_interrupts() -> None:
    """Record that Ctrl-C (SIGINT) was really pressed, so that it is told apart from a plugin raising KeyboardInterrupt."""
    global _watching
    if threading.current_thread() is not threading.main_thread():
        return  # signals are only delivered to the main thread; nothing to watch from here
    signal.signal(signal.SIGINT, _on_interrupt)
    _watching = True


def _on_interrupt(signum: int, frame: Any) -> None:
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def really_interrupted() -> bool:
    """True when a KeyboardInterrupt is to stop the program: Ctrl-C was pressed, or nothing is watching."""
    return _interrupted or not _watching


def call(who: str, function: Callable[..., Any], *args: Any, passes: tuple[type[BaseException], ...] = (),
         plugin: str | None = None) -> Any:
    """Run plugin code FUNCTION(*ARGS) with its prints on standard error; a failure becomes a PluginError.

    WHO begins the message, saying which plugin failed at what ("rating method 'x' from plugin y
    failed"); the cause follows it. PLUGIN, where known, is the plugin the PluginError is placed at.
    Exceptions of the classes in PASSES are the plugin's way of answering (a RatingProblem, say) and
    are passed on unchanged.
    """
    return call_named(lambda: (who, plugin), function, *args, passes=passes)


def call_named(named: Callable[[], tuple[str, str | None]], function: Callable[..., Any], *args: Any,
               passes: tuple[type[BaseException], ...] = ()) -> Any:
    """call(), with WHO and PLUGIN given by NAMED() and worked out only where the plugin fails.

    For calls made for every standard of every inspection, where wording the message in advance
    cost more than the call.
    """
    saved = sys.stdout
    sys.stdout = sys.stderr
    try:
        return function(*args)
    except BaseException as error:
        if passes and isinstance(error, passes):
            raise
        if isinstance(error, KeyboardInterrupt) and really_interrupted():
            raise
        who, plugin = named()
        raise PluginError(f"{who}: {cause(error)}", plugin=plugin) from None
    finally:
        sys.stdout = saved


def cause(error: BaseException) -> str:
    """What a plugin raised, on one line, even where its message is odd or cannot be shown."""
    if isinstance(error, SystemExit):
        return f"it called sys.exit({text_of(error.code)})"
    if isinstance(error, KeyboardInterrupt):
        return "it raised KeyboardInterrupt, although Ctrl-C was not pressed"
    message = text_of(error, str)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def text_of(value: Any, show: Callable[[Any], str] = repr, most: int = 300) -> str:
    """VALUE shown on one line and at most MOST characters, even where its own str() or repr() fails."""
    try:
        text = show(value)
    except BaseException as error:  # a plugin's object may refuse to be shown; that must not stop the report
        if isinstance(error, KeyboardInterrupt) and really_interrupted():
            raise
        text = f"<{type(value).__name__} that cannot be shown>"
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 3] + "..."
