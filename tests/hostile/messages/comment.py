"""An inspector adds a // comment to an inspection (and a /* */ one to a framework): told that JSON has no comments, at the comment."""


def run(h):
    text = h.example().read_text("utf-8")
    at = text.index('  "provider"')
    h.write("inspection.json", text[:at] + "  // checked by the lead inspector\n" + text[at:])
    line = text.count("\n", 0, at) + 1
    h.ratings("validate", "inspection.json").refused("json-syntax", f"inspection.json:{line}:3:", "JSON has no comments")
    framework = h.copy("frameworks/hmip-crc/2019.json").read_text("utf-8")
    h.write("framework.json", framework.replace('"within_percentage_points": 5,', '"within_percentage_points": 5, /* was 3 */', 1))
    h.ratings("validate", "framework.json").refused("json-syntax", "JSON has no comments")
