"""A count of 200,000 digits (a paste gone wrong): refused with its place, not a crash on Python's limit on long integers."""


def run(h):
    text = h.example().read_text("utf-8")
    h.write("inspection.json", text.replace('"yes": 63', '"yes": ' + "7" * 200_000, 1))
    h.ratings("validate", "inspection.json").refused(
        "number-out-of-range", "/samples/case-supervision/results/2.1.1/yes", "200,000 characters")
    h.ratings("evaluate", "inspection.json", "--format", "json").refused("number-out-of-range")
