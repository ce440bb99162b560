"""A user compares two inspections and writes the comparison over either one of them."""


def run(h):
    current = h.example("south-yorkshire-crc-2020.json")
    previous = h.example("south-yorkshire-crc-2019.json")
    h.ratings("compare", previous, current, "-o", current).refused("output-is-input")
    h.ratings("compare", previous, current, "--format", "json", "-o", previous).refused("output-is-input")
