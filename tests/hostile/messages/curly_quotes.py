"""A provider's name pasted from a word processor, with curly quotes around the key and the text:
told to use straight double quotes, at the first curly one."""


def run(h):
    text = h.example().read_text("utf-8")
    old = '"provider": "South Yorkshire CRC"'
    at = text.index(old)
    h.write("inspection.json", text.replace(old, "\u201cprovider\u201d: \u201cSouth Yorkshire CRC\u201d", 1))
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    h.ratings("validate", "inspection.json").refused(
        "json-syntax", f"inspection.json:{line}:{column}:", "curly quotes: use straight double quotes")
