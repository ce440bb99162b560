"""An installed plugin has a misspelt hook name: every command still runs, with a warning naming it and its distribution."""

PLUGIN = '''
from ratings_engine.hookspecs import hookimpl


@hookimpl
def ratings_output_format():
    return []
'''


def run(h):
    h.write("site/acme_typo.py", PLUGIN)
    h.write("site/acme_ratings-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: acme-ratings\nVersion: 1.0\n")
    h.write("site/acme_ratings-1.0.dist-info/entry_points.txt", "[ratings_engine]\ntypo = acme_typo\n")
    env = {"RATINGS_DISABLE_PLUGINS": "", "PYTHONPATH": str(h.folder / "site")}
    for command in (["plugins"], ["validate", h.example()], ["frameworks"]):
        done = h.ratings(*command, env=env).ok()
        left_out = "warning: plugin acme-ratings:typo (acme-ratings 1.0) is left out: it implements 'ratings_output_format'"
        assert left_out in done.stderr, done
