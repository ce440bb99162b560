"""What the selection cases share: the inspection-reading commands, run on one inspection."""

SYNTHETIC = "synthetic-crc-2019.json"  # case-level data, so that `ratings stability` can run on it


def inspection(h, name: str, **changes):
    """The synthetic example with CHANGES (a value None removes the key), as NAME in the scratch folder."""
    document = h.load(h.example(SYNTHETIC).name)
    for key, value in changes.items():
        if value is None:
            document.pop(key, None)
        else:
            document[key] = value
    return h.json(name, document)


def every_command(h, path, *options):
    """Each command that chooses a framework for PATH, with OPTIONS (--framework applies to all but compare)."""
    yield h.ratings("validate", path, *options)
    yield h.ratings("evaluate", path, *options)
    yield h.ratings("explain", path, *options)
    yield h.ratings("stability", path, "--resamples", "10", *options)
    if not options:
        yield h.ratings("compare", h.example(SYNTHETIC), path)
