"""A percentage with 200,000 decimal places: refused with its place, before any report tries to print it."""

TTG = '"4.2.2": {\n          "percent": '


def run(h):
    text = h.example().read_text("utf-8")
    assert TTG + "90" in text
    h.write("inspection.json", text.replace(TTG + "90", TTG + "89." + "9" * 200_000, 1))
    h.ratings("validate", "inspection.json").refused(
        "number-out-of-range", "/samples/through-the-gate/results/4.2.2/percent", "inspection.json:")
    h.ratings("evaluate", "inspection.json", "--format", "html").refused("number-out-of-range")
