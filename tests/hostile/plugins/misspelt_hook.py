"""A user loads a plugin whose hook name is misspelt (`ratings_rating_method`): it is left out by name, never a traceback.

Where nothing needs it, the command runs; where a framework names the rating method it was meant to
provide, the framework is refused with a located problem.
"""

PLUGIN = '''
from ratings_engine.extension import RatingMethod
from ratings_engine.hookspecs import hookimpl
from ratings_engine.plugins.rating_methods import lowest_key_question


@hookimpl
def ratings_rating_method():
    return [RatingMethod("weighted", "Weighted.", lowest_key_question)]
'''


def run(h):
    h.write("typo.py", PLUGIN)
    inspection = h.example()
    done = h.ratings("--plugin", "typo.py", "evaluate", inspection, "--format", "json").ok()
    assert "warning: plugin 'typo.py' is left out: it implements 'ratings_rating_method'" in done.stderr, done
    assert "did you mean ratings_rating_methods?" in done.stderr, done
    framework = h.copy("frameworks/hmip-crc/2019.json", "needs-plugin.json")
    document = h.load(framework.name)
    document["domains"][1]["standards"][0]["rating_method"] = "weighted"
    h.json("needs-plugin.json", document)
    h.ratings("--plugin", "typo.py", "validate", "needs-plugin.json").refused("unknown-rating-method", "weighted")
