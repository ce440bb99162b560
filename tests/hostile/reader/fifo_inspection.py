"""A named pipe (FIFO) given as the inspection: refused at once, not read forever."""


def run(h):
    fifo = h.fifo("inspection.json")
    h.ratings("evaluate", fifo).refused("not-a-file", "inspection.json")
