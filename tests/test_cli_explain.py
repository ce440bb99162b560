"""`ratings explain`: why each rating is what it is, in the inspectorate's words."""

from __future__ import annotations

from ratings_engine.cli import cli

from support import SOUTH_YORKSHIRE_2020


def test_explain_planning_in_the_inspectorate_s_words(runner):
    """2.2 was driven by keeping other people safe at 59% (50 of 85), on 85 of the 100 cases; 6 more would have made it Good."""
    result = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "2.2"])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert ("comes from its lowest key question, 2.2.3 'Does planning focus sufficiently on keeping other people safe?', "
            "at 59% (50 of 85), in the band 'Too few'") in text
    assert "2.2.3 counts only the cases where the inspector identified factors related to harm" in text
    assert "85 of the 100 in the sample; 15 were excluded by the sub-sample rule 'harm-factors'" in text
    assert "6 more sufficient cases on 2.2.3 (56 of 85, 66%) would have reached Good." in text
    assert "Professional discretion was not eligible" in text
    assert "2.1 Assessment" not in text
    assert "The 10 standards' scores add up to 20 of 30, which is in the band 16-25: Good overall." in text


def test_explain_unknown_standard(runner):
    """An unknown standard is a usage error listing the framework's standards."""
    result = runner.invoke(cli, ["explain", str(SOUTH_YORKSHIRE_2020), "2.9"])
    assert result.exit_code == 2 and "2.9: not a standard of hmip-crc@2019" in result.stderr
