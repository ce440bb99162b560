"""A named pipe, and a link to /dev/zero, given as the framework file (--framework FILE): refused, never read."""


def run(h):
    h.example()
    h.fifo("framework.json")
    h.symlink("zero.json", "/dev/zero")
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--framework", "framework.json").refused("not-a-file", "framework.json", "FIFO")
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--framework", "./zero.json").refused("not-a-file", "zero.json", "a device")
    h.ratings("frameworks", "show", "./framework.json").refused("not-a-file", "framework.json")
