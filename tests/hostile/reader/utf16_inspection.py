"""The inspection saved as UTF-16 (little- and big-endian, with and without a byte order mark): the encoding is named."""


def run(h):
    text = (h.example().read_bytes()).decode("utf-8")
    for encoding, words in (("utf-16", "UTF-16 text (little-endian, with a byte order mark)"), ("utf-16-le", "UTF-16 text (little-endian)"),
                            ("utf-16-be", "UTF-16 text (big-endian)")):
        h.write(f"{encoding}.json", text.encode(encoding))
        h.ratings("evaluate", f"{encoding}.json").refused("encoding", words, "save it as UTF-8")
    h.write("be-bom.json", b"\xfe\xff" + text.encode("utf-16-be"))
    h.ratings("validate", "be-bom.json").refused("encoding", "UTF-16 text (big-endian, with a byte order mark)")
