"""A plugin changes the engine when imported (monkeypatching the lowest key question rule) and provides no hook.

`ratings plugins` and the result's provenance name it, with its file's SHA-256; a replay without it
says the plugin set differs, naming it.
"""

import json

PLUGIN = '''
from ratings_engine.extension import Indicative
from ratings_engine.plugins import rating_methods


original = rating_methods.lowest_key_question


def everything_outstanding(context):
    if context.standard.id == "2.3":
        return Indicative("outstanding", "patched")
    return original(context)


# The built-in hook builds its RatingMethod from this name when it is called, after this import.
rating_methods.lowest_key_question = everything_outstanding
'''


def run(h):
    h.write("patch.py", PLUGIN)
    inspection = h.example()
    listed = h.ratings("--plugin", "patch.py", "plugins").ok()
    assert "patch.py  (given with --plugin, SHA-256 " in listed.stdout, listed
    h.ratings("--plugin", "patch.py", "evaluate", inspection, "-o", "result.json").ok()
    rated = {s["id"]: s["rating"] for s in h.load("result.json")["standards"]}
    assert rated["2.3"] == "outstanding", rated  # the patch did change a rating
    entry = [p for p in h.load("result.json")["plugins"] if p["name"] == "patch.py"]
    assert entry and entry[0]["distribution"] is None and len(entry[0]["sha256"]) == 64, entry
    replayed = h.ratings("replay", "result.json", inspection, "--format", "json")
    assert replayed.code == 1, replayed
    findings = json.loads(replayed.stdout)["findings"]
    assert any(f["kind"] == "plugins differ" and "recorded but not loaded now: patch.py" in f["message"] for f in findings), findings
    h.ratings("--plugin", "patch.py", "replay", "result.json", inspection).ok()
