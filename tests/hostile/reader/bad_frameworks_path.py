"""RATINGS_FRAMEWORKS_PATH names a folder that does not exist, a file, and a folder with a link back to itself.

Nothing hangs or crashes; `ratings frameworks` warns about each; evaluation goes on with the frameworks it has.
"""


def run(h):
    h.example()
    h.write("a-file.json", "{}")
    h.path("looped/inner").mkdir(parents=True)
    h.symlink("looped/inner/back", h.path("looped"))
    env = {"RATINGS_FRAMEWORKS_PATH": "nowhere:a-file.json:looped"}
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", env=env).ok()
    listed = h.ratings("frameworks", env=env).ok()
    assert "warning: nowhere: /: the frameworks folder cannot be searched: No such file or directory" in listed.stderr, listed
    assert "warning: a-file.json: /: this is a file, not a folder of framework files" in listed.stderr, listed
    assert "hmip-crc@2019" in listed.stdout
    named = h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--framework", "hmip-crc@2030", env=env)
    assert named.code == 1 and "could not be read (see `ratings frameworks`)" in named.stderr, named
