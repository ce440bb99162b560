"""The built-in 'json' formats (plugins/json_formats.py): every document but the result (whose json
is in output_formats) prints as the engine's canonical JSON: the same document, the same bytes."""

from __future__ import annotations

import json

from ratings_engine.extension import DOCUMENTS
from ratings_engine.plugin_host.registry import format_kind

from support import EXAMPLES, SOUTH_YORKSHIRE_2020, printed


def test_every_document_has_a_json_format_from_this_plugin(registry):
    for document in DOCUMENTS:
        json_format = registry.formats_for(document)["json"]
        assert json_format.extensions == (".json",)
        if document != "result":
            assert registry.plugin_of(format_kind(document), "json") == "json_formats"
            assert f"{document}.schema.json" in json_format.description


def test_json_is_canonical_the_same_document_gives_the_same_bytes(runner, registry):
    for document, args in [("explanation", ["explain", str(SOUTH_YORKSHIRE_2020)]),
                           ("comparison", ["compare", str(EXAMPLES / "south-yorkshire-crc-2019.json"), str(SOUTH_YORKSHIRE_2020)]),
                           ("framework-diff", ["diff", "hmip-crc@2018", "hmip-crc@2019"])]:
        text = printed(runner, args, "json")
        parsed = json.loads(text)
        assert registry.formats_for(document)["json"].render(parsed) == text
        assert text == printed(runner, args, "json")
