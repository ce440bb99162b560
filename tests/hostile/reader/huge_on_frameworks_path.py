"""A file over RATINGS_MAX_FILE_MB on the frameworks search path: not read, reported by `ratings frameworks` only."""


def run(h):
    h.example()
    h.write("mine/huge.json", '{"id": "huge", "version": "1", "domains": [], "notes": "' + "x" * (2 * 1024 * 1024) + '"}')
    env = {"RATINGS_FRAMEWORKS_PATH": "mine", "RATINGS_MAX_FILE_MB": "1"}
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", env=env).ok()
    listed = h.ratings("frameworks", env=env).ok()
    assert "warning: mine/huge.json: /: the file is 2.0 MB, more than the limit of 1 MB" in listed.stderr, listed
