"""A policy officer rates an inspection under a framework file and names that framework file as the output."""


def run(h):
    inspection = h.example()
    framework = h.copy("frameworks/hmip-crc/2019.json", "fw.json")
    h.ratings("evaluate", inspection, "--framework", framework, "-o", framework).refused("output-is-input", "fw.json")
    h.ratings("evaluate", inspection, "--framework", framework, "-o", "fw.json", cwd=h.folder).refused("output-is-input")
