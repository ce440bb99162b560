"""`ratings explain`: why each rating is what it is, in the inspectorate's words."""

from __future__ import annotations

from ratings_engine.cli import cli

from support import SOUTH_YORKSHIRE_2020


def test_explain_planning_in_the_inspectorate_s_words(runner):
    """2.2 was driven by keeping other people safe at 59% (50 of 85), on 85 of the 100 cases; 6 more would have made it Good."""
    result = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "2.2"])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert ("Indicative rating Requires improvement: lowest key question 2.2.3 at 59% (50 of 85) is in the band 'Too few'."
            in text)
    assert ("comes from its lowest key question, 2.2.3 'Does planning focus sufficiently on keeping other people safe?', "
            "in the band 'Too few' (at least 50% and below 65%)") in text
    assert "2.2.3 counts only the cases in its sub-sample 'harm-factors': 85 of the 100 in the sample; 15 were excluded" in text
    assert "The sub-sample 'harm-factors' holds the cases where the inspector identified factors related to harm" in text
    assert "6 more sufficient cases on 2.2.3 (56 of 85, 66%) would have reached Good." in text
    assert "Professional discretion: not eligible: the lowest key question, 2.2.3 at 59% (58.8% before rounding)" in text
    assert "2.1 Assessment" not in text
    assert "The 10 standards' scores add up to 20 of 30, which is in the band 16-25: Good overall." in text


def test_explain_unknown_standard(runner):
    """An unknown standard is a usage error listing the framework's standards."""
    result = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "2.9"])
    assert result.exit_code == 2 and "2.9: not a standard of hmip-crc@2019" in result.stderr
