"""The banding of key-question percentages in the framework document's words (see framework_doc):
each band's range as the inspectorate prints it, and worked examples of deciding and rounding that
the engine itself computes, so the words cannot drift from what it does.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from ..model.proportions import EXACT, Band, Banding, number_text

ROUNDING = {"half-up": "rounded half up", "half-even": "rounded half to even"}


def _band_range(band: Band) -> str:
    # The first band reads "below 50%", as the inspectorate prints it, rather than "at least 0% and below 50%".
    if band.at_least == 0 and band.below is not None:
        return f"below {number_text(band.below)}%"
    return band.describe()


def banding_outline(banding: Banding, labels: Mapping[str, str], source: dict | list[dict] | None) -> dict:
    """The framework's banding in the outline: each band in words, and how percentages are decided and shown."""
    bands = [
        {"id": b.id, "label": b.label, "at_least": b.at_least, "below": b.below, "rating": b.rating,
         "rating_label": labels[b.rating], "range": _band_range(b),
         "sentence": f"{b.label}: {_band_range(b)} -> {labels[b.rating]}"}
        for b in banding.bands
    ]
    return {"decide_on": banding.decide_on, "decimal_places": banding.decimal_places, "rounding": banding.rounding,
            "bands": bands, "deciding": _deciding_words(banding), "display": _display_words(banding), "source": source}


def _deciding_words(banding: Banding) -> str:
    """Whether bands decide on the exact or the displayed percentage, with an example the engine itself bands."""
    basis = ("the exact percentage, before rounding" if banding.decide_on == EXACT
             else "the percentage as displayed, after rounding")
    words = f"Bands are decided on {basis}"
    if not banding.boundaries:
        return words + "."
    # Just below a middle boundary is where exact and displayed decisions part: 64.99% against 65%.
    example = banding.boundaries[len(banding.boundaries) // 2] - Fraction(1, 100)
    if example < 0:
        return words + "."
    band, shown = banding.band_for(example), banding.display_text(example)
    if shown == f"{number_text(example)}%":
        return f"{words}: {shown} is '{band.label}'."
    return f"{words}: {number_text(example)}% (shown as {shown}) is '{band.label}'."


def _display_words(banding: Banding) -> str:
    places = banding.decimal_places
    shape = "as whole numbers" if places == 0 else f"to {places} decimal place{'s' * (places != 1)}"
    # A value exactly half-way at the last shown place, whose preceding digit is even (62.5, 62.25,
    # 62.125, ...), so that half up and half to even give different answers.
    example = 62 + Fraction(1, 2 ** (places + 1))
    return (f"Percentages are shown {shape}, {ROUNDING.get(banding.rounding, banding.rounding)}: "
            f"{number_text(example)}% is shown as {banding.display_text(example)}.")
