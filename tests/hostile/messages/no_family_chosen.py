"""An inspection without 'framework' while several families are installed: which one is ambiguous, and says so where."""

from hostile.messages._common import every_command, inspection


def run(h):
    path = inspection(h, "unnamed.json", framework=None)
    for outcome in every_command(h, path):
        outcome.refused("framework-ambiguous", "unnamed.json:", "/framework", "more than one framework family",
                        "hmip-crc", "hmip-youth")
    # Naming the family on the command line settles it.
    h.ratings("evaluate", path, "--framework", "hmip-crc").ok()
