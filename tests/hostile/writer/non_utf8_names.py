"""Inspection and output file names with bytes that are not UTF-8: written, and named readably."""

import os


def run(h):
    source = h.example()
    folder = os.fsencode(h.folder)
    odd = os.fsdecode(folder + b"/in/insp\xff.json")
    os.makedirs(os.fsdecode(folder + b"/in"))
    os.link(source, odd)
    done = h.ratings("evaluate", os.fsdecode(folder + b"/in"), "--output-dir", "out", "--summary", "summary.csv").ok()
    assert "rated 1 of 1" in done.stderr
    assert os.path.isfile(os.fsdecode(folder + b"/out/insp\xff.result.json"))
    wrote = h.ratings("evaluate", source, "-o", os.fsdecode(folder + b"/r\xfe.json")).ok()
    assert "wrote" in wrote.stderr and "\\xfe" in wrote.stderr
