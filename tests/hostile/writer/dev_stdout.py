"""A user names /dev/stdout as the output (as root, this once replaced the device with a file): refused; -o - is the way."""

import os


def run(h):
    h.ratings("evaluate", h.example(), "-o", "/dev/stdout").refused("output-not-a-file", "-")
    assert os.path.islink("/dev/stdout") or not os.path.isfile("/dev/stdout")
