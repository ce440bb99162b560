"""The limits a run keeps (engine/io/limits.py): each set from the environment, within its ceiling, or refused by name."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ratings_engine.cli import cli
from ratings_engine.errors import LimitSettingError
from ratings_engine.io import limits

from support import SOUTH_YORKSHIRE_2020


@pytest.mark.parametrize("name", sorted(limits.SETTINGS))
@pytest.mark.parametrize("value", ["abc", "1e9", "0.5", "-1", "0", "99999999999999999999", "1 000", "\u0661\u0662", "+5"])
def test_a_limit_set_wrongly_is_refused_naming_it(name, value, monkeypatch):
    monkeypatch.setenv(name, value)
    with pytest.raises(LimitSettingError) as caught:
        limits.current()
    assert str(caught.value).startswith(f"{name}={value!r} is not a limit the engine accepts: give a whole number of ")


@pytest.mark.parametrize("name", sorted(limits.SETTINGS))
def test_a_limit_may_be_set_from_1_to_its_ceiling(name, monkeypatch):
    default, ceiling, _ = limits.SETTINGS[name]
    assert limits.setting(name) == default
    for value, expected in (("1", 1), (f" {ceiling} ", ceiling), ("", default)):
        monkeypatch.setenv(name, value)
        assert limits.setting(name) == expected
    monkeypatch.setenv(name, str(ceiling + 1))
    with pytest.raises(LimitSettingError):
        limits.setting(name)


def test_the_depth_ceiling_is_ten_thousand():
    assert limits.SETTINGS["RATINGS_MAX_DEPTH"][1] == 10_000


@pytest.mark.parametrize("args", [["validate", str(SOUTH_YORKSHIRE_2020)], ["plugins"], ["frameworks"]])
def test_the_command_line_exits_2_on_a_limit_set_wrongly(args, monkeypatch):
    monkeypatch.setenv("RATINGS_MAX_CASES", "lots")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "RATINGS_MAX_CASES='lots' is not a limit the engine accepts" in result.stderr
    assert "Traceback" not in result.stderr
