"""A plugin calls sys.exit(0) in a hook, or sys.exit(3) while rating: never a silent exit 0 or an exit code outside 0/1/2."""

PLUGIN = '''
import sys

from ratings_engine.extension import RatingMethod
from ratings_engine.hookspecs import hookimpl


def rate(context):
    sys.exit(3)


@hookimpl
def ratings_rating_methods():
    return [RatingMethod("lowest-key-question", "Leaves.", rate)]


@hookimpl
def ratings_output_formats():
    sys.exit(0)
'''


def run(h):
    h.write("leaver.py", PLUGIN)
    done = h.ratings("--plugin", "leaver.py", "evaluate", h.example())
    assert done.code == 1 and done.stdout == "", done
    assert "warning: plugin 'leaver.py' failed in ratings_output_formats: it called sys.exit(0)" in done.stderr, done
    assert "rating method 'lowest-key-question' from plugin 'leaver.py' failed: it called sys.exit(3)" in done.stderr, done
