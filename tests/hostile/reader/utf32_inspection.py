"""The inspection saved as UTF-32, with and without a byte order mark: the encoding is named, not 'Expecting value'."""


def run(h):
    text = (h.example().read_bytes()).decode("utf-8")
    for encoding, words in (("utf-32", "UTF-32 text (little-endian, with a byte order mark)"), ("utf-32-le", "UTF-32 text (little-endian)"),
                            ("utf-32-be", "UTF-32 text (big-endian)")):
        h.write(f"{encoding}.json", text.encode(encoding))
        outcome = h.ratings("evaluate", f"{encoding}.json").refused("encoding", words)
        assert "Expecting value" not in outcome.stderr, outcome
