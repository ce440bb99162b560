"""A plugin's rating method raises a bare BaseException: exit 1 naming the plugin, no traceback."""

PLUGIN = '''
from ratings_engine.extension import RatingMethod
from ratings_engine.hookspecs import hookimpl


def rate(context):
    raise BaseException("not an Exception")


@hookimpl
def ratings_rating_methods():
    return [RatingMethod("lowest-key-question", "Raises.", rate)]
'''


def run(h):
    h.write("deep.py", PLUGIN)
    done = h.ratings("--plugin", "deep.py", "evaluate", h.example())
    assert done.code == 1, done
    assert "from plugin 'deep.py' failed: BaseException: not an Exception" in done.stderr, done
