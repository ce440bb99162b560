"""Sphinx configuration: the guides in Markdown (through MyST), the API reference from docstrings.

Built in CI with warnings as errors and every cross-reference checked:
``python -m sphinx -W --keep-going -n -b html docs docs/_build/html``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

import ratings_engine

project = "ratings-engine"
copyright = "ratings-engine contributors"  # noqa: A001 - the name Sphinx reads
release = version = ratings_engine.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    # The engine's docstrings list fixtures and fields in the Google style.
    "sphinx.ext.napoleon",
    # The command reference is read from the click commands themselves, so it cannot fall behind them.
    "sphinx_click",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]

# Headings become link targets, so the guides' own "#section" links resolve.
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
# Each page names the members it documents: a module's helpers stay out of the reference.
autodoc_default_options = {}
# The docstrings write names and values in single backquotes, as the Markdown guides do: code, not titles.
default_role = "literal"

# Options such as --frameworks-dir are written in plain text too: two hyphens stay two hyphens.
smartquotes_action = "qe"
# A block with no language is a problem line or a command's output, not Python: shown as it is.
highlight_language = "text"

html_theme = "furo"
html_title = f"ratings-engine {release}"

# Fields listed under "Attributes:" in a docstring render as a list in the class's own entry, not as
# a second entry beside the one autodoc already gives each dataclass field.
napoleon_use_ivar = True

# The build is offline (no intersphinx inventories), so types from the standard library and from
# pluggy (and pytest) have no page here to link to; they are named, not linked. "Path" is how autodoc gives the
# Engine's Iterable[Path] parameter, written under `from __future__ import annotations`.
nitpick_ignore = [
    ("py:class", name)
    for name in ("fractions.Fraction", "decimal.Decimal", "datetime.date", "pathlib.Path", "Path",
                 "pluggy.HookimplMarker", "collections.abc.Mapping", "collections.abc.Iterable",
                 "collections.abc.Callable", "collections.abc.Sequence", "collections.abc.Iterator",
                 # The fixtures' request, which pytest documents as pytest.FixtureRequest.
                 "_pytest.fixtures.FixtureRequest")
]


class PlaceholdersAreNotAddresses(SphinxTransform):
    """Shows ``ID@VERSION`` (in docstrings and the commands' help) as written, not as an e-mail link."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            if reference.get("refuri", "").startswith("mailto:"):
                reference.replace_self(nodes.literal(reference.astext(), reference.astext()))


def setup(app):
    app.add_transform(PlaceholdersAreNotAddresses)
    return {"parallel_read_safe": True}
