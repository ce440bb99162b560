"""The `ratings` command: the top layer, over everything else.

Here: the command group and its entry point (main), what the commands share (common), the
commands that rate inspections (evaluate, batch), those about versions and change (versions), and
inspectors' workbooks (sheets: template and import), the framework studio (studio), and the
shell's completion of values (completion).

It may import from every layer below, and from the Engine (api).
"""

# The console script is ratings_engine.cli:main, and `from ratings_engine.cli import cli` is how
# tests and scripts reach the command group.
from .main import cli, main

__all__ = ["cli", "main"]
