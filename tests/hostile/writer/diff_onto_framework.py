"""A policy officer lists the changes between a framework file and a version, writing them over the file."""


def run(h):
    framework = h.copy("frameworks/hmip-crc/2019.json", "fw.json")
    h.ratings("diff", framework, "hmip-crc@2018", "-o", framework).refused("output-is-input", "fw.json")
    h.ratings("diff", "hmip-crc@2018", framework, "--format", "json", "-o", framework).refused("output-is-input")
