"""What an evaluation decided: how each standard was rated, step by step, and the whole evaluation.

Built by evaluate.evaluate; read by the result document (reports.result) and the analyses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..extension import Indicative, KeyQuestionResult, ModerationOutcome
from ..model.framework import Framework, Standard
from ..plugin_host.registry import PluginInfo
from ..record_classes import record
from . import discretion as discretion_rules
from .published import Published
from .tally import PromptResult, SampleTally

if TYPE_CHECKING:
    from .areas import AreaResult
    from .overall import UnratedRule


@record
class StandardResult:
    """How one standard was rated, step by step."""

    standard: Standard
    key_questions: tuple[KeyQuestionResult, ...]
    indicative: Indicative
    moderation: ModerationOutcome | None
    eligibility: discretion_rules.Eligibility
    exercised: discretion_rules.Exercised | None
    rating: str | None
    score: int | None
    judgement: Mapping[str, Any] | None
    #: The inspection's reason for leaving the standard unrated on purpose, as its framework allows; None otherwise.
    unrated_on_purpose: str | None = None
    published: Published | None = None

    @property
    def rated(self) -> bool:
        return self.rating is not None


@record
class Evaluation:
    """The whole evaluation of one inspection under one framework version."""

    framework: Framework
    provider: str
    fieldwork_start: str
    standards: tuple[StandardResult, ...]
    score: int
    max_score: int
    rating: str | None
    samples: Mapping[str, SampleTally]
    plugins: tuple[PluginInfo, ...]
    warnings: tuple[dict, ...] = ()
    input_sha256: str | None = None
    notes: str | None = None
    #: The overall rule that applied because counted standards are not rated, where the result says so.
    unrated_rule: UnratedRule | None = None
    #: Each area's rating, where the framework has areas.
    areas: tuple[AreaResult, ...] = ()
    #: The inspections whose cases were pooled, as the result document records them.
    pooled_from: tuple[Mapping[str, Any], ...] = ()
    published_overall: Mapping[str, Any] | None = None
    #: Where a lenient evaluation found figures missing that this version rates on (see run.UNAVAILABLE).
    unavailable: tuple[str, ...] = ()

    def standard(self, standard_id: str) -> StandardResult:
        return next(s for s in self.standards if s.standard.id == standard_id)

    @property
    def prompts(self) -> dict[str, PromptResult]:
        return {pid: p for tally in self.samples.values() for pid, p in tally.prompts.items()}
