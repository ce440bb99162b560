"""Golden outputs of the example files of the constructs for other families (docs/examples/).

Each example is pinned through `ratings evaluate` in every built-in output format and through
`ratings explain` (text and JSON), byte for byte, in tests/golden/constructs/NAME.OUTPUT. When a
change is meant to alter them, regenerate with RATINGS_REGENERATE_GOLDEN=1 and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from ratings_engine.analysis.explain import explain
from ratings_engine.api import Engine
from ratings_engine.io.jsonio import to_json_text
from ratings_engine.plugins.analysis_text import render_explanation
from ratings_engine.reports.result import result_document

GOLDEN = Path(__file__).resolve().parent / "golden" / "constructs"
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "html": "html", "csv": "key-questions.csv",
          "csv-standards": "standards.csv", "explain-text": "explain.txt", "explain-json": "explain.json"}


def output_of(engine: Engine, inspection: Path, framework: Path, output: str) -> str:
    """The example rated under its framework, in OUTPUT: an output format's name, or explain-text / explain-json."""
    evaluation = engine.evaluate_file(inspection, str(framework))
    if output.startswith("explain-"):
        explanation = explain(evaluation, engine.registry)
        return to_json_text(explanation) if output == "explain-json" else render_explanation(explanation)
    return engine.registry.output_formats[output].render(result_document(evaluation))


def check_golden(engine: Engine, name: str, inspection: Path, framework: Path, output: str) -> None:
    """The output is byte for byte its golden file (written afresh with RATINGS_REGENERATE_GOLDEN=1)."""
    text = output_of(engine, inspection, framework, output)
    path = GOLDEN / f"{name}.{SUFFIX[output]}"
    if os.environ.get("RATINGS_REGENERATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"{path.name} differs from the golden file"
