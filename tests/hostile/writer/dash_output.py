"""A user says -o - for standard output, as with most command-line tools: no file named '-' is made."""

import json


def run(h):
    inspection = h.example()
    done = h.ratings("evaluate", inspection, "--format", "json", "-o", "-").ok()
    assert json.loads(done.stdout)["overall"]["score"] == 20
    assert h.ratings("explain", inspection, "-o", "-").ok().stdout
    assert h.ratings("diff", "hmip-crc@2018", "hmip-crc@2019", "-o", "-").ok().stdout
    assert h.ratings("frameworks", "show", "hmip-crc@2019", "-o", "-").ok().stdout
    assert h.ratings("compare", h.example("south-yorkshire-crc-2019.json"), inspection, "-o", "-").ok().stdout
    assert not (h.folder / "-").exists()
