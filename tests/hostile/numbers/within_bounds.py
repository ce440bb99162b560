"""Numbers written unusually but within the bounds (9.0e1, 30 significant digits): read exactly and rated, not refused."""

import json

TTG = '"4.2.{n}": {{\n          "percent": '


def run(h):
    text = h.example().read_text("utf-8")
    second, third = TTG.format(n=2), TTG.format(n=3)
    assert second + "90" in text and third + "86" in text
    h.write("inspection.json", text.replace(second + "90", second + "9.0e1", 1)
            .replace(third + "86", third + "85.9999999999999999999999999999", 1))
    h.ratings("validate", "inspection.json").ok()
    result = json.loads(h.ratings("evaluate", "inspection.json", "--format", "json").ok().stdout)
    shown = {kq["id"]: kq for s in result["standards"] for kq in s["key_questions"]}
    assert shown["4.2.2"]["percent_exact"] == "90", shown["4.2.2"]
    assert shown["4.2.3"]["percent_exact"] == "859999999999999999999999999999/10000000000000000000000000000", shown["4.2.3"]
