"""A batch names a summary that already exists, or a file of a framework version it would write does, without --force:
neither is replaced."""


def run(h):
    inspection = h.example()
    summary = h.write("s.csv", "an earlier summary\n")
    h.ratings("evaluate", inspection, "--output-dir", "out", "--summary", summary).refused("output-exists", "--force")
    h.write("t-hmip-crc@2019-key-questions.csv", "an earlier summary of key questions\n")
    h.ratings("evaluate", inspection, "--output-dir", "out", "--summary", "t.csv").refused("output-exists",
                                                                                          "t-hmip-crc@2019-key-questions.csv")
    assert not (h.folder / "t.csv").exists() and not (h.folder / "out").exists()  # refused before anything was rated
    # With --force, both are replaced.
    h.write("u.csv", "old\n", output=True)
    h.write("u-hmip-crc@2019-key-questions.csv", "old\n", output=True)
    h.ratings("evaluate", inspection, "--output-dir", "out", "--summary", "u.csv", "--force").ok()
    assert h.path("u.csv").read_text("utf-8-sig").startswith("file,provider")
    assert h.path("u-hmip-crc@2019-key-questions.csv").read_text("utf-8-sig").startswith("framework,")
