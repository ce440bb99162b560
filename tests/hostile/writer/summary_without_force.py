"""A batch names a summary that already exists, or whose key-question sibling does, without --force: neither is replaced."""


def run(h):
    inspection = h.example()
    summary = h.write("s.csv", "an earlier summary\n")
    h.ratings("evaluate", inspection, "--output-dir", "out", "--summary", summary).refused("output-exists", "--force")
    h.write("t-key-questions.csv", "an earlier summary of key questions\n")
    h.ratings("evaluate", inspection, "--output-dir", "out", "--summary", "t.csv").refused("output-exists", "t-key-questions.csv")
    assert not (h.folder / "t.csv").exists() and not (h.folder / "out").exists()  # refused before anything was rated
    # With --force, both are replaced.
    h.write("u.csv", "old\n", output=True)
    h.write("u-key-questions.csv", "old\n", output=True)
    h.ratings("evaluate", inspection, "--output-dir", "out", "--summary", "u.csv", "--force").ok()
    assert h.path("u.csv").read_text("utf-8").startswith("file,provider")
    assert h.path("u-key-questions.csv").read_text("utf-8").startswith("framework,")
