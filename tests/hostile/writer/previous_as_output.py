"""A user rates an inspection beside the previous one and names the previous inspection as the output."""


def run(h):
    current = h.example("south-yorkshire-crc-2020.json")
    previous = h.example("south-yorkshire-crc-2019.json")
    h.ratings("evaluate", current, "--previous", previous, "-o", previous).refused("output-is-input", "south-yorkshire-crc-2019.json")
