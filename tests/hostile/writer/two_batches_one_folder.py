"""A second batch is run into the folder of a first, without --force: every existing result is reported, none replaced."""


def run(h):
    first = h.example("south-yorkshire-crc-2020.json")
    second = h.example("south-yorkshire-crc-2019.json")
    h.ratings("evaluate", first, second, "--output-dir", "out").ok()
    results = sorted((h.folder / "out").iterdir())
    h.inputs(*results)
    again = h.ratings("evaluate", first, second, "--output-dir", "out").refused("output-exists")
    assert len([p for p in again.problems() if p["code"] == "output-exists"]) == 2
