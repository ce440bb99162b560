"""The studio's impact view (engine/studio/impact_view.py): which threshold its slider starts on, and how far it reaches."""

from __future__ import annotations

import json

from ratings_engine.model.load import framework_from_bytes
from ratings_engine.studio.impact_view import first_moved, sweep_choices, sweep_text

from support import CRC_2019


def crc(registry, change=None):
    """hmip-crc@2019, its bands changed by CHANGE."""
    document = json.loads(CRC_2019.read_text(encoding="utf-8"))
    if change is not None:
        change(document["banding"]["bands"])
    return framework_from_bytes(json.dumps(document).encode(), "crc.json", registry)


def good_at_70(bands):
    bands[1]["below"] = bands[2]["at_least"] = 70


def test_the_slider_starts_on_the_threshold_the_draft_moved(registry):
    origin, draft = crc(registry), crc(registry, good_at_70)
    choices = sweep_choices(draft)
    assert choices[0][0] == "bands.too-few"
    assert first_moved(choices, origin, draft) == "bands.reasonable-majority"
    assert first_moved(choices, origin, origin) == "bands.too-few"


def test_the_slider_stays_between_the_neighbouring_band_edges(registry):
    # Good from 70, in a band that ends at 80 above one that starts at 50: 10 either side would reach
    # 80, where Good would end as it starts.
    text = sweep_text("bands.reasonable-majority", crc(registry, good_at_70))
    assert text == "bands.reasonable-majority=60:79:1"
    # Where the neighbours are far enough away, the reach is 10 either side.
    assert sweep_text("bands.reasonable-majority", crc(registry)) == "bands.reasonable-majority=55:75:1"
