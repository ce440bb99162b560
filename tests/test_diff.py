"""`ratings diff`: what changed between two framework versions, in JSON data and in a briefing's words."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest

from ratings_engine.model import diff as diff_module
from ratings_engine.model.diff import plain
from ratings_engine.model.load import framework_from_bytes, load_framework
from ratings_engine.plugin_host.registry import load_registry
from ratings_engine.plugins.diff_text import render_diff_text

from support import CRC_2019


def diff_frameworks(old, new):
    """The diff as `ratings diff` gives it: rating methods and moderation worded by the built-in plugins."""
    return diff_module.diff_frameworks(old, new, load_registry().describe)


@pytest.fixture(scope="module")
def crc():
    from ratings_engine.plugin_host.registry import load_registry

    return load_framework(CRC_2019, load_registry())


@pytest.fixture
def crc_changed(registry):
    """Build hmip-crc@2019 changed by a function given to it, as another version of the same family."""

    def build(change):
        document = json.loads(CRC_2019.read_text(encoding="utf-8"))
        change(document)
        return framework_from_bytes(json.dumps(document).encode(), "crc-changed.json", registry)

    return build


def _standard(document: dict, standard_id: str) -> dict:
    return next(s for d in document["domains"] for s in d["standards"] if s["id"] == standard_id)


def _question(document: dict, question_id: str) -> dict:
    standard = _standard(document, question_id.rsplit(".", 1)[0])
    return next(q for q in standard["key_questions"] if q["id"] == question_id)


def _rules(diff: dict, kind: str) -> list[dict]:
    return [rule for rule in diff["rules"] if rule["rule"] == kind]


def _assert_text_mentions_everything(diff: dict) -> str:
    text = render_diff_text(diff)
    for part in ("domains", "standards", "key_questions", "prompts"):
        for kind in ("added", "removed", "reworded"):
            for entry in diff[part][kind]:
                assert entry["id"] in text, entry
    for rule in diff["rules"]:
        assert rule["change"][1:] in text, rule
    for change in diff["metadata"]:
        assert str(change["to"]) in text
    return text


def test_identical_frameworks_give_an_empty_diff(framework_factory, crc):
    """Two identical versions differ in nothing, and the briefing says so in one line."""
    for framework in (framework_factory(), crc):
        diff = diff_frameworks(framework, framework)
        assert diff["metadata"] == [] and diff["rules"] == []
        for part in ("domains", "standards", "key_questions", "prompts"):
            assert diff[part] == {"added": [], "removed": [], "reworded": []}
        assert diff["summary"]["total"] == 0
        assert "No changes" in render_diff_text(diff)


def test_from_and_to_identify_each_version(framework_factory):
    """'from' and 'to' give each version's id, version, title, status and SHA-256."""
    old = framework_factory(lambda d: d.update(version="0", status="reconstructed"))
    new = framework_factory()
    diff = diff_frameworks(old, new)
    assert diff["from"] == {"id": "mini", "version": "0", "title": old.title, "status": "reconstructed", "sha256": old.sha256}
    assert diff["to"]["version"] == "1" and diff["to"]["sha256"] == new.sha256
    text = render_diff_text(diff)
    assert text.startswith("Changes from mini@0 (reconstructed) to mini@1 (published)\n")
    assert "mini@0 is reconstructed: its rules are inferred from published evidence." in text


def test_metadata_changes(framework_factory):
    """Title, status, effective dates and description are reported field by field."""
    def change(d):
        d.update(title="A renamed framework", status="provisional", effective_to="2021-03-31", description="Round two.")
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    assert diff["metadata"] == [
        {"field": "title", "from": "A minimal test framework", "to": "A renamed framework"},
        {"field": "status", "from": "published", "to": "provisional"},
        {"field": "effective_to", "from": None, "to": "2021-03-31"},
        {"field": "description", "from": None, "to": "Round two."},
    ]
    text = _assert_text_mentions_everything(diff)
    assert "- Effective to: was not set, now '2021-03-31'" in text
    assert "mini@1 is provisional: its rules rest on stated assumptions." in text


def test_standard_added_removed_and_reworded(framework_factory):
    """Standards matched by id: a new id is added, a lost one removed, a changed title or statement reworded."""
    def change(d):
        d["domains"][0]["standards"][0]["title"] = "Leadership and vision"
        d["domains"][1]["standards"][0]["statement"] = "Assessment is well informed."
        d["domains"][0]["standards"].append({
            "id": "1.2", "title": "Staff", "statement": "Staff are empowered.", "rating_method": "lead-inspector-judgement",
            "key_questions": [{"id": "1.2.1", "text": "Are there enough staff?", "evidence": "qualitative"}]})
        d["overall"]["bands"][-1]["to"] = 9
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    assert diff["standards"]["added"] == [{"id": "1.2", "title": "Staff", "statement": "Staff are empowered.", "domain": "1"}]
    assert diff["standards"]["reworded"] == [
        {"id": "1.1", "field": "title", "from": "Leadership", "to": "Leadership and vision"},
        {"id": "2.1", "field": "statement", "from": "Assessment is good.", "to": "Assessment is well informed."},
    ]
    assert diff["key_questions"]["added"][0]["id"] == "1.2.1"
    text = _assert_text_mentions_everything(diff)
    assert "- Added standard 1.2 'Staff' (domain 1): 'Staff are empowered.'" in text
    assert "- Reworded standard 1.1 title: was 'Leadership', now 'Leadership and vision'" in text

    reverse = diff_frameworks(framework_factory(change), framework_factory())
    assert [s["id"] for s in reverse["standards"]["removed"]] == ["1.2"]
    assert "- Removed standard 1.2 'Staff' (domain 1): 'Staff are empowered.'" in render_diff_text(reverse)


def test_key_question_added_removed_and_reworded(framework_factory):
    """Key questions carry their text, standard and evidence kind; changed text is reworded."""
    def change(d):
        questions = d["domains"][1]["standards"][0]["key_questions"]
        questions[0]["text"] = "Does assessment engage the person on probation?"
        questions.append({"id": "2.1.3", "text": "Is diversity considered?", "evidence": "case-sample"})
    old, new = framework_factory(), framework_factory(change)
    diff = diff_frameworks(old, new)
    assert diff["key_questions"]["added"] == [{
        "id": "2.1.3", "text": "Is diversity considered?", "standard": "2.1", "standard_title": "Assessment",
        "evidence": "case-sample", "sub_sample": None}]
    assert diff["key_questions"]["reworded"] == [{
        "id": "2.1.1", "field": "text", "from": "Does assessment engage?", "to": "Does assessment engage the person on probation?"}]
    text = _assert_text_mentions_everything(diff)
    assert "- Added key question 2.1.3 (Assessment): 'Is diversity considered?'" in text
    assert "- Reworded key question 2.1.1: was 'Does assessment engage?', now 'Does assessment engage the person on probation?'" in text

    removed = diff_frameworks(new, old)["key_questions"]["removed"]
    assert [(q["id"], q["text"], q["standard"]) for q in removed] == [("2.1.3", "Is diversity considered?", "2.1")]
    assert "- Removed key question 2.1.3 (Assessment): 'Is diversity considered?'" in render_diff_text(diff_frameworks(new, old))


def test_prompt_added_removed_and_reworded(framework_factory):
    """Prompts matched by id: added, removed and reworded, each with its key question."""
    def old_change(d):
        d["domains"][1]["standards"][0]["key_questions"][0]["prompts"].append({"id": "2.1.1.z", "text": "Is the old form completed?"})

    def new_change(d):
        prompts = d["domains"][1]["standards"][0]["key_questions"][0]["prompts"]
        prompts[0]["text"] = "Is motivation to change analysed?"
        prompts.append({"id": "2.1.1.b", "text": "Are strengths identified?"})
    diff = diff_frameworks(framework_factory(old_change), framework_factory(new_change))
    prompts = diff["prompts"]
    assert prompts["added"] == [{"id": "2.1.1.b", "text": "Are strengths identified?", "key_question": "2.1.1", "sub_sample": None}]
    assert prompts["removed"] == [{"id": "2.1.1.z", "text": "Is the old form completed?", "key_question": "2.1.1", "sub_sample": None}]
    assert prompts["reworded"] == [
        {"id": "2.1.1.a", "field": "text", "from": "Is motivation analysed?", "to": "Is motivation to change analysed?"}]
    text = _assert_text_mentions_everything(diff)
    assert "- Added prompt 2.1.1.b: 'Are strengths identified?'" in text
    assert "- Removed prompt 2.1.1.z: 'Is the old form completed?'" in text
    assert "- Reworded prompt 2.1.1.a: was 'Is motivation analysed?', now 'Is motivation to change analysed?'" in text


def test_prompt_moved_to_another_key_question(framework_factory):
    """A prompt kept under its id but under another key question has moved.

    The framework checks number a prompt under its key question, so a move needs nested ids: here
    prompt 2.1.1.1.a may belong to key question 2.1.1 or to key question 2.1.1.1.
    """
    def change(to: int):
        def apply(d):
            questions = d["domains"][1]["standards"][0]["key_questions"]
            questions.append({"id": "2.1.1.1", "text": "Is the assessment timely?", "evidence": "case-sample"})
            questions[0]["prompts"] = [{"id": "2.1.1.a", "text": "Is motivation analysed?"}]
            questions[to].setdefault("prompts", []).append({"id": "2.1.1.1.a", "text": "Within ten days?"})
        return apply
    diff = diff_frameworks(framework_factory(change(0)), framework_factory(change(2)))
    assert diff["prompts"] == {"added": [], "removed": [], "reworded": [
        {"id": "2.1.1.1.a", "field": "key_question", "from": "2.1.1", "to": "2.1.1.1"}]}
    assert diff["rules"] == []
    assert "- Moved prompt 2.1.1.1.a from key question 2.1.1 to key question 2.1.1.1" in _assert_text_mentions_everything(diff)


def test_standard_moved_to_another_domain(framework_factory):
    """A standard whose id now sits in another domain has moved; it is neither removed nor added."""
    def change(d):
        d["domains"][1]["standards"].append(d["domains"][0]["standards"].pop())
        d["domains"][0]["standards"] = [{
            "id": "1.2", "title": "Staff", "statement": "Staff are empowered.", "rating_method": "lead-inspector-judgement",
            "key_questions": [{"id": "1.2.1", "text": "Are there enough staff?", "evidence": "qualitative"}]}]
        d["overall"]["bands"][-1]["to"] = 9
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    assert diff["standards"]["reworded"] == [{"id": "1.1", "field": "domain", "from": "1", "to": "2"}]
    assert "- Moved standard 1.1 from domain 1 to domain 2" in _assert_text_mentions_everything(diff)


def test_many_prompt_changes_are_grouped_by_key_question(crc, crc_changed):
    """A long list of prompt changes reads as one group per key question."""
    def change(d):
        for question_id in ("2.1.1", "2.1.2", "2.2.1"):
            for prompt in _question(d, question_id)["prompts"]:
                prompt["text"] += " (revised)"
    diff = diff_frameworks(crc, crc_changed(change))
    assert len(diff["prompts"]["reworded"]) > 8
    text = _assert_text_mentions_everything(diff)
    assert "- Key question 2.1.1:\n  - Reworded prompt 2.1.1.a: was " in text
    assert "- Key question 2.2.1:" in text


def test_banding_boundary_change(framework_factory):
    """Moving a band boundary changes both bands that meet there, in words and exact numbers."""
    def change(d):
        d["banding"]["bands"][1]["below"] = 62.5
        d["banding"]["bands"][2]["at_least"] = 62.5
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    banding = _rules(diff, "banding")
    assert [(r["subject"], r["from"]["below"], r["to"]["below"]) for r in banding][:1] == [("too-few", 65, 62.5)]
    assert banding[1]["subject"] == "reasonable-majority"
    assert banding[1]["from"] == {"id": "reasonable-majority", "label": "Reasonable majority", "at_least": 65, "below": 80,
                                  "rating": "good"}
    assert banding[1]["to"]["at_least"] == 62.5
    assert banding[0]["change"] == "band 'Too few' now covers at least 50% and below 62.5% (was at least 50% and below 65%)"
    _assert_text_mentions_everything(diff)


def test_banding_decision_and_display(framework_factory):
    """Deciding on the displayed percentage, and showing it differently, are rule changes."""
    def change(d):
        d["banding"]["decide_on"] = "displayed"
        d["banding"]["display"] = {"decimal_places": 1, "rounding": "half-even"}
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    assert [(r["from"], r["to"]) for r in _rules(diff, "banding")] == [
        ("exact", "displayed"),
        ({"decimal_places": 0, "rounding": "half-up"}, {"decimal_places": 1, "rounding": "half-even"})]
    _assert_text_mentions_everything(diff)


def test_not_applicable_answers_added(framework_factory):
    """Allowing 'n/a' on a key question is a change to the answers it takes."""
    def change(d):
        d["domains"][1]["standards"][0]["key_questions"][0]["answers"] = ["yes", "no", "n/a"]
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    assert diff["rules"] == [{
        "rule": "key question answers", "subject": "2.1.1",
        "change": "Assessment (2.1): key question 2.1.1 now allows the answers yes, no, n/a (was yes, no)",
        "from": {"evidence": "case-sample", "answers": ["yes", "no"]},
        "to": {"evidence": "case-sample", "answers": ["yes", "no", "n/a"]}}]
    _assert_text_mentions_everything(diff)


def test_sub_sample_rule_added_to_a_key_question(framework_factory):
    """A new sub-sample rule, and a key question and prompt now restricted by it, are all reported."""
    def change(d):
        d["samples"][0]["case_attributes"].append({"id": "custody", "type": "boolean", "description": "Released from custody."})
        d["sub_samples"].append({"id": "post-custody", "description": "released from custody",
                                 "when": {"attribute": "custody", "equals": True}})
        question = d["domains"][1]["standards"][0]["key_questions"][0]
        question["sub_sample"] = "post-custody"
        question["prompts"][0]["sub_sample"] = "harm"
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    assert [(r["rule"], r["subject"], r["from"], r["to"]) for r in diff["rules"]] == [
        ("samples", "cases", None, {"id": "custody", "type": "boolean", "values": [], "description": "Released from custody."}),
        ("sub-sample rules", "post-custody", None,
         {"id": "post-custody", "description": "released from custody", "when": {"attribute": "custody", "equals": True}}),
        ("sub-sample use", "2.1.1", None, "post-custody"),
        ("sub-sample use", "2.1.1.a", None, "harm"),
    ]
    assert _rules(diff, "sub-sample use")[0]["change"] == (
        "Assessment (2.1): key question 2.1.1 now counts only cases in the sub-sample 'post-custody', released from custody; "
        "before, all cases in its sample")
    _assert_text_mentions_everything(diff)


def test_sub_sample_rule_condition_changed(framework_factory):
    """A changed condition of a sub-sample rule is shown in words and data."""
    def change(d):
        d["sub_samples"][0]["when"] = {"not": {"attribute": "harm_factors", "equals": False}}
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    (rule,) = diff["rules"]
    assert (rule["rule"], rule["subject"]) == ("sub-sample rules", "harm")
    assert rule["to"]["when"] == {"not": {"attribute": "harm_factors", "equals": False}}
    assert "not (harm_factors is false)" in rule["change"]


def test_moderation_added(crc, crc_changed):
    """Unpaid work gaining its qualitative-evidence moderation reads as the briefing would say it."""
    old = crc_changed(lambda d: _standard(d, "4.1").pop("moderation"))
    diff = diff_frameworks(old, crc)
    (rule,) = _rules(diff, "moderation")
    assert rule["subject"] == "4.1" and rule["from"] is None
    assert rule["to"] == {"rule": "qualitative-evidence",
                          "options": {"key_question": "4.1.3", "max_bands": 1, "requires_ratification": True}}
    text = render_diff_text(diff)
    assert ("- Unpaid work (4.1): moderation added: rule 'qualitative-evidence' "
            "(key question 4.1.3, at most 1 band, ratified by the ratings panel)") in text
    removed = diff_frameworks(crc, old)
    assert _rules(removed, "moderation")[0]["change"].startswith("Unpaid work (4.1): moderation removed (was rule 'qualitative-evidence'")


def test_without_wording_rules_are_named_with_their_settings_as_written(crc, crc_changed):
    """The diff itself knows no plugin's rules: given no wording, a moderation rule is its name and settings."""
    old = crc_changed(lambda d: _standard(d, "4.1").pop("moderation"))
    (rule,) = _rules(diff_module.diff_frameworks(old, crc), "moderation")
    assert rule["change"] == ("Unpaid work (4.1): moderation added: rule 'qualitative-evidence' "
                              "(key_question \"4.1.3\", max_bands 1, requires_ratification true)")


def test_rating_method_changed(framework_factory):
    """A standard rated on its lowest key question, then by the lead inspector's judgement."""
    def old_change(d):
        standard = d["domains"][0]["standards"][0]
        standard.update(rating_method="lowest-key-question", sample="cases")
        standard["key_questions"][0]["evidence"] = "case-sample"
    diff = diff_frameworks(framework_factory(old_change), framework_factory())
    assert [(r["rule"], r["subject"], r["from"], r["to"]) for r in diff["rules"]] == [
        ("rating method", "1.1", {"method": "lowest-key-question", "options": {}}, {"method": "lead-inspector-judgement", "options": {}}),
        ("samples", "1.1", "cases", None),
        ("key question answers", "1.1.1", {"evidence": "case-sample", "answers": ["yes", "no"]},
         {"evidence": "qualitative", "answers": ["yes", "no"]}),
    ]
    assert "Leadership (1.1): key question 1.1.1 is now qualitative evidence, not counted (was judged on cases and counted)" in \
        render_diff_text(diff)
    assert diff["rules"][0]["change"] == ("Leadership (1.1): rating method is now 'lead-inspector-judgement', a single judgement "
                                          "by the lead inspector (was 'lowest-key-question', rated by its lowest key question)")
    _assert_text_mentions_everything(diff)


def test_overall_band_change(framework_factory):
    """The overall score bands are compared as a whole and shown with their ratings."""
    def change(d):
        d["overall"]["bands"][2] = {"from": 4, "to": 4, "rating": "good"}
        d["overall"]["bands"][3] = {"from": 5, "to": 6, "rating": "outstanding"}
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    (rule,) = _rules(diff, "overall bands")
    assert rule["from"][3] == {"from": 6, "to": 6, "rating": "outstanding"}
    assert rule["to"][3] == {"from": 5, "to": 6, "rating": "outstanding"}
    assert "4-4 Good; 5-6 Outstanding" in rule["change"]


def test_discretion_change(framework_factory):
    """Each discretion setting is its own change; a fractional window stays exact as a JSON number."""
    def change(d):
        d["discretion"].update(within_percentage_points=2.5, one_case_rule=False, max_bands=2, standards=["2.1", "1.1"])
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    assert [(r["from"], r["to"]) for r in _rules(diff, "discretion")] == [
        (["2.1"], ["2.1", "1.1"]), (5, 2.5), (True, False), (1, 2)]
    assert "professional discretion now also applies to 1.1" in diff["rules"][0]["change"]
    _assert_text_mentions_everything(diff)
    removed = diff_frameworks(framework_factory(), framework_factory(lambda d: d.pop("discretion")))
    assert [(r["change"], r["to"]) for r in removed["rules"]] == [("professional discretion removed", None)]


def test_rating_scale_and_samples(framework_factory):
    """Rating labels and scores, and samples, are matched by id."""
    def change(d):
        d["ratings"]["scale"][1]["label"] = "Needs improvement"
        d["samples"][0]["label"] = "Supervision cases"
    diff = diff_frameworks(framework_factory(), framework_factory(change))
    assert [(r["rule"], r["subject"]) for r in diff["rules"]] == [("rating scale", "requires_improvement"), ("samples", "cases")]
    assert diff["rules"][0]["to"] == {"id": "requires_improvement", "label": "Needs improvement", "score": 1}
    assert diff["rules"][0]["change"] == "rating 'Requires improvement' now has the label 'Needs improvement' (was 'Requires improvement')"
    _assert_text_mentions_everything(diff)


def test_comparison_and_sampling_settings_from_the_document(crc, crc_changed):
    """Comparison and sampling settings, which only the document holds, are compared as written."""
    def change(d):
        d["comparison"]["significance_level"] = 0.05
        d.pop("sampling")
    diff = diff_frameworks(crc, crc_changed(change))
    assert [(r["rule"], r["from"], r["to"]) for r in diff["rules"]] == [
        ("comparison", 0.1, 0.05),
        ("sampling", {"confidence_level_percent": 80, "margin_of_error_percentage_points": 5}, None),
    ]
    assert diff["rules"][0]["change"] == "comparison: the significance level is now 0.05 (was 0.1)"


def test_json_is_plain_and_deterministic(crc, crc_changed):
    """The diff is plain JSON (no tuples, Decimals or Fractions) and the same every time."""
    def change(d):
        d.update(version="2020", status="draft")
        d["banding"]["bands"][0]["below"] = 49.99
        d["banding"]["bands"][1]["at_least"] = 49.99
        d["discretion"]["within_percentage_points"] = 4.5
        _question(d, "4.2.1")["prompts"].pop()
        _standard(d, "4.1")["moderation"]["options"]["max_bands"] = 2
    new = crc_changed(change)
    first, second = diff_frameworks(crc, new), diff_frameworks(crc, new)
    text = json.dumps(first, indent=2)
    assert text == json.dumps(second, indent=2)
    assert json.loads(text) == first  # nothing changed type on the way through JSON
    assert render_diff_text(first) == render_diff_text(second)
    assert first["summary"] == {
        "metadata": 1, "domains": {"added": 0, "removed": 0, "reworded": 0},
        "standards": {"added": 0, "removed": 0, "reworded": 0}, "key_questions": {"added": 0, "removed": 0, "reworded": 0},
        "prompts": {"added": 0, "removed": 1, "reworded": 0}, "rules": 4, "total": 6}
    _assert_text_mentions_everything(first)
    assert "hmip-crc@2020 is draft: it is work in progress and may still change." in render_diff_text(first)


def test_plain_keeps_numbers_exact():
    """Exact numbers become JSON numbers when a float holds them exactly, else Fraction text; frozen values thaw."""
    from ratings_engine.model.framework import freeze

    assert plain(Decimal("0.1")) == 0.1 and plain(Decimal("65.0")) == 65 and isinstance(plain(Decimal("65.0")), int)
    assert plain(Fraction(129, 2)) == 64.5
    assert plain(Fraction(200, 3)) == "200/3"
    assert plain(freeze({"bands": [{"at_least": Fraction(50)}], "flag": True})) == {"bands": [{"at_least": 50}], "flag": True}
