"""A named pipe given as the previous inspection (evaluate --previous): refused at once, the evaluation is not printed."""


def run(h):
    h.example()
    h.fifo("previous.json")
    outcome = h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--previous", "previous.json")
    outcome.refused("not-a-file", "previous.json", "a named pipe (FIFO)")
