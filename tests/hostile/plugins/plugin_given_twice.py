"""A user gives the same plugin file twice with --plugin (under two spellings): it is loaded and registered once."""

PLUGIN = '''
import sys

from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl

print("imported", file=sys.stderr)


@hookimpl
def ratings_output_formats():
    return [OutputFormat("score", "The overall score.", lambda result: f"{result['overall']['score']}\\n")]
'''


def run(h):
    h.write("score.py", PLUGIN)
    done = h.ratings("--plugin", "score.py", "--plugin", "./score.py", "evaluate", h.example(), "--format", "score").ok()
    assert done.stdout == "20\n" and done.stderr.count("imported") == 1, done
    listed = h.ratings("--plugin", "score.py", "--plugin", "score.py", "plugins").ok()
    assert listed.stdout.count("output format score") == 1 and "note:" not in listed.stdout, listed
