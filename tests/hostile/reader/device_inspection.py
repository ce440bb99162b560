"""/dev/zero and /dev/urandom given as the inspection, directly and through a link named like a JSON file: refused, never read."""


def run(h):
    h.ratings("evaluate", "/dev/zero").refused("not-a-file", "/dev/zero", "a device")
    h.ratings("validate", "/dev/urandom").refused("not-a-file", "a device")
    h.symlink("inspection.json", "/dev/urandom")
    h.ratings("evaluate", "inspection.json").refused("not-a-file", "inspection.json", "a device")
