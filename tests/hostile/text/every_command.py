"""Hostile provider names and rationales through explain, compare, stability, diff and the problem lines."""

from hostile.text._common import HOSTILE_TEXT, assert_shown_not_obeyed, hostile_inspection


def run(h):
    path = hostile_inspection(h)
    previous = hostile_inspection(h, "previous.json", "south-yorkshire-crc-2019.json")
    cases = hostile_inspection(h, "cases.json", "synthetic-crc-2019.json")
    for args in (("explain", path), ("compare", previous, path), ("stability", cases, "--resamples", "20"),
                 ("evaluate", path, "--compare-with", "hmip-crc@2018")):
        done = h.ratings(*args).ok()
        assert_shown_not_obeyed(done.stdout + done.stderr, args[0])
    # A framework whose title and a standard's title are hostile, through diff and frameworks show.
    framework = h.load(h.copy("frameworks/hmip-crc/2019.json", "mine/2019.json").name.join(["mine/", ""]))
    framework["version"] = "2019-edited"
    framework["title"] = HOSTILE_TEXT
    framework["domains"][0]["standards"][0]["title"] = HOSTILE_TEXT
    h.json("mine/2019.json", framework)
    done = h.ratings("diff", "hmip-crc@2019", "mine/2019.json").ok()
    assert_shown_not_obeyed(done.stdout, "diff")
    for form in ("text", "markdown", "html"):
        done = h.ratings("frameworks", "show", "mine/2019.json", "--format", form).ok()
        assert_shown_not_obeyed(done.stdout, f"frameworks show --format {form}")
    # A problem line quoting hostile text stays one line.
    bad = h.load("hostile.json")
    bad["judgements"]["1.1"]["rating"] = HOSTILE_TEXT
    h.json("bad.json", bad)
    refused = h.ratings("evaluate", "bad.json").refused("unknown-rating")
    assert_shown_not_obeyed(refused.stderr, "a problem line")
