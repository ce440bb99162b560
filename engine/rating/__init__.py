"""Rating an inspection: a pure function of (framework, inspection, plugins).

Here: reading an inspection file (inspection), counting the case records of each sample (counting,
tally), professional discretion (discretion), and the evaluation that puts them together (evaluate, keeping
its record as it goes in run, and giving what it decided in evaluation).

It may import from io, model and plugin_host, and the plugin contract at the top of the package
(extension, hookspecs).
"""
