"""The result document and the framework document: what an evaluation or a framework says, written down.

Here: the result document of an evaluation (result), the reasons for each standard's rating that
every format lays out (reasons), and the document describing a framework (framework_doc, with its
banding words in framework_doc_bands), and the tables a spreadsheet receives, with one vocabulary of
columns and the CSV writer (tables). All are data: the output formats, plugins, word them and
never compute ratings.

It may import from io, model, plugin_host and rating.
"""
