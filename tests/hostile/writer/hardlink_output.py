"""The output named is a hard link to the inspection being rated: another name for the same file."""


def run(h):
    inspection = h.example()
    other_name = h.hardlink("copy.json", inspection)
    h.ratings("evaluate", inspection, "-o", other_name).refused("output-is-input", "the same file as")
    h.ratings("explain", other_name, "-o", inspection).refused("output-is-input")
