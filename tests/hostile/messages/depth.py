"""An inspection with a list nested 5,000 and then 100,000 levels deep in it: refused as too deep at
the first bracket past the limit, on every Python version."""


def run(h):
    text = h.example().read_text("utf-8")
    at = text.index('"notes": ')
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at) + len('"deep": ')
    for depth in (5_000, 100_000):
        name = f"deep-{depth}.json"
        h.write(name, text[:at] + '"deep": ' + "[" * depth + "]" * depth + ",\n  " + text[at:])
        # The limit is 64 levels and the document itself is the first: the 64th bracket of the list is the 65th level.
        h.ratings("validate", name).refused("too-deep", f"{name}:{line}:{column + 63}:", "more than 64 levels deep")
        h.ratings("evaluate", name, "--format", "json").refused("too-deep", f"{name}:{line}:{column + 63}:")
