"""An inspector writes the explanation of an inspection over the inspection itself."""


def run(h):
    inspection = h.example("south-yorkshire-crc-2020.json")
    h.ratings("explain", inspection, "-o", inspection).refused("output-is-input", "an input of this run")
    h.ratings("explain", inspection, "--format", "json", "-o", "south-yorkshire-crc-2020.json").refused("output-is-input")
