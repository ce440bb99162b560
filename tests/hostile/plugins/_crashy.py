"""What the crashing-rating-method cases share: a plugin whose method crashes when one command asks it."""

PLUGIN = '''
from ratings_engine.extension import RatingMethod
from ratings_engine.hookspecs import hookimpl
from ratings_engine.plugins.rating_methods import lowest_key_question

COMMAND = {command!r}


def rate(context):
    # explain and stability ask again with changed counts, and pass no judgement pointer.
    if COMMAND == "evaluate" or not context.judgement_pointer:
        raise ZeroDivisionError("division by zero")
    return lowest_key_question(context)


@hookimpl
def ratings_rating_methods():
    return [RatingMethod("lowest-key-question", "Crashes.", rate, bands_only=True)]
'''


def crashes_under(h, command, *options):
    """Run COMMAND with the crashing plugin: refused, placed at the plugin, naming it and what it raised."""
    h.write("crashy.py", PLUGIN.format(command=command))
    inspection = h.example("synthetic-crc-2019.json")
    done = h.ratings("--plugin", "crashy.py", command, inspection, *options)
    done.refused("plugin-failed", "crashy.py: /:")  # placed at the plugin, whose code is at fault
    assert done.stdout == "", done
    assert ("rating method 'lowest-key-question' from plugin 'crashy.py' failed: ZeroDivisionError: division by zero"
            in done.stderr), done
