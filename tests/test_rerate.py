"""Re-rating under two framework versions: a cause of a difference is listed only under a standard it can affect."""

from __future__ import annotations

import json

import pytest

from ratings_engine.cli import cli

from support import EXAMPLES, FRAMEWORKS

SOUTH_YORKSHIRE = {"2019": EXAMPLES / "south-yorkshire-crc-2019.json", "2020": EXAMPLES / "south-yorkshire-crc-2020.json"}
#: Each South Yorkshire inspection, rated under its own round, compared with the other round.
PAIRS = [("2019", "2018", "2019"), ("2020", "2019", "2018")]
BANDING = "the banding differs"


def _rerate(runner, inspection: str, own: str, other: str, *extra: str) -> dict:
    args = ["evaluate", str(SOUTH_YORKSHIRE[inspection]), "--framework", f"hmip-crc@{own}", "--compare-with", other,
            "--allow-out-of-window", "--format", "json", *extra]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _with_wider_bands(tmp_path, version: str) -> str:
    """A copy of hmip-crc@VERSION whose 'Too few' band starts at 45% instead of 50%, on a search path of its own."""
    framework = json.loads((FRAMEWORKS / "hmip-crc" / f"{version}.json").read_text("utf-8"))
    framework["version"] = f"{version}-wider"
    bands = framework["banding"]["bands"]
    bands[0]["below"] = bands[1]["at_least"] = 45
    (tmp_path / "wider.json").write_text(json.dumps(framework), encoding="utf-8")
    return f"hmip-crc@{version}-wider"


@pytest.mark.parametrize(("inspection", "own", "other"), PAIRS)
def test_the_two_rounds_band_alike_so_no_standard_blames_the_banding(runner, inspection, own, other):
    comparison = _rerate(runner, inspection, own, f"hmip-crc@{other}")
    assert not [cause for s in comparison["standards"] for cause in s["causes"] if cause.startswith(BANDING)]


@pytest.mark.parametrize(("inspection", "own", "other"), PAIRS)
def test_a_banding_difference_is_listed_only_under_standards_rated_on_cases(runner, tmp_path, inspection, own, other):
    """Wider bands in the other round: the cause is listed under each standard rated on its key questions'
    bands (2.1-2.4, 4.1, 4.2), and under none of those rated on the lead inspector's judgement (1.1-1.4)."""
    wider = _with_wider_bands(tmp_path, other)
    comparison = _rerate(runner, inspection, own, wider, "--frameworks-dir", str(tmp_path))
    blamed = {s["id"] for s in comparison["standards"] if any(c.startswith(BANDING) for c in s["causes"])}
    assert blamed == {"2.1", "2.2", "2.3", "2.4", "4.1", "4.2"}
    judged = {s["id"] for r in comparison["results"] for s in r["standards"] if s["judgement"] is not None}
    assert judged == {"1.1", "1.2", "1.3", "1.4"}
