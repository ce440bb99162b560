"""A plugin calls sys.exit(3) when imported: the exit code stays within 0/1/2, and the plugin is named."""


def run(h):
    h.write("three.py", "import sys\nsys.exit(3)\n")
    done = h.ratings("--plugin", "three.py", "evaluate", h.example()).ok()
    assert "warning: plugin module 'three.py' could not be loaded: it called sys.exit(3); left out" in done.stderr, done
