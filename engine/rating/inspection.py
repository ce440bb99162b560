"""Reading an inspection file: strict JSON, then the inspection schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InvalidInputError, Problem, pointer
from ..io import limits
from ..io.jsonio import parse_json, placed, read_json
from ..io.reading import refuse_if_too_large
from ..io.schemas import schema_problems


def load_inspection(path: str | Path) -> tuple[dict[str, Any], bytes]:
    """The inspection document at PATH and its bytes; raises InvalidInputError listing every schema problem."""
    document, raw = read_json(Path(path))
    return checked_inspection(document, raw, str(path)), raw


def inspection_from_bytes(raw: bytes, file: str) -> dict[str, Any]:
    """The inspection document in RAW (an upload, named FILE in messages), checked as load_inspection checks a file."""
    refuse_if_too_large(raw, file)
    return checked_inspection(parse_json(raw, file), raw, file)


def checked_inspection(document: Any, raw: bytes, file: str) -> dict[str, Any]:
    """DOCUMENT, parsed strictly from RAW (read from FILE), checked as an inspection: the case limit, then the
    schema; raises InvalidInputError listing every problem, each placed in RAW."""
    problems = _too_many_cases(document, file) or schema_problems(document, "inspection", file)
    if problems:
        raise placed(InvalidInputError(problems), file, raw)
    return document


def _too_many_cases(document: Any, file: str) -> list[Problem]:
    # Checked before the schema check, which would otherwise walk every one of them.
    limit = limits.current().max_cases
    samples = document.get("samples") if isinstance(document, dict) else None
    problems = []
    for sample_id, sample in (samples.items() if isinstance(samples, dict) else ()):
        cases = sample.get("cases") if isinstance(sample, dict) else None
        if isinstance(cases, list) and len(cases) > limit:
            problems.append(Problem("too-many-cases", f"the sample has {len(cases)} cases, more than the limit of {limit}",
                                    file, pointer("samples", sample_id, "cases"), hint="if the file is genuine, raise RATINGS_MAX_CASES"))
    return problems


def looks_like_framework(document: Any) -> bool:
    """Whether a document is meant as a framework (it has domains) rather than an inspection."""
    return isinstance(document, dict) and "domains" in document


def kind_problem(file: str) -> Problem:
    return Problem("unknown-kind", "this is neither a framework (it has no 'domains') nor an inspection (it has no 'samples')", file,
                   hint="a framework file has 'domains'; an inspection file has 'provider', 'fieldwork_start' and 'samples'")
