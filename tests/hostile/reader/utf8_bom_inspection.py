"""The inspection saved as UTF-8 with a byte order mark (as Notepad does): accepted, rated as without it."""


def run(h):
    raw = h.example().read_bytes()
    h.write("bom.json", b"\xef\xbb\xbf" + raw)
    plain = h.ratings("evaluate", "south-yorkshire-crc-2020.json").ok()
    marked = h.ratings("evaluate", "bom.json").ok()
    assert marked.stdout == plain.stdout.replace("south-yorkshire-crc-2020.json", "bom.json"), marked
    h.copy("frameworks/hmip-crc/2019.json", "mine/hmip-crc/2019.json")
    h.write("mine/hmip-crc/2019.json", b"\xef\xbb\xbf" + h.path("mine/hmip-crc/2019.json").read_bytes())
    h.ratings("evaluate", "south-yorkshire-crc-2020.json", "--framework", "mine/hmip-crc/2019.json").ok()
