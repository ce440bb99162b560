"""`ratings plugins`: each plugin, its distribution, and what it provides."""

from __future__ import annotations

from ratings_engine.cli import cli


def test_plugins_lists_what_each_provides(runner):
    """`ratings plugins` shows each plugin, its distribution, and what it provides."""
    result = runner.invoke(cli, ["plugins"])
    assert result.exit_code == 0
    assert "rating_methods  (ratings-engine " in result.stdout
    assert "    rating method lowest-key-question" in result.stdout
    assert "    moderation rule qualitative-evidence" in result.stdout
    assert "    output format json" in result.stdout
