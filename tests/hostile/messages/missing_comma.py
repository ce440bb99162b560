"""A line of an inspection loses its comma: told a comma is missing between two items, at the end of the item that needs it."""


def run(h):
    text = h.example().read_text("utf-8")
    item = '"fieldwork_start": "2019-11-25"'
    at = text.index(item + ",") + len(item)
    h.write("inspection.json", text[:at] + text[at + 1:])
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    h.ratings("validate", "inspection.json").refused(
        "json-syntax", f"inspection.json:{line}:{column}:", "missing comma between two items")
