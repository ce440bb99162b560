"""Fieldwork outside the effective dates of the version named, or of every version: located at /fieldwork_start."""

from hostile.messages._common import every_command, inspection


def run(h):
    early = inspection(h, "early.json", fieldwork_start="2019-06-30")  # names hmip-crc@2019, which starts 2019-07-01
    for outcome in every_command(h, early):
        outcome.refused("out-of-window", "early.json:", "/fieldwork_start", "hmip-crc@2019", "2019-06-30",
                        "--allow-out-of-window")
    ancient = inspection(h, "ancient.json", fieldwork_start="2015-01-05", framework="hmip-crc")
    for outcome in every_command(h, ancient):
        outcome.refused("out-of-window", "ancient.json:", "/fieldwork_start", "no framework version is in force")
    plain = h.example("synthetic-crc-2019.json")
    h.ratings("explain", plain, "--framework", "hmip-crc@2018").refused(
        "out-of-window", "/fieldwork_start", "named by --framework")
    h.ratings("evaluate", early, "--allow-out-of-window").ok()
