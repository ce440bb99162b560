"""Bytes in and bytes out: the first layer, under everything else.

Here: reading files and standard input within their limits (reading, inputs, limits), the one
writer (writing), JSON parsed strictly with the place of every value (jsonio, jsonpos, json_depth,
json_numbers, json_syntax), the JSON Schemas and their compiled check (schemas, compiled_schema,
bundled), and text from data made safe to show (safe_text).

It may import only the standard library, jsonschema, and the floor at the top of the package
(errors, error_codes); nothing from the layers above.
"""
