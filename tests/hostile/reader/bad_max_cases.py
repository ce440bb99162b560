"""RATINGS_MAX_CASES set to a word, a float, a fraction, a negative, 0 or a number too big: a usage error naming it, nothing read."""

BAD = ("abc", "1e9", "0.5", "-1", "0", "99999999999999999999")


def run(h):
    h.example()
    for value in BAD:
        h.ratings("evaluate", "south-yorkshire-crc-2020.json", env={"RATINGS_MAX_CASES": value}).usage(
            "RATINGS_MAX_CASES", repr(value), "a whole number of")
