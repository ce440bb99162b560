"""The plugin door (ratings_engine.plugin_host.plugin_guard): what plugin code raises or prints, and how it is told."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from ratings_engine.errors import PluginError, RatingProblem
from ratings_engine.plugin_host import plugin_guard


def test_prints_go_to_standard_error_and_standard_output_is_restored(capsys):
    """While plugin code runs, sys.stdout is standard error; afterwards it is standard output again, even after a failure."""
    def chatty():
        print("from the plugin")
        raise ValueError("then it fails")

    with pytest.raises(PluginError, match="^plugin p failed: ValueError: then it fails$"):
        plugin_guard.call("plugin p failed", chatty)
    print("from the engine")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("from the engine\n", "from the plugin\n")


def test_a_plugin_that_replaces_sys_stdout_does_not_keep_it():
    """A plugin that swaps sys.stdout for its own stream has it put back when its call ends."""
    before = sys.stdout
    plugin_guard.call("plugin p failed", lambda: setattr(sys, "stdout", None))
    assert sys.stdout is before


def test_what_passes_and_what_does_not():
    """A RatingProblem passes where allowed; StopIteration and GeneratorExit are failures unless allowed."""
    def refuses():
        raise RatingProblem("no judgement")

    with pytest.raises(RatingProblem):
        plugin_guard.call("x", refuses, passes=(RatingProblem,))
    with pytest.raises(PluginError, match="RatingProblem: no judgement"):
        plugin_guard.call("x", refuses)
    with pytest.raises(PluginError, match="x: GeneratorExit"):
        plugin_guard.call("x", lambda: (_ for _ in ()).throw(GeneratorExit))


def test_a_message_that_cannot_be_shown_is_still_reported():
    """An exception whose str() itself raises, or runs over many lines, is shown on one line."""
    class Odd(Exception):
        def __str__(self):
            raise RuntimeError("no")

    with pytest.raises(PluginError, match="^x: Odd: <Odd that cannot be shown>$"):
        plugin_guard.call("x", lambda: (_ for _ in ()).throw(Odd()))
    with pytest.raises(PluginError, match="^x: ValueError: one two three$"):
        plugin_guard.call("x", lambda: (_ for _ in ()).throw(ValueError("one\ntwo\n\nthree")))
    assert plugin_guard.text_of("y" * 1000).endswith("...") and len(plugin_guard.text_of("y" * 1000)) == 300


def test_keyboard_interrupt_is_passed_on_where_nothing_watches(monkeypatch):
    """The engine used as a library, with no watcher installed, passes every KeyboardInterrupt on, as Python would."""
    monkeypatch.setattr(plugin_guard, "_watching", False)
    monkeypatch.setattr(plugin_guard, "_interrupted", False)

    def interrupts():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        plugin_guard.call("x", interrupts)
    monkeypatch.setattr(plugin_guard, "_watching", True)
    with pytest.raises(PluginError, match="although Ctrl-C was not pressed"):
        plugin_guard.call("x", interrupts)


def test_a_real_ctrl_c_is_passed_on(monkeypatch):
    """A KeyboardInterrupt that a real SIGINT raised inside plugin code is not mistaken for the plugin's failure."""
    # The watcher is process-wide: it, and the signal handler it installs, are put back after the test.
    monkeypatch.setattr(plugin_guard, "_watching", False)
    monkeypatch.setattr(plugin_guard, "_interrupted", False)
    handler = signal.getsignal(signal.SIGINT)
    try:
        plugin_guard.watch_interrupts()
        with pytest.raises(KeyboardInterrupt):
            plugin_guard.call("plugin x failed", lambda: os.kill(os.getpid(), signal.SIGINT) or time.sleep(5))
        assert plugin_guard.really_interrupted()
    finally:
        signal.signal(signal.SIGINT, handler)
