"""The immutable model of a framework version, built once from a checked framework file.

Nothing here changes after loading: plugins and evaluation receive these objects read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import Any

from ..record_classes import record
from .proportions import Banding

CASE_SAMPLE = "case-sample"
#: How a standard or overall result without a rating is shown.
NOT_RATED = "Not rated"
#: The overall rules where a counted standard is not rated (overall.when_unrated).
NO_OVERALL_RATING = "no-overall-rating"
SCALE_BANDS = "scale-bands"
QUALITATIVE = "qualitative"
#: Completes "hmip-crc@2018 is reconstructed: ...", from the schema's meaning of each status other
#: than published.
STATUS_NOTES = {"reconstructed": "its rules are inferred from published evidence",
                "provisional": "its rules rest on stated assumptions", "draft": "it is work in progress and may still change"}


def unpublished(status: str) -> str:
    """What follows a framework version's name where it is not published: ' (draft, not published)', or nothing."""
    return "" if status == "published" else f" ({status}, not published)"


#: The types of JSON's scalars as read, returned by freeze() and thaw() as they are without asking whether
#: each is a Mapping, which costs an abstract class's check per value.
_SCALARS = frozenset({str, int, bool, float, Decimal, type(None)})


def freeze(value: Any) -> Any:
    """A read-only copy of a JSON value: mappings become MappingProxyType, lists become tuples."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, Mapping):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item) for item in value)
    return value


def thaw(value: Any) -> Any:
    """A plain JSON copy of a frozen value."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    return value


@record
class Rating:
    """One point on the rating scale, for example 'Good', scoring 2."""

    id: str
    label: str
    score: int
    rank: int


@record
class CaseAttribute:
    """A fact recorded about each case in a sample, for example whether harm factors were identified."""

    id: str
    type: str
    description: str
    values: tuple[str, ...] = ()

    def allows(self, value: Any) -> bool:
        if self.type == "boolean":
            return isinstance(value, bool)
        return isinstance(value, str) and value in self.values

    def expected(self) -> str:
        if self.type == "boolean":
            return "true or false"
        return "one of " + ", ".join(repr(v) for v in self.values)


@record
class QuestionSet:
    """The key questions some cases answer, chosen by a condition on the case's attributes (core, adjusted)."""

    id: str
    description: str
    when: Mapping[str, Any]


@record
class Sample:
    """A case sample inspectors examine, for example case supervision."""

    id: str
    label: str
    description: str
    attributes: Mapping[str, CaseAttribute]
    #: Whether its cases come from the inspections a regional inspection pools, not from that inspection.
    pooled: bool = False
    #: The sets of key questions its cases answer, each case exactly one; () where every case answers every one.
    question_sets: tuple[QuestionSet, ...] = ()


@record
class SubSample:
    """A rule admitting only some of a sample's cases to a key question or prompt."""

    id: str
    description: str
    when: Mapping[str, Any]


@record
class Prompt:
    """A detailed question under a key question; reported, never counted into a rating.

    It is counted on the cases its own sub-sample rule admits where it has one, else on those its
    key question's rule admits.
    """

    id: str
    text: str
    key_question: str
    sub_sample: str | None = None
    note: str | None = None


@record
class KeyQuestion:
    """A key question of a standard, answered per case or informed by qualitative evidence."""

    id: str
    text: str
    standard: str
    evidence: str
    answers: tuple[str, ...] = ("yes", "no")
    sub_sample: str | None = None
    prompts: tuple[Prompt, ...] = ()
    #: The question set whose cases alone are asked it; None where every case is.
    question_set: str | None = None

    @property
    def counted(self) -> bool:
        """Whether cases are counted for this question (as opposed to qualitative evidence)."""
        return self.evidence == CASE_SAMPLE


@record
class ModerationSpec:
    """The framework's moderation rule for a standard: which rule, with which settings."""

    rule: str
    options: Mapping[str, Any]


@record
class Standard:
    """A standard, its key questions, and how its rating is reached."""

    id: str
    title: str
    statement: str
    domain: str
    rating_method: str
    rating_options: Mapping[str, Any]
    sample: str | None
    key_questions: tuple[KeyQuestion, ...]
    moderation: ModerationSpec | None = None
    pointer: str = ""
    #: When the framework lets an inspection leave it unrated on purpose (its own or its domain's words); None: never.
    may_go_unrated: str | None = None
    counts_towards_overall: bool = True
    weight: int = 1

    @cached_property
    def counted_key_questions(self) -> tuple[KeyQuestion, ...]:
        # Kept once worked out (a standard never changes): read for every standard of every evaluation.
        return tuple(kq for kq in self.key_questions if kq.counted)


@record
class Domain:
    """A domain of the framework: its standards, and whether it may go unrated on purpose."""

    id: str
    title: str
    standards: tuple[Standard, ...]
    may_go_unrated: str | None = None


@record
class DiscretionRule:
    """When the ratings panel may use professional discretion, and how far."""

    standards: frozenset[str]
    within_percentage_points: Fraction
    one_case_rule: bool
    max_bands: int


@record
class OverallBand:
    """A band of overall scores, START to END inclusive, and the overall rating it gives."""

    start: int
    end: int
    rating: str


@record
class Area:
    """A broad area rated between the standards and the overall rating, from its standards' ratings."""

    id: str
    title: str
    standards: tuple[str, ...]
    method: str
    bands: tuple[OverallBand, ...] = ()

    def band(self, score: int | Fraction) -> OverallBand:
        """The area's band a SCORE falls in: the highest band whose lowest score it reaches."""
        return [b for b in self.bands if b.start <= score][-1]


@record
class Framework:
    """One version of a standards framework, checked and frozen."""

    id: str
    version: str
    title: str
    status: str
    effective_from: date | None
    effective_to: date | None
    ratings: tuple[Rating, ...]
    banding: Banding
    samples: Mapping[str, Sample]
    sub_samples: Mapping[str, SubSample]
    domains: tuple[Domain, ...]
    discretion: DiscretionRule | None
    overall_bands: tuple[OverallBand, ...]
    sha256: str
    path: str | None
    caveats: tuple[str, ...] = ()
    #: overall.when_unrated as written; None where the framework does not say (no overall rating).
    when_unrated: str | None = None
    areas: tuple[Area, ...] = ()
    #: What the overall rating is made from: 'standards', or 'areas'.
    overall_from: str = "standards"
    document: Mapping[str, Any] = field(repr=False, compare=False, default_factory=lambda: MappingProxyType({}))

    @property
    def ref(self) -> str:
        """The version as it is named, for example 'hmip-crc@2019'."""
        return f"{self.id}@{self.version}"

    @cached_property
    def kept(self) -> dict[str, Any]:
        """What the engine works out from this version once and keeps, under a name for what it is.

        A framework never changes, and an evaluation of a few hundred cases would otherwise spend a
        tenth of its time working out again what each of its samples needs (engine/rating/counting.py).
        """
        return {}

    @cached_property
    def standards(self) -> tuple[Standard, ...]:
        """Every standard, domain by domain, in the framework's order."""
        # Kept once worked out (a framework never changes): an evaluation reads it a score of times.
        return tuple(s for d in self.domains for s in d.standards)

    @cached_property
    def _standards_by_id(self) -> Mapping[str, Standard]:
        # The first of each id, as a search in order finds it (a framework repeating an id is refused by its checks).
        return MappingProxyType({s.id: s for s in reversed(self.standards)})

    def standard(self, standard_id: str) -> Standard:
        """The standard with this id, for example '2.1'."""
        found = self._standards_by_id.get(standard_id)
        return found if found is not None else next(s for s in self.standards if s.id == standard_id)  # StopIteration

    def has_standard(self, standard_id: str) -> bool:
        """Whether the framework has a standard with this id."""
        return standard_id in self._standards_by_id

    @cached_property
    def _ratings_by_id(self) -> Mapping[str, Rating]:
        return MappingProxyType({r.id: r for r in self.ratings})

    def rating(self, rating_id: str) -> Rating:
        """The point on the rating scale with this id, for example 'good'."""
        return self._ratings_by_id[rating_id]

    def label(self, rating_id: str | None) -> str:
        """The printed label of a rating id, or 'Not rated' for None."""
        return NOT_RATED if rating_id is None else self.rating(rating_id).label

    def has_rating(self, rating_id: str) -> bool:
        """Whether the rating scale has a point with this id."""
        return rating_id in self._ratings_by_id

    def rating_at(self, rank: int) -> Rating | None:
        """The rating at RANK on the scale (0 the lowest), or None off the scale: one band up is rank + 1."""
        return self.ratings[rank] if 0 <= rank < len(self.ratings) else None

    @property
    def max_score(self) -> int:
        """The highest overall score.

        Every standard that counts, at the top of the scale, each times its weight; or, where the
        overall rating is made from the areas, every area at the top of the scale.
        """
        top = max(r.score for r in self.ratings)
        if self.overall_from == "areas":
            return len(self.areas) * top
        return sum(s.weight for s in self.counted_standards) * top

    @property
    def counted_standards(self) -> tuple[Standard, ...]:
        """The standards whose scores make the overall score."""
        return tuple(s for s in self.standards if s.counts_towards_overall)

    @property
    def weighted(self) -> bool:
        """Whether any standard counts more than once towards the overall score."""
        return any(s.weight != 1 for s in self.standards)

    def key_questions_of_sample(self, sample_id: str) -> tuple[KeyQuestion, ...]:
        """The key questions counted on the sample with this id."""
        return self._key_questions_by_sample.get(sample_id, ())

    @cached_property
    def _key_questions_by_sample(self) -> dict[str | None, tuple[KeyQuestion, ...]]:
        # Worked out once for every sample (a framework never changes): an evaluation asks a score of times.
        found: dict[str | None, list[KeyQuestion]] = {}
        for standard in self.standards:
            found.setdefault(standard.sample, []).extend(standard.counted_key_questions)
        return {sample_id: tuple(questions) for sample_id, questions in found.items()}

    def overall_band(self, score: int | Fraction) -> OverallBand:
        """The overall band a total SCORE falls in: the highest band whose lowest score it reaches.

        For a whole score this is the band from..to that holds it; a scaled score (an exact fraction,
        'scale-bands') between two bands, 15 1/2 between 6-15 and 16-25, stays in the lower one.
        """
        return [b for b in self.overall_bands if b.start <= score][-1]
