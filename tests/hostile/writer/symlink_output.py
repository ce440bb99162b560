"""The output named is a symbolic link to an earlier result: the link is neither replaced nor written through."""

import os


def run(h):
    earlier = h.write("results/2020.json", "an earlier result\n")
    link = h.symlink("latest.json", earlier)
    h.ratings("evaluate", h.example(), "-o", link).refused("output-is-link", "results/2020.json")
    assert os.path.islink(link)
    dangling = h.symlink("dangling.json", h.folder / "nowhere.json")
    h.ratings("evaluate", h.example(), "-o", dangling).refused("output-is-link")
    assert os.path.islink(dangling) and not (h.folder / "nowhere.json").exists()
    # A symbolic link to the input is the input.
    inspection = h.example("south-yorkshire-crc-2019.json")
    h.ratings("evaluate", inspection, "-o", h.symlink("to-input.json", inspection)).refused("output-is-input")
