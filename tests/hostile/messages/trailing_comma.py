"""A policy officer leaves a comma after the last item of an object: told so in plain words, on the
comma's own line, not on the line after."""


def run(h):
    text = h.example().read_text("utf-8")
    end = text.index("\n    }", text.index('"judgements"'))  # the end of the first judgement's last line
    h.write("inspection.json", text[:end] + "," + text[end:])
    line = text.count("\n", 0, end) + 1
    column = end - text.rfind("\n", 0, end)
    h.ratings("validate", "inspection.json").refused(
        "json-syntax", f"inspection.json:{line}:{column}:", "a comma before } is not allowed in JSON: remove it")
    h.ratings("evaluate", "inspection.json").refused("json-syntax", f"inspection.json:{line}:{column}:")
