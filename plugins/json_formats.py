"""Built-in 'json' formats for every document but the result (whose 'json' is in output_formats).

Each is the engine's canonical JSON text of the document, as its schema in schemas/ describes it:
the same document always gives the same bytes.
"""

from __future__ import annotations

from ratings_engine.extension import DOCUMENTS, OutputFormat
from ratings_engine.hookspecs import hookimpl
from ratings_engine.io.jsonio import to_json_text


@hookimpl(trylast=True)
def ratings_output_formats():
    return [OutputFormat("json", f"The {document} document, as described by {document}.schema.json.", to_json_text, (".json",),
                         document=document)
            for document in DOCUMENTS if document != "result"]
