"""A plugin calls sys.exit(0) when imported: a pre-commit `validate` still validates, and says the plugin was left out."""


def run(h):
    h.write("quitter.py", "import sys\nsys.exit(0)\n")
    broken = h.json("broken.json", {"provider": "P"})
    done = h.ratings("--plugin", "quitter.py", "validate", h.example(), broken)
    assert done.code == 1, done
    assert "south-yorkshire-crc-2020.json: valid inspection" in done.stdout, done
    assert "warning: plugin module 'quitter.py' could not be loaded: it called sys.exit(0); left out" in done.stderr, done
