"""A batch writes its results into the inspections' own folder, and is run again there: results are not inspections."""


def run(h):
    h.copy("examples/south-yorkshire-crc-2020.json", "in/a.json")
    h.copy("examples/south-yorkshire-crc-2019.json", "in/b.json")
    assert "rated 2 of 2" in h.ratings("evaluate", "in", "--output-dir", "in").ok().stderr
    again = h.ratings("evaluate", "in", "--output-dir", "in").refused("output-exists", "--force")
    assert "2 result files (NAME.result.EXT) left out" in again.stderr and "rated 0 of 2" in again.stderr
    assert "a.result.result" not in again.stderr
    forced = h.ratings("evaluate", "in", "--output-dir", "in", "--force").ok()
    assert "rated 2 of 2" in forced.stderr
    assert sorted(p.name for p in (h.folder / "in").iterdir()) == ["a.json", "a.result.json", "b.json", "b.result.json"]
