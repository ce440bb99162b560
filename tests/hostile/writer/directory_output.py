"""A folder is named as the output file."""


def run(h):
    h.path("results/keep").write_text("")
    h.ratings("evaluate", h.example(), "-o", "results").refused("output-not-a-file", "a folder")
    h.ratings("diff", "hmip-crc@2018", "hmip-crc@2019", "-o", "results").refused("output-not-a-file")
    assert (h.folder / "results").is_dir()
