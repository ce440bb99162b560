"""A user names /dev/full (a device on which every write fails) as the output."""

import os
import stat


def run(h):
    h.ratings("explain", h.example(), "-o", "/dev/full").refused("output-not-a-file", "/dev/full")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
