"""An inspection names a family that is not installed (a typing slip): located, with the family it meant."""

from hostile.messages._common import every_command, inspection


def run(h):
    path = inspection(h, "family.json", framework="hmip-crx")
    for outcome in every_command(h, path):
        outcome.refused("framework-not-found", "family.json:", "/framework", "no framework family 'hmip-crx'",
                        "did you mean hmip-crc?")
    for outcome in every_command(h, h.example("synthetic-crc-2019.json"), "--framework", "hmip-crx"):
        outcome.refused("framework-not-found", "/framework", "did you mean hmip-crc?", "named on the command line")
