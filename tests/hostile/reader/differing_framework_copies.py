"""Two files claim hmip-crc@2019 with different contents (an edited copy on the search path, and the installed one).

Neither is used by name or date; the message names both files, and asks nobody to delete or renumber a published version.
"""


def run(h):
    h.example()
    original = h.copy("frameworks/hmip-crc/2019.json", "mine/hmip-crc/2019.json")
    h.write("mine/hmip-crc/2019.json", original.read_bytes().replace(b'"title": "HM', b'"title": "Edited HM', 1))
    env = {"RATINGS_FRAMEWORKS_PATH": "mine"}
    for outcome in (h.ratings("frameworks", env=env), h.ratings("evaluate", "south-yorkshire-crc-2020.json", env=env)):
        assert outcome.code == 1, outcome
        assert "hmip-crc@2019 is claimed by more than one file: mine/hmip-crc/2019.json, " in outcome.stderr, outcome
        assert "frameworks/hmip-crc/2019.json" in outcome.stderr.split("more than one file:")[1], outcome
        assert "--framework FILE" in outcome.stderr, outcome
        for word in ("remove", "delete", "renumber"):
            assert word not in outcome.stderr.lower(), outcome
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--framework", "mine/hmip-crc/2019.json", env=env).ok()
