"""Built-in moderation: qualitative evidence may move an indicative rating, once ratified.

For unpaid work, key question 4.1.3 is qualitative evidence only; the lead inspector may propose
raising or lowering the indicative rating by one band, and the ratings panel ratifies or rejects
the proposal (Annexe 2, 'Rating unpaid work').
"""

from __future__ import annotations

from ratings_engine.errors import RatingProblem
from ratings_engine.extension import Description, ModerationContext, ModerationOutcome, ModerationRule
from ratings_engine.hookspecs import hookimpl

_OPTIONS = {"key_question", "max_bands", "requires_ratification"}


def moderate(context: ModerationContext) -> ModerationOutcome:
    indicative = context.indicative
    record = context.record
    if record is None:
        return ModerationOutcome(indicative.id, "no moderation decision is recorded, so the indicative rating stands")
    options = context.options
    max_bands = options.get("max_bands", 1)
    proposed = record["proposed"]
    ratified = record["ratified"]
    question = options.get("key_question")
    evidence = f"qualitative evidence ({question})" if question else "qualitative evidence"
    if abs(proposed) > max_bands:
        raise RatingProblem(
            f"moderation may move a rating at most {max_bands} band{'s' if max_bands != 1 else ''}, but {proposed:+d} is proposed",
            code="moderation-too-far", pointer=context.record_pointer + "/proposed")
    common = dict(proposed=proposed, ratified=ratified, rationale=record["rationale"])
    if proposed == 0:
        return ModerationOutcome(indicative.id, f"the ratings panel considered the {evidence} and made no change", **common)
    direction = "raise" if proposed > 0 else "lower"
    if options.get("requires_ratification", True) and not ratified:
        return ModerationOutcome(
            indicative.id, f"a proposal to {direction} the rating on {evidence} was not ratified, so the indicative rating stands",
            **common)
    moved = context.framework.rating_at(indicative.rank + proposed)
    if moved is None:
        raise RatingProblem(
            f"moderation cannot {direction} {indicative.label} any further: it may not leave the rating scale",
            code="moderation-off-scale", pointer=context.record_pointer + "/proposed")
    word = "raised" if proposed > 0 else "lowered"
    return ModerationOutcome(moved.id, f"{word} from {indicative.label} to {moved.label} on {evidence}, ratified by the ratings panel",
                             **common)


def describe(options) -> Description:
    """The rule as a reviewer reads it, with the defaults (one band, ratification required) spelled out
    where the file is silent: the reviewer sees what the engine will do, not only what is written."""
    max_bands = options.get("max_bands", 1)
    ratify = options.get("requires_ratification", True)
    question = options.get("key_question")
    evidence = f"the qualitative evidence of key question {question}" if question else "qualitative evidence"
    sentence = (f"The lead inspector may propose raising or lowering the indicative rating by at most "
                f"{_bands(max_bands)} on {evidence}; "
                + ("the change takes effect only if the ratings panel ratifies it." if ratify
                   else "no ratification by the ratings panel is needed."))
    settings = ([f"key question {question}"] if question else []) + [
        f"at most {_bands(max_bands)}", "ratified by the ratings panel" if ratify else "no ratification needed"]
    return Description(summary="qualitative evidence may move the indicative rating", sentence=sentence,
                       settings=tuple(settings), worded=frozenset(_OPTIONS))


def _bands(count) -> str:
    return f"{count} band{'s' * (count != 1)}"


def check(standard, framework) -> list[str]:
    options = standard.moderation.options
    messages = [f"unknown setting {name!r}; known settings are {', '.join(sorted(_OPTIONS))}" for name in sorted(set(options) - _OPTIONS)]
    question = options.get("key_question")
    if question is not None:
        found = [kq for kq in standard.key_questions if kq.id == question]
        if not found:
            messages.append(f"key question {question!r} is not a key question of standard {standard.id}")
        elif found[0].counted:
            messages.append(f"key question {question} must be qualitative evidence to moderate the rating")
    max_bands = options.get("max_bands", 1)
    if not isinstance(max_bands, int) or isinstance(max_bands, bool) or max_bands < 1:
        messages.append("max_bands must be a whole number of bands, at least 1")
    if not isinstance(options.get("requires_ratification", True), bool):
        messages.append("requires_ratification must be true or false")
    return messages


@hookimpl(trylast=True)
def ratings_moderation_rules():
    return [
        ModerationRule(
            name="qualitative-evidence",
            description="Qualitative evidence may raise or lower the indicative rating by up to max_bands, "
                        "if the ratings panel ratifies the lead inspector's proposal.",
            moderate=moderate,
            check=check,
            describe=describe,
        )
    ]
