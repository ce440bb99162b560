"""A policy officer shows a framework file as a JSON document and writes it over the framework file."""


def run(h):
    framework = h.copy("frameworks/hmip-crc/2019.json", "fw.json")
    h.ratings("frameworks", "show", framework, "--format", "json", "-o", framework).refused("output-is-input", "fw.json")
