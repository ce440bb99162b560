"""ratings-engine: inspection ratings from versioned standards frameworks.

The layers, each depending only on those before it:
schema -> load and check -> immutable model -> evaluate -> result -> render -> CLI.
"""

__version__ = "0.1.0"
