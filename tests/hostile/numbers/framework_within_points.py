"""A framework edited by hand whose discretion margin has thousands of digits, given with
--framework FILE: the framework file is refused, located."""


def run(h):
    inspection = h.example()
    text = h.copy("frameworks/hmip-crc/2019.json").read_text("utf-8")
    assert '"within_percentage_points": 5,' in text
    h.write("framework.json", text.replace('"within_percentage_points": 5,', '"within_percentage_points": 4.' + "9" * 5000 + ",", 1))
    h.ratings("validate", "framework.json").refused("number-out-of-range", "within_percentage_points", "framework.json:")
    h.ratings("evaluate", inspection, "--framework", "framework.json").refused(
        "number-out-of-range", "framework.json:", "within_percentage_points")
    # A margin with 1E-5000 in it is as far out, written short.
    h.write("short.json", text.replace('"within_percentage_points": 5,', '"within_percentage_points": 5E-5000,', 1))
    h.ratings("evaluate", inspection, "--framework", "short.json", "--format", "text").refused("number-out-of-range", "short.json:")
