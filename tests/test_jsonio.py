"""Reading JSON: the cycle collector, paused while a document is parsed, is always left as it was."""

from __future__ import annotations

import gc

import pytest

from ratings_engine.errors import InvalidInputError
from ratings_engine.jsonio import parse_json


@pytest.fixture
def collector():
    was_enabled = gc.isenabled()
    yield
    (gc.enable if was_enabled else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("raw", [b'{"a": [1, 2, {"b": null}]}', b'{"a": 1, "a": 2}', b"[" * 5000, b'{"a": NaN}'])
def test_the_cycle_collector_is_left_as_it_was(collector, enabled, raw):
    (gc.enable if enabled else gc.disable)()
    try:
        parse_json(raw, "x.json")
    except InvalidInputError:
        pass
    assert gc.isenabled() is enabled


def test_the_collector_is_paused_only_while_parsing(collector, monkeypatch):
    """json.loads runs with it off; it is back on as soon as the parse is over."""
    import ratings_engine.jsonio as jsonio

    seen = []
    real = jsonio.json.loads
    monkeypatch.setattr(jsonio.json, "loads", lambda *a, **k: (seen.append(gc.isenabled()), real(*a, **k))[1])
    gc.enable()
    assert parse_json(b'{"a": 1}', "x.json") == {"a": 1}
    assert seen == [False] and gc.isenabled()
