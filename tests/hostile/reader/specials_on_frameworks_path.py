"""A named pipe, /dev/zero and /dev/urandom sit among the framework files on RATINGS_FRAMEWORKS_PATH and --frameworks-dir.

Commands that do not need them run as usual; `ratings frameworks` lists the versions and warns about each.
"""


def run(h):
    h.example()
    h.fifo("mine/pipe.json")
    h.symlink("mine/zero.json", "/dev/zero")
    h.symlink("mine/random.json", "/dev/urandom")
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", env={"RATINGS_FRAMEWORKS_PATH": "mine"}).ok()
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--frameworks-dir", "mine").ok()
    for args, env in ((("frameworks",), {"RATINGS_FRAMEWORKS_PATH": "mine"}), (("frameworks", "--frameworks-dir", "mine"), {})):
        listed = h.ratings(*args, env=env).ok()
        assert "hmip-crc@2019" in listed.stdout, listed
        for name, kind in (("pipe.json", "a named pipe (FIFO)"), ("zero.json", "a device"), ("random.json", "a device")):
            assert any(name in line and kind in line and line.startswith("warning: ") and line.endswith("[not-a-file]")
                       for line in listed.stderr.splitlines()), listed
