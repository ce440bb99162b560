"""The framework studio: policy staff browse, draft, compare, publish and try framework versions in a browser.

A local web application over the Engine (`ratings studio`, engine/cli/studio.py), behind the optional
extra `ratings-engine[studio]` (Flask). It holds no rule of its own: it lays the framework schema
out as forms (fields.py), applies the officer's edits to the draft (editing.py), and asks the
engine to check, diff, rate and render. Its defences are in guard.py; docs/studio.md describes them.

It may import from io, model, plugin_host, rating, reports and analysis, and from the Engine (api),
which reads every version it shows; never from cli, which serves it.
"""
