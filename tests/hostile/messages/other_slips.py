"""The other slips of hand editing: single quotes, a key without quotes, Python's True, a file cut
short, an empty file, text after the document. Each is said in plain words, located."""


def run(h):
    text = h.example().read_text("utf-8")
    slips = {
        "single.json": (text.replace('"provider": "South Yorkshire CRC"', "'provider': 'South Yorkshire CRC'", 1),
                        "single quotes are not JSON"),
        "bare-key.json": (text.replace('"provider":', "provider:", 1), 'a key must be in double quotes: write "provider"'),
        "python.json": (text.replace('"ratified": true', '"ratified": True', 1), "True is Python, not JSON: write true"),
        "cut.json": (text[:text.index('"samples"') + 40], "the file ends before the JSON document does"),
        "empty.json": ("", "the file is empty"),
        "blank.json": ("\n  \n", "the file is empty"),
        "after.json": (text + "}\n", "there is more after the end of the JSON document"),
        "never-closed.json": (text.replace('"South Yorkshire CRC",', '"South Yorkshire CRC,', 1),
                              "this text is not closed before the end of the line"),
    }
    for name, (content, words) in slips.items():
        assert content != text
        h.write(name, content)
        h.ratings("validate", name).refused("json-syntax", f"{name}:", words)
