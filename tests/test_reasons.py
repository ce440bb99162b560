"""The reasons for a standard's rating, built once from the result document: each kind, from the examples'
result documents and from small edited copies of them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import ratings_engine
from ratings_engine.analysis.explain import explain
from ratings_engine.api import Engine
from ratings_engine.io.safe_text import markdown_text
from ratings_engine.plugins.html_charts import escape
from ratings_engine.plugins.markdown_words import sentence
from ratings_engine.reports.reasons import KINDS, Reason, reasons
from ratings_engine.reports.result import result_document

from support import EXAMPLES, ROOT

NAMES = ("south-yorkshire-crc-2019", "south-yorkshire-crc-2020", "synthetic-crc-2019", "synthetic-youth-2019")


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[str, Any]]:
    """The result document of each example inspection, under the version in force on its fieldwork date."""
    engine = Engine()
    return {name: result_document(engine.evaluate_file(EXAMPLES / f"{name}.json")) for name in NAMES}


def standard_of(document: dict[str, Any], standard_id: str) -> dict[str, Any]:
    return next(s for s in document["standards"] if s["id"] == standard_id)


def kinds(document: dict[str, Any], standard_id: str) -> list[str]:
    return [reason.kind for reason in reasons(standard_of(document, standard_id), document)]


def only(document: dict[str, Any], standard_id: str, kind: str) -> Reason:
    [found] = [r for r in reasons(standard_of(document, standard_id), document) if r.kind == kind]
    return found


def test_reason_and_reasons_are_public():
    assert ratings_engine.Reason is Reason and ratings_engine.reasons is reasons


def test_indicative_names_its_rating_and_the_key_question_that_drove_it(documents):
    assessment = standard_of(documents["south-yorkshire-crc-2020"], "2.1")
    reason = reasons(assessment, documents["south-yorkshire-crc-2020"])[0]
    assert (reason.kind, reason.rating, reason.rating_label, reason.key_question) == (
        "indicative", "requires_improvement", "Requires improvement", "2.1.1")
    assert reason.text == assessment["indicative_reason"]
    assert reason.words == f"Indicative rating Requires improvement: {assessment['indicative_reason']}"


def test_judgement_gives_the_inspector_s_rationale_and_nothing_else(documents):
    document = documents["south-yorkshire-crc-2020"]
    [reason] = reasons(standard_of(document, "1.2"), document)  # discretion does not apply: nothing more to say
    assert (reason.kind, reason.label, reason.rating_label) == ("judgement", "Lead inspector's judgement", None)
    assert reason.text == ("A stable workforce, excellent investment in developing staff, robust induction and strong "
                           "staff engagement (chapter 1.2).")


@pytest.mark.parametrize(("said", "shown"), [("not rated: too few cases (7)", "too few cases (7)"),
                                             ("too few cases (7)", "too few cases (7)")])
def test_not_rated_says_why_without_saying_not_rated_twice(documents, said, shown):
    document = copy.deepcopy(documents["south-yorkshire-crc-2020"])
    unpaid = standard_of(document, "4.1")
    unpaid.update(rating=None, rating_label="Not rated", score=None, indicative_rating=None,
                  indicative_rating_label="Not rated", indicative_reason=said, driving_key_question=None, moderation=None)
    unpaid["discretion"].update(applies=False, eligible=False, explanation="the standard is not rated, so discretion does not arise")
    assert [(r.kind, r.text) for r in reasons(unpaid, document)] == [("not_rated", shown)]


def test_boundaries_are_measured_exactly_on_the_value_decided_on(documents):
    document = documents["south-yorkshire-crc-2020"]
    assert only(document, "2.2", "boundaries").text == (
        "2.2.3 at 59% (58.8% before rounding) is 8.8 points above the 50% boundary and 6.2 points below the 65% boundary")
    assert only(document, "4.2", "boundaries").text == "4.2.3 at 86% is 6 points above the 80% boundary"  # the top band
    displayed = copy.deepcopy(document)
    displayed["banding"]["decide_on"] = "displayed"
    assert only(displayed, "2.2", "boundaries").text == (
        "2.2.3 at 59% is 9 points above the 50% boundary and 6 points below the 65% boundary")


def test_boundaries_in_the_lowest_band_and_on_a_boundary(documents):
    document = documents["south-yorkshire-crc-2019"]
    assert only(document, "2.2", "boundaries").text == "2.2.3 at 46% is 4 points below the 50% boundary"
    assert only(document, "4.1", "boundaries").text == "4.1.1 at 65% is at the 65% boundary and 15 points below the 80% boundary"


def test_no_boundaries_without_the_band_table(documents):
    """A document without its band table does not get boundaries invented for it."""
    document = copy.deepcopy(documents["south-yorkshire-crc-2020"])
    del document["banding"]
    assert "boundaries" not in kinds(document, "2.2")
    assert "boundaries" in kinds(documents["south-yorkshire-crc-2020"], "2.2")


def test_exclusions_count_the_sub_sample_where_the_counts_are_known(documents):
    reason = only(documents["south-yorkshire-crc-2020"], "2.1", "exclusions")
    assert (reason.key_question, reason.text) == (
        "2.1.3", "2.1.3 counts only the cases in its sub-sample 'harm-factors': 85 of the 100 in the sample; 15 were excluded")
    published = only(documents["south-yorkshire-crc-2019"], "2.1", "exclusions")
    assert published.text == ("2.1.3 counts only the cases in its sub-sample 'harm-factors'; how many cases were excluded "
                              "is not known (only a percentage is published)")


def test_exclusions_name_cases_judged_not_applicable(documents):
    document = documents["synthetic-crc-2019"]
    found = [r for r in reasons(standard_of(document, "4.2"), document) if r.kind == "exclusions"]
    assert [(r.key_question, r.text) for r in found] == [
        ("4.2.1", "the inspector judged 4.2.1 not applicable in 1 case, which is not counted"),
        ("4.2.2", "the inspector judged 4.2.2 not applicable in 4 cases, which are not counted"),
        ("4.2.3", "the inspector judged 4.2.3 not applicable in 1 case, which is not counted")]


def test_moderation_gives_its_reason_and_the_recorded_rationale(documents):
    document = documents["south-yorkshire-crc-2020"]
    reason = only(document, "4.1", "moderation")
    assert reason.text == ("the ratings panel considered the qualitative evidence (4.1.3) and made no change. Recorded "
                           "rationale: The ratings panel considers the range of qualitative evidence, and decided to make "
                           "no change to the provisional rating (footnote 47).")
    assert not reason.moved
    changed = copy.deepcopy(document)
    unpaid = standard_of(changed, "4.1")
    unpaid["moderation"].update(changed=True, rating="outstanding", proposed=1)
    unpaid.update(rating="outstanding", rating_label="Outstanding", score=3)
    moved = only(changed, "4.1", "moderation")
    assert (moved.moved, moved.from_label, moved.to_rating, moved.to_label) == (True, "Good", "outstanding", "Outstanding")


def test_discretion_exercised_then_why_it_was_eligible(documents):
    document = documents["south-yorkshire-crc-2020"]
    assessment = standard_of(document, "2.1")
    exercised, eligible = [r for r in reasons(assessment, document) if r.kind.startswith("discretion")]
    assert (exercised.kind, exercised.from_label, exercised.to_label, exercised.override) == (
        "discretion_exercised", "Requires improvement", "Good", False)
    assert exercised.text.startswith("the ratings panel moved the rating from Requires improvement to Good. The panel's "
                                     "reason: Professional discretion was exercised to raise the ratings for assessment")
    assert (eligible.kind, eligible.text) == ("discretion_eligible", assessment["discretion"]["explanation"])


def test_discretion_by_override_is_flagged_and_says_why_it_was_not_eligible(documents):
    document = copy.deepcopy(documents["south-yorkshire-crc-2020"])
    assessment = standard_of(document, "2.1")
    assessment["discretion"].update(eligible=False, explanation="not eligible: the key question is far from a boundary")
    assessment["discretion"]["exercised"]["override"] = True
    exercised, why = [r for r in reasons(assessment, document) if r.kind.startswith("discretion")]
    assert exercised.override and ", by override, although it is not eligible. The panel's reason:" in exercised.text
    assert (why.kind, why.text) == ("discretion_not_eligible", "not eligible: the key question is far from a boundary")


def test_discretion_not_exercised_where_eligible(documents):
    document = documents["synthetic-crc-2019"]
    reason = only(document, "2.2", "discretion_not_exercised")
    assert reason.text == "not exercised; " + standard_of(document, "2.2")["discretion"]["explanation"]
    assert reason.text.startswith("not exercised; eligible: ")


def test_discretion_not_eligible_says_why(documents):
    """Shown in every format: a ratings panel and an analyst both need to know why discretion was not available."""
    document = documents["south-yorkshire-crc-2020"]
    reason = only(document, "2.2", "discretion_not_eligible")
    assert reason.text == standard_of(document, "2.2")["discretion"]["explanation"]
    assert reason.text.startswith("not eligible: the lowest key question, 2.2.3 at 59% (58.8% before rounding), is 6.2 points")


def test_discretion_of_unknown_eligibility(documents):
    document = documents["south-yorkshire-crc-2020"]
    reason = only(document, "4.2", "discretion_eligibility_unknown")
    assert reason.text.startswith("not exercised; eligibility unknown: the lowest key question, 4.2.3 at 86%")
    exercised = only(documents["south-yorkshire-crc-2019"], "2.1", "discretion_eligible")  # exercised, and eligible
    assert exercised.text.startswith("eligible: ")


def test_reasons_come_in_the_order_of_their_kinds_and_cover_every_kind(documents):
    engine = Engine()
    # A published rating standing in for figures, one checked against them, and figures derived and assumed.
    published = [result_document(engine.evaluate_file(ROOT / "docs" / "examples" / f"{name}.json"))
                 for name in ("published-ratings-only", "published-ratings-checked", "assumed-placeholder")]
    seen = set()
    for document in [*documents.values(), *published]:
        for standard in document["standards"]:
            found = [KINDS.index(r.kind) for r in reasons(standard, document)]
            assert found == sorted(found), standard["id"]
            seen.update(KINDS[i] for i in found)
    # Only 'not rated' needs an edited document (test above): every example standard is rated. The kinds
    # for standards not rated on purpose, not counted and weighted come from docs/examples (tests/test_overall.py).
    assert seen == set(KINDS) - {"not_rated", "not_rated_on_purpose", "not_counted", "weight"}


#: The examples whose reasons every format must give alike: the shipped ones, and those of the guide's
#: example frameworks (standards not rated on purpose, not counted, weighted, and areas), each with its framework.
GUIDE = ROOT / "docs" / "examples"
PARITY = [(name, None) for name in NAMES] + [
    ("youth-overall-small-service", "youth-overall.framework.json"), ("youth-overall-full-service", "youth-overall.framework.json"),
    ("youth-areas-inspection", "youth-areas.framework.json")]


@pytest.mark.parametrize(("name", "framework"), PARITY)
def test_every_format_gives_each_standard_the_same_reasons(name, framework):
    """Text, Markdown, HTML and `ratings explain` each show every reason of every standard, in the same words
    (only laid out and escaped their own way), and the page shows no reason the others do not."""
    engine = Engine()
    if framework is None:
        evaluation = engine.evaluate_file(EXAMPLES / f"{name}.json")
    else:
        evaluation = engine.evaluate_file(GUIDE / f"{name}.json", str(GUIDE / framework))
    document = result_document(evaluation)
    registry = engine.registry
    text, markdown, page = (registry.output_formats[f].render(document) for f in ("text", "markdown", "html"))
    explained = {s["id"]: s["sentences"] for s in explain(evaluation, registry)["standards"]}
    for standard in document["standards"]:
        found = reasons(standard, document)
        assert found
        text_block = _indented_under(text, f"  {standard['id']} {standard['title']} ")
        markdown_block = _between(markdown, f"### {standard['id']} {standard['title']}\n", "\n#", "\n---")
        article = _between(page, f'<article class="standard" data-standard="{escape(standard["id"])}"', "</article>")
        for reason in found:
            assert f"      {reason.words}" in text_block
            assert f"\n- {sentence(markdown_text(reason.words))}\n" in markdown_block + "\n"
            assert f"<dt>{escape(reason.label)}</dt><dd>" in article and escape(reason.text) in article
            assert (reason.words if reason.words.endswith(".") else reason.words + ".") in explained[standard["id"]]
        assert article.count("<dt>") == len(found) + 1  # and the rating itself
        assert markdown_block.count("\n- ") == len(found)
        assert len(text_block) == len(found) + len(standard["key_questions"])


def _between(whole: str, start: str, *ends: str) -> str:
    """The part of WHOLE from START up to the first of ENDS after it (or to the end)."""
    begin = whole.index(start)
    stops = [stop for stop in (whole.find(end, begin + len(start)) for end in ends) if stop != -1]
    return whole[begin:min(stops)] if stops else whole[begin:]


def _indented_under(text: str, title: str) -> list[str]:
    """The lines of the text report under the standard whose line starts with TITLE: its reasons and key questions."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    block = []
    for line in lines[start + 1:]:
        if not line.startswith("      "):
            break
        block.append(line)
    return block
