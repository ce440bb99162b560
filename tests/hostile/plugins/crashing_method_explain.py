"""A plugin's rating method crashes when `ratings explain` asks it for a rating: exit 1 naming the plugin, no traceback."""

from hostile.plugins._crashy import crashes_under


def run(h):
    crashes_under(h, "explain")
