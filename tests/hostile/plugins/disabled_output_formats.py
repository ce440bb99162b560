"""A user sets RATINGS_DISABLE_PLUGINS=output_formats, removing the formats a command needs: a clear error, no KeyError."""


def run(h):
    inspection = h.example()
    env = {"RATINGS_DISABLE_PLUGINS": "output_formats"}
    h.ratings("evaluate", inspection, env=env).usage("output format 'text', the default here, is not available",
                                                     "RATINGS_DISABLE_PLUGINS=output_formats")
    h.ratings("evaluate", inspection, "--format", "json", env=env).usage("'json' is not an output format",
                                                                         "RATINGS_DISABLE_PLUGINS=output_formats")
    done = h.ratings("evaluate", inspection, "--output-dir", "out", env=env)
    assert done.code == 2 and "RATINGS_DISABLE_PLUGINS=output_formats" in done.stderr, done
