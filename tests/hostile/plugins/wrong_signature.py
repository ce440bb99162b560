"""A user loads a plugin whose hook asks for an argument the hook does not give: left out by name, the command runs."""

PLUGIN = '''
from ratings_engine.hookspecs import hookimpl


@hookimpl
def ratings_output_formats(config):
    return []
'''


def run(h):
    h.write("greedy.py", PLUGIN)
    done = h.ratings("--plugin", "greedy.py", "evaluate", h.example()).ok()
    assert "warning: plugin 'greedy.py' is left out: its ratings_output_formats asks for config" in done.stderr, done
    assert "Overall: Good" in done.stdout, done
