"""A framework named on the command line with no inspection (show, new, diff): the name stands in for the file."""


def run(h):
    h.ratings("frameworks", "show", "nope@1").refused("framework-not-found", "nope@1: /: no framework 'nope@1'")
    h.ratings("diff", "hmip-crc@2018", "hmip-crc@2020").refused("framework-not-found", "hmip-crc@2020: /:",
                                                                   "did you mean hmip-crc@2019?")
    h.ratings("frameworks", "new", "hmip-crc@2030", "--from", "hmip-crc@2090", "--into", "drafts").refused(
        "framework-not-found", "hmip-crc@2090: /:")
    assert not (h.folder / "drafts").exists()
