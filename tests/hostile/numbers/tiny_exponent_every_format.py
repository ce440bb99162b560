"""1E-5000 as a published percentage, through validate and then evaluate in every format: the same
located problem each time, never a crash while printing."""

TTG = '"4.2.2": {\n          "percent": '


def run(h):
    text = h.example().read_text("utf-8")
    assert TTG + "90" in text
    h.write("inspection.json", text.replace(TTG + "90", TTG + "1E-5000", 1))
    h.ratings("validate", "inspection.json").refused("number-out-of-range", "1E-5000", "/samples/through-the-gate/results/4.2.2/percent")
    for form in ("json", "text", "markdown", "csv", "html"):
        h.ratings("evaluate", "inspection.json", "--format", form).refused("number-out-of-range", "inspection.json:")
