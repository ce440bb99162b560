"""The disk fills while the result is written (a file size limit stands in for it): the target and the reason are named."""


def run(h):
    inspection = h.example()
    earlier = h.write("out.json", "an earlier result\n")
    done = h.ratings("evaluate", inspection, "-o", earlier, limit_file_size=4096).refused("cannot-write", "File too large")
    assert "out.json: /: cannot write the file" in done.stderr and ".tmp" not in done.stderr
    batch = h.ratings("evaluate", inspection, "--output-dir", "results", limit_file_size=4096).refused("cannot-write")
    assert "results/south-yorkshire-crc-2020.result.json" in batch.stderr and ".tmp" not in batch.stderr
    assert list((h.folder / "results").iterdir()) == []
