"""The output is the inspection spelt another way (./insp.json, sub/../insp.json)."""


def run(h):
    h.example("south-yorkshire-crc-2020.json")
    h.path("sub/keep").write_text("")
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "-o", "./south-yorkshire-crc-2020.json").refused("output-is-input")
    h.ratings("evaluate", "./south-yorkshire-crc-2020.json", "-o", "sub/../south-yorkshire-crc-2020.json").refused("output-is-input")
    h.ratings("evaluate", h.folder / "south-yorkshire-crc-2020.json", "-o", "south-yorkshire-crc-2020.json").refused("output-is-input")
