"""Named pipes given to replay, as the RESULT and as the INSPECTION: each refused at once, not waited on."""


def run(h):
    h.example()
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--format", "json", "-o", "result.json").ok()
    h.inputs(h.path("result.json"))
    h.fifo("result-pipe.json")
    h.fifo("inspection-pipe.json")
    h.ratings("replay", "result-pipe.json", "south-yorkshire-crc-2020.json").refused("not-a-file", "result-pipe.json", "FIFO")
    h.ratings("replay", "result.json", "inspection-pipe.json").refused("not-a-file", "inspection-pipe.json", "FIFO")
