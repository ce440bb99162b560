"""A result that records a framework version no longer installed, replayed: a located problem in the result, no traceback."""


def run(h):
    inspection = h.example()
    h.ratings("evaluate", inspection, "-o", "result.json").ok()
    result = h.load("result.json")
    result["framework"]["version"] = "2099"
    h.json("result.json", result)
    h.ratings("replay", "result.json", inspection).refused("framework-not-found", "result.json", "hmip-crc@2099", "/framework/version")
    # An inspection that cannot be read is located like any other.
    h.ratings("replay", "result.json", "missing.json").refused("unreadable", "missing.json")
