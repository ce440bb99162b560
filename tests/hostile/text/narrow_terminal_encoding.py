"""A terminal that cannot show the provider's name (PYTHONIOENCODING=latin-1 or ascii): escapes, never a traceback."""

import json


def run(h):
    document = h.load(h.example().name)
    document["provider"] = "Служба пробации 東京"
    h.json("named.json", document)
    document["judgements"]["1.1"]["rating"] = "не так"
    h.json("bad.json", document)
    for encoding in ("latin-1", "ascii"):
        env = {"PYTHONIOENCODING": encoding}
        for form in ("text", "markdown", "csv", "html", "json"):
            done = h.ratings("evaluate", "named.json", "--format", form, env=env).ok()
            assert "\\u0421" in done.stdout or "Служба" in done.stdout or "\\u0421" in json.dumps(done.stdout), done
        h.ratings("explain", "named.json", env=env).ok()
        h.ratings("evaluate", "bad.json", env=env).refused("unknown-rating")
        h.ratings("frameworks", "show", "nope@1", env=env).refused("framework-not-found")
