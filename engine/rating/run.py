"""The record an evaluation keeps as it goes (see evaluate.evaluate): problems, warnings and plugins used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

from ..errors import Problem, RatingProblem
from ..model.framework import Framework
from ..plugin_host.registry import PluginInfo, Registry
from ..record_classes import record

#: Problems that only say the inspection holds data this framework version has no use for. When an
#: inspection is re-rated under another version (lenient evaluation) they are warnings instead.
IGNORABLE = frozenset({
    "unknown-key-question", "unknown-prompt", "unknown-sample", "unknown-standard", "unexpected-judgement",
    "moderation-not-allowed", "discretion-not-allowed", "discretion-ineligible", "discretion-too-far",
    "not-rated-not-allowed",
})


#: Problems that only say the inspection lacks totals this framework version rates on. When an
#: inspection is re-rated under another version (lenient evaluation) the standards that need them are
#: not rated instead, and a warning says why.
UNAVAILABLE = frozenset({"missing-result", "missing-sample", "missing-answer"})


@record(frozen=False)
class Run:
    """One evaluation's record: the problems found, the warnings, and the plugins that took part.

    In a lenient run, problems that only mean 'this version has no use for that data' are set aside
    (ignored) and missing totals leave standards unrated (unavailable), instead of stopping it.
    """

    framework: Framework
    registry: Registry
    file: str | None
    lenient: bool = False
    #: Only the ratings are wanted (a sweep's many evaluations): work that changes no rating is skipped.
    ratings_only: bool = False
    #: Discretion's eligibility is wanted only where the panel recorded a decision (ratings impact's).
    decided_only: bool = False
    #: The prompts' figures are wanted (not for ratings impact's, whose ratings no prompt changes).
    prompt_figures: bool = True
    problems: list[Problem] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    used: dict[str, PluginInfo] = field(default_factory=dict)

    ignored: dict[str, list[str]] = field(default_factory=dict)
    unavailable: list[str] = field(default_factory=list)
    #: Key questions some cases give no answer to: (how many, of how many cases in the sample).
    unanswered: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    #: Where standards' results may be taken from other evaluations of the inspection (see standard_reuse).
    reuse: Any = None

    def problem(self, code: str, where: str, message: str, hint: str | None = None) -> None:
        if self.lenient and code in IGNORABLE:
            self.ignored.setdefault(code, []).append(where)
            return
        if self.lenient and code in UNAVAILABLE:
            self.unavailable.append(where)
            return
        self.problems.append(Problem(code, message, self.file, where, hint=hint))

    def ignorable(self, error: RatingProblem) -> bool:
        return self.lenient and error.code in IGNORABLE

    def from_rating_problem(self, error: RatingProblem, default_where: str) -> None:
        self.problem(error.code, error.pointer or default_where, error.message, error.hint)

    def warn(self, code: str, message: str) -> None:
        self.warnings.append({"code": code, "message": message})

    def call(self, kind: str, name: str, function: Callable, *args: Any) -> Any:
        """Call a plugin's function; anything but a RatingProblem is the plugin's fault, and says so."""
        info = self.registry.provider(kind, name)
        if info is not None:
            self.used[info.name] = info
        return self.registry.call(kind, name, function, *args)
