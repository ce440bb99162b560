"""The sheets and columns a framework version calls for: what the template is made of, and what the import reads against."""

from __future__ import annotations

from ratings_engine.sheets.sheet_layout import ANSWER, ATTRIBUTE, BOOLEANS, layout

from support import ROOT

DYNAMIC = ROOT / "docs" / "examples" / "example-dynamic-framework.json"


def test_the_sheets_of_a_version_in_the_workbook_order(engine):
    sheets = layout(engine.framework("hmip-crc@2019"), engine.registry)
    assert [s.name for s in sheets] == ["inspection", "case-supervision", "unpaid-work", "through-the-gate", "judgements",
                                        "moderation", "discretion"]
    assert [s.name for s in layout(engine.framework("hmip-crc@2019"), engine.registry, ("unpaid-work",))] == [
        "inspection", "unpaid-work", "judgements", "moderation", "discretion"]


def test_a_case_sheet_has_the_reference_the_attributes_then_each_key_question_and_its_prompts(engine):
    sheet = next(s for s in layout(engine.framework("hmip-crc@2019"), engine.registry) if s.name == "case-supervision")
    ids = [c.id for c in sheet.columns]
    assert ids[:7] == ["case", "harm_factors", "supervision", "children", "2.1.1", "2.1.1.a", "2.1.1.b"]
    assert sheet.column("harm_factors").kind == ATTRIBUTE and sheet.column("harm_factors").allowed == BOOLEANS
    assert sheet.column("supervision").allowed == ("community", "post-release")
    question = sheet.column("2.1.3")
    assert question.kind == ANSWER and question.allowed == ("yes", "no")
    assert "Asked only of cases where harm_factors is true (the sub-sample 'harm-factors')" in question.note
    assert "Asked only of cases where supervision is 'post-release'" in sheet.column("2.3.1.d").note
    assert "Asked only" not in sheet.column("2.1.1").note


def test_n_a_is_offered_only_where_the_question_allows_it(engine):
    sheets = {s.name: s for s in layout(engine.framework("hmip-crc@2019"), engine.registry)}
    assert sheets["through-the-gate"].column("4.2.1").allowed == ("yes", "no", "n/a")
    assert sheets["unpaid-work"].column("4.1.1").allowed == ("yes", "no")


def test_a_question_set_is_said_in_the_note_of_the_questions_it_holds(engine):
    framework = engine.framework(str(DYNAMIC))
    sheet = next(s for s in layout(framework, engine.registry) if s.kind == "cases")
    assert "Asked only of cases in the question set 'core'" in sheet.column("1.1.1").note
    assert "contact_suspended is false" in sheet.column("1.1.1").note
    assert sheet.column("from_release").allowed == ("none", "licence", "short-licence", "pss-only")


def test_records_list_the_standards_each_may_be_kept_for(engine):
    sheets = {s.name: s for s in layout(engine.framework("hmip-crc@2019"), engine.registry)}
    assert [row[0] for row in sheets["judgements"].rows] == ["1.1", "1.2", "1.3", "1.4"]
    assert [row[0] for row in sheets["moderation"].rows] == ["4.1"]
    assert sheets["judgements"].column("rating").allowed == ("inadequate", "requires_improvement", "good", "outstanding")
    assert [c.id for c in sheets["moderation"].columns] == ["standard", "title", "proposed", "ratified", "rationale"]
    assert sheets["inspection"].rows == (("", "", "hmip-crc@2019", ""),)
