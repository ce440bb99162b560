"""An empty framework name (a shell variable that was never set): a usage error, never 'the default'."""


def run(h):
    path = h.example("synthetic-crc-2019.json")
    for command in ("validate", "evaluate", "explain", "stability"):
        h.ratings(command, path, "--framework", "").usage("--framework", "is empty")
    h.ratings("evaluate", path, "--compare-with", " ").usage("--compare-with", "is empty")
    h.ratings("diff", "", "hmip-crc@2019").usage("is empty")
    h.ratings("frameworks", "show", "").usage("is empty")
    h.ratings("frameworks", "new", "x@1", "--from", "").usage("--from", "is empty")
