"""A plugin prints at import, in its hook and while rating: `--format json` on standard output is still valid JSON."""

import json

PLUGIN = '''
from ratings_engine.extension import RatingMethod
from ratings_engine.hookspecs import hookimpl
from ratings_engine.plugins.rating_methods import lowest_key_question

print("plugin loading")


def rate(context):
    print("rating", context.standard.id)
    return lowest_key_question(context)


@hookimpl
def ratings_rating_methods():
    print("providing methods")
    return [RatingMethod("lowest-key-question", "Chatty.", rate, bands_only=True)]
'''


def run(h):
    h.write("chatty.py", PLUGIN)
    done = h.ratings("--plugin", "chatty.py", "evaluate", h.example(), "--format", "json").ok()
    assert json.loads(done.stdout)["overall"]["rating"] == "good", done
    assert "plugin loading" in done.stderr and "rating 2.1" in done.stderr, done
    done = h.ratings("--plugin", "chatty.py", "explain", h.example(), "2.1", "--format", "json").ok()
    assert json.loads(done.stdout)["standards"][0]["id"] == "2.1", done
