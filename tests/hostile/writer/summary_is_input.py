"""A batch is given one of its own inspections as the --summary file: refused before anything is rated."""


def run(h):
    first = h.example("south-yorkshire-crc-2020.json")
    second = h.example("south-yorkshire-crc-2019.json")
    h.ratings("evaluate", first, second, "--output-dir", "out", "--summary", second).refused("output-is-input")
    h.ratings("evaluate", first, second, "--output-dir", "out", "--summary", second, "--force").refused("output-is-input")
    assert not (h.folder / "out").exists()  # refused before the first result
