"""What changed between two framework versions, as plain JSON and as a briefing a policy officer can paste.

Parts are matched by id, as the inspectorate numbers them (standard 2.1, key question 2.1.3, prompt
2.1.3.a), so a renumbered question shows as one removed and one added. Lists follow framework order
(removed parts in the old version's order), so the same two files always give the same diff.
'source' and 'provenance' are left out: they say where a rule comes from, not what it is; but where a
part rests on several sources, a change to them is listed under 'sources' (diff_sources.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .conditions import describe
from .diff_overall import overall_rules
from .diff_sources import source_changes
from .framework import Framework, KeyQuestion, ModerationSpec, Prompt, Standard, thaw
from .proportions import fraction_text, to_fraction

PARTS = (("domains", "domain"), ("standards", "standard"), ("key_questions", "key question"), ("prompts", "prompt"))
METADATA = {"title": "Title", "status": "Status", "effective_from": "Effective from", "effective_to": "Effective to",
            "description": "Description"}
PARENTS = {"domain": "domain", "standard": "standard", "key_question": "key question"}  # a change here is a move
SETTING_WORDS = {"test": "statistical test", "significance_level": "significance level",
                 "confidence_level_percent": "confidence level (%)",
                 "margin_of_error_percentage_points": "margin of error (percentage points)"}
EVIDENCE = {"case-sample": "judged on cases and counted", "qualitative": "qualitative evidence, not counted"}
#: Words a rating method or moderation rule: (kind, name, options) -> its Description (see
#: ratings_engine.extension), as the plugin that provides it puts it. The CLI passes
#: Registry.describe; without one, rules are named with their settings as written.
Describe = Callable[[str, str, Any], Any]


def plain(value: Any) -> Any:
    """VALUE as plain JSON, with exact numbers kept exact.

    The model holds Fractions and the frozen document Decimals. A whole number becomes an int; any
    other a float only when that float reads back as exactly the same value (64.5, 0.1: any decimal
    a framework file sensibly holds), else fraction_text ('200/3'), so the diff never rounds a rule.
    """
    value = thaw(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (Fraction, Decimal)):
        exact = to_fraction(value)
        if exact.denominator == 1:
            return int(exact)
        return float(exact) if to_fraction(float(exact)) == exact else fraction_text(exact)
    return value


def diff_frameworks(old: Framework, new: Framework, wording: Describe | None = None) -> dict:
    """Every change from OLD to NEW: details, added, removed and reworded parts, and rule changes.

    WORDING words a changed rating method or moderation rule as its plugin does.
    """
    def questions(f: Framework) -> list:
        return [q for s in f.standards for q in s.key_questions]

    def value(f: Framework, name: str) -> Any:
        found: Any = f.document.get(name) if name == "description" else getattr(f, name)
        return found.isoformat() if hasattr(found, "isoformat") else found  # dates as YYYY-MM-DD

    diff: dict[str, Any] = {
        "from": _identity(old), "to": _identity(new),
        "metadata": [{"field": name, "from": value(old, name), "to": value(new, name)}
                     for name in METADATA if value(old, name) != value(new, name)],
        "domains": _parts(old.domains, new.domains, ("title",), lambda d, f: {"id": d.id, "title": d.title}),
        "standards": _parts(old.standards, new.standards, ("title", "statement", "domain"), lambda s, f: {
            "id": s.id, "title": s.title, "statement": s.statement, "domain": s.domain}, old, new),
        "key_questions": _parts(questions(old), questions(new), ("text", "standard"), lambda q, f: {
            "id": q.id, "text": q.text, "standard": q.standard, "standard_title": f.standard(q.standard).title,
            "evidence": q.evidence, "sub_sample": q.sub_sample}, old, new),
        "prompts": _parts([p for q in questions(old) for p in q.prompts], [p for q in questions(new) for p in q.prompts],
                          ("text", "key_question", "note"), lambda p, f: {
            "id": p.id, "text": p.text, "key_question": p.key_question, "sub_sample": p.sub_sample}),
        "rules": _rules(old, new, wording),
    }
    sources = source_changes(plain(old.document), plain(new.document))
    if sources:  # only where a part rests on several sources, so that other diffs keep their bytes
        diff["sources"] = sources
    diff["summary"] = {"metadata": len(diff["metadata"])} | {
        part: {kind: len(diff[part][kind]) for kind in ("added", "removed", "reworded")} for part, _ in PARTS}
    diff["summary"]["rules"] = len(diff["rules"])
    if sources:
        diff["summary"]["sources"] = len(sources)
    diff["summary"]["total"] = sum(n if isinstance(n, int) else sum(n.values()) for n in diff["summary"].values())
    return diff


def quote(text: Any) -> str:
    """A setting's text as the briefing quotes it: 'text', or "not set"."""
    return "not set" if text is None else f"'{text}'"


def _identity(f: Framework) -> dict:
    return {"id": f.id, "version": f.version, "title": f.title, "status": f.status, "sha256": f.sha256}


def _parts(old_items, new_items, fields: tuple, entry: Callable, old: Framework | None = None, new: Framework | None = None) -> dict:
    """Added, removed and reworded parts matched by id; added ones described from NEW, removed from OLD."""
    was, now = {i.id: i for i in old_items}, {i.id: i for i in new_items}
    return {
        "added": [entry(i, new) for i in new_items if i.id not in was],
        "removed": [entry(i, old) for i in old_items if i.id not in now],
        "reworded": [{"id": i.id, "field": name, "from": getattr(was[i.id], name), "to": getattr(i, name)}
                     for i in new_items if i.id in was for name in fields if getattr(was[i.id], name) != getattr(i, name)],
    }


def _rules(old: Framework, new: Framework, wording: Describe | None) -> list[dict]:
    """Rule changes: framework-wide rules first, then each standard's in framework order, then settings."""
    rules: list[dict] = []

    def add(kind: str, subject: str | None, change: str, before: Any, after: Any) -> None:
        rules.append({"rule": kind, "subject": subject, "change": change, "from": plain(before), "to": plain(after)})

    _scale_and_bands(add, old, new)
    _discretion(add, old, new)
    _samples(add, old, new)
    for standard in new.standards:
        if old.has_standard(standard.id):
            _standard_rules(add, old, new, old.standard(standard.id), standard, wording)
    overall_rules(add, old, new)
    _settings(add, old, new)
    return rules


def _scale_and_bands(add: Callable, old: Framework, new: Framework) -> None:
    """The rating scale, the bands a key question's percentage falls in, and the overall score bands."""
    label = {r.id: r.label for r in old.ratings} | {r.id: r.label for r in new.ratings}
    _matched(add, "rating scale", old.ratings, new.ratings, lambda r: {"id": r.id, "label": r.label, "score": r.score},
             lambda r: f"rating '{r.label}'", lambda r: {"has the label": f"'{r.label}'", "scores": r.score})
    order = [[r.id for r in f.ratings if other.has_rating(r.id)] for f, other in ((old, new), (new, old))]
    if order[0] != order[1]:  # the order decides what moving "one band" means
        add("rating scale", None, "the rating scale is reordered: was " + ", ".join(label[i] for i in order[0])
            + "; now " + ", ".join(label[i] for i in order[1]), order[0], order[1])
    if old.banding.decide_on != new.banding.decide_on:
        add("banding", None, f"bands are now decided on the {new.banding.decide_on} percentage (was the "
            f"{old.banding.decide_on} one)", old.banding.decide_on, new.banding.decide_on)
    shown = [{"decimal_places": b.decimal_places, "rounding": b.rounding} for b in (old.banding, new.banding)]
    if shown[0] != shown[1]:
        words = ["{decimal_places} decimal places, rounded {rounding}".format(**s) for s in shown]
        add("banding", None, f"percentages are now shown to {words[1]} (was {words[0]})", shown[0], shown[1])
    _matched(add, "banding", old.banding.bands, new.banding.bands,
             lambda b: {"id": b.id, "label": b.label, "at_least": b.at_least, "below": b.below, "rating": b.rating},
             lambda b: f"band '{b.label}'",
             lambda b: {"has the label": f"'{b.label}'", "covers": b.describe(), "gives the rating": label[b.rating]})
    # The schema allows only the 'sum-of-scores' overall method, so only the bands can change.
    bands: list[list[dict[str, Any]]] = [[{"from": b.start, "to": b.end, "rating": b.rating} for b in f.overall_bands]
                                         for f in (old, new)]
    if bands[0] != bands[1]:
        words = ["; ".join(f"{b['from']}-{b['to']} {f.rating(b['rating']).label}" for b in side)
                 for f, side in zip((old, new), bands, strict=True)]
        add("overall bands", None, f"overall score bands are now {words[1]} (were {words[0]})", bands[0], bands[1])


def _samples(add: Callable, old: Framework, new: Framework) -> None:
    """The samples, the attributes their cases record, and the sub-sample rules that read those attributes."""
    _matched(add, "samples", old.samples.values(), new.samples.values(),
             lambda s: {"id": s.id, "label": s.label, "description": s.description},
             lambda s: f"sample '{s.label}'", lambda s: {"has the label": f"'{s.label}'", "holds": quote(s.description or None)})
    for sample in new.samples.values():
        if sample.id in old.samples:
            _matched(add, "samples", old.samples[sample.id].attributes.values(), sample.attributes.values(),
                     lambda a: {"id": a.id, "type": a.type, "values": list(a.values), "description": a.description},
                     lambda a, s=sample: f"case attribute '{a.id}' of the sample '{s.label}'",
                     lambda a: {"takes": a.expected(), "records": quote(a.description)}, subject=sample.id)
    _matched(add, "sub-sample rules", old.sub_samples.values(), new.sub_samples.values(),
             lambda r: {"id": r.id, "description": r.description, "when": r.when},
             lambda r: f"sub-sample rule '{r.id}'",
             lambda r: {"admits only cases": quote(r.description), "tests whether": describe(r.when)})


def _settings(add: Callable, old: Framework, new: Framework) -> None:
    """The comparison and sampling settings, key by key; the model does not hold these, so each document is read."""
    for section in ("comparison", "sampling"):
        sides = [None if s is None else {k: v for k, v in plain(s).items() if k != "source"}
                 for s in (old.document.get(section), new.document.get(section))]
        before, after = sides
        if before is None or after is None:
            if before != after:
                add(section, None, f"{section} settings {'added' if before is None else 'removed'}", before, after)
        else:
            for key in [*after, *(k for k in before if k not in after)]:
                was, now = before.get(key), after.get(key)
                if was != now:
                    add(section, None, f"{section}: the {SETTING_WORDS.get(key, key.replace('_', ' '))} is now "
                        f"{'not set' if now is None else now} (was {'not set' if was is None else was})", was, now)


def _matched(add: Callable, kind: str, old_items, new_items, data: Callable, name: Callable, aspects: Callable,
             subject: str | None = None) -> None:
    """Added, removed and changed items of one rule, matched by id, in words and data.

    ASPECTS gives each thing a reader cares about as {verb: words}, so that a change names only what
    changed: "band 'Too few' now covers at least 50% and below 60% (was at least 50% and below 65%)".
    """
    was, now = {i.id: i for i in old_items}, {i.id: i for i in new_items}
    for key, item in now.items():
        if key not in was:
            words = "; ".join(f"{verb} {text}" for verb, text in aspects(item).items())
            add(kind, subject or key, f"{name(item)} added: it {words}", None, data(item))
        elif plain(data(was[key])) != plain(data(item)):
            before, after = aspects(was[key]), aspects(item)
            words = "; ".join(f"{verb} {after[verb]} (was {before[verb]})" for verb in after if after[verb] != before[verb])
            add(kind, subject or key, f"{name(was[key])} " + (f"now {words}" if words else "changed"), data(was[key]), data(item))
    for key, item in was.items():
        if key not in now:
            add(kind, subject or key, f"{name(item)} removed", data(item), None)


def _discretion(add: Callable, old: Framework, new: Framework) -> None:
    """Professional discretion: which standards, how near a boundary, the one-case rule, how many bands."""
    sides = [None if f.discretion is None else {
        "standards": list(f.document["discretion"]["standards"]),  # as written, not the model's unordered set
        "within_percentage_points": plain(f.discretion.within_percentage_points),
        "one_case_rule": f.discretion.one_case_rule, "max_bands": f.discretion.max_bands} for f in (old, new)]
    was, now = sides
    if was is None or now is None:
        if was != now:
            add("discretion", None, "professional discretion " + ("added" if was is None else "removed"), was, now)
        return
    gained = [s for s in now["standards"] if s not in was["standards"]]
    lost = [s for s in was["standards"] if s not in now["standards"]]
    if gained or lost:
        words = ([f"also applies to {', '.join(gained)}"] if gained else []) + ([f"no longer to {', '.join(lost)}"] if lost else [])
        add("discretion", None, "professional discretion now " + "; ".join(words), was["standards"], now["standards"])
    changes = {
        "within_percentage_points": f"professional discretion is now eligible within {now['within_percentage_points']} "
                                    f"percentage points of a band boundary (was {was['within_percentage_points']})",
        "one_case_rule": "professional discretion now " + ("also" if now["one_case_rule"] else "no longer")
                         + " applies where judging one case differently would change the rating (the one-case rule)",
        "max_bands": f"professional discretion may now move a rating at most {now['max_bands']} band{'s' * (now['max_bands'] != 1)} "
                     f"(was {was['max_bands']})",
    }
    for key, change in changes.items():
        if was[key] != now[key]:
            add("discretion", None, change, was[key], now[key])


def _standard_rules(add: Callable, old: Framework, new: Framework, was: Standard, now: Standard,
                    wording: Describe | None) -> None:
    """One standard's rules: rating method, moderation, sample, and each question's sub-sample and answers."""
    name = f"{now.title} ({now.id})"
    methods = [plain({"method": s.rating_method, "options": s.rating_options}) for s in (was, now)]
    if methods[0] != methods[1]:
        words = [f"'{m['method']}'" + (f" with {json.dumps(m['options'])}" if m["options"] else "")
                 + ("" if wording is None else f", {wording('rating method', m['method'], m['options']).summary}")
                 for m in methods]
        add("rating method", now.id, f"{name}: rating method is now {words[1]} (was {words[0]})", methods[0], methods[1])
    moderation = [None if s.moderation is None else plain({"rule": s.moderation.rule, "options": s.moderation.options})
                  for s in (was, now)]
    if moderation[0] != moderation[1]:
        worded = [None if s.moderation is None else _moderation(s.moderation, wording) for s in (was, now)]
        change = (f"moderation added: {worded[1]}" if worded[0] is None else f"moderation removed (was {worded[0]})"
                  if worded[1] is None else f"moderation changed: was {worded[0]}, now {worded[1]}")
        add("moderation", now.id, f"{name}: {change}", moderation[0], moderation[1])
    if was.sample != now.sample:
        add("samples", now.id, f"{name}: now judged on the sample {quote(now.sample)} (was {quote(was.sample)})", was.sample, now.sample)
    old_questions = {q.id: q for q in was.key_questions}
    for question in now.key_questions:
        before = old_questions.get(question.id)
        if before is None:
            continue
        old_prompts = {p.id: p for p in before.prompts}
        pairs: list[tuple[str, str, KeyQuestion | Prompt, KeyQuestion | Prompt]] = [
            (f"key question {question.id}", "all cases in its sample", before, question)]
        pairs += [(f"prompt {p.id}", "all cases of its key question", old_prompts[p.id], p)
                  for p in question.prompts if p.id in old_prompts]
        for what, everyone, part_was, part_now in pairs:
            if part_was.sub_sample != part_now.sub_sample:
                scope = [everyone if rule is None else f"only cases in the sub-sample '{rule}', {f.sub_samples[rule].description}"
                         for f, rule in ((old, part_was.sub_sample), (new, part_now.sub_sample))]
                add("sub-sample use", part_now.id, f"{name}: {what} now counts {scope[1]}; before, {scope[0]}",
                    part_was.sub_sample, part_now.sub_sample)
        if before.evidence != question.evidence or before.answers != question.answers:
            # The evidence kind decides whether answers are counted at all, so it is reported with them.
            change = (f"is now {EVIDENCE[question.evidence]} (was {EVIDENCE[before.evidence]})" if before.evidence != question.evidence
                      else f"now allows the answers {', '.join(question.answers)} (was {', '.join(before.answers)})")
            add("key question answers", question.id, f"{name}: key question {question.id} {change}",
                *({"evidence": q.evidence, "answers": list(q.answers)} for q in (before, question)))


def _moderation(spec: ModerationSpec, wording: Describe | None) -> str:
    """A moderation rule in words: rule 'NAME' (its settings as its plugin words them, then any others as written)."""
    options = plain(spec.options)
    worded = wording("moderation rule", spec.rule, options) if wording is not None else None
    words = list(worded.settings) if worded is not None else []
    words += [f"{key} {json.dumps(value)}" for key, value in options.items() if worded is None or key not in worded.worded]
    return f"rule '{spec.rule}'" + (f" ({', '.join(words)})" if words else "")
