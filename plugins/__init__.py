"""The engine's built-in plugins, registered through the ``ratings_engine`` entry-point group like any other."""
