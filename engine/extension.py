"""What plugins provide and receive: rating methods, moderation rules and output formats.

Rating methods and moderation rules describe themselves: each may carry a ``describe`` function,
called with the settings a standard gives it, returning a :class:`Description` in the words a policy
officer reads. The engine uses that wording wherever it speaks of the rule (``ratings frameworks
show``, ``ratings diff``, ``ratings explain``, professional discretion's reasons) and never restates
a plugin's rules itself.

A plugin returns these objects from its hook implementations (see hookspecs.py). Everything a
plugin receives is read-only: the framework model is frozen and inspection records are
MappingProxyType views.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from .model.framework import Framework, Rating, Standard
from .model.proportions import Band, percent_of
from .record_classes import changed, record

#: A check receives a standard and its framework and returns messages (empty when all is well).
Check = Callable[[Standard, Framework], Sequence[str]]


@record
class KeyQuestionResult:
    """A key question's result in one inspection: how many cases were judged sufficient, of how many."""

    id: str
    text: str
    sample: str
    percent: Fraction
    band: Band
    yes: int | None = None
    of: int | None = None
    not_applicable: int | None = None
    excluded: int | None = None
    sub_sample: str | None = None
    answers_ignored: int = 0
    #: The question set whose cases alone are asked it, and how many cases of the sample answer another set.
    question_set: str | None = None
    not_in_question_set: int | None = None
    basis: str | None = None
    basis_note: str | None = None

    @property
    def counts_known(self) -> bool:
        """False where only a published percentage is known."""
        return self.yes is not None and self.of is not None

    @property
    def assumed(self) -> bool:
        """Whether the inspection marks the figure as assumed (a placeholder, neither published nor derived)."""
        return self.basis == "assumed"

    @property
    def rating(self) -> str:
        """The rating of the key question's band, for example 'good'."""
        return self.band.rating

    def with_yes(self, yes: int, framework: Framework) -> KeyQuestionResult:
        """This result as it would be with YES cases judged sufficient (of the same number)."""
        if self.of is None:
            raise ValueError(f"key question {self.id} has only a published percentage, no number of cases")
        percent = percent_of(yes, self.of)
        return changed(self, yes=yes, percent=percent, band=framework.banding.band_for(percent))


@record
class StandardContext:
    """What a rating method sees of one standard in one inspection."""

    framework: Framework
    standard: Standard
    key_questions: tuple[KeyQuestionResult, ...]
    judgement: Mapping[str, Any] | None
    judgement_pointer: str


@record
class Indicative:
    """A rating method's answer: the indicative rating, what drove it, and why, in words.

    A rating of None means the standard is not rated (for example too few cases); the reason says why.
    """

    rating: str | None
    reason: str
    driving_key_question: str | None = None


@record
class Description:
    """A rating method's or moderation rule's policy wording, for a standard that uses it with given settings.

    Attributes:
        summary: a phrase that completes "Rating: ...", for example "rated by its lowest key question".
        sentence: the whole rule in one or more sentences (what may change, by how much, on what
            evidence, whether the ratings panel must ratify it); None to let the summary stand alone.
        settings: the settings in words, one phrase each ("at most 1 band"), defaults included where
            the rule applies one the file does not write.
        worded: the names of the settings that ``settings`` puts in words; any other setting the
            standard gives is shown as written (its name and JSON value).
        driving_key_question: for a rating method, what it calls the key question whose band drives
            the rating, read after "its" or "the" ("lowest key question"); None where no single key
            question drives it.
    """

    summary: str
    sentence: str | None = None
    settings: tuple[str, ...] = ()
    worded: frozenset[str] = frozenset()
    driving_key_question: str | None = None


#: Called with a standard's settings for the rule (a read-only mapping, empty where none are given).
Describe = Callable[[Mapping[str, Any]], "Description | str"]


@record
class RatingMethod:
    """A way of reaching a standard's indicative rating, named by frameworks in 'rating_method'.

    Attributes:
        rate: called once per standard with a StandardContext; returns an Indicative, or raises
            RatingProblem when the inspection does not let it rate (for example a missing judgement).
            It may be called again with one case judged differently, to test discretion's one-case
            rule, so it must not keep state between calls.
        takes_judgement: True if the method reads the lead inspector's judgement from the inspection.
        check: optional meaning check of a standard that names this method.
        bands_only: True if the rating (not the reason) depends on nothing but the bands of the key
            questions, never on their counts or exact percentages. ratings stability then rates each
            combination of bands once instead of each combination of counts. Leave it False if unsure.
        describe: optional; called with a standard's rating_options, returns a Description (or a
            string, taken as its summary) of how the indicative rating is reached. Its
            driving_key_question names the key question the method reports in
            Indicative.driving_key_question, in professional discretion's reasons and in `ratings
            explain`. Without it the engine words the method from its name and description.
    """

    name: str
    description: str
    rate: Callable[[StandardContext], Indicative]
    takes_judgement: bool = False
    check: Check | None = None
    bands_only: bool = False
    describe: Describe | None = None


@record
class ModerationContext:
    """What a moderation rule sees: the standard, its settings, the indicative rating and the decision recorded."""

    framework: Framework
    standard: Standard
    options: Mapping[str, Any]
    indicative: Rating
    record: Mapping[str, Any] | None
    record_pointer: str


@record
class ModerationOutcome:
    """The moderated rating and, in words, what moderation did and why."""

    rating: str
    reason: str
    proposed: int | None = None
    ratified: bool | None = None
    rationale: str | None = None

    @property
    def recorded(self) -> bool:
        """True where the inspection records a moderation proposal for the standard."""
        return self.proposed is not None


@record
class ModerationRule:
    """A rule by which further evidence may move an indicative rating, named in a standard's 'moderation'.

    Attributes:
        moderate: returns a ModerationOutcome, or raises RatingProblem for a decision the rule forbids.
        check: optional meaning check of the settings of a standard that names this rule.
        describe: optional; called with a standard's moderation options, returns a Description (or
            a string, taken as its summary) whose sentence says what may be moderated, by how much,
            on what evidence and whether the ratings panel must ratify it, and whose settings word
            the options (defaults included). Without it the engine words the rule from its name and
            description.
    """

    name: str
    description: str
    moderate: Callable[[ModerationContext], ModerationOutcome]
    check: Check | None = None
    describe: Describe | None = None


#: The kinds of document a command renders, each with what it is; an OutputFormat names one in ``document``.
#: Each is described by schemas/KIND.schema.json. ('framework-outline' is the document about a
#: framework; schemas/framework.schema.json is the framework file itself, an input.)
DOCUMENTS: Mapping[str, str] = MappingProxyType({
    "result": "one inspection's ratings, step by step (ratings evaluate)",
    "explanation": "why each standard was rated as it was, in sentences (ratings explain)",
    "comparison": "an inspection beside the provider's previous one (ratings compare)",
    "framework-diff": "what changed from one framework version to another (ratings diff)",
    "rerating": "one inspection rated under two framework versions (ratings evaluate --compare-with)",
    "replay": "whether a recorded result is reproduced (ratings replay)",
    "stability": "how firm each rating is given the sample sizes (ratings stability)",
    "validation": "the problems found in framework and inspection files (ratings validate)",
    "framework-outline": "a framework version as a document to review (ratings frameworks show)",
    "framework-list": "the framework versions found (ratings frameworks)",
    "plugin-list": "the loaded plugins and what each provides (ratings plugins)",
    "impact": "what a draft framework version would change across many inspections (ratings impact)",
})


@record
class OutputFormat:
    """A way of writing a document, chosen with --format or by the output file's extension.

    Attributes:
        render: receives the document (for 'result', as in result.schema.json; for any other kind,
            as in schemas/KIND.schema.json) and returns text (bytes where ``binary``). It never
            computes a rating: everything it shows is in the document.
        document: the kind of document it renders, one of DOCUMENTS ('result' unless said): a plugin
            adds a format for `ratings diff` with document="framework-diff", exactly as one for
            `ratings evaluate`.
        binary: True for a file format whose render returns bytes (a workbook): it is written only to
            a file named with -o, never printed to a terminal.
    """

    name: str
    description: str
    render: Callable[[Mapping[str, Any]], str | bytes]
    extensions: tuple[str, ...] = ()
    document: str = "result"
    binary: bool = False
