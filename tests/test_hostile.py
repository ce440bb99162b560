"""The hostile corpus: every case under tests/hostile/DOOR/, run through the real command line.

Each case is one small script that does what a careless or hostile user would (a FIFO as an
inspection, an output onto an input, a plugin that exits at import...) and says what must happen;
the harness holds every run to the promises besides (no traceback, no hang, exit 0/1/2/130, no input
changed, no temporary file left). See tests/hostile/harness.py.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hostile.harness import Hostile, cases

HOSTILE = Path(__file__).parent / "hostile"


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"hostile_{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("case", cases(HOSTILE), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_hostile_case(case: Path, tmp_path: Path):
    module = _load(case)
    assert module.__doc__, f"{case} says in its docstring what the user does"
    module.run(Hostile(tmp_path))


def test_every_door_has_cases():
    doors = {p.parent.name for p in cases(HOSTILE)}
    assert {"reader", "writer", "plugins", "numbers", "messages", "text"} <= doors, doors
