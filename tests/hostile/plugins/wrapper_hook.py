"""A plugin uses a pluggy wrapper (`wrapper=True`) to take a format away: it works as pluggy says, not 'wrong return type'."""

PLUGIN = '''
from ratings_engine.hookspecs import hookimpl


@hookimpl(wrapper=True)
def ratings_output_formats():
    lists = yield
    return [[f for f in formats if f.name != "csv"] for formats in lists]
'''


def run(h):
    h.write("curator.py", PLUGIN)
    listed = h.ratings("--plugin", "curator.py", "plugins").ok()
    assert "warning" not in listed.stderr and "output format csv:" not in listed.stdout, listed
    assert "output format markdown" in listed.stdout, listed
    h.ratings("--plugin", "curator.py", "evaluate", h.example(), "--format", "csv").usage("'csv' is not an output format")
