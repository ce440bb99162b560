"""Problems found in frameworks, inspections and plugins, and the exceptions that carry them.

Every problem names the file, the JSON pointer into it and what was expected, so that the person
who wrote the file can fix it. The command line is the only place that turns these into exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field

from .record_classes import record


@record
class Problem:
    """One thing wrong with one place in one file."""

    code: str
    message: str
    file: str | None = None
    pointer: str = ""
    hint: str | None = None
    line: int | None = None
    column: int | None = None

    def location(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        # One problem, one line: control characters in keys, values or file names are shown escaped.
        from .io.safe_text import printable

        text = f"{printable(self.location())}: {printable(self.pointer) or '/'}: {printable(self.message)}"
        if self.hint:
            text += f" ({printable(self.hint)})"
        return f"{text} [{self.code}]"

    def to_dict(self) -> dict:
        from .error_codes import kind_of

        return {
            "code": self.code,
            "kind": kind_of(self.code),
            "file": self.file,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }


class RatingsError(Exception):
    """Base class of every error the engine reports to a user."""


@record(frozen=False)
class InvalidInputError(RatingsError):
    """A framework or inspection file is not valid; every problem found is listed."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__("\n".join(str(p) for p in self.problems))


class LimitSettingError(RatingsError):
    """A limit set in the environment (RATINGS_MAX_FILE_MB and the like) is not one the engine accepts.

    A usage error, like a bad option: the command line exits 2 before reading anything.
    """


class SelectionError(RatingsError):
    """A framework version could not be chosen; CODE says why (a problem code of class 'selection').

    NAMED is the framework as it was named (ID@VERSION or a file), where a command line named it;
    HINT, where there is one, says what could be used instead. Engine.choose_framework turns these
    into problems located in the inspection.
    """

    code = "framework-not-found"

    def __init__(self, message: str, *, code: str | None = None, named: str | None = None, hint: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.named = named
        self.hint = hint

    def problem(self) -> Problem:
        """The problem, located at the framework named (there is no inspection to point into)."""
        return Problem(self.code, str(self), self.named, "/", self.hint)


class FrameworkNotFoundError(SelectionError):
    """No installed or configured framework matches what was asked for, or more than one does."""


class FrameworkWindowError(SelectionError):
    """The inspection's fieldwork date is outside the effective dates of the framework version chosen or of every version."""

    code = "out-of-window"


class PluginError(RatingsError):
    """A plugin could not be loaded or misbehaved; the message names the plugin.

    PLUGIN is the plugin at fault as the engine knows it (a module given with --plugin, or
    DISTRIBUTION:NAME for an installed one), so that the command line can place the problem there:
    the fault is in the plugin's code, not in the file being read.
    """

    def __init__(self, message: str, *, plugin: str | None = None):
        super().__init__(message)
        self.plugin = plugin

    def problem(self) -> Problem:
        """The failure as a problem, located at the plugin."""
        return Problem("plugin-failed", str(self), self.plugin or "<plugin>", "/",
                       hint="the plugin's code is at fault: report it to its authors, or leave it out with RATINGS_DISABLE_PLUGINS")


class RatingProblem(Exception):
    """Raised by a rating method or moderation rule when the inspection does not let it rate.

    The engine turns it into a Problem located in the inspection file.
    """

    def __init__(self, message: str, *, code: str = "rating", pointer: str = "", hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.pointer = pointer
        self.hint = hint


def did_you_mean(name: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest known id, or None when nothing is close."""
    import difflib  # here, not at the top: only a problem's hint needs it, and every command imports this module

    matches = difflib.get_close_matches(name, sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean {matches[0]}?" if matches else None


def hint_for(name: str, choices: Iterable[str], *, most: int = 12) -> str | None:
    """A hint naming the closest known id, or else listing the known ids (the first MOST of them)."""
    choices = list(dict.fromkeys(choices))
    close = did_you_mean(name, choices)
    if close or not choices:
        return close
    shown = ", ".join(choices[:most]) + (f", ... ({len(choices)} in all)" if len(choices) > most else "")
    return f"known: {shown}"


def pointer(*parts: object) -> str:
    """A JSON pointer (RFC 6901) from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def tokens(json_pointer: str) -> list[str]:
    """The path parts a JSON pointer (RFC 6901) names, unescaped: pointer()'s reverse. '/a~1b/0' gives
    ['a/b', '0'] and '' (the whole document) gives []. '~1' is undone before '~0', so '~01' is '~1'."""
    return [token.replace("~1", "/").replace("~0", "~") for token in json_pointer.split("/")[1:]]
