"""A version that is not installed, named in the inspection or with --framework: a located problem in every command."""

from hostile.messages._common import every_command, inspection


def run(h):
    named = inspection(h, "named.json", framework="hmip-crc@2099")
    for outcome in every_command(h, named):
        outcome.refused("framework-not-found", "named.json:", "/framework", "hmip-crc@2099", "did you mean hmip-crc@2019?")
        assert "named on the command line" not in outcome.stderr, outcome
    plain = h.example("synthetic-crc-2019.json")
    for outcome in every_command(h, plain, "--framework", "nope@1"):
        outcome.refused("framework-not-found", "synthetic-crc-2019.json:", "/framework", "'nope@1'",
                        "the framework was named on the command line")
    h.ratings("evaluate", plain, "--compare-with", "nope@1").refused("framework-not-found", "/framework", "'nope@1'")
    h.ratings("explain", plain, "--framework", "no/such/file.json").refused(
        "framework-not-found", "no framework file at no/such/file.json")
