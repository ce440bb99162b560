"""A plugin's rating method crashes when `ratings stability` asks it for a rating: exit 1 naming the plugin, no traceback."""

from hostile.plugins._crashy import crashes_under


def run(h):
    crashes_under(h, "stability", "--resamples", "20")
