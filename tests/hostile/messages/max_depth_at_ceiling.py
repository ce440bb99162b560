"""RATINGS_MAX_DEPTH raised to its ceiling, as the hint to a too-deep file suggests, with documents far
deeper than the default: a located problem or a result, never a crash of the interpreter."""

CEILING = "10000"


def run(h):
    text = h.example().read_text("utf-8")
    at = text.index('"notes": ')
    for depth in (100, 900, 5_000, 9_999):
        name = f"deep-{depth}.json"
        h.write(name, text[:at] + '"deep": ' + "[" * depth + "]" * depth + ",\n  " + text[at:])
        outcome = h.ratings("validate", name, env={"RATINGS_MAX_DEPTH": CEILING})
        # Python 3.11 and 3.12 read about 1,000 levels, 3.13 more: too deep for this Python, or read and
        # then refused by the schema (an unexpected property).
        codes = {problem["code"] for problem in outcome.problems()}
        outcome.refused("schema" if depth <= 900 or "too-deep" not in codes else "too-deep", f"{name}:")
    # Past the ceiling's depth the limit itself refuses the file.
    h.write("deeper.json", text[:at] + '"deep": ' + "[" * 10_001 + "]" * 10_001 + ",\n  " + text[at:])
    h.ratings("evaluate", "deeper.json", env={"RATINGS_MAX_DEPTH": CEILING}).refused("too-deep", "more than 10000 levels deep")
    # A framework nested deeply where its schema allows any value goes through every command the same way.
    framework = h.copy("frameworks/hmip-crc/2019.json").read_text("utf-8")
    start = framework.index("{") + 1
    h.write("framework.json", framework[:start] + '"x-deep": ' + "[" * 900 + "]" * 900 + "," + framework[start:])
    h.ratings("validate", "framework.json", env={"RATINGS_MAX_DEPTH": CEILING}).refused("schema", "framework.json:")
