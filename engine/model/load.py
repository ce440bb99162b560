"""Loading a framework file: JSON, then schema, then meaning, then plugin checks, then the model."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InvalidInputError, Problem, did_you_mean
from ..io.jsonio import parse_json, placed, read_bytes, sha256
from ..io.schemas import schema_problems
from .framework import (
    Area,
    CaseAttribute,
    DiscretionRule,
    Domain,
    Framework,
    KeyQuestion,
    ModerationSpec,
    OverallBand,
    Prompt,
    QuestionSet,
    Rating,
    Sample,
    Standard,
    SubSample,
    freeze,
)
from .framework_checks import check_framework
from .proportions import Banding, shared_band, to_fraction

if TYPE_CHECKING:
    from ..plugin_host.registry import Registry


def load_framework(path: str | Path, registry: Registry | None = None) -> Framework:
    """Read, check and freeze the framework file at PATH; raises InvalidInputError listing every problem."""
    path = Path(path)
    return framework_from_bytes(read_bytes(path), str(path), registry)


def framework_from_bytes(raw: bytes, file: str, registry: Registry | None = None) -> Framework:
    """Check and freeze a framework from its bytes; problems are located by line and column in FILE."""
    try:
        return _framework_from_bytes(raw, file, registry)
    except InvalidInputError as error:
        raise placed(error, file, raw) from None


def _framework_from_bytes(raw: bytes, file: str, registry: Registry | None) -> Framework:
    document = parse_json(raw, file)
    if isinstance(document, dict) and "domains" not in document and "samples" in document:
        # An inspection named where a framework belongs: one line saying so, not a page of schema problems.
        raise InvalidInputError([Problem("not-a-framework", "this is an inspection file, not a framework (it has 'samples' "
                                         "and no 'domains')", file, "/", hint="name a framework file, or a version as ID@VERSION")])
    problems = schema_problems(document, "framework", file)
    if not problems:
        problems = check_framework(document, file)
    if problems:
        raise InvalidInputError(problems)
    framework = build_framework(document, file, sha256(raw))
    if registry is not None:
        problems = plugin_problems(framework, registry)
        if problems:
            raise InvalidInputError(problems)
    return framework


def build_framework(document: dict, file: str | None, digest: str) -> Framework:
    """The immutable model of a framework document that has passed the schema and meaning checks."""
    scale = document["ratings"]["scale"]
    banding = document["banding"]
    domains = []
    for d, domain in enumerate(document["domains"]):
        allowed = domain.get("may_go_unrated", {}).get("when")
        standards = tuple(_standard(s, domain["id"], f"/domains/{d}/standards/{i}", allowed)
                          for i, s in enumerate(domain["standards"]))
        domains.append(Domain(domain["id"], domain["title"], standards, allowed))
    discretion = document.get("discretion")
    return Framework(
        id=document["id"],
        version=document["version"],
        title=document["title"],
        status=document["status"],
        effective_from=_date(document.get("effective_from")),
        effective_to=_date(document.get("effective_to")),
        ratings=tuple(Rating(r["id"], r["label"], r["score"], i) for i, r in enumerate(scale)),
        banding=Banding(
            decide_on=banding["decide_on"],
            decimal_places=banding["display"]["decimal_places"],
            rounding=banding["display"]["rounding"],
            bands=tuple(
                shared_band(b["id"], b["label"], to_fraction(b["at_least"]),
                            to_fraction(b["below"]) if "below" in b else None, b["rating"])
                for b in banding["bands"]
            ),
        ),
        samples=freeze({
            s["id"]: Sample(s["id"], s["label"], s.get("description", ""), freeze({
                a["id"]: CaseAttribute(a["id"], a["type"], a["description"], tuple(a.get("values", ())))
                for a in s.get("case_attributes", [])
            }), s.get("pooled", False),
                tuple(QuestionSet(q["id"], q["description"], freeze(q["when"])) for q in s.get("question_sets", ())))
            for s in document["samples"]
        }),
        sub_samples=freeze({r["id"]: SubSample(r["id"], r["description"], freeze(r["when"])) for r in document["sub_samples"]}),
        domains=tuple(domains),
        discretion=None if discretion is None else DiscretionRule(
            frozenset(discretion["standards"]), to_fraction(discretion["within_percentage_points"]),
            discretion["one_case_rule"], discretion["max_bands"]),
        overall_bands=tuple(OverallBand(b["from"], b["to"], b["rating"]) for b in document["overall"]["bands"]),
        sha256=digest,
        path=file,
        caveats=tuple(document.get("caveats", ())),
        when_unrated=document["overall"].get("when_unrated"),
        areas=tuple(Area(a["id"], a["title"], tuple(a["standards"]), a["rating"]["method"],
                         tuple(OverallBand(b["from"], b["to"], b["rating"]) for b in a["rating"].get("bands", ())))
                    for a in document.get("areas", ())),
        overall_from=document["overall"].get("from", "standards"),
        document=freeze(document),
    )


def _standard(document: dict, domain: str, where: str, domain_unrated: str | None) -> Standard:
    questions = tuple(
        KeyQuestion(
            id=q["id"], text=q["text"], standard=document["id"], evidence=q["evidence"],
            answers=tuple(q.get("answers", ("yes", "no"))), sub_sample=q.get("sub_sample"),
            prompts=tuple(Prompt(p["id"], p["text"], q["id"], p.get("sub_sample"), p.get("note")) for p in q.get("prompts", [])),
            question_set=q.get("question_set"),
        )
        for q in document["key_questions"]
    )
    moderation = document.get("moderation")
    return Standard(
        id=document["id"], title=document["title"], statement=document["statement"], domain=domain,
        rating_method=document["rating_method"], rating_options=freeze(document.get("rating_options", {})),
        sample=document.get("sample"), key_questions=questions,
        moderation=None if moderation is None else ModerationSpec(moderation["rule"], freeze(moderation.get("options", {}))),
        pointer=where,
        may_go_unrated=document.get("may_go_unrated", {}).get("when", domain_unrated),
        counts_towards_overall=document.get("counts_towards_overall", True), weight=document.get("weight", 1),
    )


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def plugin_problems(framework: Framework, registry: Registry) -> list[Problem]:
    """Problems only the plugins can see: unknown rating methods or moderation rules, bad settings."""
    problems: list[Problem] = []

    def add(code: str, where: str, message: str, hint: str | None = None) -> None:
        problems.append(Problem(code, message, framework.path, where, hint=hint))

    for standard in framework.standards:
        method = registry.rating_methods.get(standard.rating_method)
        if method is None:
            add("unknown-rating-method", standard.pointer + "/rating_method",
                f"no installed plugin provides the rating method {standard.rating_method!r}",
                did_you_mean(standard.rating_method, registry.rating_methods) or
                "installed: " + ", ".join(sorted(registry.rating_methods)))
        else:
            for message in registry.call_check(method, standard, framework):
                add("rating-method-settings", standard.pointer, message)
        if standard.moderation is not None:
            rule = registry.moderation_rules.get(standard.moderation.rule)
            if rule is None:
                add("unknown-moderation-rule", standard.pointer + "/moderation/rule",
                    f"no installed plugin provides the moderation rule {standard.moderation.rule!r}",
                    did_you_mean(standard.moderation.rule, registry.moderation_rules) or
                    "installed: " + ", ".join(sorted(registry.moderation_rules)))
            else:
                for message in registry.call_check(rule, standard, framework):
                    add("moderation-settings", standard.pointer + "/moderation/options", message)
    return problems

