"""Two inspections of the same file name from different folders are rated in one batch: two results, not one."""

import json


def run(h):
    h.copy("examples/south-yorkshire-crc-2020.json", "2020/insp.json")
    h.copy("examples/south-yorkshire-crc-2019.json", "2019/insp.json")
    h.example("synthetic-crc-2019.json")
    done = h.ratings("evaluate", "2020/insp.json", "2019/insp.json", "synthetic-crc-2019.json", "--output-dir", "out").ok()
    assert "rated 3 of 3" in done.stderr
    assert json.loads(h.path("out/2020/insp.result.json").read_text("utf-8"))["fieldwork_start"] == "2019-11-25"
    assert json.loads(h.path("out/2019/insp.result.json").read_text("utf-8"))["fieldwork_start"] == "2018-11-26"
    assert (h.folder / "out" / "synthetic-crc-2019.result.json").is_file()  # a name of its own keeps today's place
    # The same file named twice is rated once.
    done = h.ratings("evaluate", "2020/insp.json", "./2020/insp.json", "--output-dir", "again").ok()
    assert "rated 1 of 1" in done.stderr and (h.folder / "again" / "insp.result.json").is_file()
