"""Policy staff copy the bundled frameworks into their own folder, start a draft there, and point RATINGS_FRAMEWORKS_PATH at it.

The bundled hmip-crc@2019 is then found twice, byte for byte the same: one version, listed once, and
evaluation uses it as before.
"""


def run(h):
    h.example()
    h.copy("frameworks/hmip-crc/2019.json", "frameworks/hmip-crc/2019.json")
    h.copy("frameworks/hmip-crc/2018.json", "frameworks/hmip-crc/2018.json")
    h.ratings("frameworks", "new", "hmip-crc@2021", "--from", "hmip-crc@2019", "--into", "frameworks").ok()
    env = {"RATINGS_FRAMEWORKS_PATH": "frameworks"}
    listed = h.ratings("frameworks", env=env).ok()
    assert listed.stdout.count("hmip-crc@2019 ") == 1 and "hmip-crc@2021" in listed.stdout, listed
    assert "note: hmip-crc@2019 is in 2 identical files, one version: frameworks/hmip-crc/2019.json is used" in listed.stderr, listed
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", env=env).ok()
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--framework", "hmip-crc@2019", env=env).ok()
