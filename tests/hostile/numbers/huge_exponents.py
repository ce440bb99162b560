"""A published percentage typed with an absurd exponent, 1e-999999999 or 1e999999999: refused at
once with its place, not worked out for hours."""

TTG = '"4.2.2": {\n          "percent": '
POINTER = "/samples/through-the-gate/results/4.2.2/percent"


def run(h):
    text = h.example().read_text("utf-8")
    assert TTG + "90" in text
    for name, number in (("small.json", "1e-999999999"), ("large.json", "1e999999999"), ("zero.json", "0E-999999999")):
        h.write(name, text.replace(TTG + "90", TTG + number, 1))
        h.ratings("validate", name).refused("number-out-of-range", POINTER, number, f"{name}:")
        h.ratings("evaluate", name).refused("number-out-of-range", POINTER)
