"""A user sends the result to /dev/null to throw it away: the device is never replaced by a file."""

import os
import stat


def run(h):
    h.ratings("evaluate", h.example(), "-o", "/dev/null").refused("output-not-a-file", "a device", "-")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
