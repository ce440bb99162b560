"""A user gives with --plugin the module of a plugin that is already installed: no clash, it is the same plugin."""

PLUGIN = '''
from ratings_engine.extension import OutputFormat
from ratings_engine.hookspecs import hookimpl


@hookimpl
def ratings_output_formats():
    return [OutputFormat("score", "The overall score.", lambda result: f"{result['overall']['score']}\\n")]
'''


def install(h, module: str, source: str) -> dict:
    """A distribution acme-ratings installed in a folder on PYTHONPATH, its entry point naming MODULE."""
    h.write(f"site/{module}.py", source)
    h.write("site/acme_ratings-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: acme-ratings\nVersion: 1.0\n")
    h.write("site/acme_ratings-1.0.dist-info/entry_points.txt", f"[ratings_engine]\nacme = {module}\n")
    return {"RATINGS_DISABLE_PLUGINS": "", "PYTHONPATH": str(h.folder / "site")}


def run(h):
    env = install(h, "acme_score", PLUGIN)
    done = h.ratings("--plugin", "acme_score", "evaluate", h.example(), "--format", "score", env=env).ok()
    assert done.stdout == "20\n", done
    listed = h.ratings("--plugin", "acme_score", "plugins", env=env).ok()
    assert "acme-ratings:acme  (acme-ratings 1.0)" in listed.stdout and "acme_score  (" not in listed.stdout, listed
    assert "note:" not in listed.stdout, listed
