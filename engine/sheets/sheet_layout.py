"""The sheets and columns a framework version calls for, and what each column allows.

The template is made from this layout and the import reads against it, so that a workbook read
back is checked against exactly what it was made to hold. Headers are ids (a key question's id, a
case attribute's id), never wording, so that a header matches exactly or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.conditions import describe
from ..model.framework import Framework, KeyQuestion, Prompt, Sample, Standard

if TYPE_CHECKING:
    from ..plugin_host.registry import Registry

ABOUT = "About"
INSPECTION = "inspection"
CASE = "case"
#: The About sheet's labels the import reads back: which version the workbook was made from.
FRAMEWORK_LABEL = "Framework"
SHA256_LABEL = "Framework SHA-256"
#: What a boolean cell holds in the template's drop-down and in the inspection file.
BOOLEANS = ("true", "false")
PROMPT_ANSWERS = ("yes", "no", "n/a")
#: Each kind of cell and what fills it: cases hold answers and attributes; the other sheets, records.
ANSWER, ATTRIBUTE, TEXT, RATING, INTEGER, BOOLEAN, DATE, STANDARD, TITLE = (
    "answer", "attribute", "text", "rating", "integer", "boolean", "date", "standard", "title")


@dataclass(frozen=True)
class Column:
    """One column: its header (an id), what its cells hold, the values allowed, and the header's note."""

    id: str
    kind: str
    note: str
    allowed: tuple[str, ...] = ()
    #: Whether a row that records anything must fill it (a judgement's rating); case answers are checked by the engine.
    required: bool = False
    width: int = 10
    #: Where the value goes in the inspection: 'key_questions', 'prompts', 'attributes', or a record's field.
    field: str = ""


@dataclass(frozen=True)
class Sheet:
    """One sheet: a case sample's cases, a kind of record keyed by standard, or the inspection's own fields."""

    name: str
    kind: str  # 'cases', 'records' or 'inspection'
    #: Where its rows go in the inspection: 'samples', 'judgements', 'moderation', 'discretion', 'not_rated';
    #: '' for the inspection's own fields.
    section: str
    columns: tuple[Column, ...]
    #: The sample whose cases it holds (cases sheets).
    sample: str | None = None
    #: Rows the template fills in: the standards a record is expected for, with their titles.
    rows: tuple[tuple[str, ...], ...] = ()

    def column(self, header: str) -> Column | None:
        return next((c for c in self.columns if c.id == header), None)


def case_samples(framework: Framework) -> tuple[Sample, ...]:
    """The samples judged case by case in an inspection itself (a pooled sample's cases come from other inspections)."""
    used = {s.sample for s in framework.standards if s.counted_key_questions}
    return tuple(s for s in framework.samples.values() if s.id in used and not s.pooled)


def layout(framework: Framework, registry: Registry, samples: tuple[str, ...] = ()) -> tuple[Sheet, ...]:
    """Every sheet FRAMEWORK calls for, in the order of the workbook: the inspection, the case samples (only SAMPLES, if
    given), then the judgements, moderation, discretion and standards not rated, where the framework has any."""
    chosen = [s for s in case_samples(framework) if not samples or s.id in samples]
    return (_inspection_sheet(framework), *(cases_sheet(framework, s) for s in chosen), *_record_sheets(framework, registry))


def _inspection_sheet(framework: Framework) -> Sheet:
    columns = (
        Column("provider", TEXT, "The inspected provider, for example 'South Yorkshire CRC'.", required=True, width=30),
        Column("fieldwork_start", DATE, "The date fieldwork started, as YYYY-MM-DD (a date cell is read as its date).",
               required=True, width=16),
        Column("framework", TEXT, f"The framework version this workbook was made from: {framework.ref}. Leave it as it is.", width=18),
        Column("notes", TEXT, "Anything a reader of the inspection should know (may be left empty).", width=40),
    )
    return Sheet(INSPECTION, "inspection", "", columns, rows=(("", "", framework.ref, ""),))


def cases_sheet(framework: Framework, sample: Sample) -> Sheet:
    """The sheet of SAMPLE's cases: the case's reference, its attributes, then each key question followed by its prompts."""
    columns = [Column(CASE, TEXT, f"The case's reference, unique in the workbook. One row per case of the sample "
                                  f"'{sample.label}'.", required=True, width=14)]
    for attribute in sample.attributes.values():
        allowed = BOOLEANS if attribute.type == "boolean" else attribute.values
        columns.append(Column(attribute.id, ATTRIBUTE, f"{attribute.description}\nAllowed: {', '.join(allowed)}.",
                              allowed, width=max(12, len(attribute.id) + 2), field="attributes"))
    for question in framework.key_questions_of_sample(sample.id):
        asked = _asked_of(framework, sample, question, question.sub_sample)
        columns.append(Column(question.id, ANSWER, _question_note(question, asked), question.answers, field="key_questions"))
        for prompt in question.prompts:
            columns.append(Column(prompt.id, ANSWER, _prompt_note(framework, sample, question, prompt), PROMPT_ANSWERS,
                                  width=9, field="prompts"))
    return Sheet(sample.id, "cases", "samples", tuple(columns), sample=sample.id)


def _question_note(question: KeyQuestion, asked: str) -> str:
    answers = ", ".join(question.answers)
    return (f"Key question {question.id}: {question.text}\nAnswers: {answers}.{asked}\n"
            "Leave the cell empty only where the question is not asked of the case: an empty cell is never a 'no'.")


def _prompt_note(framework: Framework, sample: Sample, question: KeyQuestion, prompt: Prompt) -> str:
    asked = _asked_of(framework, sample, question, prompt.sub_sample or question.sub_sample)
    return (f"Prompt {prompt.id} (under key question {question.id}): {prompt.text}\nAnswers: {', '.join(PROMPT_ANSWERS)}.{asked}\n"
            "Prompts are reported, not counted in the rating; leave the cell empty where it was not recorded.")


def _asked_of(framework: Framework, sample: Sample, question: KeyQuestion, sub_sample: str | None) -> str:
    """Which cases a question is asked of, in words, where not all: ' Asked only of cases where harm_factors is true ...'."""
    words = ""
    if question.question_set is not None:
        chosen = next((s for s in sample.question_sets if s.id == question.question_set), None)
        if chosen is not None:
            words += (f"\nAsked only of cases in the question set '{chosen.id}' ({chosen.description}): cases where "
                      f"{describe(chosen.when)}.")
    if sub_sample is not None and sub_sample in framework.sub_samples:
        rule = framework.sub_samples[sub_sample]
        words += (f"\nAsked only of cases where {describe(rule.when)} (the sub-sample '{rule.id}'); an answer for any "
                  "other case is ignored, with a warning.")
    return words


def _record_sheets(framework: Framework, registry: Registry) -> list[Sheet]:
    """The judgements, moderation, discretion and standards not rated: a row per standard each may be recorded for."""
    methods: Mapping = registry.rating_methods
    judged = [s for s in framework.standards if getattr(methods.get(s.rating_method), "takes_judgement", False)]
    moderated = [s for s in framework.standards if s.moderation is not None]
    discretion = [s for s in framework.standards if framework.discretion is not None and s.id in framework.discretion.standards]
    unrated = [s for s in framework.standards if _may_go_unrated(framework, s)]
    ratings = tuple(r.id for r in framework.ratings)
    rationale = Column("rationale", TEXT, "The evidence the decision rests on, briefly.", width=60, field="rationale")
    sheets = []
    if judged:
        sheets.append(_records("judgements", judged, (
            Column("rating", RATING, "The lead inspector's judgement: one of the rating scale's ids.", ratings, True, 22, "rating"),
            rationale)))
    if moderated:
        sheets.append(_records("moderation", moderated, (
            Column("proposed", INTEGER, "The lead inspector's proposal: -1 lowers the indicative rating one band, 0 leaves it, "
                                        "1 raises it. Leave the row empty where no moderation was proposed.", (), True, 10, "proposed"),
            Column("ratified", BOOLEAN, "Whether the ratings panel ratified the proposal: true or false.", BOOLEANS, True, 10, "ratified"),
            rationale)))
    if discretion:
        sheets.append(_records("discretion", discretion, (
            Column("rating", RATING, "The rating the ratings panel decided on. Leave the row empty where the panel used no "
                                     "discretion.", ratings, True, 22, "rating"),
            rationale,
            Column("override", BOOLEAN, "true to apply discretion where the framework's rules do not make it eligible (the "
                                        "result flags it); otherwise leave it empty.", BOOLEANS, False, 10, "override"))))
    if unrated:
        sheets.append(_records("not_rated", unrated, (
            Column("reason", TEXT, "Why the standard is not rated in this inspection. Leave the row empty where it is rated.",
                   (), True, 60, "reason"),)))
    return sheets


def _records(section: str, standards: list[Standard], fields: tuple[Column, ...]) -> Sheet:
    ids = tuple(s.id for s in standards)
    columns = (Column("standard", STANDARD, "The standard's id (filled in).", ids, True, 10),
               Column("title", TITLE, "The standard's title, for reference: not read back.", width=36), *fields)
    return Sheet(section.replace("_", "-"), "records", section, columns, rows=tuple((s.id, s.title) for s in standards))


def _may_go_unrated(framework: Framework, standard: Standard) -> bool:
    domain = next(d for d in framework.domains if standard in d.standards)
    return standard.may_go_unrated is not None or domain.may_go_unrated is not None
