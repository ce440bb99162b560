"""An inspection that exists but cannot be read: exit 1 with a located 'unreadable' problem, like a missing one (not 2)."""

import os

import pytest


def run(h):
    # A loop of symbolic links cannot be opened, even by root.
    h.symlink("loop-a.json", h.folder / "loop-b.json")
    h.symlink("loop-b.json", h.folder / "loop-a.json")
    for command in ("validate", "evaluate", "explain", "stability"):
        h.ratings(command, "loop-a.json").refused("unreadable", "loop-a.json: /:")
        h.ratings(command, "missing.json").refused("unreadable", "missing.json: /:")
    h.ratings("compare", "loop-a.json", h.example()).refused("unreadable", "loop-a.json")
    h.ratings("evaluate", h.example(), "--previous", "loop-a.json").refused("unreadable", "loop-a.json")
    if os.geteuid() == 0:
        pytest.skip("running as root, which reads a file whatever its permissions: the chmod 000 half is not run "
                    "(the symbolic-link loop above is)")
    locked = h.example("south-yorkshire-crc-2019.json")
    locked.chmod(0)
    try:
        h.ratings("evaluate", locked).refused("unreadable", "south-yorkshire-crc-2019.json: /:", "ermission")
    finally:
        locked.chmod(0o644)
