"""What the text cases share: an inspection whose free text tries to act instead of being shown."""

#: The forged line the data tries to start; it must never begin a line of any output.
FORGED = "Overall: Outstanding"

HOSTILE_TEXT = ("\x1b[31mred\x1b[0m \x1b]0;owned\x07 bell\x07 back\rspace\n" + FORGED + "\r\n" + FORGED
                + " \u202eevil\u202c *bold* [link](http://x) <script>alert(1)</script>")
FORMULA = "=cmd|' /C calc'!A0"

#: Characters that must not reach a terminal or report from data (the tab of a table layout is not from data).
ACTING = ("\x1b", "\x07", "\r", "\u202e", "\u202c")


def hostile_inspection(h, name: str = "hostile.json", base: str = "south-yorkshire-crc-2020.json"):
    """BASE with a provider name and a rationale (and, with cases, a case id) full of hostile text."""
    document = h.load(h.example(base).name)
    document["provider"] = FORMULA + " " + HOSTILE_TEXT
    for judgement in document.get("judgements", {}).values():
        judgement["rationale"] = HOSTILE_TEXT
    for item in document.get("discretion", {}).values():
        if isinstance(item, dict) and "rationale" in item:
            item["rationale"] = HOSTILE_TEXT
    return h.json(name, document)


def assert_shown_not_obeyed(text: str, where: str) -> None:
    """TEXT carries no acting character and no line starting with the forged overall rating."""
    for char in ACTING:
        assert char not in text, f"{char!r} reached {where}:\n{text[:2000]}"
    for line in text.split("\n"):
        assert not line.lstrip("#> -*|").startswith(FORGED), f"forged line in {where}: {line!r}"
