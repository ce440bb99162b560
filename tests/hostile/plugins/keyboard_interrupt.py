"""A plugin raises KeyboardInterrupt itself (no Ctrl-C pressed), at import, in a hook or while rating: exit 1 naming it, not 130."""

HOOK = '''
from ratings_engine.hookspecs import hookimpl


@hookimpl
def ratings_output_formats():
    raise KeyboardInterrupt
'''

METHOD = '''
from ratings_engine.extension import RatingMethod
from ratings_engine.hookspecs import hookimpl


def rate(context):
    raise KeyboardInterrupt


@hookimpl
def ratings_rating_methods():
    return [RatingMethod("lowest-key-question", "Interrupts.", rate)]
'''


def run(h):
    h.write("at_import.py", "raise KeyboardInterrupt\n")
    h.write("in_hook.py", HOOK)
    h.write("in_method.py", METHOD)
    done = h.ratings("--plugin", "at_import.py", "--plugin", "in_hook.py", "evaluate", h.example()).ok()
    assert "plugin module 'at_import.py' could not be loaded: it raised KeyboardInterrupt" in done.stderr, done
    assert "plugin 'in_hook.py' failed in ratings_output_formats: it raised KeyboardInterrupt" in done.stderr, done
    done = h.ratings("--plugin", "in_method.py", "evaluate", h.example())
    assert done.code == 1, done
    assert "from plugin 'in_method.py' failed: it raised KeyboardInterrupt, although Ctrl-C was not pressed" in done.stderr, done
