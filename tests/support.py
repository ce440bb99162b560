"""Test data shared by the test modules: paths, and the minimal framework and its inspections.

The minimal framework and the inspection builder are the ones plugin authors get from
ratings_engine.testing, so that they are tested here too.
"""

from __future__ import annotations

from pathlib import Path

from ratings_engine.testing import BANDS, InspectionBuilder, minimal_framework  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FRAMEWORKS = ROOT / "frameworks"
CRC_2019 = FRAMEWORKS / "hmip-crc" / "2019.json"
SOUTH_YORKSHIRE_2020 = EXAMPLES / "south-yorkshire-crc-2020.json"

#: An inspection of the minimal framework: one case per (2.1.1 answer, 2.1.2 answer or None, harm_factors).
cases_inspection = InspectionBuilder().cases
